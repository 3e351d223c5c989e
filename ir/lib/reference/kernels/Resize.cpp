// RESIZE_BILINEAR (float32, int8, int16, uint8) and RESIZE_NEAREST_NEIGHBOR (any type) on NHWC,
// with align_corners and half_pixel_centers exactly as TFLite's reference kernels map output to
// input coordinates (including their clamping at the borders). The integer bilinear kernel works,
// as TFLite's does, in 10-bit fixed-point coordinates: its rounding differs from the float formula,
// and it interpolates raw values (input and output share their quantisation).

#include "../KernelSupport.h"

#include "litec/ir/ResizeSampling.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace litec::ir::reference {

namespace {
template <typename Weight> using Sample = ResizeSample<Weight>;

// The float formula; uint8, which TFLite's reference kernel runs through the same template,
// converts the float sum back to uint8 by truncation.
template <typename T> struct FloatBlend {
  using Element = T;
  using Weight = float;
  static T apply(float v00, float v10, float v01, float v11, float dy, float dx) {
    return static_cast<T>(v00 * (1 - dy) * (1 - dx) + v10 * dy * (1 - dx) + v01 * (1 - dy) * dx +
                          v11 * dy * dx);
  }
};

// One kernel for every element type: the samples of each output row and column are worked out
// once, when the interpreter is created; Blend weighs the four neighbours.
template <typename Blend> class ResizeBilinear final : public Kernel {
  using T = typename Blend::Element;
  using W = typename Blend::Weight;

public:
  ResizeBilinear(Shape in, Shape out, std::vector<Sample<W>> rows, std::vector<Sample<W>> columns)
      : in_(std::move(in)), out_(std::move(out)), rows_(std::move(rows)),
        columns_(std::move(columns)) {}
  llvm::Error run(const TensorViews &t) const override {
    const T *input = t.input<T>(0);
    T *output = t.output<T>(0);
    const int64_t batches = in_[0], inH = in_[1], inW = in_[2], depth = in_[3];
    const int64_t outH = out_[1], outW = out_[2];
    auto at = [&](int64_t b, int64_t yy, int64_t xx, int64_t c) {
      return input[((b * inH + yy) * inW + xx) * depth + c];
    };
    for (int64_t b = 0; b < batches; ++b)
      for (int64_t oy = 0; oy < outH; ++oy) {
        const Sample<W> &y = rows_[size_t(oy)];
        for (int64_t ox = 0; ox < outW; ++ox) {
          const Sample<W> &x = columns_[size_t(ox)];
          for (int64_t c = 0; c < depth; ++c)
            output[((b * outH + oy) * outW + ox) * depth + c] = Blend::apply(
                at(b, y.lower, x.lower, c), at(b, y.upper, x.lower, c), at(b, y.lower, x.upper, c),
                at(b, y.upper, x.upper, c), y.fraction, x.fraction);
        }
      }
    return llvm::Error::success();
  }

private:
  Shape in_, out_;
  std::vector<Sample<W>> rows_, columns_;
};

template <typename T> struct FixedBlend {
  using Element = T;
  using Weight = int64_t;
  static T apply(int64_t v00, int64_t v10, int64_t v01, int64_t v11, int64_t dy, int64_t dx) {
    // A sum in units of 2^-20, rounded half away from zero.
    // Weights in 2^-10 pixels; the sum in units of 2^-20, rounded half away from zero.
    constexpr int64_t kOne = 1 << 10;
    const int64_t sum = v00 * (kOne - dy) * (kOne - dx) + v10 * dy * (kOne - dx) +
                        v01 * (kOne - dy) * dx + v11 * dy * dx;
    const int64_t half = int64_t(1) << 19;
    return static_cast<T>((sum + (sum > 0 ? half : -half)) / (int64_t(1) << 20));
  }
};

class NearestNeighbor final : public Kernel {
public:
  NearestNeighbor(Shape in, Shape out, std::vector<int> ySource, std::vector<int> xSource,
                  size_t elementSize)
      : in_(std::move(in)), out_(std::move(out)), ySource_(std::move(ySource)),
        xSource_(std::move(xSource)), elementSize_(elementSize) {}
  llvm::Error run(const TensorViews &t) const override {
    const uint8_t *in = t.inputBytes(0).data();
    uint8_t *out = t.outputBytes(0).data();
    const int64_t pixel = in_[3] * int64_t(elementSize_);
    for (int64_t b = 0; b < in_[0]; ++b)
      for (int64_t y = 0; y < out_[1]; ++y)
        for (int64_t x = 0; x < out_[2]; ++x)
          std::memcpy(out + ((b * out_[1] + y) * out_[2] + x) * pixel,
                      in + ((b * in_[1] + ySource_[size_t(y)]) * in_[2] + xSource_[size_t(x)]) *
                               pixel,
                      size_t(pixel));
    return llvm::Error::success();
  }

private:
  Shape in_, out_;
  std::vector<int> ySource_, xSource_;
  size_t elementSize_;
};
} // namespace

