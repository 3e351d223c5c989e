// RESIZE_BILINEAR and RESIZE_NEAREST_NEIGHBOR (litec/ir/ops/Resize.h) on NHWC from the prepared
// samples. The integer bilinear kernel works, as TFLite's does, in 10-bit fixed-point
// coordinates: its rounding differs from the float formula, and it interpolates raw values
// (input and output share their quantisation).

#include "litec/ir/ops/Resize.h"
#include "../KernelSupport.h"

#include "litec/runtime/Bilinear.h"

#include <cstring>

namespace litec::ir::reference {

namespace {
// The float formula; uint8, which TFLite's reference kernel runs through the same template,
// converts the float sum back to uint8 by truncation.
template <typename T> struct FloatBlend {
  using Element = T;
  static T apply(float v00, float v10, float v01, float v11, float dy, float dx) {
    return static_cast<T>(runtime::bilinearFloat(v00, v10, v01, v11, dy, dx));
  }
  static float rowFraction(const ops::ResizeParams &p, int y) { return p.rowFraction[size_t(y)]; }
  static float columnFraction(const ops::ResizeParams &p, int x) {
    return p.columnFraction[size_t(x)];
  }
};

template <typename T> struct FixedBlend {
  using Element = T;
  // Weights in 2^-10 pixels; the sum in units of 2^-20, rounded half away from zero.
  static T apply(int64_t v00, int64_t v10, int64_t v01, int64_t v11, int64_t dy, int64_t dx) {
    return static_cast<T>(runtime::bilinearFixed(v00, v10, v01, v11, dy, dx));
  }
  static int64_t rowFraction(const ops::ResizeParams &p, int y) {
    return p.rowFixedFraction[size_t(y)];
  }
  static int64_t columnFraction(const ops::ResizeParams &p, int x) {
    return p.columnFixedFraction[size_t(x)];
  }
};

// One kernel for every element type; Blend weighs the four neighbours.
template <typename Blend> class ResizeBilinear final : public Kernel {
  using T = typename Blend::Element;

public:
  explicit ResizeBilinear(ops::ResizeParams p) : p_(std::move(p)) {}
  llvm::Error run(const TensorViews &t) const override {
    const T *input = t.input<T>(0);
    T *output = t.output<T>(0);
    const ops::ResizeParams &p = p_;
    auto at = [&](int b, int y, int x, int c) {
      return input[((int64_t(b) * p.inH + y) * p.inW + x) * p.channels + c];
    };
    for (int b = 0; b < p.batches; ++b)
      for (int oy = 0; oy < p.outH; ++oy) {
        const int y0 = p.rowLower[size_t(oy)], y1 = p.rowUpper[size_t(oy)];
        for (int ox = 0; ox < p.outW; ++ox) {
          const int x0 = p.columnLower[size_t(ox)], x1 = p.columnUpper[size_t(ox)];
          for (int c = 0; c < p.channels; ++c)
            output[((int64_t(b) * p.outH + oy) * p.outW + ox) * p.channels + c] =
                Blend::apply(at(b, y0, x0, c), at(b, y1, x0, c), at(b, y0, x1, c), at(b, y1, x1, c),
                             Blend::rowFraction(p, oy), Blend::columnFraction(p, ox));
        }
      }
    return llvm::Error::success();
  }

private:
  ops::ResizeParams p_;
};

class NearestNeighbor final : public Kernel {
public:
  NearestNeighbor(ops::ResizeParams p, size_t elementSize)
      : p_(std::move(p)), elementSize_(elementSize) {}
  llvm::Error run(const TensorViews &t) const override {
    const uint8_t *in = t.inputBytes(0).data();
    uint8_t *out = t.outputBytes(0).data();
    const ops::ResizeParams &p = p_;
    const int64_t pixel = p.channels * int64_t(elementSize_);
    for (int64_t b = 0; b < p.batches; ++b)
      for (int64_t y = 0; y < p.outH; ++y)
        for (int64_t x = 0; x < p.outW; ++x)
          std::memcpy(out + ((b * p.outH + y) * p.outW + x) * pixel,
                      in + ((b * p.inH + p.ySource[size_t(y)]) * p.inW + p.xSource[size_t(x)]) *
                               pixel,
                      size_t(pixel));
    return llvm::Error::success();
  }

private:
  ops::ResizeParams p_;
  size_t elementSize_;
};

} // namespace

llvm::Expected<KernelPtr> prepareResize(const Op &op) {
  auto prepared = ops::prepareResize(op);
  if (!prepared)
    return prepared.takeError();
  ops::ResizeParams &p = prepared->params;
  switch (prepared->kind) {
  case ops::ResizeKind::Nearest:
    return std::make_unique<NearestNeighbor>(std::move(p), elementByteSize(prepared->type));
  case ops::ResizeKind::FixedBilinear:
    if (prepared->type == ElementType::I16)
      return std::make_unique<ResizeBilinear<FixedBlend<int16_t>>>(std::move(p));
    return std::make_unique<ResizeBilinear<FixedBlend<int8_t>>>(std::move(p));
  case ops::ResizeKind::FloatBilinear:
    break;
  }
  if (prepared->type == ElementType::U8)
    return std::make_unique<ResizeBilinear<FloatBlend<uint8_t>>>(std::move(p));
  return std::make_unique<ResizeBilinear<FloatBlend<float>>>(std::move(p));
}

} // namespace litec::ir::reference
