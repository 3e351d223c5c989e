#include "litec/ir/ops/Pad.h"

#include "litec/ir/Shape.h"

#include <cstring>

namespace litec::ir::ops {

llvm::Expected<PreparedPad> preparePad(const Op &op) {
  if (op.kind != OpKind::PAD && op.kind != OpKind::PADV2)
    return invalid("not PAD or PADV2");
  if (op.operands.size() < 2 || !op.operands[0] || !op.operands[1] || op.results.size() != 1)
    return invalid(opName(op) + " needs an input, paddings and one result");
  const Value &input = *op.operands[0], &paddings = *op.operands[1], &output = *op.results[0];
  if (input.type != output.type)
    return unsupported(opName(op) + " with types " + typeList(op));
  if (output.shape.size() != input.shape.size() ||
      elementCount(paddings.shape).value_or(0) != int64_t(2 * input.shape.size()))
    return invalid("paddings must be a [rank, 2] tensor and keep the rank");
  if (input.shape.size() > size_t(kMaxPadRank))
    return unsupported(opName(op) + " of rank " + std::to_string(input.shape.size()));
  if (paddings.type != ElementType::I32 && paddings.type != ElementType::I64)
    return unsupported("paddings of type " + std::string(elementTypeName(paddings.type)));
  PreparedPad prepared{};
  PadParams &p = prepared.params;
  prepared.type = output.type;
  p.rank = int32_t(input.shape.size());
  p.outCount = int32_t(elementCount(output.shape).value_or(0));
  for (size_t d = 0; d < input.shape.size(); ++d) {
    p.inShape.push_back(int32_t(input.shape[d]));
    p.outShape.push_back(int32_t(output.shape[d]));
  }
  if (const auto values = constantInts(&paddings))
    for (size_t d = 0; d < input.shape.size(); ++d)
      p.before.push_back(int32_t((*values)[2 * d]));
  const size_t elementSize = elementByteSize(output.type);
  const Value *constant =
      op.kind == OpKind::PADV2 && op.operands.size() > 2 ? op.operands[2] : nullptr;
  if (!constant) {
    // Zero, or the output's zero point: the value that dequantises to zero.
    prepared.padValue.assign(elementSize, 0);
    const int32_t zeroPoint = output.quant.isQuantized() ? zeroPointOf(output) : 0;
    if (output.type == ElementType::I8 || output.type == ElementType::U8) {
      prepared.padValue[0] = static_cast<uint8_t>(zeroPoint);
    } else if (output.type == ElementType::I16) {
      const int16_t z = static_cast<int16_t>(zeroPoint);
      std::memcpy(prepared.padValue.data(), &z, 2);
    }
  } else if (constant->type != input.type) {
    return unsupported("PADV2 with a constant of another type");
  } else if (constant->isConstant() && constant->data().size() >= elementSize) {
    prepared.padValue.assign(constant->data().begin(), constant->data().begin() + elementSize);
  }
  return prepared;
}

} // namespace litec::ir::ops
