// templates/generic/Resize.h against the reference kernels: bilinear in float, uint8, int8 and
// int16, nearest neighbour; upsampling and downsampling, odd sizes, every combination of
// align_corners and half_pixel_centers.

#include "generic/Resize.h"
#include "TemplateTest.h"
#include "litec/ir/ops/Resize.h"

#include <catch2/catch.hpp>

using namespace litec;
using ir::ElementType;

namespace {
template <typename T>
std::string runResize(const ir::ops::PreparedResize &prepared, const testing::ReferenceRun &run) {
  const std::vector<T> input = testing::elementsOf<T>(run.inputs[0]);
  std::vector<T> output(run.outputs[0].size() / sizeof(T));
  if (prepared.kind == ir::ops::ResizeKind::Nearest)
    generic::resizeNearest<T>(prepared.params, input.data(), output.data());
  else if (prepared.kind == ir::ops::ResizeKind::FixedBilinear)
    generic::resizeBilinear<generic::FixedBlend<T>, T>(prepared.params, input.data(),
                                                       output.data());
  else
    generic::resizeBilinear<generic::FloatBlend<T>, T>(prepared.params, input.data(),
                                                       output.data());
  return testing::compareOutputs(output, testing::elementsOf<T>(run.outputs[0]));
}
} // namespace

TEST_CASE("resize templates match the reference kernels", "[templates][resize]") {
  testing::Choices choose(3);
  int cases = 0;
  for (bool nearest : {false, true})
    for (ElementType type : {ElementType::F32, ElementType::U8, ElementType::I8, ElementType::I16})
      for (int corners = 0; corners < 4; ++corners)
        for (int variant = 0; variant < 4; ++variant) {
          const bool align = corners & 1, half = corners & 2;
          if (align && half)
            continue; // TFLite refuses both
          const int inH = choose.range(1, 9), inW = choose.range(1, 9);
          const int outH = choose.range(1, 17), outW = choose.range(1, 17);
          const int depth = choose.range(1, 5);
          ir::Module module;
          testing::GraphBuilder b(module);
          const ir::Quantization q =
              type == ElementType::F32 ? ir::Quantization{} : testing::perTensor(0.05f, 0);
          ir::Value &x = b.input("x", type, {choose.range(1, 2), inH, inW, depth}, q);
          ir::Value &size =
              b.constant("size", ElementType::I32, {2}, std::vector<int32_t>{outH, outW});
          ir::Value &y = b.value("y", type, {x.shape[0], outH, outW, depth}, q);
          b.op(nearest ? ir::OpKind::RESIZE_NEAREST_NEIGHBOR : ir::OpKind::RESIZE_BILINEAR,
               {&x, &size}, {&y}, {{"align_corners", align}, {"half_pixel_centers", half}})
              .version = 3;
          b.output(y);
          auto prepared = ir::ops::prepareResize(*module.mainGraph().ops[0]);
          REQUIRE(static_cast<bool>(prepared));
          const testing::ReferenceRun run = testing::runReference(module, uint32_t(cases));
          INFO((nearest ? "nearest " : "bilinear ")
               << ir::elementTypeName(type) << " " << inH << "x" << inW << " -> " << outH << "x"
               << outW << (align ? " align_corners" : "") << (half ? " half_pixel" : ""));
          std::string mismatch;
          switch (type) {
          case ElementType::F32:
            mismatch = runResize<float>(*prepared, run);
            break;
          case ElementType::U8:
            mismatch = runResize<uint8_t>(*prepared, run);
            break;
          case ElementType::I8:
            mismatch = runResize<int8_t>(*prepared, run);
            break;
          default:
            mismatch = runResize<int16_t>(*prepared, run);
            break;
          }
          CHECK(mismatch == "");
          ++cases;
        }
  CHECK(cases == 96);
}
