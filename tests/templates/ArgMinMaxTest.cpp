// templates/generic/ArgMinMax.h against the reference kernel: every axis of ranks 1 to 4, ties,
// int32 and int64 outputs, several input types.

#include "generic/ArgMinMax.h"
#include "TemplateTest.h"
#include "litec/ir/ops/ArgMinMax.h"

#include <catch2/catch.hpp>

using namespace litec;
using ir::ElementType;

TEST_CASE("arg max/min templates match the reference kernel", "[templates][arg-min-max]") {
  testing::Choices choose(14);
  int cases = 0;
  for (bool isMax : {true, false})
    for (ElementType type : {ElementType::F32, ElementType::I8, ElementType::U8})
      for (ElementType index : {ElementType::I32, ElementType::I64})
        for (int rank = 1; rank <= 4; ++rank)
          for (int axis = -rank; axis < rank; ++axis) {
            ir::Shape in, out;
            const size_t a = size_t(axis < 0 ? axis + rank : axis);
            for (int d = 0; d < rank; ++d) {
              in.push_back(choose.range(1, 5));
              if (size_t(d) != a)
                out.push_back(in.back());
            }
            ir::Module module;
            testing::GraphBuilder b(module);
            ir::Value &x = b.input("x", type, in);
            ir::Value &ax = b.constant("axis", ElementType::I32, {1}, std::vector<int32_t>{axis});
            ir::Value &y = b.value("y", index, out);
            b.op(isMax ? ir::OpKind::ARG_MAX : ir::OpKind::ARG_MIN, {&x, &ax}, {&y},
                 {{"output_type",
                   ir::EnumAttr{"TensorType", index == ElementType::I32 ? "INT32" : "INT64",
                                index == ElementType::I32 ? 2 : 4}}});
            b.output(y);
            auto prepared = ir::ops::prepareArgMinMax(*module.mainGraph().ops[0]);
            REQUIRE(static_cast<bool>(prepared));
            const testing::ReferenceRun run = testing::runReference(module, uint32_t(cases));
            INFO((isMax ? "ARG_MAX " : "ARG_MIN ")
                 << ir::elementTypeName(type) << " " << ir::formatShape(in) << " axis " << axis);
            const std::string mismatch = testing::withElementType(type, [&](auto zero) {
              using T = decltype(zero);
              const std::vector<T> input = testing::elementsOf<T>(run.inputs[0]);
              return testing::withElementType(index, [&](auto indexZero) {
                using Index = decltype(indexZero);
                std::vector<Index> output(run.outputs[0].size() / sizeof(Index));
                if (isMax)
                  generic::argReduce<true, T, Index>(prepared->params, input.data(), output.data());
                else
                  generic::argReduce<false, T, Index>(prepared->params, input.data(),
                                                      output.data());
                return testing::compareOutputs(output, testing::elementsOf<Index>(run.outputs[0]));
              });
            });
            CHECK(mismatch == "");
            ++cases;
          }
  CHECK(cases == 2 * 3 * 2 * (2 + 4 + 6 + 8));
}
