#pragma once

// Calibration for post-training quantisation: the reference interpreter runs the float model on
// each calibration sample and every float tensor it computes (the inputs included) is observed,
// once for min/max and, for the histogram methods, a second time to fill the histograms.

#include "litec/ir/Graph.h"
#include "litec/ir/quantize/Ranges.h"

#include <llvm/ADT/STLFunctionalExtras.h>
#include <llvm/Support/Error.h>

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace litec::ir::quantize {

// Writes sample `index`'s data into the graph inputs' buffers (`inputs[i]` is input i's bytes).
using SampleWriter =
    llvm::function_ref<llvm::Error(size_t index, std::span<const std::span<uint8_t>> inputs)>;

// What calibration saw of graph 0, per value id (observers of values it did not compute, the
// constants and non-float tensors, stay unseen).
struct Calibration {
  std::vector<RangeObserver> observers;
  RangeOptions options;
  size_t samples = 0;

  bool seen(const Value &value) const {
    return value.id < observers.size() && observers[value.id].seen();
  }
  Range range(const Value &value) const { return observers[value.id].range(options); }
};

// Runs `samples` samples through the interpreter of the module's graph 0.
llvm::Expected<Calibration> calibrate(const Module &module, const RangeOptions &options,
                                      size_t samples, SampleWriter writeSample);

} // namespace litec::ir::quantize
