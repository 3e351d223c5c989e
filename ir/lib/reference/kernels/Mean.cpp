// MEAN over constant axes, as TFLite Micro's reference kernels compute it (the truth for
// whole int8 models): float32 sums in float in input order, then divides; int8 and int16 sum
// in int32 and rescale once (see IntegerMean).

#include "../KernelSupport.h"

#include <bit>
#include <limits>

namespace litec::ir::reference {

namespace {
// For each input element, the index of the output element it reduces into.
std::vector<int64_t> reductionTargets(const Shape &in, const std::vector<bool> &reduced) {
  Shape kept;
  for (size_t d = 0; d < in.size(); ++d)
    kept.push_back(reduced[d] ? 1 : in[d]);
  const std::vector<int64_t> keptStrides = stridesOf(kept);
  const int64_t count = elementCount(in).value_or(0);
  std::vector<int64_t> targets(static_cast<size_t>(count));
  std::vector<int64_t> index(in.size(), 0);
  for (int64_t i = 0; i < count; ++i) {
    int64_t target = 0;
    for (size_t d = 0; d < in.size(); ++d)
      target += reduced[d] ? 0 : index[d] * keptStrides[d];
    targets[static_cast<size_t>(i)] = target;
    for (size_t d = in.size(); d-- > 0;) {
      if (++index[d] < in[d])
        break;
      index[d] = 0;
    }
  }
  return targets;
}

class FloatMean final : public Kernel {
public:
  FloatMean(std::vector<int64_t> targets, int64_t outputs, int64_t perOutput)
      : targets_(std::move(targets)), outputs_(outputs), perOutput_(perOutput) {}
  llvm::Error run(const TensorViews &t) const override {
    const float *input = t.input<float>(0);
    float *output = t.output<float>(0);
    std::fill(output, output + outputs_, 0.f);
    for (size_t i = 0; i < targets_.size(); ++i)
      output[targets_[i]] += input[i];
    for (int64_t o = 0; o < outputs_; ++o)
      output[o] /= float(perOutput_);
    return llvm::Error::success();
  }

private:
  std::vector<int64_t> targets_;
  int64_t outputs_, perOutput_;
};

// TFLite Micro's integer mean: raw values summed in int32, the input zero point removed from
// the sum, then one rescaling by (input_scale / output_scale) / count, where the division by
// the count is folded into the multiplier with up to 32 bits of extra precision.
template <typename T> class IntegerMean final : public Kernel {
public:
  IntegerMean(std::vector<int64_t> targets, int64_t outputs, int64_t perOutput,
              int32_t inputZeroPoint, int32_t outputZeroPoint, QuantizedMultiplier rescale)
      : targets_(std::move(targets)), outputs_(outputs), perOutput_(perOutput),
        inputZeroPoint_(inputZeroPoint), outputZeroPoint_(outputZeroPoint) {
    int shift = 63 - std::countl_zero(static_cast<uint64_t>(std::max<int64_t>(perOutput, 1)));
    shift = std::min({shift, 32, 31 + rescale.shift});
    multiplier_ = {static_cast<int32_t>((static_cast<int64_t>(rescale.multiplier) << shift) /
                                        std::max<int64_t>(perOutput, 1)),
                   rescale.shift - shift};
  }
  llvm::Error run(const TensorViews &t) const override {
    const T *input = t.input<T>(0);
    T *output = t.output<T>(0);
    std::vector<int32_t> sums(static_cast<size_t>(outputs_), 0);
    for (size_t i = 0; i < targets_.size(); ++i)
      sums[static_cast<size_t>(targets_[i])] += input[i];
    for (int64_t o = 0; o < outputs_; ++o) {
      const int32_t shifted =
          sums[static_cast<size_t>(o)] - inputZeroPoint_ * static_cast<int32_t>(perOutput_);
      const int32_t value = runtime::multiplyByQuantizedMultiplier(shifted, multiplier_.multiplier,
                                                                   multiplier_.shift) +
                            outputZeroPoint_;
      output[o] = static_cast<T>(
          std::clamp<int32_t>(value, std::numeric_limits<T>::min(), std::numeric_limits<T>::max()));
    }
    return llvm::Error::success();
  }

private:
  std::vector<int64_t> targets_;
  int64_t outputs_, perOutput_;
  int32_t inputZeroPoint_, outputZeroPoint_;
  QuantizedMultiplier multiplier_;
};
} // namespace

llvm::Expected<KernelPtr> prepareMean(const Op &op) {
  const Value &input = *op.operands[0], &output = *op.results[0];
  std::optional<std::vector<int64_t>> axes = constantInts(op.operands[1]);
  if (!axes)
    return unsupported("MEAN over axes that are not constant");
  std::vector<bool> reduced(input.shape.size(), false);
  for (int64_t axis : *axes)
    reduced[static_cast<size_t>(axis < 0 ? axis + int64_t(input.shape.size()) : axis)] = true;
  const int64_t outputs = elementCount(output.shape).value_or(0);
  const int64_t perOutput = elementCount(input.shape).value_or(0) / std::max<int64_t>(outputs, 1);
  if (input.type == ElementType::F32 && output.type == ElementType::F32)
    return std::make_unique<FloatMean>(reductionTargets(input.shape, reduced), outputs, perOutput);
  const QuantizedMultiplier rescale =
      quantizeMultiplier(double(scaleOf(input)) / double(scaleOf(output)));
  if (input.type == ElementType::I8 && output.type == ElementType::I8)
    return std::make_unique<IntegerMean<int8_t>>(reductionTargets(input.shape, reduced), outputs,
                                                 perOutput, zeroPointOf(input), zeroPointOf(output),
                                                 rescale);
  if (input.type == ElementType::I16 && output.type == ElementType::I16)
    return std::make_unique<IntegerMean<int16_t>>(reductionTargets(input.shape, reduced), outputs,
                                                  perOutput, zeroPointOf(input),
                                                  zeroPointOf(output), rescale);
  return unsupported("MEAN with types " + typeList(op) + " over these axes");
}

} // namespace litec::ir::reference
