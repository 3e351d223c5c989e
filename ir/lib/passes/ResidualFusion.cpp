#include "litec/ir/passes/ResidualFusion.h"

#include "PassSupport.h"
#include "litec/ir/OpOptions.h"
#include "litec/ir/ShapeInference.h"
#include "litec/ir/ops/Params.h"

#include <cstring>

namespace litec::ir {

namespace {
using options::ActivationFunctionType;

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
      !add.operands[0] || !add.operands[1] || !ops::allOfType(add, add.results[0]->type))
    return std::nullopt;
  const Shape &shape = add.results[0]->shape;
  if (shape.size() != 4)
    return std::nullopt;
  for (size_t side = 0; side < 2; ++side) {
    Value &convResult = *add.operands[side];
    Value &other = *add.operands[1 - side];
    if (convResult.shape != shape || !isFusableConvolution(convResult.producer, uses))
      continue;
    if (other.shape != shape)
      continue;
    if (Value *source = channelPadSource(other, uses))
      return Fusion{convResult.producer, source, other.producer};
    return Fusion{convResult.producer, &other, nullptr};
  }
  return std::nullopt;
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
    std::optional<Op> fused = fusedConvolutionOp(*fusion->conv, *graph.ops[i], fusion->residual);
    if (!fused)
      continue;
    replaceByFused(graph, *fusion->conv, i, std::move(*fused), erase);
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
