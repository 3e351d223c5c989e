// templates/generic/Pooling.h against the reference kernels: average and max pools, float and
// every integer type, filters from 1x1 to larger than the input, strides 1-3, both paddings,
// odd sizes, every fused activation.

#include "generic/Pooling.h"
#include "TemplateTest.h"
#include "litec/ir/ops/Pooling.h"

#include <catch2/catch.hpp>

using namespace litec;
using ir::ElementType;

namespace {
const char *kActivations[] = {"NONE", "RELU", "RELU_N1_TO_1", "RELU6"};

template <typename T>
std::string runPool(const ir::ops::PreparedPooling &prepared, const testing::ReferenceRun &run) {
  const std::vector<T> input = testing::elementsOf<T>(run.inputs[0]);
  std::vector<T> output(run.outputs[0].size() / sizeof(T));
  if (prepared.isMax)
    generic::pool<true>(prepared.params, input.data(), output.data());
  else
    generic::pool<false>(prepared.params, input.data(), output.data());
  return testing::compareOutputs(output, testing::elementsOf<T>(run.outputs[0]), 1e-6);
}
} // namespace

TEST_CASE("pooling templates match the reference kernels", "[templates][pooling]") {
  testing::Choices choose(1);
  int cases = 0;
  for (ElementType type : {ElementType::F32, ElementType::I8, ElementType::U8, ElementType::I16})
    for (bool isMax : {false, true})
      for (bool same : {true, false})
        for (int variant = 0; variant < 12; ++variant) {
          const int h = choose.range(1, 13), w = choose.range(1, 13), c = choose.range(1, 9);
          const int fh = choose.range(1, 5), fw = choose.range(1, 5);
          const int sh = choose.range(1, 3), sw = choose.range(1, 3);
          const int outH = same ? (h + sh - 1) / sh : (h - fh + sh) / sh;
          const int outW = same ? (w + sw - 1) / sw : (w - fw + sw) / sw;
          if (outH <= 0 || outW <= 0)
            continue;
          const int act = variant % 4;
          ir::Module module;
          testing::GraphBuilder b(module);
          const ir::Quantization q =
              type == ElementType::F32 ? ir::Quantization{}
              : type == ElementType::I16
                  ? testing::perTensor(float(choose.uniform(1e-4, 1e-3)), 0)
                  : testing::perTensor(float(choose.uniform(0.01, 0.1)),
                                       choose.range(-20, 20) + (type == ElementType::U8 ? 128 : 0));
          ir::Value &x = b.input("x", type, {choose.range(1, 2), h, w, c}, q);
          ir::Value &y = b.value("y", type, {x.shape[0], outH, outW, c}, q);
          b.op(isMax ? ir::OpKind::MAX_POOL_2D : ir::OpKind::AVERAGE_POOL_2D, {&x}, {&y},
               {{"padding", testing::padding(same)},
                {"stride_h", int64_t(sh)},
                {"stride_w", int64_t(sw)},
                {"filter_height", int64_t(fh)},
                {"filter_width", int64_t(fw)},
                {"fused_activation_function",
                 testing::activation(kActivations[act], act == 3 ? 3 : act)}});
          b.output(y);
          auto prepared = ir::ops::preparePooling(*module.mainGraph().ops[0]);
          REQUIRE(static_cast<bool>(prepared));
          const testing::ReferenceRun run = testing::runReference(module, uint32_t(cases));
          INFO(ir::elementTypeName(type)
               << (isMax ? " max" : " average") << " " << h << "x" << w << "x" << c << " filter "
               << fh << "x" << fw << " stride " << sh << "x" << sw << (same ? " SAME " : " VALID ")
               << kActivations[act]);
          std::string mismatch;
          switch (type) {
          case ElementType::F32:
            mismatch = runPool<float>(*prepared, run);
            break;
          case ElementType::I8:
            mismatch = runPool<int8_t>(*prepared, run);
            break;
          case ElementType::U8:
            mismatch = runPool<uint8_t>(*prepared, run);
            break;
          default:
            mismatch = runPool<int16_t>(*prepared, run);
            break;
          }
          CHECK(mismatch == "");
          ++cases;
        }
  CHECK(cases > 150);
}
