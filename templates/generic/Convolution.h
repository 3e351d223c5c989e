#pragma once

// CONV_2D and DEPTHWISE_CONV_2D on NHWC data. p: litec/ir/ops/Convolution.h's
// ConvolutionParams (the geometry: batches, inH, inW, inC, outH, outW, outC, filterH, filterW,
// filterC and groupSize or depthMultiplier, strides, dilations, padTop, padLeft; float:
// floatRange; quantised: inputOffset, weightsOffset, padWithZeroPoint, padValue and the output
// stage). With padWithZeroPoint (the input zero point folded into the bias), taps outside the
// input read padValue instead of being skipped, which is the same sum.

#include "Common.h"

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

// `residual` (LITEC_CONV_2D_RESIDUAL, p.residualChannels > 0): added before the activation, as
// the ADD it replaces did (channels beyond p.residualChannels add 0), in a second loop over each
// pixel's channels so that neither loop carries the other's work.
template <bool Depthwise, class P>
void convolutionFloat(const P &p, const float *input, const float *filter, const float *bias,
                      float *output, const float *residual = nullptr) {
  const bool withResidual = p.residualChannels > 0;
  for (int b = 0; b < p.batches; ++b)
    for (int oy = 0; oy < p.outH; ++oy)
      for (int ox = 0; ox < p.outW; ++ox) {
        const int pixel = (b * p.outH + oy) * p.outW + ox;
        float *out = output + pixel * p.outC;
        forWindow(p, oy, ox, [&](auto inside) {
          for (int oc = 0; oc < p.outC; ++oc) {
            float total = 0.f;
            convolutionTaps<Depthwise, false, decltype(inside)::value>(
                p, b, oy, ox, oc, [&](int in, int f, bool) { total += input[in] * filter[f]; });
            total += bias != nullptr ? bias[oc] : 0.f;
            out[oc] = withResidual ? total : clampFloat(total, p.floatRange.min, p.floatRange.max);
          }
        });
        if (withResidual) {
          const float *r = residual + pixel * p.residualChannels;
          for (int oc = 0; oc < p.residualChannels; ++oc)
            out[oc] = clampFloat(r[oc] + out[oc], p.floatRange.min, p.floatRange.max);
          for (int oc = p.residualChannels; oc < p.outC; ++oc)
            out[oc] = clampFloat(0.f + out[oc], p.floatRange.min, p.floatRange.max);
        }
      }
}

template <bool Depthwise, typename In, typename W, typename Bias, typename Out, class P>
void convolutionQuantized(const P &p, const In *input, const W *filter, const Bias *bias,
                          Out *output) {
  using Acc = Accumulator<Out>;
  auto run = [&](auto visitPadding) {
    for (int b = 0; b < p.batches; ++b)
      for (int oy = 0; oy < p.outH; ++oy)
        for (int ox = 0; ox < p.outW; ++ox)
          forWindow(p, oy, ox, [&](auto inside) {
            for (int oc = 0; oc < p.outC; ++oc) {
              Acc acc = bias != nullptr ? static_cast<Acc>(bias[oc]) : Acc(0);
              convolutionTaps<Depthwise, decltype(visitPadding)::value, decltype(inside)::value>(
                  p, b, oy, ox, oc, [&](int in, int f, bool tapInside) {
                    const std::int32_t x = tapInside ? std::int32_t(input[in]) : p.padValue;
                    acc += static_cast<Acc>((std::int32_t(filter[f]) + p.weightsOffset) *
                                            (x + p.inputOffset));
                  });
              output[((b * p.outH + oy) * p.outW + ox) * p.outC + oc] =
                  quantizedOutput<Out>(p, acc, oc);
            }
          });
  };
  if (p.padWithZeroPoint)
    run(std::true_type{});
  else
    run(std::false_type{});
}

} // namespace litec::generic
