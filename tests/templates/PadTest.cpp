// templates/generic/Pad.h against the reference kernels: PAD (zero, and the zero point of a
// quantised output) and PADV2 (a constant value), ranks 0 to 5, every element type.

#include "generic/Pad.h"
#include "TemplateTest.h"
#include "litec/ir/ops/Pad.h"

#include <catch2/catch.hpp>

using namespace litec;
using ir::ElementType;

TEST_CASE("pad templates match the reference kernels", "[templates][pad]") {
  testing::Choices choose(6);
  int cases = 0;
  for (ElementType type : {ElementType::F32, ElementType::I8, ElementType::U8, ElementType::I16,
                           ElementType::I32, ElementType::I64})
    for (int rank = 0; rank <= 5; ++rank)
      for (bool v2 : {false, true}) {
        ir::Module module;
        std::string name;
        testing::buildPad(choose, module, type, rank, v2, 4, 2, name);
        auto prepared = ir::ops::preparePad(*module.mainGraph().ops[0]);
        REQUIRE(static_cast<bool>(prepared));
        const testing::ReferenceRun run = testing::runReference(module, uint32_t(cases));
        INFO(name);
        const std::string mismatch = testing::withElementType(type, [&](auto zero) {
          using T = decltype(zero);
          const std::vector<T> input = testing::elementsOf<T>(run.inputs[0]);
          std::vector<T> output(run.outputs[0].size() / sizeof(T));
          T value;
          std::memcpy(&value, prepared->padValue.data(), sizeof(T));
          generic::pad<T>(prepared->params, input.data(), value, output.data());
          return testing::compareOutputs(output, testing::elementsOf<T>(run.outputs[0]));
        });
        CHECK(mismatch == "");
        ++cases;
      }
  CHECK(cases == 6 * 6 * 2);
}
