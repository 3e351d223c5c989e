// RESIZE_BILINEAR (float32, uint8 with TFLite's float formula; int8 and int16 in 10-bit fixed
// point) and RESIZE_NEAREST_NEIGHBOR (any type): the row and column samples are computed here,
// with TFLite's coordinate mapping, and emitted as tables.

#include "Emitters.h"

#include "litec/ir/ResizeSampling.h"

#include <type_traits>

namespace litec::codegen::generic {

namespace {
template <typename Weight>
void emitSamples(LayerContext &layer, const char *name, const char *fractionType,
                 const std::vector<ir::ResizeSample<Weight>> &samples) {
  std::vector<int> lower, upper;
  std::vector<std::string> fraction;
  for (const ir::ResizeSample<Weight> &s : samples) {
    lower.push_back(s.lower);
    upper.push_back(s.upper);
    if constexpr (std::is_same_v<Weight, float>)
      fraction.push_back(floatLiteral(s.fraction));
    else
      fraction.push_back(fmt::format("{}", s.fraction));
  }
  layer.param(fmt::format("int {}Lower[{}] = {}", name, lower.size(), braced(lower)));
  layer.param(fmt::format("int {}Upper[{}] = {}", name, upper.size(), braced(upper)));
  layer.param(
      fmt::format("{} {}Fraction[{}] = {}", fractionType, name, fraction.size(), braced(fraction)));
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
  const std::string P = layer.paramsName(), T = cppType(in.type);
  if (op.kind == ir::OpKind::RESIZE_NEAREST_NEIGHBOR) {
    const std::vector<int> ys =
        ir::nearestResizeSources(in.shape[1], out.shape[1], alignCorners, halfPixel);
    const std::vector<int> xs =
        ir::nearestResizeSources(in.shape[2], out.shape[2], alignCorners, halfPixel);
    layer.param(fmt::format("int ySource[{}] = {}", ys.size(), braced(ys)));
    layer.param(fmt::format("int xSource[{}] = {}", xs.size(), braced(xs)));
    layer.statement(fmt::format("litec::generic::resizeNearest<{}, {}>({}, {});", P, T,
                                layer.input(0), layer.output(0)));
    return llvm::Error::success();
  }
  const bool fixed = in.type == ir::ElementType::I8 || in.type == ir::ElementType::I16;
  if (fixed) {
    emitSamples(layer, "row", "std::int64_t",
                ir::fixedResizeSamples(in.shape[1], out.shape[1], alignCorners, halfPixel));
    emitSamples(layer, "column", "std::int64_t",
                ir::fixedResizeSamples(in.shape[2], out.shape[2], alignCorners, halfPixel));
  } else {
    emitSamples(layer, "row", "float",
                ir::floatResizeSamples(in.shape[1], out.shape[1], alignCorners, halfPixel));
    emitSamples(layer, "column", "float",
                ir::floatResizeSamples(in.shape[2], out.shape[2], alignCorners, halfPixel));
  }
  layer.statement(fmt::format("litec::generic::resizeBilinear<{}, litec::generic::{}Blend<{}>, "
                              "{}>({}, {});",
                              P, fixed ? "Fixed" : "Float", T, T, layer.input(0), layer.output(0)));
  return llvm::Error::success();
}

} // namespace litec::codegen::generic
