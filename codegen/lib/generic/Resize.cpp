// RESIZE_BILINEAR (float32, uint8 with TFLite's float formula; int8 and int16 in 10-bit fixed
// point) and RESIZE_NEAREST_NEIGHBOR (any type): the row and column samples are computed here,
// with TFLite's coordinate mapping, and emitted as tables.

#include "Emitters.h"

#include <cmath>

namespace litec::codegen::generic {

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

struct Samples {
  std::vector<int> lower, upper;
  std::vector<std::string> fraction;
};

Samples floatSamples(int64_t count, const Axis &axis, bool halfPixel) {
  Samples s;
  for (int64_t i = 0; i < count; ++i) {
    const float coordinate =
        halfPixel ? (float(i) + 0.5f) * axis.scale - 0.5f : float(i) * axis.scale;
    const int lower = std::max(static_cast<int>(std::floor(coordinate)), 0);
    s.lower.push_back(lower);
    s.upper.push_back(std::min(static_cast<int>(std::ceil(coordinate)), axis.inSize - 1));
    s.fraction.push_back(floatLiteral(coordinate - float(lower)));
  }
  return s;
}

// Coordinates in 2^-10 input pixels; divisions truncate toward zero, as TFLite's.
Samples fixedSamples(int64_t count, int64_t in, int64_t out, bool alignCorners, bool halfPixel) {
  constexpr int32_t kOne = 1 << 10;
  const int32_t scale = alignCorners && out > 1
                            ? int32_t((kOne * (in - 1) + (out - 1) / 2) / (out - 1))
                            : int32_t((kOne * in + out / 2) / out);
  Samples s;
  for (int32_t i = 0; i < int32_t(count); ++i) {
    const int32_t coordinate = halfPixel ? i * scale + scale / 2 - kOne / 2 : i * scale;
    const int32_t lower = std::max(coordinate / kOne, int32_t(0));
    s.lower.push_back(lower);
    s.upper.push_back(std::min((coordinate + kOne - 1) / kOne, int32_t(in) - 1));
    s.fraction.push_back(fmt::format("{}", int64_t(coordinate) - int64_t(kOne) * lower));
  }
  return s;
}

int nearestSource(int i, const Axis &axis, bool alignCorners, bool halfPixel) {
  const float scaled = (float(i) + (halfPixel ? 0.5f : 0.f)) * axis.scale;
  const int source =
      std::min(alignCorners ? int(std::round(scaled)) : int(std::floor(scaled)), axis.inSize - 1);
  return halfPixel ? std::max(source, 0) : source;
}
} // namespace

llvm::Error checkResize(const ir::Op &op) {
  if (op.operands.empty() || !op.operands[0] || op.results.size() != 1)
    return refuse("needs an input and one result");
  const ir::Value &in = *op.operands[0], &out = *op.results[0];
  if (in.type != out.type || in.shape.size() != 4 || out.shape.size() != 4 ||
      in.shape[0] != out.shape[0] || in.shape[3] != out.shape[3])
    return refuse("input and output must be NHWC of one type and depth");
  using T = ir::ElementType;
  if (op.kind == ir::OpKind::RESIZE_BILINEAR && in.type != T::F32 && in.type != T::I8 &&
      in.type != T::I16 && in.type != T::U8)
    return refuse("operand types not supported");
  if (std::max({in.shape[1], in.shape[2], out.shape[1], out.shape[2]}) > (INT32_MAX >> 11))
    return refuse("a side too large for 10-bit fixed-point coordinates");
  return llvm::Error::success();
}

llvm::Error emitResize(LayerContext &layer) {
  const ir::Op &op = layer.op();
  const ir::Value &in = *op.operands[0], &out = *op.results[0];
  const bool alignCorners = op.attrs.getBool("align_corners").value_or(false);
  const bool halfPixel = op.attrs.getBool("half_pixel_centers").value_or(false);
  layer.param("batches", in.shape[0]);
  layer.param("inH", in.shape[1]);
  layer.param("inW", in.shape[2]);
  layer.param("depth", in.shape[3]);
  layer.param("outH", out.shape[1]);
  layer.param("outW", out.shape[2]);
  layer.require("Resize.h");
  const Axis y = axisOf(in.shape[1], out.shape[1], alignCorners);
  const Axis x = axisOf(in.shape[2], out.shape[2], alignCorners);
  const std::string P = layer.paramsName(), T = cppType(in.type);
  if (op.kind == ir::OpKind::RESIZE_NEAREST_NEIGHBOR) {
    std::vector<int> ys, xs;
    for (int i = 0; i < int(out.shape[1]); ++i)
      ys.push_back(nearestSource(i, y, alignCorners, halfPixel));
    for (int i = 0; i < int(out.shape[2]); ++i)
      xs.push_back(nearestSource(i, x, alignCorners, halfPixel));
    layer.param(fmt::format("int ySource[{}] = {}", ys.size(), braced(ys)));
    layer.param(fmt::format("int xSource[{}] = {}", xs.size(), braced(xs)));
    layer.statement(fmt::format("litec::generic::resizeNearest<{}, {}>({}, {});", P, T,
                                layer.input(0), layer.output(0)));
    return llvm::Error::success();
  }
  const bool fixed = in.type == ir::ElementType::I8 || in.type == ir::ElementType::I16;
  const Samples rows =
      fixed ? fixedSamples(out.shape[1], in.shape[1], out.shape[1], alignCorners, halfPixel)
            : floatSamples(out.shape[1], y, halfPixel);
  const Samples columns =
      fixed ? fixedSamples(out.shape[2], in.shape[2], out.shape[2], alignCorners, halfPixel)
            : floatSamples(out.shape[2], x, halfPixel);
  const char *fractionType = fixed ? "std::int64_t" : "float";
  for (const auto &[name, s] : {std::pair{"row", &rows}, std::pair{"column", &columns}}) {
    layer.param(fmt::format("int {}Lower[{}] = {}", name, s->lower.size(), braced(s->lower)));
    layer.param(fmt::format("int {}Upper[{}] = {}", name, s->upper.size(), braced(s->upper)));
    layer.param(fmt::format("{} {}Fraction[{}] = {}", fractionType, name, s->fraction.size(),
                            braced(s->fraction)));
  }
  layer.statement(fmt::format("litec::generic::resizeBilinear<{}, litec::generic::{}Blend<{}>, "
                              "{}>({}, {});",
                              P, fixed ? "Fixed" : "Float", T, T, layer.input(0), layer.output(0)));
  return llvm::Error::success();
}

} // namespace litec::codegen::generic
