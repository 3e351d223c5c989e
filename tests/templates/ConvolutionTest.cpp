// templates/generic/Convolution.h against the reference kernels: CONV_2D (grouped too) and
// DEPTHWISE_CONV_2D (depth multipliers 1 to 3), float, int8, uint8 and 16x8 with int64 and int32
// bias, SAME and VALID padding, strides 1 to 3, dilations 1 and 2, filters 1x1 to 5x4,
// per-tensor and per-channel weights, with and without bias, every fused activation; int8 both
// as it is and with the input zero point folded into the bias.

#include "generic/Convolution.h"
#include "TemplateTest.h"
#include "litec/ir/ops/Convolution.h"

#include <catch2/catch.hpp>

using namespace litec;
using ir::ElementType;
using ir::OpKind;

namespace {
template <typename In, typename W, typename Bias>
std::string runConvolution(const ir::ops::PreparedConvolution &prepared, const ir::Op &op,
                           const testing::ReferenceRun &run, bool folded) {
  const std::vector<In> input = testing::elementsOf<In>(run.inputs[0]);
  const std::vector<W> filter = testing::elementsOf<W>(testing::constantBytes(op, 1));
  const std::vector<Bias> bias = testing::elementsOf<Bias>(testing::constantBytes(op, 2));
  std::vector<In> output(run.outputs[0].size() / sizeof(In));
  const bool depthwise = prepared.depthwise;
  if constexpr (std::is_same_v<In, float>) {
    auto kernel = depthwise ? generic::convolutionFloat<true, ir::ops::ConvolutionParams>
                            : generic::convolutionFloat<false, ir::ops::ConvolutionParams>;
    kernel(prepared.params, input.data(), filter.data(), bias.empty() ? nullptr : bias.data(),
           output.data(), nullptr);
    return testing::compareOutputs(output, testing::elementsOf<In>(run.outputs[0]), 1e-5);
  } else if (folded) {
    auto kernel =
        depthwise
            ? generic::convolutionQuantized<true, In, W, int32_t, In, ir::ops::ConvolutionParams>
            : generic::convolutionQuantized<false, In, W, int32_t, In, ir::ops::ConvolutionParams>;
    kernel(*prepared.folded, input.data(), filter.data(), prepared.foldedBias.data(),
           output.data());
  } else {
    auto kernel =
        depthwise
            ? generic::convolutionQuantized<true, In, W, Bias, In, ir::ops::ConvolutionParams>
            : generic::convolutionQuantized<false, In, W, Bias, In, ir::ops::ConvolutionParams>;
    kernel(prepared.params, input.data(), filter.data(), bias.empty() ? nullptr : bias.data(),
           output.data());
  }
  return testing::compareOutputs(output, testing::elementsOf<In>(run.outputs[0]));
}

// TFLite's output size along one axis.
int64_t outputSize(bool same, int64_t in, int64_t filter, int stride, int dilation) {
  const int64_t effective = (filter - 1) * dilation + 1;
  return same ? (in + stride - 1) / stride : (in - effective + stride) / stride;
}
} // namespace

