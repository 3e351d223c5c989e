// MEAN, SUM, REDUCE_MAX and REDUCE_MIN (litec/ir/ops/Reduce.h) as TFLite Micro's reference
// kernels compute them.

#include "litec/ir/ops/Reduce.h"
#include "../KernelSupport.h"

#include <limits>

namespace litec::ir::reference {

namespace {
// For each input element, in order, the index of the output element it reduces into.
std::vector<int64_t> reductionTargets(const ops::ReduceParams &p) {
  std::vector<int64_t> targets(size_t(p.count));
  std::vector<int64_t> index(size_t(p.rank), 0);
  const Shape shape(p.inShape.begin(), p.inShape.end());
  for (int64_t i = 0; i < p.count; ++i) {
    int64_t target = 0;
    for (size_t d = 0; d < size_t(p.rank); ++d)
      target += index[d] * p.targetStrides[d];
    targets[size_t(i)] = target;
    advanceIndex(index, shape);
  }
  return targets;
}

template <typename T> class RawReduce final : public Kernel {
public:
  RawReduce(const ops::ReduceParams &p, ops::Reduction reduction)
      : targets_(reductionTargets(p)), outputs_(p.outputs), perOutput_(p.perOutput),
        reduction_(reduction) {}
  llvm::Error run(const TensorViews &t) const override {
    using ops::Reduction;
    const T *input = t.input<T>(0);
    T *output = t.output<T>(0);
    const T init = reduction_ == Reduction::Max   ? std::numeric_limits<T>::lowest()
                   : reduction_ == Reduction::Min ? std::numeric_limits<T>::max()
                                                  : T(0);
    std::fill(output, output + outputs_, init);
    for (size_t i = 0; i < targets_.size(); ++i) {
      T &out = output[targets_[i]];
      out = reduction_ == Reduction::Max   ? std::max(out, input[i])
            : reduction_ == Reduction::Min ? std::min(out, input[i])
                                           : T(out + input[i]);
    }
    if (reduction_ == Reduction::Mean)
      for (int64_t o = 0; o < outputs_; ++o)
        output[o] /= T(perOutput_);
    return llvm::Error::success();
  }

private:
  std::vector<int64_t> targets_;
  int64_t outputs_, perOutput_;
  ops::Reduction reduction_;
};

// TFLite Micro's integer mean and sum: raw values summed in int32, the input zero point removed
// from the sum, then one rescaling (the mean's division folded into the multiplier).
template <typename T> class IntegerMeanOrSum final : public Kernel {
public:
  explicit IntegerMeanOrSum(const ops::ReduceParams &p) : targets_(reductionTargets(p)), p_(p) {}
  llvm::Error run(const TensorViews &t) const override {
    const T *input = t.input<T>(0);
    T *output = t.output<T>(0);
    std::vector<int64_t> sums(size_t(p_.outputs), 0);
    for (size_t i = 0; i < targets_.size(); ++i)
      sums[size_t(targets_[i])] += input[i];
    for (int64_t o = 0; o < p_.outputs; ++o) {
      const int32_t shifted =
          wrapToInt32(sums[size_t(o)] - int64_t(p_.inputZeroPoint) * p_.perOutput);
      const int32_t value =
          runtime::multiplyByQuantizedMultiplier(shifted, p_.rescale.multiplier, p_.rescale.shift) +
          p_.outputZeroPoint;
      output[o] = static_cast<T>(
          std::clamp<int32_t>(value, std::numeric_limits<T>::min(), std::numeric_limits<T>::max()));
    }
    return llvm::Error::success();
  }

private:
  std::vector<int64_t> targets_;
  ops::ReduceParams p_;
};
} // namespace

llvm::Expected<KernelPtr> prepareReduce(const Op &op) {
  auto prepared = ops::prepareReduce(op);
  if (!prepared)
    return prepared.takeError();
  const ops::ReduceParams &p = prepared->params;
  if (prepared->quantizedMeanOrSum) {
    if (prepared->type == ElementType::I16)
      return std::make_unique<IntegerMeanOrSum<int16_t>>(p);
    return std::make_unique<IntegerMeanOrSum<int8_t>>(p);
  }
  switch (prepared->type) {
  case ElementType::F32:
    return std::make_unique<RawReduce<float>>(p, prepared->reduction);
  case ElementType::I16:
    return std::make_unique<RawReduce<int16_t>>(p, prepared->reduction);
  default:
    return std::make_unique<RawReduce<int8_t>>(p, prepared->reduction);
  }
}

} // namespace litec::ir::reference
