// TRANSPOSE_CONV and MediaPipe's Convolution2DTransposeBias (litec/ir/ops/
// TransposeConvolution.h): every input element's products scattered into the output.

#include "litec/ir/ops/TransposeConvolution.h"
#include "../KernelSupport.h"

namespace litec::ir::reference {

namespace {
using ops::TransposeConvolutionParams;

// Calls f(inputIndex, weightIndex, outputIndex) for every input element, filter tap and output
// channel whose product lands inside the output.
template <typename F> void forEachScatter(const TransposeConvolutionParams &p, F &&f) {
  for (int b = 0; b < p.batches; ++b)
    for (int iy = 0; iy < p.inH; ++iy)
      for (int ix = 0; ix < p.inW; ++ix)
        for (int ic = 0; ic < p.inC; ++ic) {
          const int64_t in = ((int64_t(b) * p.inH + iy) * p.inW + ix) * p.inC + ic;
          for (int fy = 0; fy < p.filterH; ++fy) {
            const int oy = iy * p.strideH - p.padTop + fy;
            if (oy < 0 || oy >= p.outH)
              continue;
            for (int fx = 0; fx < p.filterW; ++fx) {
              const int ox = ix * p.strideW - p.padLeft + fx;
              if (ox < 0 || ox >= p.outW)
                continue;
              const int64_t out = ((int64_t(b) * p.outH + oy) * p.outW + ox) * p.outC;
              for (int oc = 0; oc < p.outC; ++oc)
                f(in, ((int64_t(oc) * p.filterH + fy) * p.filterW + fx) * p.inC + ic, out + oc);
            }
          }
        }
}

template <typename In, typename Weight, typename Bias>
class TransposeConvolutionKernel final : public Kernel {
public:
  TransposeConvolutionKernel(TransposeConvolutionParams p, ops::WeightedOperands operands)
      : p_(std::move(p)), operands_(operands), sums_(size_t(p_.outCount)) {}
  llvm::Error run(const TensorViews &t) const override {
    using Sum = std::conditional_t<std::is_same_v<In, float>, float, int64_t>;
    const In *input = t.input<In>(operands_.input);
    const Weight *weights = t.input<Weight>(operands_.weights);
    const Bias *bias = t.hasInput(operands_.bias) ? t.input<Bias>(operands_.bias) : nullptr;
    In *output = t.output<In>(0);
    std::fill(sums_.begin(), sums_.end(), Sum(0));
    forEachScatter(p_, [&](int64_t in, int64_t w, int64_t out) {
      if constexpr (std::is_same_v<In, float>)
        sums_[size_t(out)] += input[in] * weights[w];
      else
        sums_[size_t(out)] +=
            (int32_t(weights[w]) + p_.weightsOffset) * (int32_t(input[in]) + p_.inputOffset);
    });
    for (int64_t i = 0; i < p_.outCount; ++i) {
      const int64_t channel = i % p_.outC;
      const Sum sum = sums_[size_t(i)] + (bias ? Sum(bias[channel]) : Sum(0));
      if constexpr (std::is_same_v<In, float>)
        output[i] = std::clamp(sum, p_.floatRange.min, p_.floatRange.max);
      else
        output[i] = quantizedOutput<In>(p_, sum, channel);
    }
    return llvm::Error::success();
  }

private:
  TransposeConvolutionParams p_;
  ops::WeightedOperands operands_;
  // Kernels run one op at a time, so a prepared op may keep its scratch.
  mutable std::vector<std::conditional_t<std::is_same_v<In, float>, float, int64_t>> sums_;
};
} // namespace

llvm::Expected<KernelPtr> prepareTransposeConvolution(const Op &op) {
  auto prepared = ops::prepareTransposeConvolution(op);
  if (!prepared)
    return prepared.takeError();
  if (KernelPtr kernel = makeWeightedKernel<TransposeConvolutionKernel>(
          prepared->types, std::move(prepared->params), prepared->operands))
    return kernel;
  return kernelError("transposed convolution kernel for unexpected types");
}

} // namespace litec::ir::reference
