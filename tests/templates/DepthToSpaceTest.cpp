// templates/generic/DepthToSpace.h against the reference kernels: DEPTH_TO_SPACE and
// SPACE_TO_DEPTH with blocks 1 to 3, odd sizes, batches, several element types.

#include "generic/DepthToSpace.h"
#include "TemplateTest.h"
#include "litec/ir/ops/DepthToSpace.h"

#include <catch2/catch.hpp>

using namespace litec;
using ir::ElementType;

TEST_CASE("block rearrangement templates match the reference kernels",
          "[templates][depth-to-space]") {
  testing::Choices choose(9);
  int cases = 0;
  for (ElementType type : {ElementType::F32, ElementType::I8, ElementType::I16})
    for (bool toSpace : {true, false})
      for (int block = 1; block <= 3; ++block)
        for (int variant = 0; variant < 3; ++variant) {
          const int n = choose.range(1, 2), h = choose.range(1, 3), w = choose.range(1, 3),
                    c = choose.range(1, 3);
          const ir::Shape deep{n, h, w, c * block * block}, wide{n, h * block, w * block, c};
          ir::Module module;
          testing::GraphBuilder b(module);
          ir::Value &x = b.input("x", type, toSpace ? deep : wide);
          ir::Value &y = b.value("y", type, toSpace ? wide : deep);
          b.op(toSpace ? ir::OpKind::DEPTH_TO_SPACE : ir::OpKind::SPACE_TO_DEPTH, {&x}, {&y},
               {{"block_size", int64_t(block)}});
          b.output(y);
          auto prepared = ir::ops::prepareDepthToSpace(*module.mainGraph().ops[0]);
          REQUIRE(static_cast<bool>(prepared));
          const testing::ReferenceRun run = testing::runReference(module, uint32_t(cases));
          INFO(ir::elementTypeName(type)
               << (toSpace ? " depth to space" : " space to depth") << " block " << block);
          const std::string mismatch = testing::withElementType(type, [&](auto zero) {
            using T = decltype(zero);
            const std::vector<T> input = testing::elementsOf<T>(run.inputs[0]);
            std::vector<T> output(run.outputs[0].size() / sizeof(T));
            if (toSpace)
              generic::rearrangeBlocks<true, T>(prepared->params, input.data(), output.data());
            else
              generic::rearrangeBlocks<false, T>(prepared->params, input.data(), output.data());
            return testing::compareOutputs(output, testing::elementsOf<T>(run.outputs[0]));
          });
          CHECK(mismatch == "");
          ++cases;
        }
  CHECK(cases == 3 * 2 * 3 * 3);
}
