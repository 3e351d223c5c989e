#include "litec/ir/ops/Softmax.h"

#include <cmath>

namespace litec::ir::ops {

llvm::Expected<PreparedSoftmax> prepareSoftmax(const Op &op) {
  if (op.operands.size() != 1 || !op.operands[0] || op.results.size() != 1)
    return invalid("SOFTMAX needs one input and one result");
  const Value &input = *op.operands[0], &output = *op.results[0];
  auto options = optionsOf<options::SoftmaxOptions>(op);
  if (!options)
    return options.takeError();
  const double beta = options->beta;
  PreparedSoftmax prepared{};
  SoftmaxParams &p = prepared.params;
  p.depth = int32_t(input.shape.empty() ? 1 : input.shape.back());
  p.rows = int32_t(elementCount(input.shape).value_or(0) / std::max<int64_t>(p.depth, 1));
  p.beta = float(beta);
  prepared.inputType = input.type;
  prepared.outputType = output.type;
  using T = ElementType;
  if (input.type == T::F32 && output.type == T::F32) {
    prepared.kind = SoftmaxKind::Float;
    return prepared;
  }
  if (input.type == T::I16 && output.type == T::I16) {
    if (zeroPointOf(input) != 0 || zeroPointOf(output) != 0 ||
        std::abs(scaleOf(output) - 1.f / 32768) > 0.001f / 32768)
      return unsupported("int16 SOFTMAX with zero points or an output scale other than 2^-15");
    const Int16SoftmaxParameters tables = int16SoftmaxParameters(float(beta), scaleOf(input));
    prepared.kind = SoftmaxKind::Int16;
    p.input = tables.inputScale;
    prepared.exp = tables.exp;
    prepared.reciprocal = tables.oneOverOnePlusX;
    return prepared;
  }
  const bool int8 = input.type == T::I8 && (output.type == T::I8 || output.type == T::I16);
  const bool uint8 = input.type == T::U8 && output.type == T::U8;
  if (!int8 && !uint8)
    return unsupported("SOFTMAX with types " + typeList(op));
  if (output.type == T::I8 && (zeroPointOf(output) != -128 || scaleOf(output) != 1.f / 256))
    return unsupported("int8 SOFTMAX output other than scale 1/256, zero point -128");
  if (output.type == T::I16 && zeroPointOf(output) != -32768)
    return unsupported("int16 SOFTMAX output with zero point other than -32768");
  if (output.type == T::U8 && (zeroPointOf(output) != 0 || scaleOf(output) != 1.f / 256))
    return unsupported("uint8 SOFTMAX output other than scale 1/256, zero point 0");
  const SoftmaxScaling scaling = softmaxScaling(beta, scaleOf(input));
  if (scaling.leftShift < 0)
    return unsupported(std::string(elementTypeName(input.type)) +
                       " SOFTMAX whose input scale times beta is this small");
  prepared.kind = SoftmaxKind::Quantized;
  p.multiplier = scaling.multiplier;
  p.leftShift = scaling.leftShift;
  p.diffMin = scaling.diffMin;
  return prepared;
}

} // namespace litec::ir::ops
