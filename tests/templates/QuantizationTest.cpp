// templates/generic/Quantization.h against the reference kernels: QUANTIZE from float to every
// 8- and 16-bit type (values beyond the range and exact halves included), requantising between
// integer types (to int32 too), DEQUANTIZE from each.

#include "generic/Quantization.h"
#include "TemplateTest.h"
#include "litec/ir/ops/Quantization.h"

#include <catch2/catch.hpp>

using namespace litec;
using ir::ElementType;

namespace {
template <typename In, typename Out>
std::string runQuantization(const ir::ops::PreparedQuantization &prepared,
                            const testing::ReferenceRun &run) {
  const std::vector<In> input = testing::elementsOf<In>(run.inputs[0]);
  std::vector<Out> output(run.outputs[0].size() / sizeof(Out));
  if constexpr (std::is_same_v<In, float>)
    generic::quantizeFloat<Out>(prepared.params, input.data(), output.data());
  else if constexpr (std::is_same_v<Out, float>)
    generic::dequantize<In>(prepared.params, input.data(), output.data());
  else
    generic::requantize<In, Out>(prepared.params, input.data(), output.data());
  return testing::compareOutputs(output, testing::elementsOf<Out>(run.outputs[0]));
}

template <typename In>
std::string fromInteger(ElementType out, const ir::ops::PreparedQuantization &prepared,
                        const testing::ReferenceRun &run) {
  switch (out) {
  case ElementType::F32:
    return runQuantization<In, float>(prepared, run);
  case ElementType::I8:
    return runQuantization<In, int8_t>(prepared, run);
  case ElementType::U8:
    return runQuantization<In, uint8_t>(prepared, run);
  case ElementType::I16:
    return runQuantization<In, int16_t>(prepared, run);
  default:
    return runQuantization<In, int32_t>(prepared, run);
  }
}
} // namespace

TEST_CASE("quantisation templates match the reference kernels", "[templates][quantization]") {
  testing::Choices choose(5);
  const ElementType integers[] = {ElementType::I8, ElementType::U8, ElementType::I16};
  auto quant = [&](ElementType type) {
    if (type == ElementType::I16)
      return testing::perTensor(float(choose.uniform(1e-4, 1e-2)), 0);
    return testing::perTensor(float(choose.uniform(0.002, 0.05)),
                              choose.range(-30, 30) + (type == ElementType::U8 ? 128 : 0));
  };
  int cases = 0;
  for (int variant = 0; variant < 8; ++variant) {
    std::vector<std::pair<ElementType, ElementType>> pairs;
    for (ElementType q : integers) {
      pairs.push_back({ElementType::F32, q});
      pairs.push_back({q, ElementType::F32});
      for (ElementType r : integers)
        pairs.push_back({q, r});
      pairs.push_back({q, ElementType::I32});
    }
    for (auto [in, out] : pairs) {
      ir::Module module;
      testing::GraphBuilder b(module);
      const ir::Shape shape{choose.range(1, 3), choose.range(1, 40)};
      ir::Value &x =
          b.input("x", in, shape, in == ElementType::F32 ? ir::Quantization{} : quant(in));
      ir::Value &y = b.value("y", out, shape,
                             out == ElementType::F32   ? ir::Quantization{}
                             : out == ElementType::I32 ? testing::perTensor(1e-4f, 0)
                                                       : quant(out));
      b.op(out == ElementType::F32 ? ir::OpKind::DEQUANTIZE : ir::OpKind::QUANTIZE, {&x}, {&y});
      b.output(y);
      auto prepared = ir::ops::prepareQuantization(*module.mainGraph().ops[0]);
      REQUIRE(static_cast<bool>(prepared));
      const testing::ReferenceRun run = testing::runReference(module, uint32_t(cases));
      INFO(ir::elementTypeName(in) << " -> " << ir::elementTypeName(out));
      std::string mismatch;
      if (in == ElementType::F32)
        mismatch = out == ElementType::I8   ? runQuantization<float, int8_t>(*prepared, run)
                   : out == ElementType::U8 ? runQuantization<float, uint8_t>(*prepared, run)
                                            : runQuantization<float, int16_t>(*prepared, run);
      else
        mismatch = in == ElementType::I8   ? fromInteger<int8_t>(out, *prepared, run)
                   : in == ElementType::U8 ? fromInteger<uint8_t>(out, *prepared, run)
                                           : fromInteger<int16_t>(out, *prepared, run);
      CHECK(mismatch == "");
      ++cases;
    }
  }
  CHECK(cases == 8 * 18);
}
