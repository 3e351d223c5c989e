// templates/generic/BatchMatMul.h against the reference kernel: float and int8, adj_x and adj_y,
// odd sizes, batch dimensions equal and broadcast.

#include "generic/BatchMatMul.h"
#include "TemplateTest.h"
#include "litec/ir/ops/BatchMatMul.h"

#include <catch2/catch.hpp>

using namespace litec;
using ir::ElementType;

TEST_CASE("batch matmul templates match the reference kernel", "[templates][batch-matmul]") {
  testing::Choices choose(15);
  int cases = 0;
  const std::vector<std::pair<ir::Shape, ir::Shape>> batches = {
      {{}, {}}, {{2}, {2}}, {{3}, {1}}, {{1}, {2}}, {{2, 1}, {1, 3}}, {{2, 3}, {3}}};
  for (ElementType type : {ElementType::F32, ElementType::I8})
    for (const auto &[lhsBatch, rhsBatch] : batches)
      for (int adj = 0; adj < 4; ++adj) {
        const bool adjX = adj & 1, adjY = adj & 2;
        const int m = choose.range(1, 5), k = choose.range(1, 7), n = choose.range(1, 5);
        ir::Shape lhs = lhsBatch, rhs = rhsBatch;
        lhs.insert(lhs.end(), adjX ? std::initializer_list<int64_t>{k, m}
                                   : std::initializer_list<int64_t>{m, k});
        rhs.insert(rhs.end(), adjY ? std::initializer_list<int64_t>{n, k}
                                   : std::initializer_list<int64_t>{k, n});
        ir::Shape out = *ir::broadcastShapes(lhsBatch, rhsBatch);
        out.insert(out.end(), {m, n});
        const bool q = type == ElementType::I8;
        ir::Module module;
        testing::GraphBuilder b(module);
        ir::Value &x =
            b.input("x", type, lhs, q ? testing::perTensor(0.05f, 3) : ir::Quantization{});
        ir::Value &w =
            b.input("w", type, rhs, q ? testing::perTensor(0.02f, -2) : ir::Quantization{});
        ir::Value &y =
            b.value("y", type, out, q ? testing::perTensor(0.4f, 1) : ir::Quantization{});
        b.op(ir::OpKind::BATCH_MATMUL, {&x, &w}, {&y}, {{"adj_x", adjX}, {"adj_y", adjY}});
        b.output(y);
        auto prepared = ir::ops::prepareBatchMatMul(*module.mainGraph().ops[0]);
        REQUIRE(static_cast<bool>(prepared));
        const testing::ReferenceRun run = testing::runReference(module, uint32_t(cases));
        INFO(ir::elementTypeName(type)
             << " " << ir::formatShape(lhs) << " x " << ir::formatShape(rhs));
        const std::string mismatch = testing::withElementType(type, [&](auto zero) {
          using T = decltype(zero);
          const std::vector<T> a = testing::elementsOf<T>(run.inputs[0]);
          const std::vector<T> c = testing::elementsOf<T>(run.inputs[1]);
          std::vector<T> output(run.outputs[0].size() / sizeof(T));
          generic::batchMatMul<T, T>(prepared->params, a.data(), c.data(), output.data());
          return testing::compareOutputs(output, testing::elementsOf<T>(run.outputs[0]), 1e-5);
        });
        CHECK(mismatch == "");
        ++cases;
      }
  CHECK(cases == 2 * 6 * 4);
}
