// QUANTIZE (float32 to int8, uint8, int16; between integer types a rescaling) and DEQUANTIZE
// (int8, uint8, int16 to float32). DEQUANTIZE of float16 constants never reaches code
// generation: constant folding turns it into float32 constants.

#include "Emitters.h"

#include "litec/ir/Shape.h"

namespace litec::codegen::generic {

namespace {
using T = ir::ElementType;
bool isQuantizedType(T t) {
  return t == T::I8 || t == T::U8 || t == T::I16;
}
} // namespace

llvm::Error checkQuantization(const ir::Op &op) {
  if (op.operands.empty() || !op.operands[0] || op.results.size() != 1)
    return refuse("needs an input and one result");
  const ir::Value &in = *op.operands[0], &out = *op.results[0];
  if (in.quant.isPerChannel() || out.quant.isPerChannel())
    return refuse("per-channel quantisation");
  if (op.kind == ir::OpKind::DEQUANTIZE) {
    if (!isQuantizedType(in.type) || out.type != T::F32 || !in.quant.isQuantized())
      return refuse("operand types not supported");
    return llvm::Error::success();
  }
  if (!out.quant.isQuantized())
    return refuse("the output has no quantisation");
  if (in.type == T::F32 && isQuantizedType(out.type))
    return llvm::Error::success();
  if (isQuantizedType(in.type) && in.quant.isQuantized() &&
      (isQuantizedType(out.type) || out.type == T::I32))
    return llvm::Error::success();
  return refuse("operand types not supported");
}

llvm::Error emitQuantization(LayerContext &layer) {
  const ir::Op &op = layer.op();
  const ir::Value &in = *op.operands[0], &out = *op.results[0];
  layer.require("Quantization.h");
  layer.param("count", ir::elementCount(in.shape).value_or(0));
  const std::string P = layer.paramsName();
  if (op.kind == ir::OpKind::DEQUANTIZE) {
    layer.param(fmt::format("double scale = {}", double(scaleOf(in))));
    layer.param("zeroPoint", zeroPointOf(in));
    layer.statement(fmt::format("litec::generic::dequantize<{}, {}>({}, {});", P, cppType(in.type),
                                layer.input(0), layer.output(0)));
    return llvm::Error::success();
  }
  if (in.type == T::F32) {
    layer.param("float scale = " + floatLiteral(scaleOf(out)));
    layer.param("zeroPoint", zeroPointOf(out));
    layer.statement(fmt::format("litec::generic::quantizeFloat<{}, {}>({}, {});", P,
                                cppType(out.type), layer.input(0), layer.output(0)));
    return llvm::Error::success();
  }
  const ir::QuantizedMultiplier m =
      ir::quantizeMultiplier(double(scaleOf(in)) / double(scaleOf(out)));
  layer.param("inputZeroPoint", zeroPointOf(in));
  layer.param("outputZeroPoint", zeroPointOf(out));
  layer.multiplier("", m);
  layer.statement(fmt::format("litec::generic::requantize<{}, {}, {}>({}, {});", P,
                              cppType(in.type), cppType(out.type), layer.input(0),
                              layer.output(0)));
  return llvm::Error::success();
}

} // namespace litec::codegen::generic
