#include "ModuleCompare.h"

#include <fmt/format.h>

#include <algorithm>

namespace litec::testing {

namespace {
std::vector<int64_t> ids(const std::vector<ir::Value *> &values) {
  std::vector<int64_t> out;
  for (const ir::Value *value : values)
    out.push_back(value ? value->id : -1);
  return out;
}

std::string compareValue(const ir::Value &a, const ir::Value &b) {
  if (a.name != b.name)
    return "name";
  if (a.type != b.type)
    return "type";
  if (a.shape != b.shape)
    return "shape";
  if (a.shapeSignature != b.shapeSignature)
    return "shape signature";
  if (!(a.quant == b.quant))
    return "quantisation";
  if (a.sparsity != b.sparsity)
    return "sparsity";
  if (a.isVariable != b.isVariable)
    return "variable flag";
  if (a.isConstant() != b.isConstant())
    return "constness";
  if (!std::equal(a.data().begin(), a.data().end(), b.data().begin(), b.data().end()))
    return "constant bytes";
  return "";
}

std::string compareOp(const ir::Op &a, const ir::Op &b) {
  if (a.kind != b.kind || a.customCode != b.customCode)
    return "kind";
  if (a.version != b.version)
    return "version";
  if (ids(a.operands) != ids(b.operands))
    return "operands";
  if (ids(a.results) != ids(b.results))
    return "results";
  if (ids(a.intermediates) != ids(b.intermediates))
    return "intermediates";
  if (a.customOptions != b.customOptions)
    return "custom options";
  if (!(a.attrs == b.attrs))
    return "attributes";
  return "";
}

std::string compareGraph(const ir::Graph &a, const ir::Graph &b) {
  if (a.name != b.name)
    return "name";
  if (a.values.size() != b.values.size())
    return fmt::format("{} values vs {}", a.values.size(), b.values.size());
  for (size_t i = 0; i < a.values.size(); ++i)
    if (std::string d = compareValue(*a.values[i], *b.values[i]); !d.empty())
      return fmt::format("value %{}: {}", i, d);
  if (a.ops.size() != b.ops.size())
    return fmt::format("{} ops vs {}", a.ops.size(), b.ops.size());
  for (size_t i = 0; i < a.ops.size(); ++i)
    if (std::string d = compareOp(*a.ops[i], *b.ops[i]); !d.empty())
      return fmt::format("op {}: {}", i, d);
  if (ids(a.inputs) != ids(b.inputs))
    return "inputs";
  if (ids(a.outputs) != ids(b.outputs))
    return "outputs";
  return "";
}
} // namespace

std::string describeDifference(const ir::Module &expected, const ir::Module &actual) {
  if (expected.schemaVersion != actual.schemaVersion)
    return "schema version";
  if (expected.description != actual.description)
    return "description";
  if (expected.graphs.size() != actual.graphs.size())
    return "graph count";
  for (size_t g = 0; g < expected.graphs.size(); ++g)
    if (std::string d = compareGraph(*expected.graphs[g], *actual.graphs[g]); !d.empty())
      return fmt::format("subgraph {}: {}", g, d);
  if (expected.signatures.size() != actual.signatures.size())
    return "signature count";
  for (size_t s = 0; s < expected.signatures.size(); ++s) {
    const ir::Signature &a = expected.signatures[s], &b = actual.signatures[s];
    auto same = [](const auto &x, const auto &y) {
      return x.size() == y.size() &&
             std::equal(x.begin(), x.end(), y.begin(), [](const auto &p, const auto &q) {
               return p.name == q.name && p.valueId == q.valueId;
             });
    };
    if (a.key != b.key || a.graphIndex != b.graphIndex || !same(a.inputs, b.inputs) ||
        !same(a.outputs, b.outputs))
      return fmt::format("signature {}", s);
  }
  if (expected.metadata.size() != actual.metadata.size())
    return "metadata count";
  for (size_t m = 0; m < expected.metadata.size(); ++m)
    if (expected.metadata[m].name != actual.metadata[m].name ||
        expected.metadata[m].bytes != actual.metadata[m].bytes)
      return fmt::format("metadata {}", m);
  return "";
}

} // namespace litec::testing
