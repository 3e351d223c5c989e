// RESIZE_BILINEAR (float32, int8, int16, uint8) and RESIZE_NEAREST_NEIGHBOR (any type) on NHWC,
// with align_corners and half_pixel_centers exactly as TFLite's reference kernels map output to
// input coordinates (including their clamping at the borders). The integer bilinear kernel works,
// as TFLite's does, in 10-bit fixed-point coordinates: its rounding differs from the float formula,
// and it interpolates raw values (input and output share their quantisation).

#include "../KernelSupport.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace litec::ir::reference {

namespace {
struct Axis {
  float scale;
  int inSize;
};

Axis axisOf(int64_t in, int64_t out, bool alignCorners) {
  if (alignCorners && out > 1)
    return {float(in - 1) / float(out - 1), int(in)};
  return {float(in) / float(out), int(in)};
}

// The two input rows (or columns) an output row (or column) blends, and the weight of the
// second: a float fraction, or for the integer kernel a fraction of 2^10.
template <typename Weight> struct Sample {
  int lower, upper;
  Weight fraction;
};

// The float sample of output position `i`.
Sample<float> floatSample(int i, const Axis &axis, bool halfPixelCenters) {
  const float coordinate =
      halfPixelCenters ? (float(i) + 0.5f) * axis.scale - 0.5f : float(i) * axis.scale;
  const int lower = std::max(static_cast<int>(std::floor(coordinate)), 0);
  const int upper = std::min(static_cast<int>(std::ceil(coordinate)), axis.inSize - 1);
  return {lower, upper, coordinate - float(lower)};
}

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

// Coordinates in units of 2^-10 input pixels.
constexpr int kFractionBits = 10;
constexpr int32_t kOne = 1 << kFractionBits;

struct FixedAxis {
  int32_t scale; // input pixels per output pixel, rounded to 2^-10
  int32_t inSize;
};

FixedAxis fixedAxisOf(int64_t in, int64_t out, bool alignCorners) {
  if (alignCorners && out > 1)
    return {int32_t((kOne * (in - 1) + (out - 1) / 2) / (out - 1)), int32_t(in)};
  return {int32_t((kOne * in + out / 2) / out), int32_t(in)};
}

// The fixed-point sample of output position `i`. Division truncates toward zero, as TFLite's
// does: with half-pixel centres the first coordinate is negative and the lower row is 0 with a
// weight above one.
Sample<int64_t> fixedSample(int32_t i, const FixedAxis &axis, bool halfPixelCenters) {
  const int32_t coordinate =
      halfPixelCenters ? i * axis.scale + axis.scale / 2 - kOne / 2 : i * axis.scale;
  const int32_t lower = std::max(coordinate / kOne, int32_t(0));
  const int32_t upper = std::min((coordinate + kOne - 1) / kOne, axis.inSize - 1);
  return {lower, upper, int64_t(coordinate) - int64_t(kOne) * lower};
}

template <typename T> struct FixedBlend {
  using Element = T;
  using Weight = int64_t;
  static T apply(int64_t v00, int64_t v10, int64_t v01, int64_t v11, int64_t dy, int64_t dx) {
    // A sum in units of 2^-20, rounded half away from zero.
    const int64_t sum = v00 * (kOne - dy) * (kOne - dx) + v10 * dy * (kOne - dx) +
                        v01 * (kOne - dy) * dx + v11 * dy * dx;
    const int64_t half = int64_t(1) << (2 * kFractionBits - 1);
    return static_cast<T>((sum + (sum > 0 ? half : -half)) / (int64_t(1) << (2 * kFractionBits)));
  }
};

// The kernel for Blend with the samples of every output row and column.
template <typename Blend, typename AxisOf, typename SampleOf>
KernelPtr makeResizeBilinear(const Shape &in, const Shape &out, const AxisOf &y, const AxisOf &x,
                             bool halfPixelCenters, SampleOf sampleOf) {
  std::vector<Sample<typename Blend::Weight>> rows, columns;
  for (int64_t i = 0; i < out[1]; ++i)
    rows.push_back(sampleOf(int32_t(i), y, halfPixelCenters));
  for (int64_t i = 0; i < out[2]; ++i)
    columns.push_back(sampleOf(int32_t(i), x, halfPixelCenters));
  return std::make_unique<ResizeBilinear<Blend>>(in, out, std::move(rows), std::move(columns));
}

// RESIZE_NEAREST_NEIGHBOR, any element type: TFLite's nearest source index for an output index.
int nearestSource(int i, const Axis &axis, bool alignCorners, bool halfPixelCenters) {
  const float offset = halfPixelCenters ? 0.5f : 0.f;
  const float scaled = (float(i) + offset) * axis.scale;
  int source =
      std::min(alignCorners ? int(std::round(scaled)) : int(std::floor(scaled)), axis.inSize - 1);
  return halfPixelCenters ? std::max(source, 0) : source;
}

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
  const Axis y = axisOf(input.shape[1], output.shape[1], alignCorners);
  const Axis x = axisOf(input.shape[2], output.shape[2], alignCorners);
  std::vector<int> ySource, xSource;
  for (int64_t i = 0; i < output.shape[1]; ++i)
    ySource.push_back(nearestSource(int(i), y, alignCorners, halfPixelCenters));
  for (int64_t i = 0; i < output.shape[2]; ++i)
    xSource.push_back(nearestSource(int(i), x, alignCorners, halfPixelCenters));
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
  const Axis floatY = axisOf(input.shape[1], output.shape[1], alignCorners);
  const Axis floatX = axisOf(input.shape[2], output.shape[2], alignCorners);
  if (input.type == ElementType::U8)
    return makeResizeBilinear<FloatBlend<uint8_t>>(input.shape, output.shape, floatY, floatX,
                                                   halfPixelCenters, floatSample);
  if (input.type != ElementType::F32) {
    // Coordinates in 2^-10 pixels must fit int32, as they do in TFLite's kernel.
    constexpr int64_t kLargestSide = (int64_t(INT32_MAX) >> kFractionBits) / 2;
    if (std::max({input.shape[1], input.shape[2], output.shape[1], output.shape[2]}) > kLargestSide)
      return unsupported(fmt::format("integer RESIZE_BILINEAR with a side above {}", kLargestSide));
    const FixedAxis y = fixedAxisOf(input.shape[1], output.shape[1], alignCorners);
    const FixedAxis x = fixedAxisOf(input.shape[2], output.shape[2], alignCorners);
    if (input.type == ElementType::I16)
      return makeResizeBilinear<FixedBlend<int16_t>>(input.shape, output.shape, y, x,
                                                     halfPixelCenters, fixedSample);
    return makeResizeBilinear<FixedBlend<int8_t>>(input.shape, output.shape, y, x, halfPixelCenters,
                                                  fixedSample);
  }
  return makeResizeBilinear<FloatBlend<float>>(input.shape, output.shape, floatY, floatX,
                                               halfPixelCenters, floatSample);
}

} // namespace litec::ir::reference
