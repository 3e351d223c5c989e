#include "QuantizeCommand.h"

#include "ModelFiles.h"

#include "litec/frontend/Writer.h"
#include "litec/ir/passes/Pipeline.h"
#include "litec/ir/reference/Interpreter.h"

#include <fmt/format.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/raw_ostream.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>
#include <map>

namespace litec::compiler {

namespace {
// At most this many samples are run through both models for the report.
constexpr size_t kReportSamples = 10;

// A tensor's values as floats: float as they are, integers dequantised by their (per-tensor)
// parameters.
std::vector<double> realValues(const ir::Value &value, std::span<const uint8_t> bytes) {
  std::vector<double> values;
  const double scale = value.quant.isQuantized() ? value.quant.scales[0] : 1.0;
  const double zero = value.quant.isQuantized() ? double(value.quant.zeroPoints[0]) : 0.0;
  const auto read = [&]<typename T>(T) {
    for (size_t i = 0; i + sizeof(T) <= bytes.size(); i += sizeof(T)) {
      T v;
      std::memcpy(&v, bytes.data() + i, sizeof(T));
      values.push_back(std::is_floating_point_v<T> ? double(v) : (double(v) - zero) * scale);
    }
  };
  switch (value.type) {
  case ir::ElementType::F32:
    read(float{});
    break;
  case ir::ElementType::I8:
    read(int8_t{});
    break;
  case ir::ElementType::U8:
    read(uint8_t{});
    break;
  case ir::ElementType::I16:
    read(int16_t{});
    break;
  default:
    break;
  }
  return values;
}

// How far `actual` is from `expected`, accumulated over samples.
struct Agreement {
  double dot = 0, expectedSquares = 0, actualSquares = 0, errorSquares = 0, maxError = 0;
  double min = INFINITY, max = -INFINITY;
  size_t count = 0;

  void add(const std::vector<double> &expected, const std::vector<double> &actual) {
    for (size_t i = 0; i < expected.size() && i < actual.size(); ++i) {
      const double e = expected[i], a = actual[i];
      dot += e * a, expectedSquares += e * e, actualSquares += a * a;
      errorSquares += (e - a) * (e - a);
      maxError = std::max(maxError, std::abs(e - a));
      min = std::min(min, e), max = std::max(max, e);
      ++count;
    }
  }
  double cosine() const {
    if (expectedSquares == 0 || actualSquares == 0)
      return expectedSquares == actualSquares ? 1.0 : 0.0;
    return dot / std::sqrt(expectedSquares * actualSquares);
  }
  double rmse() const { return count ? std::sqrt(errorSquares / double(count)) : 0.0; }
  // RMSE relative to the float tensor's range.
  double relativeRmse() const { return max > min ? rmse() / (max - min) : rmse(); }
};

llvm::Error writeInputs(ir::reference::Interpreter &interpreter,
                        const std::vector<std::vector<uint8_t>> &floatInputs) {
  const ir::Graph &graph = interpreter.graph();
  for (size_t i = 0; i < graph.inputs.size(); ++i) {
    std::span<uint8_t> bytes = interpreter.inputData(i);
    const ir::Value &input = *graph.inputs[i];
    const std::vector<uint8_t> &given = floatInputs[i];
    if (input.type != ir::ElementType::F32 && input.quant.isQuantized()) {
      // An int8 input (--io int8): the float sample quantised by the input's parameters.
      const float scale = input.quant.scales[0];
      const int64_t zero = input.quant.zeroPoints[0];
      const size_t width = input.type == ir::ElementType::I16 ? 2 : 1;
      for (size_t k = 0; k * 4 < given.size() && k * width < bytes.size(); ++k) {
        float f;
        std::memcpy(&f, given.data() + k * 4, 4);
        const int64_t low = input.type == ir::ElementType::I16 ? -32768 : -128;
        const int64_t high = input.type == ir::ElementType::I16 ? 32767 : 127;
        const int64_t q = std::clamp<int64_t>(int64_t(std::round(f / scale)) + zero, low, high);
        if (width == 2) {
          const int16_t v = int16_t(q);
          std::memcpy(bytes.data() + k * 2, &v, 2);
        } else {
          bytes[k] = uint8_t(int8_t(q));
        }
      }
      continue;
    }
    if (given.size() != bytes.size())
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     "input %zu takes %zu bytes, the sample has %zu", i,
                                     bytes.size(), given.size());
    std::memcpy(bytes.data(), given.data(), bytes.size());
  }
  return llvm::Error::success();
}

struct TensorError {
  std::string name;
  unsigned op = 0;
  std::string opName;
  double relativeRmse = 0, growth = 0, cosine = 1;
};

} // namespace