llvm::Expected<KernelPtr> prepareResizeNearestNeighbor(const Op &op) {
  const Value &input = *op.operands[0], &output = *op.results[0];
  if (input.type != output.type || input.shape.size() != 4 || output.shape.size() != 4 ||
      input.shape[0] != output.shape[0] || input.shape[3] != output.shape[3])
    return unsupported("RESIZE_NEAREST_NEIGHBOR with types " + typeList(op));
  const bool alignCorners = op.attrs.getBool("align_corners").value_or(false);
  const bool halfPixelCenters = op.attrs.getBool("half_pixel_centers").value_or(false);
  std::vector<int> ySource =
      nearestResizeSources(input.shape[1], output.shape[1], alignCorners, halfPixelCenters);
  std::vector<int> xSource =
      nearestResizeSources(input.shape[2], output.shape[2], alignCorners, halfPixelCenters);
  return std::make_unique<NearestNeighbor>(input.shape, output.shape, std::move(ySource),
                                           std::move(xSource), elementByteSize(input.type));
}

llvm::Expected<KernelPtr> prepareResizeBilinear(const Op &op) {
  const Value &input = *op.operands[0], &output = *op.results[0];
  const bool alignCorners = op.attrs.getBool("align_corners").value_or(false);
  const bool halfPixelCenters = op.attrs.getBool("half_pixel_centers").value_or(false);
  const bool supportedType = input.type == ElementType::F32 || input.type == ElementType::I8 ||
                             input.type == ElementType::I16 || input.type == ElementType::U8;
  if (!supportedType || input.type != output.type || input.shape.size() != 4 ||
      output.shape.size() != 4 || input.shape[0] != output.shape[0] ||
      input.shape[3] != output.shape[3])
    return unsupported("RESIZE_BILINEAR with types " + typeList(op));
  const int64_t inH = input.shape[1], inW = input.shape[2];
  const int64_t outH = output.shape[1], outW = output.shape[2];
  if (input.type == ElementType::I8 || input.type == ElementType::I16) {
    // Coordinates in 2^-10 pixels must fit int32, as they do in TFLite's kernel.
    constexpr int64_t kLargestSide = (int64_t(INT32_MAX) >> 10) / 2;
    if (std::max({inH, inW, outH, outW}) > kLargestSide)
      return unsupported(fmt::format("integer RESIZE_BILINEAR with a side above {}", kLargestSide));
    auto rows = fixedResizeSamples(inH, outH, alignCorners, halfPixelCenters);
    auto columns = fixedResizeSamples(inW, outW, alignCorners, halfPixelCenters);
    if (input.type == ElementType::I16)
      return std::make_unique<ResizeBilinear<FixedBlend<int16_t>>>(
          input.shape, output.shape, std::move(rows), std::move(columns));
    return std::make_unique<ResizeBilinear<FixedBlend<int8_t>>>(
        input.shape, output.shape, std::move(rows), std::move(columns));
  }
  auto rows = floatResizeSamples(inH, outH, alignCorners, halfPixelCenters);
  auto columns = floatResizeSamples(inW, outW, alignCorners, halfPixelCenters);
  if (input.type == ElementType::U8)
    return std::make_unique<ResizeBilinear<FloatBlend<uint8_t>>>(
        input.shape, output.shape, std::move(rows), std::move(columns));
  return std::make_unique<ResizeBilinear<FloatBlend<float>>>(input.shape, output.shape,
                                                             std::move(rows), std::move(columns));
}

} // namespace litec::ir::reference
