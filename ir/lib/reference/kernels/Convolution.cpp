// CONV_2D and DEPTHWISE_CONV_2D (litec/ir/ops/Convolution.h): every output a sum over the
// filter taps inside the input, padding contributing nothing; a fused convolution's epilogue then
// applied to each output as the op it replaced would have.

#include "litec/ir/ops/Convolution.h"
#include "../KernelSupport.h"

#include "litec/runtime/QuantizedActivations.h"
#include "litec/runtime/QuantizedArithmetic.h"

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

using runtime::ConvolutionEpilogue;

// The float epilogue of output `value` in channel oc; `extra` is the residual element (0 beyond
// the residual's channels) or the channel's PRELU slope.
float epilogueFloat(const ConvolutionParams &p, float value, float extra) {
  switch (ConvolutionEpilogue(p.epilogue)) {
  case ConvolutionEpilogue::kResidual:
    return std::clamp(extra + value, p.epilogueRange.min, p.epilogueRange.max);
  case ConvolutionEpilogue::kPrelu:
    return applyFloat(runtime::BinaryOp::kPrelu, value, extra);
  case ConvolutionEpilogue::kHardSwish:
    return applyFloat(runtime::Activation::kHardSwish, value, 0.f);
  case ConvolutionEpilogue::kNone:
    break;
  }
  return value;
}

template <typename T> T epilogueQuantized(const ConvolutionParams &p, T value, T extra) {
  switch (ConvolutionEpilogue(p.epilogue)) {
  case ConvolutionEpilogue::kResidual:
    return T(runtime::quantizedAdd(p.epilogueAdd, value, extra));
  case ConvolutionEpilogue::kPrelu:
    return T(runtime::quantizedPrelu(p.epiloguePrelu, value, extra));
  case ConvolutionEpilogue::kHardSwish:
    if constexpr (sizeof(T) == 1)
      return runtime::hardSwish<T>(value, p.epilogueHardSwish);
    break;
  case ConvolutionEpilogue::kNone:
    break;
  }
  return value;
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
    const auto epilogue = ConvolutionEpilogue(p_.epilogue);
    const In *extra =
        epilogue == ConvolutionEpilogue::kResidual || epilogue == ConvolutionEpilogue::kPrelu
            ? t.input<In>(3)
            : nullptr;
    // The epilogue's operand for output `out` in channel oc: the residual element, or the
    // channel's slope.
    auto extraAt = [&](int out, int oc) -> In {
      if (epilogue == ConvolutionEpilogue::kResidual) {
        if (oc >= p_.epilogueChannels)
          return In(0); // a float residual's zero channels (a channel PAD folded in)
        return extra[out / p_.outC * p_.epilogueChannels + oc];
      }
      if (epilogue == ConvolutionEpilogue::kPrelu)
        return extra[p_.epilogueChannels == 1 ? 0 : oc];
      return In(0);
    };
    forEachOutput(p_, depthwise_, [&](int out, int oc, auto &&taps) {
      if constexpr (std::is_same_v<In, float>) {
        float total = 0.f;
        taps([&](int in, int f) { total += input[in] * filter[f]; });
        total += bias ? bias[oc] : 0.f;
        const float value = std::clamp(total, p_.floatRange.min, p_.floatRange.max);
        output[out] = epilogueFloat(p_, value, extraAt(out, oc));
      } else {
        int64_t acc = 0;
        taps([&](int in, int f) {
          acc += (int32_t(filter[f]) + p_.weightsOffset) * (int32_t(input[in]) + p_.inputOffset);
        });
        if (bias)
          acc += bias[oc];
        output[out] = epilogueQuantized<In>(p_, quantizedOutput<In>(p_, acc, oc), extraAt(out, oc));
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
