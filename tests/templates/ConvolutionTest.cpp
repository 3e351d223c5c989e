// templates/generic/Convolution.h against the reference kernels: CONV_2D (grouped too) and
// DEPTHWISE_CONV_2D (depth multipliers 1 to 3), float, int8, uint8 and 16x8 with int64 and int32
// bias, SAME and VALID padding, strides 1 to 3, dilations 1 and 2, filters 1x1 to 5x4,
// per-tensor and per-channel weights, with and without bias, every fused activation; int8 both
// as it is and with the input zero point folded into the bias. The fused convolutions
// (residual ADD, PRELU and HARD_SWISH epilogues) float, int8 and uint8 likewise.

#include "generic/Convolution.h"
#include "TemplateTest.h"
#include "litec/ir/ops/Convolution.h"

#include <catch2/catch.hpp>

using namespace litec;
using ir::ElementType;
using ir::OpKind;

namespace {
// `extra`: the epilogue's operand (run's second input, or the op's constant operand 3), if any.
template <typename In, typename W, typename Bias>
std::string runConvolution(const ir::ops::PreparedConvolution &prepared, const ir::Op &op,
                           const testing::ReferenceRun &run, bool folded) {
  const std::vector<In> input = testing::elementsOf<In>(run.inputs[0]);
  std::vector<In> extra;
  if (run.inputs.size() > 1)
    extra = testing::elementsOf<In>(run.inputs[1]);
  else if (op.operands.size() > 3)
    extra = testing::elementsOf<In>(testing::constantBytes(op, 3));
  const In *extraData = extra.empty() ? nullptr : extra.data();
  const std::vector<W> filter = testing::elementsOf<W>(testing::constantBytes(op, 1));
  const std::vector<Bias> bias = testing::elementsOf<Bias>(testing::constantBytes(op, 2));
  std::vector<In> output(run.outputs[0].size() / sizeof(In));
  const bool depthwise = prepared.depthwise;
  if constexpr (std::is_same_v<In, float>) {
    auto kernel = depthwise ? generic::convolutionFloat<true, ir::ops::ConvolutionParams>
                            : generic::convolutionFloat<false, ir::ops::ConvolutionParams>;
    kernel(prepared.params, input.data(), filter.data(), bias.empty() ? nullptr : bias.data(),
           output.data(), extraData);
    return testing::compareOutputs(output, testing::elementsOf<In>(run.outputs[0]), 1e-5);
  } else if (folded) {
    auto kernel =
        depthwise
            ? generic::convolutionQuantized<true, In, W, int32_t, In, ir::ops::ConvolutionParams>
            : generic::convolutionQuantized<false, In, W, int32_t, In, ir::ops::ConvolutionParams>;
    kernel(*prepared.folded, input.data(), filter.data(), prepared.foldedBias.data(), output.data(),
           extraData);
  } else {
    auto kernel =
        depthwise
            ? generic::convolutionQuantized<true, In, W, Bias, In, ir::ops::ConvolutionParams>
            : generic::convolutionQuantized<false, In, W, Bias, In, ir::ops::ConvolutionParams>;
    kernel(prepared.params, input.data(), filter.data(), bias.empty() ? nullptr : bias.data(),
           output.data(), extraData);
  }
  return testing::compareOutputs(output, testing::elementsOf<In>(run.outputs[0]));
}

// TFLite's output size along one axis.
int64_t outputSize(bool same, int64_t in, int64_t filter, int stride, int dilation) {
  const int64_t effective = (filter - 1) * dilation + 1;
  return same ? (in + stride - 1) / stride : (in - effective + stride) / stride;
}

constexpr const char *kActivations[] = {"NONE", "RELU", "RELU_N1_TO_1", "RELU6"};

// The attributes of a convolution; depthMultiplier 0 for CONV_2D.
std::vector<ir::NamedAttr> convolutionAttrs(bool same, int strideH, int strideW, int dilationH,
                                            int dilationW, int activation,
                                            int64_t depthMultiplier) {
  std::vector<ir::NamedAttr> attrs{
      {"padding", testing::padding(same)},
      {"stride_h", int32_t(strideH)},
      {"stride_w", int32_t(strideW)},
      {"dilation_h_factor", int32_t(dilationH)},
      {"dilation_w_factor", int32_t(dilationW)},
      {"fused_activation_function", testing::activation(kActivations[activation], activation)}};
  if (depthMultiplier)
    attrs.push_back({"depth_multiplier", int32_t(depthMultiplier)});
  return attrs;
}
} // namespace

