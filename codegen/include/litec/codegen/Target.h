#pragma once

#include "litec/ir/Graph.h"

#include <string_view>
#include <vector>

namespace litec::codegen {

// A code generation target (generic C++17, NEON, NNAPI): what it can lower and, as they land,
// how it emits each layer. Targets are stateless singletons looked up by name.
class Target {
public:
  virtual ~Target() = default;
  virtual std::string_view name() const = 0;
  virtual std::string_view description() const = 0;
  // Whether the target has a kernel for this op with these operand types and attributes.
  virtual bool canCompile(const ir::Op &op) const = 0;
};

// nullptr for an unknown name.
const Target *lookupTarget(std::string_view name);
std::vector<const Target *> allTargets();

// The ops of `graph` the target cannot compile, in graph order.
std::vector<const ir::Op *> unsupportedOps(const Target &target, const ir::Graph &graph);

} // namespace litec::codegen
