#include "litec/ir/passes/AffineFolding.h"

#include "PassSupport.h"
#include "litec/ir/ops/Params.h"

#include <cstring>

namespace litec::ir {

namespace {
using options::ActivationFunctionType;

std::vector<float> floatsOf(const Value &value) {
  std::vector<float> out(value.data().size() / sizeof(float));
  if (!out.empty())
    std::memcpy(out.data(), value.data().data(), out.size() * sizeof(float));
  return out;
}

// A new float constant `name` of `shape` holding `values`.
Value &floatConstant(Graph &graph, const std::string &name, const Shape &shape,
                     const std::vector<float> &values) {
  Value &value = graph.addValue();
  value.name = name;
  value.type = ElementType::F32;
  value.shape = shape;
  std::vector<uint8_t> bytes(values.size() * sizeof(float));
  if (!bytes.empty())
    std::memcpy(bytes.data(), values.data(), bytes.size());
  value.setOwnedData(std::move(bytes));
  return value;
}

// The weighted op's output channels and the axis of its weights they lie along.
struct Channels {
  int64_t count;
  size_t weightAxis;
};
std::optional<Channels> channelsOf(const Op &op) {
  const Value *weights = op.operands.size() > 1 ? op.operands[1] : nullptr;
  if (!weights || weights->shape.empty())
    return std::nullopt;
  if (op.kind == OpKind::DEPTHWISE_CONV_2D)
    return Channels{weights->shape.back(), weights->shape.size() - 1};
  return Channels{weights->shape[0], 0};
}

// The per-channel values of constant `k` for `channels` output channels: one value for all, or
// one per channel along the last axis (every other dimension 1); nullopt otherwise.
std::optional<std::vector<float>> perChannel(const Value &k, int64_t channels) {
  if (!k.isConstant() || k.type != ElementType::F32 || k.sparsity)
    return std::nullopt;
  const std::vector<float> values = floatsOf(k);
  if (values.size() == 1)
    return std::vector<float>(size_t(channels), values[0]);
  if (k.shape.empty() || k.shape.back() != channels || int64_t(values.size()) != channels)
    return std::nullopt;
  return values;
}

// The weighted op producing `x` when it may absorb an affine step: float, constant dense
// weights and bias, no activation, `x` read once.
Op *foldableProducer(const Value &x, const std::vector<int> &uses) {
  Op *op = x.producer;
  if (!op ||
      (op->kind != OpKind::CONV_2D && op->kind != OpKind::DEPTHWISE_CONV_2D &&
       op->kind != OpKind::FULLY_CONNECTED) ||
      op->results.size() != 1 || uses[x.id] != 1 || !ops::allOfType(*op, ElementType::F32))
    return nullptr;
  const Value *weights = op->operands.size() > 1 ? op->operands[1] : nullptr;
  const Value *bias = op->operands.size() > 2 ? op->operands[2] : nullptr;
  if (!weights || !weights->isConstant() || weights->sparsity ||
      (bias && (!bias->isConstant() || bias->sparsity)))
    return nullptr;
  auto activation = ops::fusedActivationOf(*op);
  if (!activation) {
    llvm::consumeError(activation.takeError());
    return nullptr;
  }
  return *activation == ActivationFunctionType::NONE ? op : nullptr;
}

// Folds `post` (MUL or ADD) into the weighted op before it; false (nothing changed) if it does
// not apply.
bool foldAffine(Graph &graph, Op &post, const std::vector<int> &uses) {
  if ((post.kind != OpKind::MUL && post.kind != OpKind::ADD) || post.operands.size() != 2 ||
      !post.operands[0] || !post.operands[1] || post.results.size() != 1 ||
      !ops::allOfType(post, ElementType::F32))
    return false;
  for (size_t side = 0; side < 2; ++side) {
    Value &x = *post.operands[side];
    const Value &k = *post.operands[1 - side];
    Op *op = foldableProducer(x, uses);
    if (!op || x.shape != post.results[0]->shape)
      continue;
    const std::optional<Channels> channels = channelsOf(*op);
    if (!channels || x.shape.empty() || x.shape.back() != channels->count)
      continue;
    const std::optional<std::vector<float>> c = perChannel(k, channels->count);
    if (!c)
      continue;
    const Value &weights = *op->operands[1];
    const Value *bias = op->operands.size() > 2 ? op->operands[2] : nullptr;
    std::vector<float> b = bias ? floatsOf(*bias) : std::vector<float>(size_t(channels->count));
    if (int64_t(b.size()) != channels->count)
      continue;
    Op before = *op;
    if (post.kind == OpKind::MUL) {
      std::vector<float> w = floatsOf(weights);
      // Elements after the channel axis share a channel: stride over them.
      const int64_t inner =
          dimensionProduct(weights.shape, channels->weightAxis + 1, weights.shape.size());
      for (size_t i = 0; i < w.size(); ++i)
        w[i] *= (*c)[size_t((int64_t(i) / inner) % channels->count)];
      op->operands[1] = &floatConstant(graph, weights.name + "/scaled", weights.shape, w);
      if (bias) {
        for (size_t oc = 0; oc < b.size(); ++oc)
          b[oc] *= (*c)[oc];
        op->operands[2] = &floatConstant(graph, bias->name + "/scaled", bias->shape, b);
      }
    } else {
      for (size_t oc = 0; oc < b.size(); ++oc)
        b[oc] += (*c)[oc];
      Value &newBias = floatConstant(graph, (bias ? bias->name : weights.name) + "/shifted",
                                     {channels->count}, b);
      op->operands.resize(3, nullptr);
      op->operands[2] = &newBias;
    }
    if (const EnumAttr *activation = post.attrs.getEnum("fused_activation_function"))
      op->attrs.set("fused_activation_function", *activation);
    op->results[0] = post.results[0];
    if (referenceAccepts(*op)) {
      post.results[0]->producer = op;
      x.producer = nullptr;
      return true;
    }
    *op = std::move(before);
  }
  return false;
}

int64_t foldAffineSteps(Graph &graph) {
  const std::vector<int> uses = useCounts(graph);
  std::vector<bool> erase(graph.ops.size(), false);
  int64_t folded = 0;
  for (size_t i = 0; i < graph.ops.size(); ++i)
    if (foldAffine(graph, *graph.ops[i], uses)) {
      erase[i] = true;
      ++folded;
    }
  eraseOps(graph, erase);
  return folded;
}
} // namespace

std::unique_ptr<Pass> createAffineFoldingPass() {
  return makeGraphPass("fold-affine", "folded", foldAffineSteps);
}

} // namespace litec::ir
