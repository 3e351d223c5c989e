// CONCATENATION along one axis (negative axes count from the end). Any element type, as long
// as every quantised input shares the output's scale and zero point (then the bytes are just
// copied).

#include "../KernelSupport.h"

#include <cstring>

namespace litec::ir::reference {

namespace {
class ConcatenationKernel final : public Kernel {
public:
  // outer: product of the dimensions before the axis; chunks[i]: bytes of input i per outer
  // step (its axis dimension times everything after it, times the element size).
  ConcatenationKernel(int64_t outer, std::vector<int64_t> chunks)
      : outer_(outer), chunks_(std::move(chunks)) {}
  llvm::Error run(const TensorViews &t) const override {
    uint8_t *out = t.outputBytes(0).data();
    for (int64_t o = 0; o < outer_; ++o)
      for (size_t i = 0; i < chunks_.size(); ++i) {
        if (chunks_[i] == 0)
          continue;
        std::memcpy(out, t.inputBytes(i).data() + o * chunks_[i], size_t(chunks_[i]));
        out += chunks_[i];
      }
    return llvm::Error::success();
  }

private:
  int64_t outer_;
  std::vector<int64_t> chunks_;
};
} // namespace

llvm::Expected<KernelPtr> prepareConcatenation(const Op &op) {
  const Value &output = *op.results[0];
  if (activationOf(op) != "NONE")
    return unsupported("CONCATENATION with fused activation " + activationOf(op));
  const int64_t rank = int64_t(output.shape.size());
  int64_t axis = op.attrs.getInt("axis").value_or(0);
  if (axis < 0)
    axis += rank;
  int64_t outer = 1, inner = int64_t(elementByteSize(output.type));
  for (int64_t d = 0; d < axis; ++d)
    outer *= output.shape[size_t(d)];
  for (int64_t d = axis + 1; d < rank; ++d)
    inner *= output.shape[size_t(d)];
  std::vector<int64_t> chunks;
  for (const Value *input : op.operands) {
    if (!input || input->type != output.type)
      return unsupported("CONCATENATION with types " + typeList(op));
    if (output.quant.isQuantized() &&
        (scaleOf(*input) != scaleOf(output) || zeroPointOf(*input) != zeroPointOf(output)))
      return unsupported("CONCATENATION of inputs quantised differently from the output");
    chunks.push_back(input->shape[size_t(axis)] * inner);
  }
  return std::make_unique<ConcatenationKernel>(outer, std::move(chunks));
}

} // namespace litec::ir::reference
