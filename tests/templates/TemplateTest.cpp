#include "TemplateTest.h"

#include "litec/ir/reference/Interpreter.h"

#include <catch2/catch.hpp>

#include <random>

namespace litec::testing {

ReferenceRun runReference(const ir::Module &module, uint32_t seed, const InputAdjustment &adjust) {
  auto interpreter = ir::reference::Interpreter::create(module);
  if (!interpreter)
    FAIL(
        "the reference interpreter refuses the model: " << llvm::toString(interpreter.takeError()));
  std::mt19937 engine(seed);
  ReferenceRun run;
  const ir::Graph &graph = (*interpreter)->graph();
  for (size_t i = 0; i < graph.inputs.size(); ++i) {
    std::span<uint8_t> bytes = (*interpreter)->inputData(i);
    const ir::Value &input = *graph.inputs[i];
    if (input.type == ir::ElementType::F32) {
      for (size_t k = 0; k + 4 <= bytes.size(); k += 4) {
        const float x = float(double(engine()) / 4294967296.0 * 4 - 2);
        std::memcpy(bytes.data() + k, &x, 4);
      }
    } else {
      for (uint8_t &byte : bytes)
        byte = uint8_t(engine());
    }
    if (adjust)
      adjust(i, bytes);
    run.inputs.emplace_back(bytes.begin(), bytes.end());
  }
  if (auto error = (*interpreter)->invoke())
    FAIL("the reference run fails: " << llvm::toString(std::move(error)));
  for (size_t k = 0; k < graph.outputs.size(); ++k) {
    std::span<const uint8_t> bytes = (*interpreter)->outputData(k);
    run.outputs.emplace_back(bytes.begin(), bytes.end());
  }
  return run;
}

} // namespace litec::testing