TEST_CASE("convolution templates match the reference kernels", "[templates][convolution]") {
  testing::Choices choose(16);
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
        b.op(kind, operands, {&y},
             convolutionAttrs(same, strideH, strideW, dilationH, dilationW, variant % 4,
                              depthwise ? outC / inC : 0));
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

TEST_CASE("fused convolution templates match the reference kernels", "[templates][convolution]") {
  testing::Choices choose(61);
  int runs = 0;
  for (OpKind kind : {OpKind::LITEC_CONV_2D_RESIDUAL, OpKind::LITEC_DEPTHWISE_CONV_2D_RESIDUAL,
                      OpKind::LITEC_CONV_2D_PRELU, OpKind::LITEC_DEPTHWISE_CONV_2D_PRELU,
                      OpKind::LITEC_CONV_2D_HARD_SWISH, OpKind::LITEC_DEPTHWISE_CONV_2D_HARD_SWISH})
    for (const testing::WeightedTypeSet &types :
         {testing::kWeightedTypeSets[0], testing::kWeightedTypeSets[1],
          testing::kWeightedTypeSets[2]})
      for (int variant = 0; variant < 4; ++variant) {
        const ir::FusedConvolution fused = *ir::fusedConvolution(kind);
        const bool depthwise = fused.convolution == OpKind::DEPTHWISE_CONV_2D;
        const bool quantized = types.input != ElementType::F32;
        const bool same = variant % 2;
        const int stride = choose.range(1, 2);
        const int64_t filterH = choose.range(1, 3), filterW = choose.range(1, 3);
        const int64_t inH = filterH + choose.range(0, 4), inW = filterW + choose.range(0, 4);
        const int64_t inC = choose.range(1, 4);
        const int64_t outC = depthwise ? inC * choose.range(1, 2) : choose.range(1, 5);
        const ir::Shape in{1, inH, inW, inC};
        const ir::Shape filter = depthwise ? ir::Shape{1, filterH, filterW, outC}
                                           : ir::Shape{outC, filterH, filterW, inC};
        const ir::Shape out{1, outputSize(same, inH, filterH, stride, 1),
                            outputSize(same, inW, filterW, stride, 1), outC};
        ir::Module module;
        testing::GraphBuilder b(module);
        ir::Value &x =
            b.input("x", types.input, in, testing::activationQuantization(choose, types.input));
        ir::Value &w = b.constant(
            "w", types.weights, filter,
            testing::randomElements(choose, types.weights, ir::elementCount(filter).value()),
            quantized ? testing::weightQuantization(choose, types.weights, outC, depthwise ? 3 : 0,
                                                    types.weights == ElementType::I8)
                      : ir::Quantization{});
        ir::Value &bias =
            b.constant("bias", types.bias, {outC},
                       testing::randomElements(choose, types.bias, outC, quantized ? 3000 : 0));
        std::vector<ir::Value *> operands{&x, &w, &bias};
        // The epilogue's operand: a residual input (float: sometimes with fewer channels), or
        // PRELU slopes, one per channel or one.
        if (fused.epilogue == OpKind::ADD) {
          const int64_t channels = quantized ? outC : choose.range(1, int(outC));
          operands.push_back(&b.input("r", types.input, {1, out[1], out[2], channels},
                                      testing::activationQuantization(choose, types.input)));
        } else if (fused.epilogue == OpKind::PRELU) {
          const int64_t slopes = variant < 2 ? outC : 1;
          operands.push_back(&b.constant("alpha", types.input, {slopes},
                                         testing::randomElements(choose, types.input, slopes),
                                         testing::activationQuantization(choose, types.input)));
        }
        ir::Value &convolution =
            b.value("conv", types.input, out, testing::activationQuantization(choose, types.input));
        ir::Value &y =
            b.value("y", types.input, out, testing::activationQuantization(choose, types.input));
        ir::Op &op = b.op(kind, operands, {&y},
                          convolutionAttrs(same, stride, stride, 1, 1,
                                           fused.epilogue == OpKind::ADD ? variant : 0,
                                           depthwise ? outC / inC : 0));
        op.intermediates = {&convolution};
        b.output(y);
        auto prepared = ir::ops::prepareConvolution(op);
        INFO(ir::opKindInfo(kind).name << " " << ir::elementTypeName(types.input) << " in "
                                       << ir::formatShape(in) << " filter "
                                       << ir::formatShape(filter) << " variant " << variant);
        if (!prepared)
          FAIL(llvm::toString(prepared.takeError()));
        const testing::ReferenceRun run = testing::runReference(module, uint32_t(runs));
        for (bool folded : {false, true}) {
          if (folded && !prepared->folded)
            continue;
          const std::string mismatch =
              testing::withWeightedTypes(types, [&](auto in, auto weight, auto bias) {
                return runConvolution<decltype(in), decltype(weight), decltype(bias)>(*prepared, op,
                                                                                      run, folded);
              });
          CHECK(mismatch == "");
        }
        ++runs;
      }
  CHECK(runs == 6 * 3 * 4);
}
