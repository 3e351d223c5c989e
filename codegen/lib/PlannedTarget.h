#pragma once

// A target named in the roadmap but not built yet: listed, and refused with a clear message.

#include "litec/codegen/Target.h"

namespace litec::codegen {

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

} // namespace litec::codegen
