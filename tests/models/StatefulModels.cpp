// Stateful real models (SVDF state in keyword_scrambled, int8 LSTM state in trained_lstm_int8
// and dtln_noise_suppression): the first invoke from the initial state reproduces TFLite
// Micro's golden output and moves the variable tensors away from their initial values; a second
// invoke moves them again (the state is kept, not recomputed); reset() puts them back, and the next
// invoke reproduces the golden output again.
//
//   litec_stateful_models MODEL_DIR ; exit 77 (skipped) when the model or its golden files are
//   absent.

#include "litec/frontend/Reader.h"
#include "litec/ir/reference/Interpreter.h"

#include <llvm/Support/MemoryBuffer.h>

#include <cstring>
#include <iostream>
#include <string>
#include <vector>

using namespace litec;

namespace {
std::vector<uint8_t> readFile(const std::string &path) {
  auto buffer = llvm::MemoryBuffer::getFile(path, false, false);
  if (!buffer)
    return {};
  return {(*buffer)->getBufferStart(), (*buffer)->getBufferEnd()};
}

// The bytes of every variable tensor, concatenated.
std::vector<uint8_t> stateOf(const ir::reference::Interpreter &interpreter) {
  std::vector<uint8_t> bytes;
  for (const auto &value : interpreter.graph().values)
    if (value->isVariable) {
      std::span<const uint8_t> data = interpreter.valueData(*value);
      bytes.insert(bytes.end(), data.begin(), data.end());
    }
  return bytes;
}

std::vector<uint8_t> invoke(ir::reference::Interpreter &interpreter,
                            const std::vector<uint8_t> &input) {
  std::span<uint8_t> in = interpreter.inputData(0);
  std::memcpy(in.data(), input.data(), std::min(in.size(), input.size()));
  if (auto error = interpreter.invoke()) {
    std::cout << "invoke failed: " << llvm::toString(std::move(error)) << "\n";
    return {};
  }
  std::span<const uint8_t> out = interpreter.outputData(0);
  return {out.begin(), out.end()};
}
} // namespace

int main(int argc, char **argv) {
  if (argc != 2) {
    std::cerr << "usage: litec_stateful_models MODEL_DIR\n";
    return 2;
  }
  const std::string dir = argv[1];
  int passed = 0, failed = 0;
  for (const std::string name :
       {"keyword_scrambled", "trained_lstm_int8", "dtln_noise_suppression"}) {
    const std::vector<uint8_t> input = readFile(dir + "/golden/" + name + "/input_0.bin");
    const std::vector<uint8_t> golden = readFile(dir + "/golden/" + name + "/output_0.bin");
    auto module = frontend::readModelFile(dir + "/" + name + ".tflite");
    if (input.empty() || golden.empty() || !module) {
      if (!module)
        llvm::consumeError(module.takeError());
      std::cout << name << ": model or golden files not found: skipped\n";
      return 77;
    }
    auto interpreter = ir::reference::Interpreter::create(**module);
    if (!interpreter) {
      std::cout << "FAIL " << name << ": " << llvm::toString(interpreter.takeError()) << "\n";
      ++failed;
      continue;
    }
    const std::vector<uint8_t> initial = stateOf(**interpreter);
    const std::vector<uint8_t> first = invoke(**interpreter, input);
    const std::vector<uint8_t> afterFirst = stateOf(**interpreter);
    invoke(**interpreter, input);
    const std::vector<uint8_t> afterSecond = stateOf(**interpreter);
    (*interpreter)->reset();
    const std::vector<uint8_t> afterReset = stateOf(**interpreter);
    const std::vector<uint8_t> again = invoke(**interpreter, input);
    const bool ok = first == golden && afterFirst != initial && afterSecond != afterFirst &&
                    afterReset == initial && again == golden;
    std::cout << (ok ? "ok   " : "FAIL ") << name << ": first invoke "
              << (first == golden ? "matches" : "differs from") << " the golden output; state "
              << (afterFirst != initial ? "changed" : "unchanged") << " by it, "
              << (afterSecond != afterFirst ? "changed again" : "unchanged")
              << " by a second; reset " << (afterReset == initial ? "restores" : "does not restore")
              << " it and the next invoke " << (again == golden ? "matches" : "differs from")
              << " the golden output\n";
    ok ? ++passed : ++failed;
  }
  std::cout << passed << " passed, " << failed << " failed\n";
  return failed ? 1 : 0;
}
