#include "litec/ir/quantize/Calibration.h"

#include "litec/ir/reference/Interpreter.h"

#include <cstring>

namespace litec::ir::quantize {

namespace {
// The float values the interpreter computes (or is given): what calibration observes.
bool observed(const Value &value) {
  return value.type == ElementType::F32 && !value.isConstant();
}

// A value's floats, copied out (the interpreter's buffers need not be aligned for float).
std::vector<float> floatsOf(std::span<const uint8_t> bytes) {
  std::vector<float> values(bytes.size() / sizeof(float));
  if (!values.empty())
    std::memcpy(values.data(), bytes.data(), values.size() * sizeof(float));
  return values;
}
} // namespace

llvm::Expected<Calibration> calibrate(const Module &module, const RangeOptions &options,
                                      size_t samples, SampleWriter writeSample) {
  auto interpreter = reference::Interpreter::create(module);
  if (!interpreter)
    return interpreter.takeError();
  const Graph &graph = (*interpreter)->graph();
  Calibration calibration;
  calibration.options = options;
  calibration.samples = samples;
  calibration.observers.resize(graph.values.size());
  const bool histograms = options.method != RangeMethod::kMinMax;
  for (int pass = 0; pass < (histograms ? 2 : 1); ++pass) {
    if (pass == 1)
      for (RangeObserver &observer : calibration.observers)
        if (observer.seen())
          observer.startHistogram();
    for (size_t sample = 0; sample < samples; ++sample) {
      (*interpreter)->reset();
      std::vector<std::span<uint8_t>> inputs;
      for (size_t i = 0; i < graph.inputs.size(); ++i)
        inputs.push_back((*interpreter)->inputData(i));
      if (llvm::Error error = writeSample(sample, inputs))
        return error;
      if (llvm::Error error = (*interpreter)->invoke())
        return error;
      for (const auto &value : graph.values) {
        if (!observed(*value))
          continue;
        const std::vector<float> floats = floatsOf((*interpreter)->valueData(*value));
        RangeObserver &observer = calibration.observers[value->id];
        if (pass == 0)
          observer.observe(floats);
        else
          observer.observeHistogram(floats);
      }
    }
  }
  return calibration;
}

} // namespace litec::ir::quantize
