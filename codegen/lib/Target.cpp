#include "litec/codegen/Target.h"

#include "generic/GenericTarget.h"

namespace litec::codegen {

bool Target::canCompile(const ir::Op &op) const {
  if (auto error = checkLayer(op)) {
    llvm::consumeError(std::move(error));
    return false;
  }
  return true;
}

namespace {
// A target that is named in the roadmap but not built yet: refused with a clear message.
class PlannedTarget final : public Target {
public:
  PlannedTarget(std::string_view name, std::string_view description)
      : name_(name), description_(description) {}
  std::string_view name() const override { return name_; }
  std::string_view description() const override { return description_; }
  bool available() const override { return false; }
  llvm::Error checkLayer(const ir::Op &) const override { return notBuilt(); }
  llvm::Error emitLayer(LayerContext &) const override { return notBuilt(); }

private:
  static llvm::Error notBuilt() {
    return llvm::createStringError(llvm::inconvertibleErrorCode(), "the target is not built yet");
  }
  std::string_view name_, description_;
};
} // namespace

std::vector<const Target *> allTargets() {
  static const PlannedTarget neon("neon", "NEON intrinsics for AArch64 and ARMv7");
  static const PlannedTarget nnapi("nnapi", "Android Neural Networks API with CPU fallback");
  return {&genericTarget(), &neon, &nnapi};
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
