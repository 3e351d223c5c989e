#include "ModelSummary.h"

#include "litec/codegen/Target.h"
#include "litec/ir/Analysis.h"
#include "litec/ir/passes/ConstantFolding.h"

#include <set>

namespace litec::compiler {

ModelSummary summarizeModel(const ir::Module &module) {
  ModelSummary summary;
  const ir::Graph &graph = module.mainGraph();
  for (const auto &op : graph.ops) {
    OpSummary entry{op.get(), ir::countMacs(*op), ir::weightBytes(*op)};
    summary.totalMacs = ir::saturatingAdd(summary.totalMacs, entry.macs);
    summary.ops.push_back(entry);
  }
  summary.opHistogram = ir::opHistogram(graph);
  summary.paramBytesByType = ir::parameterBytesByType(module);
  for (const auto &[type, bytes] : summary.paramBytesByType)
    summary.paramBytes += bytes;
  ir::ActivationMemory memory = ir::peakActivationMemory(graph);
  summary.peakActivationBytes = memory.peakBytes;
  summary.peakOpIndex = memory.peakOpIndex;

  std::set<std::string> unsupported;
  const codegen::Target &target = *codegen::lookupTarget("generic");
  for (const auto &moduleGraph : module.graphs) {
    const std::set<const ir::Op *> folded = ir::opsFoldedAway(*moduleGraph);
    for (const ir::Op *op : codegen::unsupportedOps(target, *moduleGraph))
      if (!folded.count(op)) // folded into constants before code generation
        unsupported.insert(op->displayName());
  }
  summary.unsupportedOps.assign(unsupported.begin(), unsupported.end());

  for (const auto &value : graph.values)
    if (value->isDynamic())
      summary.dynamicValues.push_back(value.get());
  return summary;
}

} // namespace litec::compiler
