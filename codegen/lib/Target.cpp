#include "litec/codegen/Target.h"

namespace litec::codegen {

namespace {
// Portable C++17. Its kernel set is empty until the emitter lands, so every op is reported as
// not compilable rather than promised.
class GenericTarget final : public Target {
public:
  std::string_view name() const override { return "generic"; }
  std::string_view description() const override { return "portable C++17"; }
  bool canCompile(const ir::Op &) const override { return false; }
};
} // namespace

std::vector<const Target *> allTargets() {
  static const GenericTarget generic;
  return {&generic};
}

const Target *lookupTarget(std::string_view name) {
  for (const Target *target : allTargets())
    if (target->name() == name)
      return target;
  return nullptr;
}

std::vector<const ir::Op *> unsupportedOps(const Target &target, const ir::Graph &graph) {
  std::vector<const ir::Op *> ops;
  for (const auto &op : graph.ops)
    if (!target.canCompile(*op))
      ops.push_back(op.get());
  return ops;
}

} // namespace litec::codegen
