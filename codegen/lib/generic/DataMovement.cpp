// PAD and PADV2 (constant paddings), TRANSPOSE (constant permutation), CONCATENATION (inputs
// sharing the output's quantisation), DEPTH_TO_SPACE and SPACE_TO_DEPTH: any element type, any
// rank up to 8.

#include "Emitters.h"

#include "litec/ir/Shape.h"

#include <cstring>

namespace litec::codegen::generic {

namespace {
bool sameQuantization(const ir::Value &a, const ir::Value &b) {
  return scaleOf(a) == scaleOf(b) && zeroPointOf(a) == zeroPointOf(b);
}

// The element a PAD fills with: 0, the output's zero point when quantised, or PADV2's constant.
std::optional<std::string> padValue(const ir::Op &op) {
  const ir::Value &out = *op.results[0];
  if (op.kind == ir::OpKind::PADV2 && op.operands.size() > 2 && op.operands[2]) {
    const ir::Value &v = *op.operands[2];
    if (!v.isConstant() || v.type != out.type || v.data().size() < ir::elementByteSize(v.type))
      return std::nullopt;
    const uint8_t *p = v.data().data();
    switch (v.type) {
    case ir::ElementType::F32: {
      float f;
      std::memcpy(&f, p, 4);
      return floatLiteral(f);
    }
    case ir::ElementType::I8:
      return fmt::format("{}", int8_t(*p));
    case ir::ElementType::U8:
      return fmt::format("{}", *p);
    case ir::ElementType::I16: {
      int16_t x;
      std::memcpy(&x, p, 2);
      return fmt::format("{}", x);
    }
    case ir::ElementType::I32: {
      int32_t x;
      std::memcpy(&x, p, 4);
      return fmt::format("{}", x);
    }
    default:
      return std::nullopt;
    }
  }
  if (out.quant.isQuantized())
    return fmt::format("{}", zeroPointOf(out));
  return out.type == ir::ElementType::F32 ? std::string("0.0f") : std::string("0");
}
} // namespace

llvm::Error checkDataMovement(const ir::Op &op) {
  if (op.operands.empty() || !op.operands[0] || op.results.size() != 1)
    return refuse("needs an input and one result");
  const ir::Value &out = *op.results[0];
  if (out.shape.size() > 8)
    return refuse("more than 8 dimensions");
  switch (op.kind) {
  case ir::OpKind::DEPTH_TO_SPACE:
  case ir::OpKind::SPACE_TO_DEPTH:
    if (op.operands[0]->type != out.type || out.shape.size() != 4 ||
        op.operands[0]->shape.size() != 4 || op.attrs.getInt("block_size").value_or(0) < 1)
      return refuse("needs NHWC input and output of one type and a block size");
    return llvm::Error::success();
  case ir::OpKind::PAD:
  case ir::OpKind::PADV2: {
    const auto paddings = constantInts(op.operands.size() > 1 ? op.operands[1] : nullptr);
    if (!paddings || paddings->size() != out.shape.size() * 2)
      return refuse("paddings must be a constant [rank, 2] tensor");
    if (!padValue(op))
      return refuse("PADV2's value must be a constant of the output's type");
    if (op.operands[0]->type != out.type)
      return refuse("input and output types differ");
    return llvm::Error::success();
  }
  case ir::OpKind::TRANSPOSE: {
    const auto perm = constantInts(op.operands.size() > 1 ? op.operands[1] : nullptr);
    if (!perm || perm->size() != out.shape.size())
      return refuse("the permutation must be a constant of the output's rank");
    return llvm::Error::success();
  }
  default: // CONCATENATION: the interpreter's rules (uint8 inputs may be rescaled)
    return checkWithReference(op);
  }
}

llvm::Error emitDataMovement(LayerContext &layer) {
  const ir::Op &op = layer.op();
  const ir::Value &in = *op.operands[0], &out = *op.results[0];
  const std::string P = layer.paramsName(), T = cppType(out.type);
  layer.require("DataMovement.h");
  if (op.kind == ir::OpKind::PAD || op.kind == ir::OpKind::PADV2) {
    const std::vector<int64_t> paddings = *constantInts(op.operands[1]);
    std::vector<int64_t> before;
    for (size_t d = 0; d < out.shape.size(); ++d)
      before.push_back(paddings[2 * d]);
    const size_t rank = std::max<size_t>(out.shape.size(), 1);
    layer.param("rank", rank);
    layer.param("outCount", ir::elementCount(out.shape).value_or(0));
    ir::Shape inShape = in.shape, outShape = out.shape;
    if (outShape.empty())
      inShape = outShape = {1}, before = {0};
    layer.param(fmt::format("int inShape[{}] = {}", rank, braced(inShape)));
    layer.param(fmt::format("int outShape[{}] = {}", rank, braced(outShape)));
    layer.param(fmt::format("int before[{}] = {}", rank, braced(before)));
    layer.statement(fmt::format("litec::generic::pad<{}, {}>({}, {}({}), {});", P, T,
                                layer.input(0), T, *padValue(op), layer.output(0)));
    return llvm::Error::success();
  }
  if (op.kind == ir::OpKind::DEPTH_TO_SPACE || op.kind == ir::OpKind::SPACE_TO_DEPTH) {
    const bool toSpace = op.kind == ir::OpKind::DEPTH_TO_SPACE;
    const ir::Shape &deep = toSpace ? in.shape : out.shape, &wide = toSpace ? out.shape : in.shape;
    layer.param("block", op.attrs.getInt("block_size").value_or(1));
    layer.param("batches", wide[0]);
    layer.param("wideH", wide[1]);
    layer.param("wideW", wide[2]);
    layer.param("wideC", wide[3]);
    layer.param("deepH", deep[1]);
    layer.param("deepW", deep[2]);
    layer.param("deepC", deep[3]);
    layer.statement(fmt::format("litec::generic::rearrangeBlocks<{}, {}, {}>({}, {});", P, toSpace,
                                T, layer.input(0), layer.output(0)));
    return llvm::Error::success();
  }
  if (op.kind == ir::OpKind::TRANSPOSE) {
    const std::vector<int64_t> perm = *constantInts(op.operands[1]);
    const std::vector<int64_t> inStrides = ir::rowMajorStrides(in.shape);
    std::vector<int64_t> strides;
    for (int64_t p : perm)
      strides.push_back(inStrides[size_t(ir::normalizedAxis(p, in.shape.size()))]);
    const size_t rank = std::max<size_t>(out.shape.size(), 1);
    ir::Shape outShape = out.shape;
    if (outShape.empty())
      outShape = {1}, strides = {1};
    layer.param("rank", rank);
    layer.param("count", ir::elementCount(out.shape).value_or(0));
    layer.param(fmt::format("int outShape[{}] = {}", rank, braced(outShape)));
    layer.param(fmt::format("int inStrides[{}] = {}", rank, braced(strides)));
    layer.statement(fmt::format("litec::generic::transpose<{}, {}>({}, {});", P, T, layer.input(0),
                                layer.output(0)));
    return llvm::Error::success();
  }
  // CONCATENATION
  const int64_t axis = ir::normalizedAxis(op.attrs.getInt("axis").value_or(0), out.shape.size());
  const int64_t outer = ir::dimensionProduct(out.shape, 0, size_t(axis));
  const int64_t inner = ir::dimensionProduct(out.shape, size_t(axis) + 1, out.shape.size());
  std::vector<int64_t> widths;
  std::string pointers;
  for (size_t k = 0; k < op.operands.size(); ++k) {
    widths.push_back(op.operands[k]->shape[size_t(axis)] * inner);
    pointers += fmt::format("{}{}", k ? ", " : "", layer.input(k));
  }
  layer.param("inputs", op.operands.size());
  layer.param("outer", outer);
  layer.param("outWidth", out.shape.empty() ? 1 : out.shape[size_t(axis)] * inner);
  layer.param(fmt::format("int widths[{}] = {}", widths.size(), braced(widths)));
  bool rescaled = false;
  std::vector<std::string> rescale, scales, biases;
  for (const ir::Value *v : op.operands) {
    const bool differs = out.quant.isQuantized() && !sameQuantization(*v, out);
    rescaled = rescaled || differs;
    // TFLite's float formula: scale = s_in / s_out, bias = -z_in * scale.
    const float scale = differs ? scaleOf(*v) * (1.f / scaleOf(out)) : 1.f;
    rescale.push_back(differs ? "true" : "false");
    scales.push_back(floatLiteral(scale));
    biases.push_back(floatLiteral(differs ? float(-zeroPointOf(*v)) * scale : 0.f));
  }
  if (rescaled) {
    layer.param(fmt::format("bool rescale[{}] = {}", rescale.size(), braced(rescale)));
    layer.param(fmt::format("float scales[{}] = {}", scales.size(), braced(scales)));
    layer.param(fmt::format("float biases[{}] = {}", biases.size(), braced(biases)));
    layer.param("outputZeroPoint", zeroPointOf(out));
    layer.statement(fmt::format("const std::uint8_t *const inputs[] = {{{}}};", pointers));
    layer.statement(
        fmt::format("litec::generic::concatenateRescaled<{}>(inputs, {});", P, layer.output(0)));
    return llvm::Error::success();
  }
  layer.statement(fmt::format("const {} *const inputs[] = {{{}}};", T, pointers));
  layer.statement(
      fmt::format("litec::generic::concatenate<{}, {}>(inputs, {});", P, T, layer.output(0)));
  return llvm::Error::success();
}

} // namespace litec::codegen::generic
