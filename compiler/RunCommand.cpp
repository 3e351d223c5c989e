#include "RunCommand.h"

#include "CalibrationInputs.h"
#include "Files.h"
#include "RandomInputs.h"

#include "litec/ir/Printer.h"
#include "litec/ir/QuantizationMath.h"
#include "litec/ir/reference/Interpreter.h"

#include <fmt/format.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Support/Path.h>
#include <llvm/Support/raw_ostream.h>

#include <cstring>
#include <limits>

namespace litec::compiler {

namespace {
llvm::Error fail(const std::string &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

template <typename T> std::string summarise(std::span<const uint8_t> bytes) {
  const size_t count = bytes.size() / sizeof(T);
  if (count == 0)
    return "empty";
  double min = std::numeric_limits<double>::max(), max = std::numeric_limits<double>::lowest(),
         sum = 0;
  std::vector<std::string> first;
  for (size_t i = 0; i < count; ++i) {
    T v;
    std::memcpy(&v, bytes.data() + i * sizeof(T), sizeof(T));
    double d = static_cast<double>(v);
    min = std::min(min, d), max = std::max(max, d), sum += d;
    if (i < 8)
      first.push_back(fmt::format("{}", v));
  }
  return fmt::format("min {:.6g} max {:.6g} mean {:.6g} first [{}{}]", min, max, sum / count,
                     fmt::join(first, ", "), count > 8 ? ", ..." : "");
}

std::string summariseValue(const ir::Value &value, std::span<const uint8_t> bytes) {
  switch (value.type) {
  case ir::ElementType::F32:
    return summarise<float>(bytes);
  case ir::ElementType::I8:
    return summarise<int8_t>(bytes);
  case ir::ElementType::U8:
  case ir::ElementType::Bool:
    return summarise<uint8_t>(bytes);
  case ir::ElementType::I16:
    return summarise<int16_t>(bytes);
  case ir::ElementType::I32:
    return summarise<int32_t>(bytes);
  case ir::ElementType::I64:
    return summarise<int64_t>(bytes);
  case ir::ElementType::F16:
    return summarise<uint16_t>(bytes) + " (raw half bits)";
  }
  return "";
}
} // namespace

llvm::Error runModel(const ir::Module &module, const RunOptions &options, llvm::raw_ostream &os) {
  auto interpreter = ir::reference::Interpreter::create(module);
  if (!interpreter)
    return interpreter.takeError();
  const ir::Graph &graph = (*interpreter)->graph();
  if (options.inputFiles.size() > graph.inputs.size())
    return fail(fmt::format("run: {} input files given, the model has {} inputs",
                            options.inputFiles.size(), graph.inputs.size()));
  SplitMix64 rng(options.seed);
  for (size_t i = 0; i < graph.inputs.size(); ++i) {
    std::span<uint8_t> bytes = (*interpreter)->inputData(i);
    if (i >= options.inputFiles.size()) {
      fillRandom(*graph.inputs[i], bytes, rng);
      continue;
    }
    if (isImageFile(options.inputFiles[i])) {
      const ir::Value &input = *graph.inputs[i];
      if (input.type != ir::ElementType::F32 || input.shape.size() != 4 ||
          (input.shape[3] != 1 && input.shape[3] != 3))
        return fail(fmt::format("input {}: {} is an image, but input {} {} is not a float NHWC "
                                "tensor of 1 or 3 channels",
                                i, options.inputFiles[i], ir::quoteString(input.name),
                                ir::formatValueType(input)));
      auto floats = loadImageInput(options.inputFiles[i], int(input.shape[1]), int(input.shape[2]),
                                   int(input.shape[3]), options.imageMean, options.imageStd);
      if (!floats)
        return fail(fmt::format("input {}: {}", i, llvm::toString(floats.takeError())));
      std::memcpy(bytes.data(), floats->data(), std::min(bytes.size(), floats->size() * 4));
      if (!options.outputDir.empty()) {
        if (std::error_code ec = llvm::sys::fs::create_directories(options.outputDir))
          return fail(fmt::format("output: cannot create {}: {}", options.outputDir, ec.message()));
        llvm::SmallString<256> path(options.outputDir);
        llvm::sys::path::append(path, fmt::format("input_{}.bin", i));
        if (auto error = writeFile(std::string(path), bytes))
          return fail("input: " + llvm::toString(std::move(error)));
      }
      continue;
    }
    auto file = llvm::MemoryBuffer::getFile(options.inputFiles[i], false, false);
    if (!file)
      return fail(fmt::format("input {}: cannot read {}: {}", i, options.inputFiles[i],
                              file.getError().message()));
    if ((*file)->getBufferSize() != bytes.size())
      return fail(fmt::format("input {}: {} has {} bytes, input {} {} needs {}", i,
                              options.inputFiles[i], (*file)->getBufferSize(),
                              ir::quoteString(graph.inputs[i]->name),
                              ir::formatValueType(*graph.inputs[i]), bytes.size()));
    if (!bytes.empty()) // an input of no elements may have no storage at all
      std::memcpy(bytes.data(), (*file)->getBufferStart(), bytes.size());
  }
  // Stateful models carry their variable tensors from one run to the next.
  for (unsigned i = 0; i < std::max(options.invokes, 1u); ++i)
    if (auto error = (*interpreter)->invoke())
      return error;
  if (!options.dumpValuesDir.empty()) {
    if (std::error_code ec = llvm::sys::fs::create_directories(options.dumpValuesDir))
      return fail(fmt::format("values: cannot create {}: {}", options.dumpValuesDir, ec.message()));
    for (const auto &value : graph.values) {
      if (value->isConstant())
        continue;
      llvm::SmallString<256> path(options.dumpValuesDir);
      llvm::sys::path::append(path, fmt::format("value_{}.bin", value->id));
      if (auto error = writeFile(std::string(path), (*interpreter)->valueData(*value)))
        return fail("values: " + llvm::toString(std::move(error)));
    }
  }
  if (!options.outputDir.empty())
    if (std::error_code ec = llvm::sys::fs::create_directories(options.outputDir))
      return fail(fmt::format("output: cannot create {}: {}", options.outputDir, ec.message()));
  for (size_t k = 0; k < graph.outputs.size(); ++k) {
    const ir::Value &value = *graph.outputs[k];
    std::span<const uint8_t> bytes = (*interpreter)->outputData(k);
    os << "output " << k << " " << ir::quoteString(value.name) << " " << ir::formatValueType(value)
       << ": " << summariseValue(value, bytes) << "\n";
    if (options.outputDir.empty())
      continue;
    llvm::SmallString<256> path(options.outputDir);
    llvm::sys::path::append(path, fmt::format("output_{}.bin", k));
    if (auto error = writeFile(std::string(path), bytes))
      return fail("output: " + llvm::toString(std::move(error)));
  }
  return llvm::Error::success();
}

} // namespace litec::compiler
