// DEPTHWISE_CONV_2D: each input channel ic feeds output channels ic * multiplier + m through
// its own [1, KH, KW, C*multiplier] filter slice. float32 and int8 (per-channel weights).

#include "../KernelSupport.h"

namespace litec::ir::reference {

namespace {
struct DepthwiseGeometry {
  int batches, inH, inW, inC, outH, outW, outC, filterH, filterW, multiplier;
  SpatialWindow window;
};

DepthwiseGeometry geometryOf(const Op &op) {
  const Shape &in = op.operands[0]->shape, &filter = op.operands[1]->shape,
              &out = op.results[0]->shape;
  DepthwiseGeometry g{};
  g.batches = int(in[0]), g.inH = int(in[1]), g.inW = int(in[2]), g.inC = int(in[3]);
  g.outH = int(out[1]), g.outW = int(out[2]), g.outC = int(out[3]);
  g.filterH = int(filter[1]), g.filterW = int(filter[2]);
  g.multiplier = g.outC / g.inC;
  g.window = SpatialWindow::of(op, in, out, g.filterH, g.filterW);
  return g;
}

// Calls f(outIndex, inChannel, outChannel, accumulate) for each output element, where
// accumulate(tap) visits the in-bounds taps as (inputIndex, filterIndex).
template <typename F> void forEachOutput(const DepthwiseGeometry &g, F &&f) {
  for (int b = 0; b < g.batches; ++b)
    for (int oy = 0; oy < g.outH; ++oy)
      for (int ox = 0; ox < g.outW; ++ox)
        for (int ic = 0; ic < g.inC; ++ic)
          for (int m = 0; m < g.multiplier; ++m) {
            const int oc = ic * g.multiplier + m;
            auto taps = [&](auto &&tap) {
              g.window.forEachTap(oy, ox, g.inH, g.inW, g.filterH, g.filterW,
                                  [&](int fy, int fx, int iy, int ix) {
                                    tap(((b * g.inH + iy) * g.inW + ix) * g.inC + ic,
                                        (fy * g.filterW + fx) * g.outC + oc);
                                  });
            };
            f(((b * g.outH + oy) * g.outW + ox) * g.outC + oc, oc, taps);
          }
}

template <typename In, typename Bias, typename Out>
using QuantizedDepthwise = QuantizedTapSum<DepthwiseGeometry, In, Bias, Out>;
} // namespace

llvm::Expected<KernelPtr> prepareDepthwiseConv2D(const Op &op) {
  const DepthwiseGeometry g = geometryOf(op);
  return prepareWeightedKernel<FloatTapSum<DepthwiseGeometry>, QuantizedDepthwise>(op, g, g.outC,
                                                                                   3);
}

} // namespace litec::ir::reference
