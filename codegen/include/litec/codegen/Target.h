#pragma once

// A code generation target (generic C++17; NEON and NNAPI to come): which ops it can lower and
// how it emits each layer. Targets are stateless singletons looked up by name.

#include "litec/codegen/LayerContext.h"
#include "litec/ir/Graph.h"

#include <llvm/Support/Error.h>

#include <string_view>
#include <vector>

namespace litec::codegen {

class Target {
public:
  virtual ~Target() = default;
  virtual std::string_view name() const = 0;
  virtual std::string_view description() const = 0;
  // Whether the target is built yet; an unavailable target is named but refused.
  virtual bool available() const { return true; }
  // Success when the target has a kernel for this op with these types and attributes; the error
  // says why not.
  virtual llvm::Error checkLayer(const ir::Op &op) const = 0;
  // Bytes of arena scratch the op's kernel needs (0 for most).
  virtual int64_t scratchBytes(const ir::Op &) const { return 0; }
  // Whether the op's kernel may write its result over its first operand.
  virtual bool inPlace(const ir::Op &) const { return false; }
  // Writes the layer: parameters, tables, statements.
  virtual llvm::Error emitLayer(LayerContext &context) const = 0;
  // The alignment of the arena and of its buffers.
  virtual int64_t arenaAlignment() const { return 16; }

  bool canCompile(const ir::Op &op) const;
};

// nullptr for an unknown name.
const Target *lookupTarget(std::string_view name);
std::vector<const Target *> allTargets();

// The ops of `graph` the target cannot compile, in graph order.
std::vector<const ir::Op *> unsupportedOps(const Target &target, const ir::Graph &graph);

} // namespace litec::codegen
