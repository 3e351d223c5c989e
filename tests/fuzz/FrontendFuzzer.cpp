// libFuzzer target over the frontend and the reference interpreter: any bytes are read as a
// model; whatever loads is also summarised and printed, and small models are prepared and run,
// so the analyses and kernels see hostile graphs too. Success and clean errors are both fine;
// crashes, leaks, sanitizer reports and timeouts are bugs.

#include "litec/frontend/Reader.h"
#include "litec/ir/Analysis.h"
#include "litec/ir/Printer.h"
#include "litec/ir/reference/Interpreter.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  auto buffer = llvm::MemoryBuffer::getMemBufferCopy(
      llvm::StringRef(reinterpret_cast<const char *>(data), size), "fuzz.tflite");
  auto module = litec::frontend::readModelBuffer(std::move(buffer));
  if (!module) {
    llvm::consumeError(module.takeError());
    return 0;
  }
  std::string text;
  llvm::raw_string_ostream os(text);
  litec::ir::printModule(**module, os);
  int64_t tensorBytes = 0, work = 0;
  for (const auto &graph : (*module)->graphs) {
    litec::ir::peakActivationMemory(*graph);
    for (const auto &value : graph->values)
      tensorBytes = litec::ir::saturatingAdd(tensorBytes, value->byteSize().value_or(INT64_MAX));
    for (const auto &op : graph->ops)
      work = litec::ir::saturatingAdd(work, litec::ir::countMacs(*op));
  }
  // Running is bounded so that one input cannot take the fuzzer's time budget.
  constexpr int64_t kMaxBytes = 1 << 22, kMaxMacs = 1 << 24;
  if (tensorBytes > kMaxBytes || work > kMaxMacs)
    return 0;
  auto interpreter = litec::ir::reference::Interpreter::create(**module);
  if (!interpreter) {
    llvm::consumeError(interpreter.takeError());
    return 0;
  }
  llvm::consumeError((*interpreter)->invoke());
  return 0;
}
