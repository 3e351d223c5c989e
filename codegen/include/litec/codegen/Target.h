#pragma once

// A code generation target: which ops it can lower and how it emits them. Targets are stateless
// singletons in a registry, looked up by name. A target may hand any layer it cannot do to its
// fallback target (the layer's comment says so and why), and may take runs of consecutive
// layers as one partition, emitted as a unit with state it keeps in the arena and code that
// reset() runs to set that state up (a target that compiles a whole subgraph for an
// accelerator, as NNAPI does). The default is one partition per layer, each emitted by
// emitLayer.

#include "litec/codegen/LayerContext.h"
#include "litec/ir/Graph.h"

#include <llvm/Support/Error.h>

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace litec::codegen {

class PartitionContext;

// The data caches of one core, in bytes, as code generation plans tiles and fusion for them;
// l3: the last level, shared by the chip's cores (a phone's system cache by default).
struct CacheSizes {
  int64_t l1 = 32 * 1024, l2 = 512 * 1024, l3 = 4 * 1024 * 1024;
};

class Target {
public:
  virtual ~Target() = default;
  virtual std::string_view name() const = 0;
  virtual std::string_view description() const = 0;
  // Whether the target is built yet; an unavailable target is named but refused.
  virtual bool available() const { return true; }
  // The folder of templates/ its layers include kernels from (as litec/<folder>/X.h).
  virtual std::string_view templateFolder() const { return name(); }
  // The target that emits the layers this one cannot; nullptr when there is none.
  virtual const Target *fallback() const { return nullptr; }
  // The CPUs `--cpu` may name for this target (the first is the default); none when the target
  // has nothing to tune. The emitter reads the choice from LayerContext::cpu().
  virtual std::vector<std::string_view> cpus() const { return {}; }
  // Optimisation passes of the default pipeline that make this target's code slower (each a
  // registered pass name); compiling for it leaves them out.
  virtual std::vector<std::string_view> unprofitablePasses() const { return {}; }
  // Compiler flags the generated code needs to build for and run on the machine litec runs on
  // (`litec verify`); none by default.
  virtual std::vector<std::string> hostBuildFlags() const { return {}; }
  // The caches of a core of `cpu` (one of cpus()); a common mobile core's by default.
  virtual CacheSizes cacheSizes(std::string_view /*cpu*/) const { return {}; }

  // Success when the target has a kernel for this op with these types and attributes; the error
  // says why not.
  virtual llvm::Error checkLayer(const ir::Op &op) const = 0;
  // Bytes of arena scratch the op's kernel needs (0 for most).
  virtual int64_t scratchBytes(const ir::Op &) const { return 0; }
  // Whether the op's kernel may write its result over its first operand.
  virtual bool inPlace(const ir::Op &) const { return false; }
  // For an op that gathers its operands (CONCATENATION): where each operand goes in its result
  // when the kernel skips an operand the planner placed there (OpMemoryNeeds::operandSlices and
  // slicePixelStride); no offsets when it cannot.
  struct OperandSlices {
    std::vector<int64_t> offsets;
    int64_t pixelStride = 0;
  };
  virtual OperandSlices operandSlices(const ir::Op &) const { return {}; }
  // Whether the op's kernel can write its result with a pixel stride wider than its channels
  // (into a channel slice of a concatenation).
  virtual bool stridedResult(const ir::Op &) const { return false; }
  // Whether the op's kernel splits its work into runs of output pixels of one image
  // (LayerContext::bands), so that it may run by bands with its neighbour (LayerBands.h).
  virtual bool splitsByPixels(const ir::Op &) const { return false; }
  // Writes the layer: parameters, tables, statements.
  virtual llvm::Error emitLayer(LayerContext &context) const = 0;
  // The alignment of the arena and of its buffers.
  virtual int64_t arenaAlignment() const { return 16; }

  // Splits a run of consecutive layers this target emits (in execution order) into
  // partitions. Default: one partition per layer.
  virtual std::vector<std::vector<const ir::Op *>>
  partition(std::span<const ir::Op *const> run) const;
  // Arena bytes a partition keeps across invokes (0: none).
  virtual int64_t partitionStateBytes(std::span<const ir::Op *const>) const { return 0; }
  // Emits a partition. Default: each of its layers by emitLayer, as separate layer functions.
  virtual llvm::Error emitPartition(PartitionContext &partition) const;

  bool canCompile(const ir::Op &op) const;
};

// A partition being emitted: its layers (each with its LayerContext), where its state lives,
// and, for a target that emits the partition as one unit, the unit's statements and the
// statements reset() runs for it.
class PartitionContext {
public:
  PartitionContext(unsigned index, std::vector<LayerContext *> layers, int64_t stateOffset,
                   int64_t stateBytes)
      : index_(index), layers_(std::move(layers)), stateOffset_(stateOffset),
        stateBytes_(stateBytes) {}

  unsigned index() const { return index_; }
  const std::vector<LayerContext *> &layers() const { return layers_; }
  // Offset and size of the partition's state in the arena (bytes 0 when it has none).
  int64_t stateOffset() const { return stateOffset_; }
  int64_t stateBytes() const { return stateBytes_; }

  // The unit's code: when a target adds statements, the partition becomes one function
  // (`partition<index>(arena)`) in place of its layers' functions.
  void statement(const std::string &text) { body_.push_back(text); }
  void initStatement(const std::string &text) { init_.push_back(text); }
  void setFallible() { fallible_ = true; }
  const std::vector<std::string> &body() const { return body_; }
  const std::vector<std::string> &init() const { return init_; }
  bool fallible() const { return fallible_; }
  bool isUnit() const { return !body_.empty(); }

private:
  unsigned index_;
  std::vector<LayerContext *> layers_;
  int64_t stateOffset_, stateBytes_;
  std::vector<std::string> body_, init_;
  bool fallible_ = false;
};

// The registry. The targets built into litec come first; tests may add their own.
std::vector<const Target *> allTargets();
const Target *lookupTarget(std::string_view name);
void registerTarget(const Target &target);
// The target litec compiles for when none is named (the first available one).
const Target &defaultTarget();
// "generic, neon, nnapi": the registered names, for help texts and errors.
std::string targetNames();

// The ops of `graph` the target cannot compile, in graph order (a fallback counts).
std::vector<const ir::Op *> unsupportedOps(const Target &target, const ir::Graph &graph);

} // namespace litec::codegen
