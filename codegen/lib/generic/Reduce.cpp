// MEAN, SUM, REDUCE_MAX and REDUCE_MIN over constant axes, as TFLite Micro's reference kernels:
// float32 accumulates in input order; int8 and int16 MEAN and SUM sum raw values and rescale
// once (the mean's division folded into the multiplier); integer MAX and MIN compare raw values.

#include "Emitters.h"

#include "litec/ir/Shape.h"

#include <bit>

namespace litec::codegen::generic {

namespace {
using T = ir::ElementType;

bool isMinMax(const ir::Op &op) {
  return op.kind == ir::OpKind::REDUCE_MAX || op.kind == ir::OpKind::REDUCE_MIN;
}
bool quantizedMeanOrSum(const ir::Op &op) {
  return !isMinMax(op) && op.operands[0]->type != T::F32;
}
int64_t outputCount(const ir::Op &op) {
  return ir::elementCount(op.results[0]->shape).value_or(0);
}
} // namespace

llvm::Error checkReduce(const ir::Op &op) {
  if (op.operands.size() < 2 || !op.operands[0] || op.results.size() != 1)
    return refuse("needs an input, axes and one result");
  const ir::Value &in = *op.operands[0], &out = *op.results[0];
  if (!constantInts(op.operands[1]))
    return refuse("the axes must be constant");
  if (in.type != out.type || in.shape.size() > 8 || in.shape.empty())
    return refuse("operand types or rank not supported");
  if (in.type == T::F32)
    return llvm::Error::success();
  if (in.type != T::I8 && in.type != T::I16)
    return refuse("operand types not supported");
  if (isMinMax(op) && (scaleOf(in) != scaleOf(out) || zeroPointOf(in) != zeroPointOf(out)))
    return refuse("integer MAX/MIN with different input and output quantisation");
  if (!isMinMax(op) && !in.quant.isQuantized())
    return refuse("the input has no quantisation");
  return llvm::Error::success();
}

int64_t reduceScratch(const ir::Op &op) {
  return quantizedMeanOrSum(op) ? 4 * outputCount(op) : 0;
}

llvm::Error emitReduce(LayerContext &layer) {
  const ir::Op &op = layer.op();
  const ir::Value &in = *op.operands[0], &out = *op.results[0];
  std::vector<bool> reduced(in.shape.size(), false);
  const std::vector<int64_t> axes = *constantInts(op.operands[1]);
  for (int64_t axis : axes)
    reduced[size_t(ir::normalizedAxis(axis, in.shape.size()))] = true;
  // The output stride of each input dimension: row-major over the kept dimensions.
  std::vector<int64_t> targetStrides(in.shape.size(), 0);
  int64_t stride = 1;
  for (size_t d = in.shape.size(); d-- > 0;)
    if (!reduced[d]) {
      targetStrides[d] = stride;
      stride *= in.shape[d];
    }
  const int64_t outputs = outputCount(op);
  const int64_t perOutput = ir::elementCount(in.shape).value_or(0) / std::max<int64_t>(outputs, 1);
  layer.param("rank", in.shape.size());
  layer.param("count", ir::elementCount(in.shape).value_or(0));
  layer.param("outputs", outputs);
  layer.param("perOutput", perOutput);
  layer.param(fmt::format("int inShape[{}] = {}", in.shape.size(), braced(in.shape)));
  layer.param(fmt::format("int targetStrides[{}] = {}", in.shape.size(), braced(targetStrides)));
  layer.require("Reduce.h");
  const std::string P = layer.paramsName();
  if (!quantizedMeanOrSum(op)) {
    const char *reduction = op.kind == ir::OpKind::MEAN         ? "kMean"
                            : op.kind == ir::OpKind::SUM        ? "kSum"
                            : op.kind == ir::OpKind::REDUCE_MAX ? "kMax"
                                                                : "kMin";
    layer.statement(fmt::format("litec::generic::reduceRaw<{}, litec::generic::Reduction::{}, "
                                "{}>({}, {});",
                                P, reduction, cppType(in.type), layer.input(0), layer.output(0)));
    return llvm::Error::success();
  }
  ir::QuantizedMultiplier m = ir::quantizeMultiplier(double(scaleOf(in)) / double(scaleOf(out)));
  if (op.kind == ir::OpKind::MEAN) {
    // The division by the count folded into the multiplier, with up to 32 bits of precision.
    int shift = 63 - std::countl_zero(static_cast<uint64_t>(std::max<int64_t>(perOutput, 1)));
    shift = std::min({shift, 32, 31 + m.shift});
    m = {static_cast<int32_t>((static_cast<int64_t>(m.multiplier) << shift) /
                              std::max<int64_t>(perOutput, 1)),
         m.shift - shift};
  }
  layer.param("inputZeroPoint", zeroPointOf(in));
  layer.param("outputZeroPoint", zeroPointOf(out));
  layer.multiplier("", m);
  layer.statement(fmt::format("litec::generic::meanOrSumQuantized<{}, {}>({}, {}, {});", P,
                              cppType(in.type), layer.input(0), layer.scratch("std::uint32_t"),
                              layer.output(0)));
  return llvm::Error::success();
}

} // namespace litec::codegen::generic
