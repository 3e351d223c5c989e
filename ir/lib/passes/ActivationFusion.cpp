#include "litec/ir/passes/ActivationFusion.h"

#include "PassSupport.h"
#include "litec/ir/OpOptions.h"
#include "litec/ir/ops/Activations.h"

namespace litec::ir {

namespace {
using options::ActivationFunctionType;

// The fused-activation value a float activation op stands for; nullopt for the ones TFLite's
// ActivationFunctionType cannot express (RELU_0_TO_1 has no slot value).
std::optional<ActivationFunctionType> floatSlotOf(OpKind kind) {
  switch (kind) {
  case OpKind::RELU:
    return ActivationFunctionType::RELU;
  case OpKind::RELU6:
    return ActivationFunctionType::RELU6;
  case OpKind::RELU_N1_TO_1:
    return ActivationFunctionType::RELU_N1_TO_1;
  default:
    return std::nullopt;
  }
}

bool isClamp(OpKind kind) {
  return kind == OpKind::RELU || kind == OpKind::RELU6 || kind == OpKind::RELU_N1_TO_1 ||
         kind == OpKind::RELU_0_TO_1;
}

bool sameQuantization(const Value &a, const Value &b) {
  return a.quant.scales == b.quant.scales && a.quant.zeroPoints == b.quant.zeroPoints;
}

// The slot that gives exactly what `activation` gives, written in place of its input; nullopt
// when none does. Float: the activation's own. Quantised (the same quantisation on both sides,
// so the clamp does not rescale): any slot whose bounds on that output are the clamp's integer
// bounds, so a RELU6 whose 6.0 lies past the type's top is a RELU.
std::optional<ActivationFunctionType> exactSlotOf(const Op &activation) {
  const Value &in = *activation.operands[0], &out = *activation.results[0];
  if (in.type != out.type || in.shape != out.shape)
    return std::nullopt;
  if (in.type == ElementType::F32)
    return floatSlotOf(activation.kind);
  if (!in.quant.isQuantized() || in.quant.isPerChannel() || !sameQuantization(in, out))
    return std::nullopt;
  auto prepared = ops::prepareActivation(activation);
  if (!prepared) {
    llvm::consumeError(prepared.takeError());
    return std::nullopt;
  }
  if (prepared->kind != ops::ActivationKind::QuantizedRelu)
    return std::nullopt;
  const IntRange &clamp = prepared->params.intRange;
  for (ActivationFunctionType slot : {ActivationFunctionType::RELU, ActivationFunctionType::RELU6,
                                      ActivationFunctionType::RELU_N1_TO_1}) {
    auto bounds = ops::quantizedActivation(slot, out);
    if (!bounds) {
      llvm::consumeError(bounds.takeError());
      continue;
    }
    if (bounds->min == clamp.min && bounds->max == clamp.max)
      return slot;
  }
  return std::nullopt;
}

// Sets the producer's empty slot; false (and the op as it was) when its kernel would not take
// it.
bool setSlot(Op &producer, ActivationFunctionType slot, Value &result) {
  const EnumAttr *current = producer.attrs.getEnum("fused_activation_function");
  return current && current->value == int64_t(ActivationFunctionType::NONE) &&
         writeWithActivation(producer, result, slot);
}

int64_t fuseActivations(Graph &graph) {
  std::vector<int> uses = useCounts(graph);
  std::vector<bool> erase(graph.ops.size(), false);
  int64_t fused = 0;
  for (size_t i = 0; i < graph.ops.size(); ++i) {
    Op &activation = *graph.ops[i];
    if (!isClamp(activation.kind) || activation.operands.size() != 1 || !activation.operands[0] ||
        activation.results.size() != 1)
      continue;
    Value &between = *activation.operands[0];
    Op *producer = between.producer;
    if (!producer || !hasTrait(producer->kind, OpTrait::FusedActivation) ||
        producer->results.size() != 1 || uses[between.id] != 1)
      continue;
    const std::optional<ActivationFunctionType> slot = exactSlotOf(activation);
    if (!slot)
      continue;
    Value &result = *activation.results[0];
    if (!setSlot(*producer, *slot, result))
      continue;
    result.producer = producer;
    between.producer = nullptr;
    erase[i] = true;
    ++fused;
  }
  eraseOps(graph, erase);
  return fused;
}

} // namespace

std::unique_ptr<Pass> createActivationFusionPass() {
  return makeGraphPass("fuse-activations", "fused", fuseActivations);
}

} // namespace litec::ir
