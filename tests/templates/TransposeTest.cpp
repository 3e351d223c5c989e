// templates/generic/Transpose.h against the reference kernels: every permutation of ranks 1 to
// 4 (negative entries too), odd sizes, several element types.

#include "generic/Transpose.h"
#include "TemplateTest.h"
#include "litec/ir/ops/Transpose.h"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace litec;
using ir::ElementType;

TEST_CASE("transpose templates match the reference kernels", "[templates][transpose]") {
  testing::Choices choose(7);
  int cases = 0;
  for (ElementType type : {ElementType::F32, ElementType::I8, ElementType::I16, ElementType::I64})
    for (int rank = 1; rank <= 4; ++rank) {
      std::vector<int32_t> perm(static_cast<size_t>(rank));
      for (int d = 0; d < rank; ++d)
        perm[size_t(d)] = d;
      do {
        ir::Shape in, out;
        for (int d = 0; d < rank; ++d)
          in.push_back(choose.range(1, 5));
        std::vector<int32_t> written;
        for (int32_t axis : perm) {
          out.push_back(in[size_t(axis)]);
          written.push_back(choose.range(0, 1) ? axis : axis - rank);
        }
        ir::Module module;
        testing::GraphBuilder b(module);
        ir::Value &x = b.input("x", type, in);
        ir::Value &p = b.constant("perm", ElementType::I32, {rank}, written);
        ir::Value &y = b.value("y", type, out);
        b.op(ir::OpKind::TRANSPOSE, {&x, &p}, {&y});
        b.output(y);
        auto prepared = ir::ops::prepareTranspose(*module.mainGraph().ops[0]);
        REQUIRE(static_cast<bool>(prepared));
        const testing::ReferenceRun run = testing::runReference(module, uint32_t(cases));
        INFO(ir::elementTypeName(type) << " " << ir::formatShape(in));
        const std::string mismatch = testing::withElementType(type, [&](auto zero) {
          using T = decltype(zero);
          const std::vector<T> input = testing::elementsOf<T>(run.inputs[0]);
          std::vector<T> output(run.outputs[0].size() / sizeof(T));
          generic::transpose<T>(prepared->params, input.data(), output.data());
          return testing::compareOutputs(output, testing::elementsOf<T>(run.outputs[0]));
        });
        CHECK(mismatch == "");
        ++cases;
      } while (std::next_permutation(perm.begin(), perm.end()));
    }
  CHECK(cases == 4 * (1 + 2 + 6 + 24));
}
