#include "ModelSummary.h"

#include "litec/ir/Analysis.h"

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

  for (const auto &value : graph.values)
    if (value->isDynamic())
      summary.dynamicValues.push_back(value.get());
  return summary;
}

} // namespace litec::compiler
