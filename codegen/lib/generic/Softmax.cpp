// SOFTMAX along the last dimension: float32; int8 to int8 or int16, uint8 to uint8 (TFLite's
// fixed-point exp and reciprocal); int16 to int16 (TFLite's interpolation tables, emitted as
// constant tables).

#include "Emitters.h"

#include "litec/ir/Shape.h"

#include <cmath>

namespace litec::codegen::generic {

llvm::Error checkSoftmax(const ir::Op &op) {
  if (op.operands.empty() || !op.operands[0] || op.results.size() != 1)
    return refuse("needs an input and one result");
  const ir::Value &in = *op.operands[0], &out = *op.results[0];
  const double beta = op.attrs.getFloat("beta").value_or(1.0);
  using T = ir::ElementType;
  if (in.type == T::F32 && out.type == T::F32)
    return llvm::Error::success();
  if (in.type == T::I16 && out.type == T::I16) {
    if (zeroPointOf(in) != 0 || zeroPointOf(out) != 0 ||
        std::abs(scaleOf(out) - 1.f / 32768) > 0.001f / 32768)
      return refuse("int16 SOFTMAX with zero points or an output scale other than 2^-15");
    return llvm::Error::success();
  }
  const bool int8 = in.type == T::I8 &&
                    ((out.type == T::I8 && zeroPointOf(out) == -128 && scaleOf(out) == 1.f / 256) ||
                     (out.type == T::I16 && zeroPointOf(out) == -32768));
  const bool uint8 =
      in.type == T::U8 && out.type == T::U8 && zeroPointOf(out) == 0 && scaleOf(out) == 1.f / 256;
  if (!int8 && !uint8)
    return refuse("operand types or output quantisation not supported");
  if (ir::softmaxScaling(beta, scaleOf(in)).leftShift < 0)
    return refuse("input scale times beta too small");
  return llvm::Error::success();
}

llvm::Error emitSoftmax(LayerContext &layer) {
  const ir::Op &op = layer.op();
  const ir::Value &in = *op.operands[0], &out = *op.results[0];
  const double beta = op.attrs.getFloat("beta").value_or(1.0);
  const int64_t depth = in.shape.empty() ? 1 : in.shape.back();
  layer.param("depth", depth);
  layer.param("rows", ir::elementCount(in.shape).value_or(0) / std::max<int64_t>(depth, 1));
  layer.require("Softmax.h");
  const std::string P = layer.paramsName();
  if (in.type == ir::ElementType::F32) {
    layer.param("float beta = " + floatLiteral(float(beta)));
    layer.statement(fmt::format("litec::generic::softmaxFloat<{}>({}, {});", P, layer.input(0),
                                layer.output(0)));
    return llvm::Error::success();
  }
  if (in.type == ir::ElementType::I16) {
    const ir::Int16SoftmaxParameters p = ir::int16SoftmaxParameters(float(beta), scaleOf(in));
    layer.multiplier("input", p.inputScale);
    auto table = [&](const char *stem, const ir::Int16LookupTable &values, const char *what) {
      return layer.table(stem, std::vector<int16_t>(values.begin(), values.end()), what);
    };
    const std::string exp = table("exp", p.exp, "TFLite's exp table on [-10, 0], Q0.15");
    const std::string reciprocal =
        table("reciprocal", p.oneOverOnePlusX, "TFLite's 1 / (1 + x) table on [0, 1], Q0.15");
    layer.statement(fmt::format("litec::generic::softmaxInt16<{}>({}, {}, {}, {});", P,
                                layer.input(0), exp, reciprocal, layer.output(0)));
    return llvm::Error::success();
  }
  const ir::SoftmaxScaling s = ir::softmaxScaling(beta, scaleOf(in));
  layer.param(fmt::format("std::int32_t multiplier = {}", s.multiplier));
  layer.param("leftShift", s.leftShift);
  layer.param(fmt::format("std::int32_t diffMin = {}", s.diffMin));
  layer.statement(fmt::format("litec::generic::softmaxQuantized<{}, {}, {}>({}, {});", P,
                              cppType(in.type), cppType(out.type), layer.input(0),
                              layer.output(0)));
  return llvm::Error::success();
}

} // namespace litec::codegen::generic
