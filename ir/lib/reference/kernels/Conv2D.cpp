// CONV_2D: NHWC input, OHWI filter (grouped when the filter sees fewer channels than the
// input has), optional bias, SAME/VALID padding, strides, dilation, fused activation.
// float32; int8 with per-channel or per-tensor int8 weights and int32 bias; 16x8 (int16
// activations, int8 weights, int64 or int32 bias).

#include "../KernelSupport.h"

namespace litec::ir::reference {

namespace {
struct ConvGeometry {
  int batches, inH, inW, inC, outH, outW, outC, filterH, filterW, filterC;
  SpatialWindow window;
};

ConvGeometry geometryOf(const Op &op) {
  const Shape &in = op.operands[0]->shape, &filter = op.operands[1]->shape,
              &out = op.results[0]->shape;
  ConvGeometry g{};
  g.batches = int(in[0]), g.inH = int(in[1]), g.inW = int(in[2]), g.inC = int(in[3]);
  g.outH = int(out[1]), g.outW = int(out[2]), g.outC = int(out[3]);
  g.filterH = int(filter[1]), g.filterW = int(filter[2]), g.filterC = int(filter[3]);
  g.window = SpatialWindow::of(op, in, out, g.filterH, g.filterW);
  return g;
}

// Calls f(outIndex, outChannel, taps) for each output element, where taps(tap) visits the
// in-bounds taps as tap(inputIndex, filterIndex); a group's output channels read its slice of
// the input channels.
template <typename F> void forEachOutput(const ConvGeometry &g, F &&f) {
  const int groupSize = g.outC / (g.inC / g.filterC);
  for (int b = 0; b < g.batches; ++b)
    for (int oy = 0; oy < g.outH; ++oy)
      for (int ox = 0; ox < g.outW; ++ox)
        for (int oc = 0; oc < g.outC; ++oc) {
          const int inBase = (oc / groupSize) * g.filterC;
          auto taps = [&](auto &&tap) {
            g.window.forEachTap(oy, ox, g.inH, g.inW, g.filterH, g.filterW,
                                [&](int fy, int fx, int iy, int ix) {
                                  for (int ic = 0; ic < g.filterC; ++ic)
                                    tap(((b * g.inH + iy) * g.inW + ix) * g.inC + inBase + ic,
                                        ((oc * g.filterH + fy) * g.filterW + fx) * g.filterC + ic);
                                });
          };
          f(((b * g.outH + oy) * g.outW + ox) * g.outC + oc, oc, taps);
        }
}

template <typename In, typename Bias, typename Out>
using QuantizedConv2D = QuantizedTapSum<ConvGeometry, In, Bias, Out>;
} // namespace

llvm::Expected<KernelPtr> prepareConv2D(const Op &op) {
  const ConvGeometry g = geometryOf(op);
  return prepareWeightedKernel<FloatTapSum<ConvGeometry>, QuantizedConv2D>(op, g, g.outC, 0);
}

} // namespace litec::ir::reference
