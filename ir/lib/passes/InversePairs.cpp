#include "litec/ir/passes/InversePairs.h"

#include "PassSupport.h"
#include "litec/ir/ShapeInference.h"

namespace litec::ir {

namespace {
// The value `second` gives back unchanged when it undoes its operand's producer; nullptr if not.
Value *undoneInput(const Op &second) {
  if (second.operands.empty() || !second.operands[0] || second.results.size() != 1)
    return nullptr;
  const Op *first = second.operands[0]->producer;
  if (!first || first->operands.empty() || !first->operands[0])
    return nullptr;
  Value &original = *first->operands[0];
  const Value &result = *second.results[0];
  if (original.type != result.type || original.shape != result.shape)
    return nullptr;
  if (second.kind == OpKind::TRANSPOSE && first->kind == OpKind::TRANSPOSE) {
    auto outer = constantInts(second.operands.size() > 1 ? second.operands[1] : nullptr);
    auto inner = constantInts(first->operands.size() > 1 ? first->operands[1] : nullptr);
    if (!outer || !inner || outer->size() != inner->size())
      return nullptr;
    // z[i] = y[outer[i]] = x[inner[outer[i]]]: the identity when inner[outer[i]] == i.
    for (size_t i = 0; i < outer->size(); ++i) {
      const int64_t o = (*outer)[i];
      if (o < 0 || o >= int64_t(inner->size()) || (*inner)[size_t(o)] != int64_t(i))
        return nullptr;
    }
    return &original;
  }
  if (second.kind == OpKind::QUANTIZE && first->kind == OpKind::DEQUANTIZE) {
    const Quantization &a = original.quant, &b = result.quant;
    const bool integer = original.type == ElementType::I8 || original.type == ElementType::U8 ||
                         original.type == ElementType::I16;
    if (integer && a.scales.size() == 1 && a.scales == b.scales && a.zeroPoints == b.zeroPoints)
      return &original;
  }
  return nullptr;
}

int64_t cancelInversePairs(Graph &graph) {
  int64_t bypassed = 0;
  for (std::unique_ptr<Op> &op : graph.ops)
    if (Value *original = undoneInput(*op))
      bypassed += replaceUses(graph, *op->results[0], *original) ? 1 : 0;
  return bypassed;
}

} // namespace

std::unique_ptr<Pass> createInversePairsPass() {
  return makeGraphPass("cancel-inverse-pairs", "bypassed", cancelInversePairs);
}

} // namespace litec::ir