llvm::Error prepareForQuantization(ir::Module &module) {
  auto passes = ir::buildPassList(
      {"fold-constants", "fold-affine", "fuse-activations", "eliminate-dead-code"});
  if (!passes)
    return passes.takeError();
  return passes->run(module);
}

llvm::Expected<std::unique_ptr<ir::Module>>
quantizeWithReport(const ir::Module &module, const QuantizeCommandOptions &options,
                   uint64_t modelBytes, llvm::raw_ostream &out) {
  auto samples = loadCalibrationSamples(module.mainGraph(), options.calibration);
  if (!samples)
    return samples.takeError();
  const auto started = std::chrono::steady_clock::now();
  auto calibration = ir::quantize::calibrate(
      module, options.ranges, samples->samples.size(),
      [&](size_t index, std::span<const std::span<uint8_t>> inputs) -> llvm::Error {
        const auto &sample = samples->samples[index];
        for (size_t i = 0; i < inputs.size(); ++i) {
          if (sample[i].size() != inputs[i].size())
            return llvm::createStringError(
                llvm::inconvertibleErrorCode(), "%s: input %zu takes %zu bytes, the sample has %zu",
                samples->names[index].c_str(), i, inputs[i].size(), sample[i].size());
          std::memcpy(inputs[i].data(), sample[i].data(), inputs[i].size());
        }
        return llvm::Error::success();
      });
  if (!calibration)
    return calibration.takeError();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  auto quantized = ir::quantize::quantizeModule(module, *calibration, options.quantize);
  if (!quantized)
    return quantized.takeError();
  const ir::quantize::QuantizeReport &report = quantized->report;
  out << fmt::format("calibrated on {} sample{} ({}) in {:.2f} s, ranges by {}\n",
                     samples->samples.size(), samples->samples.size() == 1 ? "" : "s",
                     options.calibration.directory.empty()
                         ? fmt::format("random, seed {}", options.calibration.seed)
                         : options.calibration.directory,
                     seconds, ir::quantize::describe(options.ranges));
  out << fmt::format("{} ops quantised, {} QUANTIZE/DEQUANTIZE added, {} op{} kept float\n",
                     report.quantizedOps, report.conversions, report.floatOps.size(),
                     report.floatOps.size() == 1 ? "" : "s");
  for (const auto &op : report.floatOps)
    out << fmt::format("  op {} ({}) stays float: {}\n", op.index, op.name, op.reason);

  // Both models on the first samples: each output, and each tensor the int8 model keeps under
  // the float model's name.
  auto floatRun = ir::reference::Interpreter::create(module);
  if (!floatRun)
    return floatRun.takeError();
  auto int8Run = ir::reference::Interpreter::create(*quantized->module);
  if (!int8Run)
    return int8Run.takeError();
  const ir::Graph &floatGraph = module.mainGraph();
  const ir::Graph &int8Graph = quantized->module->mainGraph();
  std::map<std::string, const ir::Value *> floatByName;
  for (const auto &value : floatGraph.values)
    if (value->type == ir::ElementType::F32 && !value->isConstant())
      floatByName.emplace(value->name, value.get());
  std::vector<Agreement> outputs(floatGraph.outputs.size());
  std::map<std::string, Agreement> tensors;
  for (size_t s = 0; s < std::min(kReportSamples, samples->samples.size()); ++s) {
    for (auto *run : {&*floatRun, &*int8Run}) {
      (*run)->reset();
      if (llvm::Error error = writeInputs(**run, samples->samples[s]))
        return error;
      if (llvm::Error error = (*run)->invoke())
        return error;
    }
    for (size_t o = 0; o < outputs.size() && o < int8Graph.outputs.size(); ++o)
      outputs[o].add(
          realValues(*floatGraph.outputs[o], (*floatRun)->valueData(*floatGraph.outputs[o])),
          realValues(*int8Graph.outputs[o], (*int8Run)->valueData(*int8Graph.outputs[o])));
    if (options.reportFile.empty())
      continue;
    for (const auto &value : int8Graph.values) {
      if (value->isConstant() || !value->quant.isQuantized() || value->type == ir::ElementType::F32)
        continue;
      auto match = floatByName.find(value->name);
      if (match == floatByName.end())
        continue;
      tensors[value->name].add(realValues(*match->second, (*floatRun)->valueData(*match->second)),
                               realValues(*value, (*int8Run)->valueData(*value)));
    }
  }
  out << "| output | cosine similarity | RMSE / float range | max error |\n|---|---:|---:|---:|\n";
  for (size_t o = 0; o < outputs.size(); ++o)
    out << fmt::format("| {} | {:.5f} | {:.5f} | {:.5g} |\n", floatGraph.outputs[o]->name,
                       outputs[o].cosine(), outputs[o].relativeRmse(), outputs[o].maxError);
  auto written = frontend::writeModel(*quantized->module);
  if (!written)
    return written.takeError();
  out << fmt::format("model size: {} bytes float, {} bytes quantised ({:.2f}x smaller)\n",
                     modelBytes, written->size(),
                     written->empty() ? 0.0 : double(modelBytes) / double(written->size()));

  if (!options.reportFile.empty()) {
    // Per tensor: its error, and how much it grew over the worst of the op's inputs.
    std::vector<TensorError> errors;
    for (const auto &op : int8Graph.ops) {
      for (const ir::Value *result : op->results) {
        auto found = tensors.find(result->name);
        if (found == tensors.end())
          continue;
        double worstInput = 0;
        for (const ir::Value *operand : op->operands) {
          if (!operand)
            continue;
          std::string name = operand->name;
          auto input = tensors.find(name);
          if (input != tensors.end())
            worstInput = std::max(worstInput, input->second.relativeRmse());
        }
        // The float model's op (the index --keep-float takes).
        const ir::Value *real = floatByName.at(result->name);
        errors.push_back({result->name, real->producer ? real->producer->index : 0u,
                          op->displayName(), found->second.relativeRmse(),
                          found->second.relativeRmse() - worstInput, found->second.cosine()});
      }
    }
    std::sort(errors.begin(), errors.end(),
              [](const TensorError &a, const TensorError &b) { return a.growth > b.growth; });
    std::string text = fmt::format(
        "# litec quantize: per-tensor error of the int8 model against the float model\n\n"
        "{} samples; RMSE relative to the float tensor's range; growth: its RMSE less the "
        "largest of its op's inputs' (the error this op adds). Largest growth first: the ops "
        "to try with --keep-float (op indices of the float model after constant folding, as "
        "litec quantize prints them).\n\n"
        "| op (--keep-float) | kind | tensor | RMSE / range | growth | cosine |\n"
        "|---:|---|---|---:|---:|---:|\n",
        std::min(kReportSamples, samples->samples.size()));
    for (const TensorError &e : errors)
      text += fmt::format("| {} | {} | {} | {:.5f} | {:.5f} | {:.5f} |\n", e.op, e.opName, e.name,
                          e.relativeRmse, e.growth, e.cosine);
    std::error_code error;
    llvm::raw_fd_ostream file(options.reportFile, error);
    if (error)
      return llvm::createStringError(error, "%s: %s", options.reportFile.c_str(),
                                     error.message().c_str());
    file << text;
    out << fmt::format("per-tensor report: {}\n", options.reportFile);
  }
  return std::move(quantized->module);
}

llvm::Error quantizeModelFile(const std::string &model, const std::string &output,
                              const QuantizeCommandOptions &options, llvm::raw_ostream &out) {
  auto module = readModelOrText(model);
  if (!module)
    return module.takeError();
  if (llvm::Error error = prepareForQuantization(**module))
    return error;
  uint64_t modelBytes = 0;
  if (std::error_code error = llvm::sys::fs::file_size(model, modelBytes))
    modelBytes = 0;
  auto quantized = quantizeWithReport(**module, options, modelBytes, out);
  if (!quantized)
    return quantized.takeError();
  if (llvm::Error error = frontend::writeModelFile(**quantized, output))
    return error;
  out << fmt::format("wrote {}\n", output);
  return llvm::Error::success();
}

} // namespace litec::compiler
