#pragma once

// CONV_2D and DEPTHWISE_CONV_2D on NHWC data.
//   P: batches, inH, inW, inC, outH, outW, outC, filterH, filterW, strideH, strideW, dilationH,
//   dilationW, padTop, padLeft; CONV_2D also filterC and groupSize (output channels per group of
//   input channels); DEPTHWISE_CONV_2D multiplier. Float: actMin, actMax. Quantised: as in
//   FullyConnected.h, plus padWithZeroPoint: when the input zero point is folded into the bias,
//   taps outside the input read padValue (the zero point) instead of being skipped, which is the
//   same sum.

#include "Common.h"

namespace litec::generic {

// Calls f(fy, fx, iy, ix, inside) for the filter taps of output pixel (oy, ox); taps outside
// the input are visited only when VisitPadding.
template <class P, bool VisitPadding, typename F> constexpr void windowTaps(int oy, int ox, F &&f) {
  for (int fy = 0; fy < P::filterH; ++fy) {
    const int iy = oy * P::strideH - P::padTop + fy * P::dilationH;
    const bool rowInside = iy >= 0 && iy < P::inH;
    for (int fx = 0; fx < P::filterW; ++fx) {
      const int ix = ox * P::strideW - P::padLeft + fx * P::dilationW;
      const bool inside = rowInside && ix >= 0 && ix < P::inW;
      if (inside || VisitPadding)
        f(fy, fx, iy, ix, inside);
    }
  }
}

// Calls tap(inputIndex, filterIndex, inBounds) for the taps of output (b, oy, ox, oc): a
// group's output channels read its slice of the input channels (OHWI filter).
template <class P, bool VisitPadding, typename F>
constexpr void convTaps(int b, int oy, int ox, int oc, F &&tap) {
  const int inBase = (oc / P::groupSize) * P::filterC;
  windowTaps<P, VisitPadding>(oy, ox, [&](int fy, int fx, int iy, int ix, bool inside) {
    for (int ic = 0; ic < P::filterC; ++ic)
      tap(((b * P::inH + iy) * P::inW + ix) * P::inC + inBase + ic,
          ((oc * P::filterH + fy) * P::filterW + fx) * P::filterC + ic, inside);
  });
}

// The same for DEPTHWISE_CONV_2D: output channel oc reads input channel oc / multiplier (1HWO
// filter).
template <class P, bool VisitPadding, typename F>
constexpr void depthwiseTaps(int b, int oy, int ox, int oc, F &&tap) {
  const int ic = oc / P::multiplier;
  windowTaps<P, VisitPadding>(oy, ox, [&](int fy, int fx, int iy, int ix, bool inside) {
    tap(((b * P::inH + iy) * P::inW + ix) * P::inC + ic, (fy * P::filterW + fx) * P::outC + oc,
        inside);
  });
}

template <class P, bool Depthwise>
void convolutionFloat(const float *input, const float *filter, const float *bias, float *output) {
  for (int b = 0; b < P::batches; ++b)
    for (int oy = 0; oy < P::outH; ++oy)
      for (int ox = 0; ox < P::outW; ++ox)
        for (int oc = 0; oc < P::outC; ++oc) {
          float total = 0.f;
          auto tap = [&](int in, int f, bool) { total += input[in] * filter[f]; };
          if constexpr (Depthwise)
            depthwiseTaps<P, false>(b, oy, ox, oc, tap);
          else
            convTaps<P, false>(b, oy, ox, oc, tap);
          total += bias != nullptr ? bias[oc] : 0.f;
          output[((b * P::outH + oy) * P::outW + ox) * P::outC + oc] =
              clampFloat(total, P::actMin, P::actMax);
        }
}

template <class P, bool Depthwise, typename In, typename W, typename Bias, typename Out>
void convolutionQuantized(const In *input, const W *filter, const Bias *bias, Out *output) {
  using Acc = Accumulator<Out>;
  for (int b = 0; b < P::batches; ++b)
    for (int oy = 0; oy < P::outH; ++oy)
      for (int ox = 0; ox < P::outW; ++ox)
        for (int oc = 0; oc < P::outC; ++oc) {
          Acc acc = bias != nullptr ? static_cast<Acc>(bias[oc]) : Acc(0);
          auto tap = [&](int in, int f, bool inside) {
            const std::int32_t x = inside ? std::int32_t(input[in]) : P::padValue;
            acc += static_cast<Acc>((std::int32_t(filter[f]) + P::weightsOffset) *
                                    (x + P::inputOffset));
          };
          if constexpr (Depthwise)
            depthwiseTaps<P, P::padWithZeroPoint>(b, oy, ox, oc, tap);
          else
            convTaps<P, P::padWithZeroPoint>(b, oy, ox, oc, tap);
          output[((b * P::outH + oy) * P::outW + ox) * P::outC + oc] =
              quantizedOutput<P, Out>(acc, oc);
        }
}

} // namespace litec::generic
