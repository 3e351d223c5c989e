// CONCATENATION along one axis (negative axes count from the end). Any element type; inputs
// that share the output's scale and zero point are copied byte for byte. uint8 inputs quantised
// differently are rescaled as TFLite's ConcatenationWithScaling does it (in float, rounded half
// away from zero, clamped); TFLite refuses int8 and int16 inputs that differ, and so does this.

#include "../KernelSupport.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace litec::ir::reference {

namespace {
// How one uint8 input maps to the output's quantisation: q_out = round(q * scale + bias) + zp.
struct Uint8Rescale {
  bool needed = false;
  float scale = 1, bias = 0;
  int32_t outputZeroPoint = 0;

  uint8_t apply(uint8_t q) const {
    const float scaled = float(q) * scale;
    const int32_t value = int32_t(std::round(scaled + bias)) + outputZeroPoint;
    return uint8_t(std::clamp(value, 0, 255));
  }
};

class ConcatenationKernel final : public Kernel {
public:
  // outer: product of the dimensions before the axis; chunks[i]: bytes of input i per outer
  // step (its axis dimension times everything after it, times the element size).
  ConcatenationKernel(int64_t outer, std::vector<int64_t> chunks,
                      std::vector<Uint8Rescale> rescales)
      : outer_(outer), chunks_(std::move(chunks)), rescales_(std::move(rescales)) {}
  llvm::Error run(const TensorViews &t) const override {
    uint8_t *out = t.outputBytes(0).data();
    for (int64_t o = 0; o < outer_; ++o)
      for (size_t i = 0; i < chunks_.size(); ++i) {
        if (chunks_[i] == 0)
          continue;
        const uint8_t *in = t.inputBytes(i).data() + o * chunks_[i];
        if (rescales_[i].needed)
          for (int64_t j = 0; j < chunks_[i]; ++j)
            out[j] = rescales_[i].apply(in[j]);
        else
          std::memcpy(out, in, size_t(chunks_[i]));
        out += chunks_[i];
      }
    return llvm::Error::success();
  }

private:
  int64_t outer_;
  std::vector<int64_t> chunks_;
  std::vector<Uint8Rescale> rescales_;
};
} // namespace

llvm::Expected<KernelPtr> prepareConcatenation(const Op &op) {
  const Value &output = *op.results[0];
  if (activationOf(op) != "NONE")
    return unsupported("CONCATENATION with fused activation " + activationOf(op));
  const size_t rank = output.shape.size();
  const int64_t axis = normalizedAxis(op.attrs.getInt("axis").value_or(0), rank);
  const int64_t outer = dimensionProduct(output.shape, 0, size_t(axis));
  const int64_t inner = dimensionProduct(output.shape, size_t(axis) + 1, rank) *
                        int64_t(elementByteSize(output.type)); // in bytes
  std::vector<int64_t> chunks;
  std::vector<Uint8Rescale> rescales;
  const float inverseOutputScale = output.quant.isQuantized() ? 1.f / scaleOf(output) : 1.f;
  for (const Value *input : op.operands) {
    if (!input || input->type != output.type)
      return unsupported("CONCATENATION with types " + typeList(op));
    Uint8Rescale rescale;
    if (output.quant.isQuantized() &&
        (scaleOf(*input) != scaleOf(output) || zeroPointOf(*input) != zeroPointOf(output))) {
      if (output.type != ElementType::U8)
        return unsupported("CONCATENATION of " + std::string(elementTypeName(output.type)) +
                           " inputs quantised differently from the output (TFLite rescales "
                           "only uint8)");
      rescale.needed = true;
      rescale.scale = scaleOf(*input) * inverseOutputScale;
      rescale.bias = float(-zeroPointOf(*input)) * rescale.scale;
      rescale.outputZeroPoint = zeroPointOf(output);
    }
    chunks.push_back(input->shape[size_t(axis)] * inner);
    rescales.push_back(rescale);
  }
  return std::make_unique<ConcatenationKernel>(outer, std::move(chunks), std::move(rescales));
}

} // namespace litec::ir::reference
