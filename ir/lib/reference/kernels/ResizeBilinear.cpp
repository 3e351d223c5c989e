// RESIZE_BILINEAR on float32 NHWC, with align_corners and half_pixel_centers exactly as TFLite's
// reference kernel maps output to input coordinates (including its clamping at the borders).

#include "../KernelSupport.h"

#include <cmath>

namespace litec::ir::reference {

namespace {
struct Axis {
  float scale;
  int inSize;
};

// The input coordinate of output position `i` and the two input rows/columns around it.
void interpolationPoints(int i, const Axis &axis, bool halfPixelCenters, float *coordinate,
                         int *lower, int *upper) {
  *coordinate = halfPixelCenters ? (float(i) + 0.5f) * axis.scale - 0.5f : float(i) * axis.scale;
  *lower = std::max(static_cast<int>(std::floor(*coordinate)), 0);
  *upper = std::min(static_cast<int>(std::ceil(*coordinate)), axis.inSize - 1);
}

class FloatResizeBilinear final : public Kernel {
public:
  FloatResizeBilinear(Shape in, Shape out, Axis y, Axis x, bool halfPixelCenters)
      : in_(std::move(in)), out_(std::move(out)), y_(y), x_(x),
        halfPixelCenters_(halfPixelCenters) {}
  llvm::Error run(const TensorViews &t) const override {
    const float *input = t.input<float>(0);
    float *output = t.output<float>(0);
    const int64_t batches = in_[0], inH = in_[1], inW = in_[2], depth = in_[3];
    const int64_t outH = out_[1], outW = out_[2];
    auto at = [&](int64_t b, int64_t yy, int64_t xx, int64_t c) {
      return input[((b * inH + yy) * inW + xx) * depth + c];
    };
    for (int64_t b = 0; b < batches; ++b)
      for (int64_t oy = 0; oy < outH; ++oy) {
        float iy;
        int y0, y1;
        interpolationPoints(int(oy), y_, halfPixelCenters_, &iy, &y0, &y1);
        for (int64_t ox = 0; ox < outW; ++ox) {
          float ix;
          int x0, x1;
          interpolationPoints(int(ox), x_, halfPixelCenters_, &ix, &x0, &x1);
          const float dy = iy - float(y0), dx = ix - float(x0);
          for (int64_t c = 0; c < depth; ++c)
            output[((b * outH + oy) * outW + ox) * depth + c] =
                at(b, y0, x0, c) * (1 - dy) * (1 - dx) + at(b, y1, x0, c) * dy * (1 - dx) +
                at(b, y0, x1, c) * (1 - dy) * dx + at(b, y1, x1, c) * dy * dx;
        }
      }
    return llvm::Error::success();
  }

private:
  Shape in_, out_;
  Axis y_, x_;
  bool halfPixelCenters_;
};

Axis axisOf(int64_t in, int64_t out, bool alignCorners) {
  if (alignCorners && out > 1)
    return {float(in - 1) / float(out - 1), int(in)};
  return {float(in) / float(out), int(in)};
}
} // namespace

llvm::Expected<KernelPtr> prepareResizeBilinear(const Op &op) {
  const Value &input = *op.operands[0], &output = *op.results[0];
  const bool alignCorners = op.attrs.getBool("align_corners").value_or(false);
  const bool halfPixelCenters = op.attrs.getBool("half_pixel_centers").value_or(false);
  if (input.type != ElementType::F32 || output.type != ElementType::F32)
    return unsupported("RESIZE_BILINEAR with types " + typeList(op));
  return std::make_unique<FloatResizeBilinear>(
      input.shape, output.shape, axisOf(input.shape[1], output.shape[1], alignCorners),
      axisOf(input.shape[2], output.shape[2], alignCorners), halfPixelCenters);
}

} // namespace litec::ir::reference
