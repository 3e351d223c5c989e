// CONV_2D and DEPTHWISE_CONV_2D (litec/ir/ops/Convolution.h): every output a sum over the
// filter taps inside the input, padding contributing nothing.

#include "litec/ir/ops/Convolution.h"
#include "../KernelSupport.h"

namespace litec::ir::reference {

namespace {
using ops::ConvolutionParams;

// Calls f(outIndex, outChannel, taps) for each output element, where taps(tap) visits the
// in-bounds taps as tap(inputIndex, filterIndex).
template <typename F> void forEachOutput(const ConvolutionParams &p, bool depthwise, F &&f) {
  for (int b = 0; b < p.batches; ++b)
    for (int oy = 0; oy < p.outH; ++oy)
      for (int ox = 0; ox < p.outW; ++ox)
        for (int oc = 0; oc < p.outC; ++oc) {
          auto taps = [&](auto &&tap) {
            for (int fy = 0; fy < p.filterH; ++fy) {
              const int iy = oy * p.strideH - p.padTop + fy * p.dilationH;
              if (iy < 0 || iy >= p.inH)
                continue;
              for (int fx = 0; fx < p.filterW; ++fx) {
                const int ix = ox * p.strideW - p.padLeft + fx * p.dilationW;
                if (ix < 0 || ix >= p.inW)
                  continue;
                const int pixel = (b * p.inH + iy) * p.inW + ix;
                if (depthwise) {
                  // Output channel oc reads input channel oc / depthMultiplier (1HWO filter).
                  tap(pixel * p.inC + oc / p.depthMultiplier, (fy * p.filterW + fx) * p.outC + oc);
                } else {
                  // A group's output channels read its slice of the input (OHWI filter).
                  const int inBase = (oc / p.groupSize) * p.filterC;
                  for (int ic = 0; ic < p.filterC; ++ic)
                    tap(pixel * p.inC + inBase + ic,
                        ((oc * p.filterH + fy) * p.filterW + fx) * p.filterC + ic);
                }
              }
            }
          };
          f(((b * p.outH + oy) * p.outW + ox) * p.outC + oc, oc, taps);
        }
}

template <typename In, typename Weight, typename Bias>
class ConvolutionKernel final : public Kernel {
public:
  ConvolutionKernel(ConvolutionParams p, bool depthwise)
      : p_(std::move(p)), depthwise_(depthwise) {}
  llvm::Error run(const TensorViews &t) const override {
    const In *input = t.input<In>(0);
    const Weight *filter = t.input<Weight>(1);
    const Bias *bias = t.hasInput(2) ? t.input<Bias>(2) : nullptr;
    In *output = t.output<In>(0);
    forEachOutput(p_, depthwise_, [&](int out, int oc, auto &&taps) {
      if constexpr (std::is_same_v<In, float>) {
        float total = 0.f;
        taps([&](int in, int f) { total += input[in] * filter[f]; });
        total += bias ? bias[oc] : 0.f;
        if (p_.residualChannels > 0) {
          // The ADD the residual came from: residual + conv (0 + conv past its channels).
          const int pixel = out / p_.outC;
          const float r =
              oc < p_.residualChannels ? t.input<float>(3)[pixel * p_.residualChannels + oc] : 0.f;
          total = r + total;
        }
        output[out] = std::clamp(total, p_.floatRange.min, p_.floatRange.max);
      } else {
        int64_t acc = 0;
        taps([&](int in, int f) {
          acc += (int32_t(filter[f]) + p_.weightsOffset) * (int32_t(input[in]) + p_.inputOffset);
        });
        if (bias)
          acc += bias[oc];
        output[out] = quantizedOutput<In>(p_, acc, oc);
      }
    });
    return llvm::Error::success();
  }

private:
  ConvolutionParams p_;
  bool depthwise_;
};
} // namespace

llvm::Expected<KernelPtr> prepareConvolution(const Op &op) {
  auto prepared = ops::prepareConvolution(op);
  if (!prepared)
    return prepared.takeError();
  if (KernelPtr kernel = makeWeightedKernel<ConvolutionKernel>(
          prepared->types, std::move(prepared->params), prepared->depthwise))
    return kernel;
  return kernelError("convolution kernel for unexpected types");
}

} // namespace litec::ir::reference
