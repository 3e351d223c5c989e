#include "litec/ir/passes/RequantizeMerge.h"

#include "PassSupport.h"
#include "litec/ir/OpOptions.h"
#include "litec/ir/ops/Params.h"

#include <algorithm>

namespace litec::ir {

namespace {
using options::ActivationFunctionType;

// Ops whose quantised kernels end with round(accumulator * multiplier) + output zero point,
// clamped to the fused activation's bounds on the output (TFLite's
// CalculateActivationRangeQuantized): moving the zero point moves the result exactly.
bool addsZeroPointLast(OpKind kind) {
  switch (kind) {
  case OpKind::CONV_2D:
  case OpKind::DEPTHWISE_CONV_2D:
  case OpKind::FULLY_CONNECTED:
  case OpKind::ADD:
  case OpKind::SUB:
  case OpKind::MUL:
    return true;
  default:
    return false;
  }
}

std::optional<IntRange> boundsOf(ActivationFunctionType activation, const Value &output) {
  auto bounds = ops::quantizedActivation(activation, output);
  if (!bounds) {
    llvm::consumeError(bounds.takeError());
    return std::nullopt;
  }
  return *bounds;
}

// The activation for `producer` writing `requantized` directly that clamps as its own
// activation on `between` and the QUANTIZE's clamp to the type do together; nullopt when none.
std::optional<ActivationFunctionType> mergedActivation(const Op &producer, const Value &between,
                                                       const Value &requantized) {
  auto own = ops::fusedActivationOf(producer);
  if (!own) {
    llvm::consumeError(own.takeError());
    return std::nullopt;
  }
  const std::optional<IntRange> before = boundsOf(*own, between);
  if (!before)
    return std::nullopt;
  // clamp(clamp(v + z1, lo, hi) - z1 + z2, type) = clamp(v + z2, lo - z1 + z2, hi - z1 + z2)
  // clamped to the type, when those two intervals meet.
  const int32_t shift = ops::zeroPointOf(requantized) - ops::zeroPointOf(between);
  const IntRange type = ops::fullRange(requantized);
  const int32_t low = std::max(before->min + shift, type.min);
  const int32_t high = std::min(before->max + shift, type.max);
  if (low > high)
    return std::nullopt;
  for (ActivationFunctionType activation :
       {*own, ActivationFunctionType::NONE, ActivationFunctionType::RELU,
        ActivationFunctionType::RELU6, ActivationFunctionType::RELU_N1_TO_1}) {
    const std::optional<IntRange> after = boundsOf(activation, requantized);
    if (after && after->min == low && after->max == high)
      return activation;
  }
  return std::nullopt;
}

bool isSameScaleRequantize(const Op &op) {
  if (op.kind != OpKind::QUANTIZE || op.operands.size() != 1 || !op.operands[0] ||
      op.results.size() != 1)
    return false;
  const Value &in = *op.operands[0], &out = *op.results[0];
  return (in.type == ElementType::I8 || in.type == ElementType::U8) && out.type == in.type &&
         in.quant.isQuantized() && out.quant.isQuantized() && !in.quant.isPerChannel() &&
         !out.quant.isPerChannel() && in.quant.scales[0] == out.quant.scales[0];
}

int64_t mergeRequantizations(Graph &graph) {
  const std::vector<int> uses = useCounts(graph);
  std::vector<bool> erase(graph.ops.size(), false);
  int64_t merged = 0;
  for (size_t i = 0; i < graph.ops.size(); ++i) {
    Op &quantize = *graph.ops[i];
    if (!isSameScaleRequantize(quantize))
      continue;
    Value &between = *quantize.operands[0];
    Op *producer = between.producer;
    if (!producer || !addsZeroPointLast(producer->kind) || producer->results.size() != 1 ||
        uses[between.id] != 1)
      continue;
    const std::optional<ActivationFunctionType> activation =
        mergedActivation(*producer, between, *quantize.results[0]);
    if (!activation)
      continue;
    Value &result = *quantize.results[0];
    if (!writeWithActivation(*producer, result, *activation))
      continue;
    result.producer = producer;
    between.producer = nullptr;
    erase[i] = true;
    ++merged;
  }
  eraseOps(graph, erase);
  return merged;
}
} // namespace

std::unique_ptr<Pass> createRequantizeMergePass() {
  return makeGraphPass("merge-requantize", "merged", mergeRequantizations);
}

} // namespace litec::ir
