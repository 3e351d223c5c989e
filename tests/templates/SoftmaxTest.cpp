// templates/generic/Softmax.h against the reference kernels: float, int8 to int8 and int16,
// uint8, int16 (TFLite's tables); rows of 1 to 1000 elements, several betas and input scales.

#include "generic/Softmax.h"
#include "TemplateTest.h"
#include "litec/ir/ops/Softmax.h"

#include <catch2/catch.hpp>

using namespace litec;
using ir::ElementType;

namespace {
template <typename In, typename Out>
std::string runSoftmax(const ir::ops::PreparedSoftmax &prepared, const testing::ReferenceRun &run) {
  const std::vector<In> input = testing::elementsOf<In>(run.inputs[0]);
  std::vector<Out> output(run.outputs[0].size() / sizeof(Out));
  if constexpr (std::is_same_v<In, float>) {
    generic::softmaxFloat(prepared.params, input.data(), output.data());
    return testing::compareOutputs(output, testing::elementsOf<Out>(run.outputs[0]), 1e-6);
  } else if constexpr (std::is_same_v<In, int16_t> && std::is_same_v<Out, int16_t>) {
    generic::softmaxInt16(prepared.params, input.data(), prepared.exp.data(),
                          prepared.reciprocal.data(), output.data());
  } else {
    generic::softmaxQuantized<In, Out>(prepared.params, input.data(), output.data());
  }
  return testing::compareOutputs(output, testing::elementsOf<Out>(run.outputs[0]));
}
} // namespace

TEST_CASE("softmax templates match the reference kernels", "[templates][softmax]") {
  struct Types {
    ElementType in, out;
    float outScale;
    int32_t outZeroPoint;
  };
  const Types types[] = {{ElementType::F32, ElementType::F32, 0, 0},
                         {ElementType::I8, ElementType::I8, 1.f / 256, -128},
                         {ElementType::I8, ElementType::I16, 1.f / 32768, -32768},
                         {ElementType::U8, ElementType::U8, 1.f / 256, 0},
                         {ElementType::I16, ElementType::I16, 1.f / 32768, 0}};
  const ir::Shape shapes[] = {{1, 1}, {1, 10}, {3, 7}, {2, 2, 16}, {1, 1000}, {4, 33}};
  testing::Choices choose(2);
  int cases = 0;
  for (const Types &t : types)
    for (const ir::Shape &shape : shapes)
      for (double beta : {1.0, 0.5, 2.5}) {
        ir::Module module;
        testing::GraphBuilder b(module);
        const bool quantized = t.in != ElementType::F32;
        const float inScale = t.in == ElementType::I16 ? float(choose.uniform(1e-4, 5e-4))
                                                       : float(choose.uniform(0.02, 0.2));
        const int32_t inZero = t.in == ElementType::I16  ? 0
                               : t.in == ElementType::U8 ? choose.range(100, 150)
                                                         : choose.range(-10, 10);
        ir::Value &x = b.input(
            "x", t.in, shape, quantized ? testing::perTensor(inScale, inZero) : ir::Quantization{});
        ir::Value &y = b.value("y", t.out, shape,
                               quantized ? testing::perTensor(t.outScale, t.outZeroPoint)
                                         : ir::Quantization{});
        b.op(ir::OpKind::SOFTMAX, {&x}, {&y}, {{"beta", beta}}).version = quantized ? 2 : 1;
        b.output(y);
        auto prepared = ir::ops::prepareSoftmax(*module.mainGraph().ops[0]);
        REQUIRE(static_cast<bool>(prepared));
        const testing::ReferenceRun run = testing::runReference(module, uint32_t(cases));
        INFO(ir::elementTypeName(t.in) << " -> " << ir::elementTypeName(t.out) << " "
                                       << ir::formatShape(shape) << " beta " << beta);
        std::string mismatch;
        if (t.in == ElementType::F32)
          mismatch = runSoftmax<float, float>(*prepared, run);
        else if (t.in == ElementType::U8)
          mismatch = runSoftmax<uint8_t, uint8_t>(*prepared, run);
        else if (t.in == ElementType::I16)
          mismatch = runSoftmax<int16_t, int16_t>(*prepared, run);
        else if (t.out == ElementType::I16)
          mismatch = runSoftmax<int8_t, int16_t>(*prepared, run);
        else
          mismatch = runSoftmax<int8_t, int8_t>(*prepared, run);
        CHECK(mismatch == "");
        ++cases;
      }
  CHECK(cases == 90);
}

TEST_CASE("softmax preparation refuses what TFLite refuses", "[templates][softmax]") {
  ir::Module module;
  testing::GraphBuilder b(module);
  ir::Value &x = b.input("x", ElementType::I8, {1, 4}, testing::perTensor(0.1f, 0));
  ir::Value &y = b.value("y", ElementType::I8, {1, 4}, testing::perTensor(1.f / 128, 0));
  b.op(ir::OpKind::SOFTMAX, {&x}, {&y}, {{"beta", 1.0}});
  auto prepared = ir::ops::prepareSoftmax(*module.mainGraph().ops[0]);
  REQUIRE_FALSE(static_cast<bool>(prepared));
  CHECK(llvm::toString(prepared.takeError()) ==
        "int8 SOFTMAX output other than scale 1/256, zero point -128 is not supported");
}
