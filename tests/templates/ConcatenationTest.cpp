// templates/generic/Concatenation.h against the reference kernels: 1 to 4 inputs along every
// axis of ranks 1 to 4, empty inputs, and uint8 inputs rescaled to the output's quantisation.

#include "generic/Concatenation.h"
#include "TemplateTest.h"
#include "litec/ir/ops/Concatenation.h"

#include <catch2/catch.hpp>

using namespace litec;
using ir::ElementType;

TEST_CASE("concatenation templates match the reference kernels", "[templates][concatenation]") {
  testing::Choices choose(8);
  int cases = 0;
  for (ElementType type : {ElementType::F32, ElementType::I8, ElementType::U8, ElementType::I32})
    for (int rank = 1; rank <= 4; ++rank)
      for (int axis = -rank; axis < rank; ++axis) {
        const int inputs = choose.range(1, 4);
        const size_t a = size_t(axis < 0 ? axis + rank : axis);
        ir::Shape base;
        for (int d = 0; d < rank; ++d)
          base.push_back(choose.range(1, 4));
        const bool rescaled = type == ElementType::U8 && choose.range(0, 1);
        const ir::Quantization outQ =
            type == ElementType::U8 || type == ElementType::I8
                ? testing::perTensor(0.05f, type == ElementType::U8 ? 128 : 0)
                : ir::Quantization{};
        ir::Module module;
        testing::GraphBuilder b(module);
        std::vector<ir::Value *> operands;
        int64_t total = 0;
        for (int k = 0; k < inputs; ++k) {
          ir::Shape shape = base;
          shape[a] = choose.range(0, 3); // an input may be empty along the axis
          total += shape[a];
          const ir::Quantization q =
              rescaled && k % 2
                  ? testing::perTensor(float(choose.uniform(0.01, 0.2)), choose.range(90, 160))
                  : outQ;
          operands.push_back(&b.input("x" + std::to_string(k), type, shape, q));
        }
        ir::Shape outShape = base;
        outShape[a] = total;
        ir::Value &y = b.value("y", type, outShape, outQ);
        b.op(ir::OpKind::CONCATENATION, operands, {&y}, {{"axis", int64_t(axis)}});
        b.output(y);
        auto prepared = ir::ops::prepareConcatenation(*module.mainGraph().ops[0]);
        REQUIRE(static_cast<bool>(prepared));
        const testing::ReferenceRun run = testing::runReference(module, uint32_t(cases));
        INFO(ir::elementTypeName(type) << " rank " << rank << " axis " << axis << " inputs "
                                       << inputs << (rescaled ? " rescaled" : ""));
        const std::string mismatch = testing::withElementType(type, [&](auto zero) {
          using T = decltype(zero);
          std::vector<std::vector<T>> data;
          std::vector<const T *> pointers;
          for (const std::vector<uint8_t> &bytes : run.inputs)
            data.push_back(testing::elementsOf<T>(bytes));
          for (const std::vector<T> &d : data)
            pointers.push_back(d.data());
          std::vector<T> output(run.outputs[0].size() / sizeof(T));
          if constexpr (std::is_same_v<T, uint8_t>)
            if (prepared->rescaled()) {
              generic::concatenateRescaled(prepared->params, pointers.data(), output.data());
              return testing::compareOutputs(output, testing::elementsOf<T>(run.outputs[0]));
            }
          generic::concatenate<T>(prepared->params, pointers.data(), output.data());
          return testing::compareOutputs(output, testing::elementsOf<T>(run.outputs[0]));
        });
        CHECK(mismatch == "");
        ++cases;
      }
  CHECK(cases == 4 * (2 + 4 + 6 + 8));
}
