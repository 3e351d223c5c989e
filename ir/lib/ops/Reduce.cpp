#include "litec/ir/ops/Reduce.h"

#include "litec/ir/Shape.h"

#include <algorithm>
#include <bit>

namespace litec::ir::ops {

llvm::Expected<PreparedReduce> prepareReduce(const Op &op) {
  if (op.operands.size() < 2 || !op.operands[0] || op.results.size() != 1)
    return invalid("a reduction needs an input, axes and one result");
  const Value &input = *op.operands[0], &output = *op.results[0];
  const std::string name = opName(op);
  const std::optional<std::vector<int64_t>> axes = constantInts(op.operands[1]);
  if (!axes)
    return unsupported("a reduction over axes that are not constant");
  if (input.shape.empty() || input.shape.size() > size_t(kMaxReduceRank))
    return unsupported(name + " of rank " + std::to_string(input.shape.size()));
  if (input.type != output.type)
    return unsupported(name + " with types " + typeList(op));
  PreparedReduce prepared{};
  ReduceParams &p = prepared.params;
  std::vector<bool> reduced(input.shape.size(), false);
  for (int64_t axis : *axes) {
    const int64_t rank = int64_t(input.shape.size());
    if (axis < -rank || axis >= rank)
      return invalid(name + " axis " + std::to_string(axis) + " is beyond the input's rank");
    reduced[size_t(normalizedAxis(axis, input.shape.size()))] = true;
  }
  p.rank = int32_t(input.shape.size());
  p.count = int32_t(elementCount(input.shape).value_or(0));
  p.outputs = int32_t(elementCount(output.shape).value_or(0));
  p.perOutput = p.count / std::max(p.outputs, 1);
  p.targetStrides.assign(input.shape.size(), 0);
  int32_t stride = 1;
  for (size_t d = input.shape.size(); d-- > 0;)
    if (!reduced[d]) {
      p.targetStrides[d] = stride;
      stride *= int32_t(input.shape[d]);
    }
  for (int64_t d : input.shape)
    p.inShape.push_back(int32_t(d));
  prepared.type = input.type;
  prepared.reduction = op.kind == OpKind::MEAN         ? Reduction::Mean
                       : op.kind == OpKind::SUM        ? Reduction::Sum
                       : op.kind == OpKind::REDUCE_MAX ? Reduction::Max
                                                       : Reduction::Min;
  if (op.kind != OpKind::MEAN && op.kind != OpKind::SUM && op.kind != OpKind::REDUCE_MAX &&
      op.kind != OpKind::REDUCE_MIN)
    return invalid("not a reduction");
  if (input.type == ElementType::F32)
    return prepared;
  if (input.type != ElementType::I8 && input.type != ElementType::I16)
    return unsupported(name + " with types " + typeList(op));
  const bool minMax = prepared.reduction == Reduction::Max || prepared.reduction == Reduction::Min;
  if (minMax) {
    if (scaleOf(input) != scaleOf(output) || zeroPointOf(input) != zeroPointOf(output))
      return unsupported("integer " + name + " with different input and output quantisation");
    return prepared;
  }
  if (!input.quant.isQuantized())
    return unsupported("integer " + name + " of an input without quantisation");
  prepared.quantizedMeanOrSum = true;
  prepared.scratchBytes = 4 * int64_t(p.outputs);
  p.inputZeroPoint = zeroPointOf(input);
  p.outputZeroPoint = zeroPointOf(output);
  QuantizedMultiplier m = quantizeMultiplier(double(scaleOf(input)) / double(scaleOf(output)));
  if (prepared.reduction == Reduction::Mean) {
    // The division by the count folded into the multiplier, with up to 32 bits of precision.
    const int64_t n = std::max<int64_t>(p.perOutput, 1);
    int shift = 63 - std::countl_zero(static_cast<uint64_t>(n));
    shift = std::min({shift, 32, 31 + m.shift});
    m = {static_cast<int32_t>((static_cast<int64_t>(m.multiplier) << shift) / n), m.shift - shift};
  }
  p.rescale = m;
  return prepared;
}

std::optional<ReducedRun> reducedRun(const ReduceParams &p) {
  ReducedRun run;
  int phase = 0; // 0: before the reduced dimensions, 1: among them, 2: after them
  for (int d = 0; d < p.rank; ++d) {
    const int64_t size = p.inShape[size_t(d)];
    if (size == 1)
      continue;
    if (p.targetStrides[size_t(d)] == 0) {
      if (phase == 2)
        return std::nullopt;
      phase = 1;
      run.reduced *= size;
    } else if (phase == 0) {
      run.outer *= size;
    } else {
      phase = 2;
      run.inner *= size;
    }
  }
  return run;
}

} // namespace litec::ir::ops
