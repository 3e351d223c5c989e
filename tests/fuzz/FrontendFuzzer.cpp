// libFuzzer target over the frontend: any bytes are read as a model; whatever loads is also
// summarised and printed, so the analyses see hostile graphs too. Success and clean errors are
// both fine; crashes, leaks, sanitizer reports and timeouts are bugs.

#include "litec/frontend/Reader.h"
#include "litec/ir/Analysis.h"
#include "litec/ir/Printer.h"

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
  for (const auto &graph : (*module)->graphs) {
    litec::ir::peakActivationMemory(*graph);
    for (const auto &op : graph->ops)
      litec::ir::countMacs(*op);
  }
  return 0;
}