TEST_CASE("convolution templates match the reference kernels", "[templates][convolution]") {
  testing::Choices choose(16);
  const char *activations[] = {"NONE", "RELU", "RELU_N1_TO_1", "RELU6"};
  int runs = 0, foldedRuns = 0;
  for (OpKind kind : {OpKind::CONV_2D, OpKind::DEPTHWISE_CONV_2D})
    for (const testing::WeightedTypeSet &types : testing::kWeightedTypeSets)
      for (int variant = 0; variant < 12; ++variant) {
        const bool depthwise = kind == OpKind::DEPTHWISE_CONV_2D;
        const bool same = variant % 2, hasBias = variant % 3 != 2;
        const int strideH = choose.range(1, 3), strideW = choose.range(1, 3);
        const int dilationH = choose.range(1, 2), dilationW = choose.range(1, 2);
        const int64_t filterH = choose.range(1, 5), filterW = choose.range(1, 4);
        const int64_t inH = (filterH - 1) * dilationH + choose.range(1, 6);
        const int64_t inW = (filterW - 1) * dilationW + choose.range(1, 6);
        const int64_t groups = depthwise ? 1 : choose.range(1, 3);
        const int64_t filterC = depthwise ? 1 : choose.range(1, 4);
        const int64_t inC = depthwise ? choose.range(1, 5) : groups * filterC;
        const int64_t outC = depthwise ? inC * choose.range(1, 3) : groups * choose.range(1, 3);
        const int64_t batches = choose.range(1, 2);
        const ir::Shape in{batches, inH, inW, inC};
        const ir::Shape filter = depthwise ? ir::Shape{1, filterH, filterW, outC}
                                           : ir::Shape{outC, filterH, filterW, filterC};
        const ir::Shape out{batches, outputSize(same, inH, filterH, strideH, dilationH),
                            outputSize(same, inW, filterW, strideW, dilationW), outC};
        const bool quantized = types.input != ElementType::F32;
        const bool perChannel = quantized && types.weights == ElementType::I8 && choose.range(0, 1);
        ir::Module module;
        testing::GraphBuilder b(module);
        ir::Value &x =
            b.input("x", types.input, in, testing::activationQuantization(choose, types.input));
        const int64_t filterCount = ir::elementCount(filter).value_or(0);
        ir::Value &w = b.constant(
            "w", types.weights, filter, testing::randomElements(choose, types.weights, filterCount),
            quantized ? testing::weightQuantization(choose, types.weights, outC, depthwise ? 3 : 0,
                                                    perChannel)
                      : ir::Quantization{});
        std::vector<ir::Value *> operands{&x, &w};
        if (hasBias)
          operands.push_back(
              &b.constant("bias", types.bias, {outC},
                          testing::randomElements(choose, types.bias, outC, quantized ? 3000 : 0)));
        ir::Value &y =
            b.value("y", types.input, out, testing::activationQuantization(choose, types.input));
        const int activation = variant % 4;
        std::vector<ir::NamedAttr> attrs{
            {"padding", testing::padding(same)},
            {"stride_h", int32_t(strideH)},
            {"stride_w", int32_t(strideW)},
            {"dilation_h_factor", int32_t(dilationH)},
            {"dilation_w_factor", int32_t(dilationW)},
            {"fused_activation_function",
             testing::activation(activations[activation], activation)}};
        if (depthwise)
          attrs.push_back({"depth_multiplier", int32_t(outC / inC)});
        b.op(kind, operands, {&y}, attrs);
        b.output(y);
        const ir::Op &op = *module.mainGraph().ops[0];
        auto prepared = ir::ops::prepareConvolution(op);
        INFO(ir::opKindInfo(kind).name
             << " " << ir::elementTypeName(types.input) << " bias "
             << ir::elementTypeName(types.bias) << " in " << ir::formatShape(in) << " filter "
             << ir::formatShape(filter) << " out " << ir::formatShape(out) << " variant "
             << variant);
        REQUIRE(static_cast<bool>(prepared));
        const testing::ReferenceRun run = testing::runReference(module, uint32_t(runs));
        auto check = [&](bool folded) {
          const std::string mismatch =
              testing::withWeightedTypes(types, [&](auto in, auto weight, auto bias) {
                return runConvolution<decltype(in), decltype(weight), decltype(bias)>(*prepared, op,
                                                                                      run, folded);
              });
          CHECK(mismatch == "");
        };
        check(false);
        // int8 with a non-zero input zero point offers the folded form.
        CHECK(prepared->folded.has_value() ==
              (types.input == ElementType::I8 && x.quant.zeroPoints[0] != 0));
        if (prepared->folded) {
          check(true);
          ++foldedRuns;
        }
        ++runs;
      }
  CHECK(runs == 2 * 5 * 12);
  CHECK(foldedRuns > 12);
}
