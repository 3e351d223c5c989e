#include "litec/ir/ops/Quantization.h"

#include "litec/ir/Shape.h"

namespace litec::ir::ops {

namespace {
bool isQuantizedType(ElementType type) {
  return type == ElementType::I8 || type == ElementType::U8 || type == ElementType::I16;
}
} // namespace

llvm::Expected<PreparedQuantization> prepareQuantization(const Op &op) {
  if (op.kind != OpKind::QUANTIZE && op.kind != OpKind::DEQUANTIZE)
    return invalid("not QUANTIZE or DEQUANTIZE");
  if (op.operands.size() != 1 || !op.operands[0] || op.results.size() != 1)
    return invalid(opName(op) + " needs one input and one result");
  const Value &input = *op.operands[0], &output = *op.results[0];
  PreparedQuantization prepared{};
  QuantizationParams &p = prepared.params;
  p.count = int32_t(elementCount(input.shape).value_or(0));
  prepared.inputType = input.type;
  prepared.outputType = output.type;
  if (op.kind == OpKind::DEQUANTIZE) {
    if (output.type != ElementType::F32)
      return unsupported("DEQUANTIZE with types " + typeList(op));
    if (input.type == ElementType::F16) {
      prepared.kind = QuantizationKind::HalfToFloat;
      return prepared;
    }
    if (input.quant.isPerChannel())
      return unsupported("per-channel DEQUANTIZE");
    if (!isQuantizedType(input.type))
      return unsupported("DEQUANTIZE with types " + typeList(op));
    if (auto error = requireQuantized(input, "input"))
      return error;
    prepared.kind = QuantizationKind::Dequantize;
    p.dequantizeScale = scaleOf(input);
    p.zeroPoint = zeroPointOf(input);
    return prepared;
  }
  if (input.quant.isPerChannel() || output.quant.isPerChannel())
    return unsupported("per-channel QUANTIZE");
  if (auto error = requireQuantized(output, "output"))
    return error;
  if (input.type == ElementType::F32 && isQuantizedType(output.type)) {
    prepared.kind = QuantizationKind::Quantize;
    p.scale = scaleOf(output);
    p.zeroPoint = zeroPointOf(output);
    return prepared;
  }
  if (isQuantizedType(input.type) && input.quant.isQuantized() &&
      (isQuantizedType(output.type) || output.type == ElementType::I32)) {
    prepared.kind = QuantizationKind::Requantize;
    p.inputZeroPoint = zeroPointOf(input);
    p.outputZeroPoint = zeroPointOf(output);
    p.rescale = quantizeMultiplier(double(scaleOf(input)) / double(scaleOf(output)));
    return prepared;
  }
  return unsupported("QUANTIZE with types " + typeList(op));
}

} // namespace litec::ir::ops
