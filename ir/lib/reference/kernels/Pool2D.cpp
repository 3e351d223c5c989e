// AVERAGE_POOL_2D and MAX_POOL_2D over NHWC windows clipped to the input (padding positions
// are not counted), with fused activation. float32, and int8, uint8 and int16 (same
// quantisation in and out).

#include "../KernelSupport.h"

#include <limits>

namespace litec::ir::reference {

namespace {
struct PoolGeometry {
  int batches, inH, inW, channels, outH, outW, filterH, filterW;
  SpatialWindow window;
};

// Calls f(outIndex, channel, window) where window(visit) visits the in-bounds input indices.
template <typename F> void forEachWindow(const PoolGeometry &g, F &&f) {
  for (int b = 0; b < g.batches; ++b)
    for (int oy = 0; oy < g.outH; ++oy)
      for (int ox = 0; ox < g.outW; ++ox)
        for (int c = 0; c < g.channels; ++c) {
          const int y0 = oy * g.window.strideH - g.window.padTop;
          const int x0 = ox * g.window.strideW - g.window.padLeft;
          const int fyStart = std::max(0, -y0), fyEnd = std::min(g.filterH, g.inH - y0);
          const int fxStart = std::max(0, -x0), fxEnd = std::min(g.filterW, g.inW - x0);
          auto window = [&](auto &&visit) {
            for (int fy = fyStart; fy < fyEnd; ++fy)
              for (int fx = fxStart; fx < fxEnd; ++fx)
                visit(((b * g.inH + y0 + fy) * g.inW + x0 + fx) * g.channels + c);
          };
          f(((b * g.outH + oy) * g.outW + ox) * g.channels + c, window);
        }
}

template <typename T, bool IsMax, typename Range> class PoolKernel final : public Kernel {
public:
  PoolKernel(PoolGeometry g, Range range) : g_(g), range_(range) {}
  llvm::Error run(const TensorViews &t) const override {
    const T *input = t.input<T>(0);
    T *output = t.output<T>(0);
    forEachWindow(g_, [&](int out, auto &&window) {
      if constexpr (std::is_same_v<T, float>) {
        float value = IsMax ? std::numeric_limits<float>::lowest() : 0.f;
        int count = 0;
        window([&](int in) {
          value = IsMax ? std::max(value, input[in]) : value + input[in];
          ++count;
        });
        if (!IsMax)
          value /= float(count);
        output[out] = std::clamp(value, range_.min, range_.max);
      } else {
        int64_t acc = IsMax ? std::numeric_limits<T>::lowest() : 0;
        int64_t count = 0;
        window([&](int in) {
          acc = IsMax ? std::max<int64_t>(acc, input[in]) : acc + input[in];
          ++count;
        });
        // Average with rounding half away from zero, as TFLite's integer kernel divides.
        if (!IsMax && count > 0)
          acc = acc > 0 ? (acc + count / 2) / count : (acc - count / 2) / count;
        output[out] = clampTo<T>(int32_t(acc), range_);
      }
    });
    return llvm::Error::success();
  }

private:
  PoolGeometry g_;
  Range range_;
};
} // namespace

llvm::Expected<KernelPtr> preparePool2D(const Op &op) {
  const Value &input = *op.operands[0], &output = *op.results[0];
  PoolGeometry g{};
  g.batches = int(input.shape[0]), g.inH = int(input.shape[1]), g.inW = int(input.shape[2]);
  g.channels = int(input.shape[3]);
  g.outH = int(output.shape[1]), g.outW = int(output.shape[2]);
  g.filterH = int(op.attrs.getInt("filter_height").value_or(1));
  g.filterW = int(op.attrs.getInt("filter_width").value_or(1));
  g.window = SpatialWindow::of(op, input.shape, output.shape, g.filterH, g.filterW);
  const bool isMax = op.kind == OpKind::MAX_POOL_2D;
  if (input.type == ElementType::F32 && output.type == ElementType::F32) {
    auto range = floatRangeOf(op);
    if (!range)
      return range.takeError();
    if (isMax)
      return std::make_unique<PoolKernel<float, true, FloatRange>>(g, *range);
    return std::make_unique<PoolKernel<float, false, FloatRange>>(g, *range);
  }
  if (input.type == output.type &&
      (input.type == ElementType::I8 || input.type == ElementType::U8 ||
       input.type == ElementType::I16)) {
    auto range = intRangeOf(op, output);
    if (!range)
      return range.takeError();
    if (input.type == ElementType::U8)
      return isMax ? KernelPtr(std::make_unique<PoolKernel<uint8_t, true, IntRange>>(g, *range))
                   : KernelPtr(std::make_unique<PoolKernel<uint8_t, false, IntRange>>(g, *range));
    if (input.type == ElementType::I16)
      return isMax ? KernelPtr(std::make_unique<PoolKernel<int16_t, true, IntRange>>(g, *range))
                   : KernelPtr(std::make_unique<PoolKernel<int16_t, false, IntRange>>(g, *range));
    if (isMax)
      return std::make_unique<PoolKernel<int8_t, true, IntRange>>(g, *range);
    return std::make_unique<PoolKernel<int8_t, false, IntRange>>(g, *range);
  }
  return unsupported("pooling with types " + typeList(op));
}

} // namespace litec::ir::reference
