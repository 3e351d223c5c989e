#pragma once

// Post-training quantisation of a float model (graph 0) from its calibration, following
// TFLite's converter: every op that has an int8 kernel in TFLite (and in litec's interpreter)
// computes in int8 (weights symmetric per output channel, int32 biases, activations asymmetric
// per tensor, the fixed output parameters and shared input/output parameters TFLite's kernels
// require); an op without one stays float between DEQUANTIZE and QUANTIZE, and the report says
// which and why. The result is an ordinary TFLite model (no litec-private ops) that the writer
// can serialise.

#include "litec/ir/ElementType.h"
#include "litec/ir/Graph.h"
#include "litec/ir/quantize/Calibration.h"

#include <llvm/Support/Error.h>

#include <cstdint>
#include <set>
#include <string>
#include <vector>

namespace litec::ir::quantize {

struct QuantizeOptions {
  // Weights per output channel (CONV_2D, DEPTHWISE_CONV_2D, TRANSPOSE_CONV; FULLY_CONNECTED is
  // per tensor, as TFLite's converter makes it) or per tensor for all.
  bool perChannel = true;
  // I8, or I16 for the 16x8 scheme (int16 activations, int8 weights, int64 biases).
  ElementType activations = ElementType::I8;
  // Graph inputs and outputs int8 too (else they stay float, QUANTIZE / DEQUANTIZE at the edge).
  bool quantizedIo = false;
  // Ops (by index in the float model) to leave float.
  std::set<unsigned> keepFloat;
};

struct QuantizeReport {
  struct FloatOp {
    unsigned index;   // in the float model
    std::string name; // CONV_2D, CUSTOM:...
    std::string reason;
  };
  std::vector<FloatOp> floatOps;
  unsigned quantizedOps = 0;
  // QUANTIZE and DEQUANTIZE ops the rewrite added.
  unsigned conversions = 0;
};

// The quantised copy of `floatModule` (whose graph 0 `calibration` observed).
struct QuantizedModule {
  std::unique_ptr<Module> module;
  QuantizeReport report;
};
llvm::Expected<QuantizedModule> quantizeModule(const Module &floatModule,
                                               const Calibration &calibration,
                                               const QuantizeOptions &options);

// A deep copy of `module` (constants that point into the file keep pointing there: the copy
// shares the module's storage).
std::unique_ptr<Module> cloneModule(const Module &module);

// Drops graph 0's values that no op reads or writes and that are neither graph inputs nor
// outputs, and renumbers the rest (ids, signatures).
void removeUnusedValues(Module &module);

} // namespace litec::ir::quantize
