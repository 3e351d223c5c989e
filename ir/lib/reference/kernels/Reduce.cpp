// MEAN, SUM, REDUCE_MAX and REDUCE_MIN over constant axes, as TFLite Micro's reference kernels
// compute them (the truth for whole int8 models): float32 accumulates in input order (MEAN then
// divides); int8 and int16 MEAN and SUM accumulate in int32 and rescale once (IntegerMeanOrSum);
// integer MAX and MIN compare raw values, input and output sharing their quantisation.

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
  const std::vector<int64_t> keptStrides = rowMajorStrides(kept);
  const int64_t count = elementCount(in).value_or(0);
  std::vector<int64_t> targets(static_cast<size_t>(count));
  std::vector<int64_t> index(in.size(), 0);
  for (int64_t i = 0; i < count; ++i) {
    int64_t target = 0;
    for (size_t d = 0; d < in.size(); ++d)
      target += reduced[d] ? 0 : index[d] * keptStrides[d];
    targets[static_cast<size_t>(i)] = target;
    advanceIndex(index, in);
  }
  return targets;
}

template <typename T> class GenericReduce final : public Kernel {
public:
  GenericReduce(std::vector<int64_t> targets, int64_t outputs, int64_t perOutput, OpKind kind)
      : targets_(std::move(targets)), outputs_(outputs), perOutput_(perOutput), kind_(kind) {}
  llvm::Error run(const TensorViews &t) const override {
    const T *input = t.input<T>(0);
    T *output = t.output<T>(0);
    const T init = kind_ == OpKind::REDUCE_MAX   ? std::numeric_limits<T>::lowest()
                   : kind_ == OpKind::REDUCE_MIN ? std::numeric_limits<T>::max()
                                                 : T(0);
    std::fill(output, output + outputs_, init);
    for (size_t i = 0; i < targets_.size(); ++i) {
      T &out = output[targets_[i]];
      out = kind_ == OpKind::REDUCE_MAX   ? std::max(out, input[i])
            : kind_ == OpKind::REDUCE_MIN ? std::min(out, input[i])
                                          : T(out + input[i]);
    }
    if (kind_ == OpKind::MEAN)
      for (int64_t o = 0; o < outputs_; ++o)
        output[o] /= T(perOutput_);
    return llvm::Error::success();
  }

private:
  std::vector<int64_t> targets_;
  int64_t outputs_, perOutput_;
  OpKind kind_;
};

// TFLite Micro's integer mean and sum: raw values summed in int32, the input zero point removed
// from the sum, then one rescaling by input_scale / output_scale; for the mean the division by
// the count is folded into that multiplier with up to 32 bits of extra precision.
template <typename T> class IntegerMeanOrSum final : public Kernel {
public:
  IntegerMeanOrSum(std::vector<int64_t> targets, int64_t outputs, int64_t perOutput,
                   int32_t inputZeroPoint, int32_t outputZeroPoint, QuantizedMultiplier rescale,
                   bool isSum)
      : targets_(std::move(targets)), outputs_(outputs), perOutput_(perOutput),
        inputZeroPoint_(inputZeroPoint), outputZeroPoint_(outputZeroPoint) {
    if (isSum) {
      multiplier_ = rescale;
      return;
    }
    int shift = 63 - std::countl_zero(static_cast<uint64_t>(std::max<int64_t>(perOutput, 1)));
    shift = std::min({shift, 32, 31 + rescale.shift});
    multiplier_ = {static_cast<int32_t>((static_cast<int64_t>(rescale.multiplier) << shift) /
                                        std::max<int64_t>(perOutput, 1)),
                   rescale.shift - shift};
  }
  llvm::Error run(const TensorViews &t) const override {
    const T *input = t.input<T>(0);
    T *output = t.output<T>(0);
    std::vector<int64_t> sums(static_cast<size_t>(outputs_), 0);
    for (size_t i = 0; i < targets_.size(); ++i)
      sums[static_cast<size_t>(targets_[i])] += input[i];
    for (int64_t o = 0; o < outputs_; ++o) {
      const int32_t shifted =
          wrapToInt32(sums[static_cast<size_t>(o)] - int64_t(inputZeroPoint_) * perOutput_);
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

llvm::Expected<KernelPtr> prepareReduce(const Op &op) {
  const Value &input = *op.operands[0], &output = *op.results[0];
  std::optional<std::vector<int64_t>> axes = constantInts(op.operands[1]);
  if (!axes)
    return unsupported("a reduction over axes that are not constant");
  std::vector<bool> reduced(input.shape.size(), false);
  for (int64_t axis : *axes)
    reduced[size_t(normalizedAxis(axis, input.shape.size()))] = true;
  const int64_t outputs = elementCount(output.shape).value_or(0);
  const int64_t perOutput = elementCount(input.shape).value_or(0) / std::max<int64_t>(outputs, 1);
  std::vector<int64_t> targets = reductionTargets(input.shape, reduced);
  if (input.type != output.type)
    return unsupported(std::string(opKindInfo(op.kind).name) + " with types " + typeList(op));
  if (input.type == ElementType::F32)
    return std::make_unique<GenericReduce<float>>(std::move(targets), outputs, perOutput, op.kind);
  const bool minMax = op.kind == OpKind::REDUCE_MAX || op.kind == OpKind::REDUCE_MIN;
  if (minMax && scaleOf(input) == scaleOf(output) && zeroPointOf(input) == zeroPointOf(output)) {
    if (input.type == ElementType::I8)
      return std::make_unique<GenericReduce<int8_t>>(std::move(targets), outputs, perOutput,
                                                     op.kind);
    if (input.type == ElementType::I16)
      return std::make_unique<GenericReduce<int16_t>>(std::move(targets), outputs, perOutput,
                                                      op.kind);
  }
  if (!minMax && input.quant.isQuantized()) {
    const QuantizedMultiplier rescale =
        quantizeMultiplier(double(scaleOf(input)) / double(scaleOf(output)));
    const bool isSum = op.kind == OpKind::SUM;
    if (input.type == ElementType::I8)
      return std::make_unique<IntegerMeanOrSum<int8_t>>(std::move(targets), outputs, perOutput,
                                                        zeroPointOf(input), zeroPointOf(output),
                                                        rescale, isSum);
    if (input.type == ElementType::I16)
      return std::make_unique<IntegerMeanOrSum<int16_t>>(std::move(targets), outputs, perOutput,
                                                         zeroPointOf(input), zeroPointOf(output),
                                                         rescale, isSum);
  }
  return unsupported(std::string(opKindInfo(op.kind).name) + " with types " + typeList(op));
}

} // namespace litec::ir::reference
