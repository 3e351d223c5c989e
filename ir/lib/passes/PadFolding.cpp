#include "litec/ir/passes/PadFolding.h"

#include "PassSupport.h"
#include "litec/ir/OpOptions.h"
#include "litec/ir/ops/Params.h"

#include <array>

namespace litec::ir {

namespace {
using options::ActivationFunctionType;

bool isPool(OpKind kind) {
  return kind == OpKind::MAX_POOL_2D || kind == OpKind::AVERAGE_POOL_2D;
}

// Whether every element of `value` is at least its zero: it comes out of a RELU-type op or an
// op whose fused activation is RELU or RELU6 (quantised, their lower bound is the zero point).
bool isNonNegative(const Value &value) {
  const Op *producer = value.producer;
  if (!producer)
    return false;
  if (producer->kind == OpKind::RELU || producer->kind == OpKind::RELU6 ||
      producer->kind == OpKind::RELU_0_TO_1)
    return true;
  if (!hasTrait(producer->kind, OpTrait::FusedActivation))
    return false;
  auto activation = ops::fusedActivationOf(*producer);
  if (!activation) {
    llvm::consumeError(activation.takeError());
    return false;
  }
  return *activation == ActivationFunctionType::RELU ||
         *activation == ActivationFunctionType::RELU6;
}

// The window's size along the height (axis 0) or the width (axis 1): a pool's options, a
// convolution's filter tensor (0 when it has none).
int64_t filterAlong(const Op &op, const SpatialWindow &window, int axis) {
  if (isPool(op.kind))
    return axis == 0 ? window.filterH : window.filterW;
  const Value *filter = op.operands.size() > 1 ? op.operands[1] : nullptr;
  return filter && filter->shape.size() == 4 ? filter->shape[size_t(axis) + 1] : 0;
}

// The padding along one axis once the PAD is folded in, or nullopt where folding would change
// the result. `pad` is the PAD's padding, `own` the consumer's on the padded input.
std::optional<AxisPadding> foldedPadding(const Op &consumer, AxisPadding pad, AxisPadding own,
                                         int64_t in, int64_t filter, int64_t stride, int64_t out) {
  const AxisPadding folded{pad.before + own.before, pad.after + own.after};
  switch (consumer.kind) {
  case OpKind::MAX_POOL_2D:
    // A window starting in the padding before (or ending in the padding after) still overlaps
    // the input while the padding is narrower than the window.
    if (folded.before >= filter || folded.after >= filter)
      return std::nullopt;
    return folded;
  case OpKind::AVERAGE_POOL_2D:
    // The windows must stay off the PAD's padding: none before, and the last window ending
    // inside the input and the padding before it.
    if (pad.before != 0 || (out - 1) * stride + filter > in + own.before)
      return std::nullopt;
    return folded;
  default:
    return folded;
  }
}

// Folds the PAD in front of `consumer`; false (and the op as it was) where it does not apply.
bool foldPad(Op &consumer) {
  if (consumer.operands.empty() || !consumer.operands[0] || consumer.results.size() != 1 ||
      consumer.attrs.find(kExplicitPaddingAttr))
    return false;
  const Value &padded = *consumer.operands[0];
  const std::optional<ZeroPad> pad = zeroPadOf(padded);
  if (!pad || padded.shape.size() != 4 || pad->source->shape.size() != 4)
    return false;
  const std::vector<int64_t> &p = pad->paddings;
  if (p[0] != 0 || p[1] != 0 || p[6] != 0 || p[7] != 0)
    return false; // batches and channels stay
  if (consumer.kind == OpKind::MAX_POOL_2D && !isNonNegative(*pad->source))
    return false;
  auto window = spatialWindowOf(consumer);
  if (!window) {
    llvm::consumeError(window.takeError());
    return false;
  }
  if (consumer.kind == OpKind::AVERAGE_POOL_2D && window->padding != options::Padding::VALID)
    return false; // its SAME padding would be counted differently from the PAD's
  const Shape &out = consumer.results[0]->shape;
  if (out.size() != 4)
    return false;
  std::array<int64_t, 4> explicitPadding{};
  for (int axis = 0; axis < 2; ++axis) {
    const size_t dim = size_t(axis) + 1;
    const int64_t filter = filterAlong(consumer, *window, axis);
    const int64_t stride = window->strideAlong(axis);
    const AxisPadding own = window->paddingAlong(axis, padded.shape[dim], filter, out[dim]);
    const std::optional<AxisPadding> folded =
        foldedPadding(consumer, {p[2 * dim], p[2 * dim + 1]}, own, pad->source->shape[dim], filter,
                      stride, out[dim]);
    if (!folded)
      return false;
    explicitPadding[size_t(2 * axis)] = folded->before;
    explicitPadding[size_t(2 * axis + 1)] = folded->after;
  }
  const AttrDict before = consumer.attrs;
  consumer.attrs.set(std::string(kExplicitPaddingAttr),
                     std::vector<int64_t>(explicitPadding.begin(), explicitPadding.end()));
  consumer.operands[0] = pad->source;
  // The same output size, and a kernel that takes it; otherwise the op goes back as it was.
  auto folded = spatialWindowOf(consumer);
  bool ok = false;
  if (folded) {
    const Shape &in = pad->source->shape;
    ok = folded->outputSizeAlong(0, in[1], filterAlong(consumer, *folded, 0)) == out[1] &&
         folded->outputSizeAlong(1, in[2], filterAlong(consumer, *folded, 1)) == out[2];
  } else {
    llvm::consumeError(folded.takeError());
  }
  if (ok && referenceAccepts(consumer))
    return true;
  consumer.attrs = before;
  consumer.operands[0] = const_cast<Value *>(&padded);
  return false;
}

bool takesPadding(OpKind kind) {
  return kind == OpKind::CONV_2D || kind == OpKind::DEPTHWISE_CONV_2D || isPool(kind);
}

int64_t foldPads(Graph &graph) {
  std::vector<int> uses = useCounts(graph);
  std::vector<bool> erase(graph.ops.size(), false);
  int64_t folded = 0;
  for (size_t i = 0; i < graph.ops.size(); ++i) {
    Op &consumer = *graph.ops[i];
    if (!takesPadding(consumer.kind) || consumer.operands.empty() || !consumer.operands[0])
      continue;
    Value &padded = *consumer.operands[0];
    Op *pad = padded.producer;
    if (!foldPad(consumer))
      continue;
    ++folded;
    ++uses[pad->operands[0]->id];
    if (--uses[padded.id] == 0) {
      for (Value *operand : pad->operands)
        if (operand)
          --uses[operand->id];
      padded.producer = nullptr;
      erase[pad->index] = true;
    }
  }
  eraseOps(graph, erase);
  return folded;
}
} // namespace

std::unique_ptr<Pass> createPadFoldingPass() {
  return makeGraphPass("fold-pads", "folded", foldPads);
}

} // namespace litec::ir
