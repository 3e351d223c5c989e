#include "litec/ir/passes/ResidualFusion.h"

#include "PassSupport.h"
#include "litec/ir/OpOptions.h"
#include "litec/ir/ShapeInference.h"
#include "litec/ir/ops/Params.h"

#include <cstring>

namespace litec::ir {

namespace {
using options::ActivationFunctionType;

// A CONV_2D without activation whose only reader is the ADD.
bool isFusableConvolution(const Op *conv, const Value &result, const std::vector<int> &uses) {
  if (!conv || conv->kind != OpKind::CONV_2D || conv->results.size() != 1 || uses[result.id] != 1 ||
      !ops::allOfType(*conv, ElementType::F32))
    return false;
  const EnumAttr *activation = conv->attrs.getEnum("fused_activation_function");
  return activation && activation->value == int64_t(ActivationFunctionType::NONE);
}

// The input of a float PAD (or PADV2 by zero) that only appends zero channels to a 4-D tensor
// and is read by nothing else; nullptr otherwise.
Value *channelPadSource(const Value &padded, const std::vector<int> &uses) {
  const std::optional<ZeroPad> pad = zeroPadOf(padded);
  if (!pad || uses[padded.id] != 1 || padded.type != ElementType::F32 ||
      pad->source->shape.size() != 4)
    return nullptr;
  for (size_t i = 0; i < 7; ++i)
    if (pad->paddings[i] != 0)
      return nullptr;
  return pad->source;
}

struct Fusion {
  Op *conv;
  Value *residual;
  Op *pad; // the channel PAD folded in, or nullptr
};

// How `add` fuses with the convolution producing one of its operands, if it does.
std::optional<Fusion> findFusion(const Op &add, const std::vector<int> &uses) {
  if (add.kind != OpKind::ADD || add.operands.size() != 2 || add.results.size() != 1 ||
      !ops::allOfType(add, ElementType::F32))
    return std::nullopt;
  const Shape &shape = add.results[0]->shape;
  if (shape.size() != 4)
    return std::nullopt;
  for (size_t side = 0; side < 2; ++side) {
    Value &convResult = *add.operands[side];
    Value &other = *add.operands[1 - side];
    if (convResult.shape != shape || !isFusableConvolution(convResult.producer, convResult, uses))
      continue;
    if (other.shape != shape)
      continue;
    if (Value *source = channelPadSource(other, uses))
      return Fusion{convResult.producer, source, other.producer};
    return Fusion{convResult.producer, &other, nullptr};
  }
  return std::nullopt;
}

// The fused op `conv` becomes, or nullopt when its kernel would not take it.
std::optional<Op> fusedOp(const Op &conv, const Op &add, Value *residual) {
  Op fused = conv;
  fused.kind = OpKind::LITEC_CONV_2D_RESIDUAL;
  fused.version = 1;
  fused.operands.resize(3, nullptr);
  fused.operands.push_back(residual);
  fused.results = add.results;
  const EnumAttr *activation = add.attrs.getEnum("fused_activation_function");
  if (!activation)
    return std::nullopt;
  fused.attrs.set("fused_activation_function", *activation);
  if (!referenceAccepts(fused))
    return std::nullopt;
  return fused;
}

struct Counts {
  int64_t adds = 0, pads = 0;
};

Counts fuseResiduals(Graph &graph) {
  const std::vector<int> uses = useCounts(graph);
  std::vector<bool> erase(graph.ops.size(), false);
  Counts counts;
  for (size_t i = 0; i < graph.ops.size(); ++i) {
    const std::optional<Fusion> fusion = findFusion(*graph.ops[i], uses);
    if (!fusion)
      continue;
    std::optional<Op> fused = fusedOp(*fusion->conv, *graph.ops[i], fusion->residual);
    if (!fused)
      continue;
    // The fused op runs where the ADD ran: the residual may be computed after the convolution.
    const size_t convAt = fusion->conv->index;
    Value *convResult = fusion->conv->results[0];
    *fusion->conv = std::move(*fused);
    fusion->conv->index = unsigned(i);
    fusion->conv->results[0]->producer = fusion->conv;
    convResult->producer = nullptr;
    std::swap(graph.ops[convAt], graph.ops[i]);
    graph.ops[convAt]->index = unsigned(convAt);
    erase[convAt] = true; // the ADD, now in the convolution's place
    ++counts.adds;
    if (fusion->pad) {
      fusion->pad->results[0]->producer = nullptr;
      erase[fusion->pad->index] = true;
      ++counts.pads;
    }
  }
  eraseOps(graph, erase);
  return counts;
}

class ResidualFusionPass final : public Pass {
public:
  std::string_view name() const override { return "fuse-residual-add"; }
  llvm::Error run(Module &module, PassStatistics &statistics) override {
    for (std::unique_ptr<Graph> &graph : module.graphs) {
      const Counts counts = fuseResiduals(*graph);
      statistics.add(name(), "fused", counts.adds);
      statistics.add(name(), "pads", counts.pads);
    }
    return llvm::Error::success();
  }
};
} // namespace

std::unique_ptr<Pass> createResidualFusionPass() {
  return std::make_unique<ResidualFusionPass>();
}

} // namespace litec::ir
