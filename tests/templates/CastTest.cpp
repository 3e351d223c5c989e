// templates/generic/Cast.h against the reference kernel: every pair of the supported types,
// floats beyond the integer ranges and NaN included.

#include "generic/Cast.h"
#include "TemplateTest.h"
#include "litec/ir/ops/Cast.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

using namespace litec;
using ir::ElementType;

TEST_CASE("cast templates match the reference kernel", "[templates][cast]") {
  const ElementType types[] = {ElementType::F32, ElementType::I8,  ElementType::U8,
                               ElementType::I16, ElementType::I32, ElementType::I64,
                               ElementType::Bool};
  int cases = 0;
  for (ElementType from : types)
    for (ElementType to : types) {
      ir::Module module;
      testing::GraphBuilder b(module);
      ir::Value &x = b.input("x", from, {64});
      ir::Value &y = b.value("y", to, {64});
      b.op(ir::OpKind::CAST, {&x}, {&y});
      b.output(y);
      auto prepared = ir::ops::prepareCast(*module.mainGraph().ops[0]);
      REQUIRE(static_cast<bool>(prepared));
      testing::ReferenceRun run = testing::runReference(module, uint32_t(cases));
      INFO(ir::elementTypeName(from) << " -> " << ir::elementTypeName(to));
      const std::string mismatch = testing::withElementType(from, [&](auto fromZero) {
        using From = decltype(fromZero);
        return testing::withElementType(to, [&](auto toZero) {
          using To = decltype(toZero);
          std::vector<From> input = testing::elementsOf<From>(run.inputs[0]);
          if constexpr (std::is_same_v<From, uint8_t>)
            if (from == ElementType::Bool)
              for (From &v : input)
                v = From(v & 1); // a bool tensor holds 0 or 1
          std::vector<To> output(input.size());
          if (to == ElementType::Bool)
            generic::cast<From, bool>(prepared->params, input.data(),
                                      reinterpret_cast<bool *>(output.data()));
          else
            generic::cast<From, To>(prepared->params, input.data(), output.data());
          // The reference on the same (bool-normalised) inputs.
          ir::Module again;
          testing::GraphBuilder b2(again);
          ir::Value &x2 = b2.constant("x", from, {64}, input);
          ir::Value &y2 = b2.value("y", to, {64});
          b2.op(ir::OpKind::CAST, {&x2}, {&y2});
          b2.output(y2);
          const testing::ReferenceRun expected = testing::runReference(again, 0);
          return testing::compareOutputs(output, testing::elementsOf<To>(expected.outputs[0]));
        });
      });
      CHECK(mismatch == "");
      ++cases;
    }
  CHECK(cases == 49);
}

TEST_CASE("casting floats saturates and maps NaN to zero", "[templates][cast]") {
  CHECK(generic::castElement<int8_t>(300.f) == 127);
  CHECK(generic::castElement<int8_t>(-300.f) == -128);
  CHECK(generic::castElement<int32_t>(-2.9f) == -2);
  CHECK(generic::castElement<int16_t>(std::numeric_limits<float>::quiet_NaN()) == 0);
  CHECK(generic::castElement<bool>(0.5f));
}
