#pragma once

// CONV_2D and DEPTHWISE_CONV_2D on NHWC data. p: litec/ir/ops/Convolution.h's
// ConvolutionParams (the geometry: batches, inH, inW, inC, outH, outW, outC, filterH, filterW,
// filterC and groupSize or depthMultiplier, strides, dilations, padTop, padLeft; float:
// floatRange; quantised: inputOffset, weightsOffset, padWithZeroPoint, padValue and the output
// stage). With padWithZeroPoint (the input zero point folded into the bias), taps outside the
// input read padValue instead of being skipped, which is the same sum. A fused convolution
// (p.epilogue) finishes each output pixel with its epilogue: the residual ADD, PRELU or
// HARD_SWISH that the fusion replaced, with that op's arithmetic. Output pixels are
// p.outPixelStride elements apart (outC, or more when the output is a channel slice of a wider
// tensor).

#include "Activations.h"
#include "Common.h"

#include "litec/runtime/QuantizedArithmetic.h"

#include <type_traits>

namespace litec::generic {

// Whether the window of output pixel (oy, ox) lies wholly inside the input: true for every
// pixel but the border's, whatever the padding.
template <class P> constexpr bool windowInside(const P &p, int oy, int ox) {
  const int y0 = oy * p.strideH - p.padTop, x0 = ox * p.strideW - p.padLeft;
  return y0 >= 0 && y0 + (p.filterH - 1) * p.dilationH < p.inH && x0 >= 0 &&
         x0 + (p.filterW - 1) * p.dilationW < p.inW;
}

// Calls f(fy, fx, iy, ix, inside) for the filter taps of output pixel (oy, ox); taps outside
// the input are visited only when VisitPadding. Inside (windowInside, decided once per pixel by
// the caller) skips the per-tap bounds tests, so that padding costs only at the border.
template <bool VisitPadding, bool Inside, class P, typename F>
constexpr void windowTaps(const P &p, int oy, int ox, F &&f) {
  const int y0 = oy * p.strideH - p.padTop, x0 = ox * p.strideW - p.padLeft;
  for (int fy = 0; fy < p.filterH; ++fy) {
    const int iy = y0 + fy * p.dilationH;
    const bool rowInside = Inside || (iy >= 0 && iy < p.inH);
    for (int fx = 0; fx < p.filterW; ++fx) {
      const int ix = x0 + fx * p.dilationW;
      const bool inside = Inside || (rowInside && ix >= 0 && ix < p.inW);
      if (inside || VisitPadding)
        f(fy, fx, iy, ix, inside);
    }
  }
}

// Calls pixel(std::true_type{}) where the window of (oy, ox) lies inside the input,
// pixel(std::false_type{}) elsewhere: the per-pixel half of windowTaps' Inside.
template <class P, typename F> constexpr void forWindow(const P &p, int oy, int ox, F &&pixel) {
  if (windowInside(p, oy, ox))
    pixel(std::true_type{});
  else
    pixel(std::false_type{});
}

// Calls tap(inputIndex, filterIndex, inside) for the taps of output (b, oy, ox, oc). CONV_2D: a
// group's output channels read its slice of the input channels (OHWI filter);
// DEPTHWISE_CONV_2D: output channel oc reads input channel oc / depthMultiplier (1HWO filter).
template <bool Depthwise, bool VisitPadding, bool Inside, class P, typename F>
constexpr void convolutionTaps(const P &p, int b, int oy, int ox, int oc, F &&tap) {
  windowTaps<VisitPadding, Inside>(p, oy, ox, [&](int fy, int fx, int iy, int ix, bool inside) {
    const int pixel = (b * p.inH + iy) * p.inW + ix;
    if constexpr (Depthwise) {
      tap(pixel * p.inC + oc / p.depthMultiplier, (fy * p.filterW + fx) * p.outC + oc, inside);
    } else {
      const int inBase = (oc / p.groupSize) * p.filterC;
      for (int ic = 0; ic < p.filterC; ++ic)
        tap(pixel * p.inC + inBase + ic, ((oc * p.filterH + fy) * p.filterW + fx) * p.filterC + ic,
            inside);
    }
  });
}

// The epilogue's operand for output pixel `pixel`: its slice of the residual, or the PRELU
// slopes (the same for every pixel).
template <class P, typename T>
constexpr const T *epilogueOperand(const P &p, const T *extra, int pixel) {
  return p.epilogue == int(runtime::ConvolutionEpilogue::kResidual)
             ? extra + pixel * p.epilogueChannels
             : extra;
}

// The float epilogue on one output pixel's channels, in place, after their output stage: the
// residual added as the ADD did (channels beyond epilogueChannels add 0) and clamped to its
// activation, PRELU's x >= 0 ? x : x * slope, or HARD_SWISH. One loop over the pixel's channels
// after the convolution's, so that neither carries the other's work.
template <class P> void epilogueFloat(const P &p, float *out, const float *extra) {
  using runtime::ConvolutionEpilogue;
  if (p.epilogue == int(ConvolutionEpilogue::kResidual)) {
    for (int oc = 0; oc < p.epilogueChannels; ++oc)
      out[oc] = clampFloat(extra[oc] + out[oc], p.epilogueRange.min, p.epilogueRange.max);
    for (int oc = p.epilogueChannels; oc < p.outC; ++oc)
      out[oc] = clampFloat(0.f + out[oc], p.epilogueRange.min, p.epilogueRange.max);
  } else if (p.epilogue == int(ConvolutionEpilogue::kPrelu)) {
    for (int oc = 0; oc < p.outC; ++oc) {
      const float slope = extra[p.epilogueChannels == 1 ? 0 : oc];
      out[oc] = out[oc] >= 0.f ? out[oc] : out[oc] * slope;
    }
  } else if (p.epilogue == int(ConvolutionEpilogue::kHardSwish)) {
    for (int oc = 0; oc < p.outC; ++oc)
      out[oc] = applyActivation<runtime::Activation::kHardSwish>(out[oc], 0.f);
  }
}

// The quantised epilogue on one output pixel's raw values: TFLite's quantised ADD of the
// residual, PRELU or HARD_SWISH (runtime/QuantizedArithmetic.h, QuantizedActivations.h).
template <typename T, class P> void epilogueQuantized(const P &p, T *out, const T *extra) {
  using runtime::ConvolutionEpilogue;
  if (p.epilogue == int(ConvolutionEpilogue::kResidual)) {
    for (int oc = 0; oc < p.outC; ++oc)
      out[oc] = T(runtime::quantizedAdd(p.epilogueAdd, out[oc], extra[oc]));
  } else if (p.epilogue == int(ConvolutionEpilogue::kPrelu)) {
    for (int oc = 0; oc < p.outC; ++oc)
      out[oc] = T(runtime::quantizedPrelu(p.epiloguePrelu, out[oc],
                                          extra[p.epilogueChannels == 1 ? 0 : oc]));
  } else if (p.epilogue == int(ConvolutionEpilogue::kHardSwish)) {
    if constexpr (sizeof(T) == 1)
      for (int oc = 0; oc < p.outC; ++oc)
        out[oc] = runtime::hardSwish<T>(out[oc], p.epilogueHardSwish);
  }
}

// `extra`: the epilogue's operand (the residual or the PRELU slopes), nullptr for none.
template <bool Depthwise, class P>
void convolutionFloat(const P &p, const float *input, const float *filter, const float *bias,
                      float *output, const float *extra = nullptr) {
  for (int b = 0; b < p.batches; ++b)
    for (int oy = 0; oy < p.outH; ++oy)
      for (int ox = 0; ox < p.outW; ++ox) {
        const int pixel = (b * p.outH + oy) * p.outW + ox;
        float *out = output + pixel * p.outPixelStride;
        forWindow(p, oy, ox, [&](auto inside) {
          for (int oc = 0; oc < p.outC; ++oc) {
            float total = 0.f;
            convolutionTaps<Depthwise, false, decltype(inside)::value>(
                p, b, oy, ox, oc, [&](int in, int f, bool) { total += input[in] * filter[f]; });
            total += bias != nullptr ? bias[oc] : 0.f;
            out[oc] = clampFloat(total, p.floatRange.min, p.floatRange.max);
          }
        });
        if (p.epilogue != int(runtime::ConvolutionEpilogue::kNone))
          epilogueFloat(p, out, epilogueOperand(p, extra, pixel));
      }
}

template <bool Depthwise, typename In, typename W, typename Bias, typename Out, class P>
void convolutionQuantized(const P &p, const In *input, const W *filter, const Bias *bias,
                          Out *output, const Out *extra = nullptr) {
  using Acc = Accumulator<Out>;
  auto run = [&](auto visitPadding) {
    for (int b = 0; b < p.batches; ++b)
      for (int oy = 0; oy < p.outH; ++oy)
        for (int ox = 0; ox < p.outW; ++ox) {
          const int pixel = (b * p.outH + oy) * p.outW + ox;
          Out *out = output + pixel * p.outPixelStride;
          forWindow(p, oy, ox, [&](auto inside) {
            for (int oc = 0; oc < p.outC; ++oc) {
              Acc acc = bias != nullptr ? static_cast<Acc>(bias[oc]) : Acc(0);
              convolutionTaps<Depthwise, decltype(visitPadding)::value, decltype(inside)::value>(
                  p, b, oy, ox, oc, [&](int in, int f, bool tapInside) {
                    const std::int32_t x = tapInside ? std::int32_t(input[in]) : p.padValue;
                    acc += static_cast<Acc>((std::int32_t(filter[f]) + p.weightsOffset) *
                                            (x + p.inputOffset));
                  });
              out[oc] = quantizedOutput<Out>(p, acc, oc);
            }
          });
          if (p.epilogue != int(runtime::ConvolutionEpilogue::kNone))
            epilogueQuantized(p, out, epilogueOperand(p, extra, pixel));
        }
  };
  if (p.padWithZeroPoint)
    run(std::true_type{});
  else
    run(std::false_type{});
}

} // namespace litec::generic
