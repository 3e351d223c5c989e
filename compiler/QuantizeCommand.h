#pragma once

// `litec quantize`: a float model, calibrated on sample inputs, rewritten to int8 (or 16x8) by
// TFLite's converter conventions and written as a .tflite; with a report of how far the int8
// model's outputs (and, with --report, each tensor) are from the float model's.

#include "CalibrationInputs.h"

#include "litec/ir/Graph.h"
#include "litec/ir/quantize/Quantizer.h"
#include "litec/ir/quantize/Ranges.h"

#include <llvm/Support/Error.h>
#include <llvm/Support/raw_ostream.h>

#include <memory>
#include <string>

namespace litec::compiler {

struct QuantizeCommandOptions {
  CalibrationSource calibration;
  ir::quantize::RangeOptions ranges;
  ir::quantize::QuantizeOptions quantize;
  std::string reportFile; // the per-tensor report; empty: none
};

// Folds the float model's constants (fp16 weights, sparse weights, reshapes of constants) and
// affine and activation ops into the ops before them, as TFLite's converter does before it
// quantises: the passes that keep the model a plain TFLite model.
llvm::Error prepareForQuantization(ir::Module &module);

// Calibrates and quantises `module` (prepared), printing the summary to `out`. `modelBytes`: the
// float model's file size, for the report.
llvm::Expected<std::unique_ptr<ir::Module>>
quantizeWithReport(const ir::Module &module, const QuantizeCommandOptions &options,
                   uint64_t modelBytes, llvm::raw_ostream &out);

// The whole command: read MODEL, quantise, write OUTPUT.
llvm::Error quantizeModelFile(const std::string &model, const std::string &output,
                              const QuantizeCommandOptions &options, llvm::raw_ostream &out);

} // namespace litec::compiler
