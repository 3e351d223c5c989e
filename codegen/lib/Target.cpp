#include "litec/codegen/Target.h"

#include "generic/GenericTarget.h"
#include "neon/NeonTarget.h"
#include "nnapi/NnapiTarget.h"
#include "x86/X86Target.h"

namespace litec::codegen {

bool Target::canCompile(const ir::Op &op) const {
  if (auto error = checkLayer(op)) {
    llvm::consumeError(std::move(error));
    return false;
  }
  return true;
}

std::vector<std::vector<const ir::Op *>>
Target::partition(std::span<const ir::Op *const> run) const {
  std::vector<std::vector<const ir::Op *>> partitions;
  for (const ir::Op *op : run)
    partitions.push_back({op});
  return partitions;
}

llvm::Error Target::emitPartition(PartitionContext &partition) const {
  for (LayerContext *layer : partition.layers())
    if (auto error = emitLayer(*layer))
      return error;
  return llvm::Error::success();
}

namespace {
std::vector<const Target *> &registry() {
  static std::vector<const Target *> targets = {&genericTarget(), &neonTarget(), &x86Target(),
                                                &nnapiTarget()};
  return targets;
}
} // namespace

std::vector<const Target *> allTargets() {
  return registry();
}

const Target *lookupTarget(std::string_view name) {
  for (const Target *target : registry())
    if (target->name() == name)
      return target;
  return nullptr;
}

void registerTarget(const Target &target) {
  if (!lookupTarget(target.name()))
    registry().push_back(&target);
}

const Target &defaultTarget() {
  for (const Target *target : registry())
    if (target->available())
      return *target;
  return *registry().front();
}

std::string targetNames() {
  std::string names;
  for (const Target *target : registry())
    names += (names.empty() ? "" : ", ") + std::string(target->name());
  return names;
}

std::vector<const ir::Op *> unsupportedOps(const Target &target, const ir::Graph &graph) {
  std::vector<const ir::Op *> ops;
  for (const auto &op : graph.ops) {
    bool compiles = false;
    for (const Target *t = &target; t && !compiles; t = t->fallback())
      compiles = t->canCompile(*op);
    if (!compiles)
      ops.push_back(op.get());
  }
  return ops;
}

} // namespace litec::codegen
