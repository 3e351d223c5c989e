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
        testing::GraphBuilder b(module);
        ir::Shape in, out;
        std::vector<int32_t> paddings;
        for (int d = 0; d < rank; ++d) {
          in.push_back(choose.range(1, 4));
          const int before = choose.range(0, 2), after = choose.range(0, 2);
          paddings.insert(paddings.end(), {before, after});
          out.push_back(in.back() + before + after);
        }
        const bool quantized = type == ElementType::I8 || type == ElementType::U8;
        const ir::Quantization q =
            quantized ? testing::perTensor(0.1f, choose.range(-5, 5) +
                                                     (type == ElementType::U8 ? 100 : 0))
                      : ir::Quantization{};
        ir::Value &x = b.input("x", type, in, q);
        ir::Value &p = b.constant("paddings", ElementType::I32, {rank, 2}, paddings);
        ir::Value &y = b.value("y", type, out, q);
        std::vector<ir::Value *> operands{&x, &p};
        if (v2) {
          std::vector<uint8_t> value(ir::elementByteSize(type), 0);
          value[0] = uint8_t(choose.range(1, 100));
          ir::Value &c = b.value("value", type, {}, q);
          c.setOwnedData(value);
          operands.push_back(&c);
        }
        b.op(v2 ? ir::OpKind::PADV2 : ir::OpKind::PAD, operands, {&y});
        b.output(y);
        auto prepared = ir::ops::preparePad(*module.mainGraph().ops[0]);
        REQUIRE(static_cast<bool>(prepared));
        const testing::ReferenceRun run = testing::runReference(module, uint32_t(cases));
        INFO(ir::elementTypeName(type) << " rank " << rank << (v2 ? " PADV2" : " PAD"));
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
