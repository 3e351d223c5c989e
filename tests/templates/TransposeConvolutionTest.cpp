// templates/generic/TransposeConvolution.h against the reference kernel: TRANSPOSE_CONV with
// float, int8, uint8 and 16x8 (int64 and int32 bias), SAME and VALID padding with every output
// size TFLite accepts for the input, strides 1 to 3, filters 1x1 to 4x5, per-tensor and
// per-channel weights, with and without bias, every fused activation; and MediaPipe's
// Convolution2DTransposeBias.

#include "generic/TransposeConvolution.h"
#include "TemplateTest.h"
#include "litec/ir/ops/TransposeConvolution.h"

#include <catch2/catch.hpp>

#include <cstring>

using namespace litec;
using ir::ElementType;

namespace {
template <typename In, typename W, typename Bias>
std::string runTransposeConvolution(const ir::ops::PreparedTransposeConvolution &prepared,
                                    const ir::Op &op, const testing::ReferenceRun &run) {
  const ir::ops::WeightedOperands &o = prepared.operands;
  const std::vector<In> input = testing::elementsOf<In>(run.inputs[0]);
  const std::vector<W> weights = testing::elementsOf<W>(testing::constantBytes(op, o.weights));
  const std::vector<Bias> bias = testing::elementsOf<Bias>(testing::constantBytes(op, o.bias));
  std::vector<In> output(run.outputs[0].size() / sizeof(In));
  if constexpr (std::is_same_v<In, float>) {
    generic::transposeConvolutionFloat(prepared.params, input.data(), weights.data(),
                                       bias.empty() ? nullptr : bias.data(), output.data());
    return testing::compareOutputs(output, testing::elementsOf<In>(run.outputs[0]), 1e-5);
  } else {
    std::vector<generic::Accumulator<In>> accumulators(output.size());
    generic::transposeConvolutionQuantized<In, W, Bias, In>(
        prepared.params, input.data(), weights.data(), bias.empty() ? nullptr : bias.data(),
        accumulators.data(), output.data());
    return testing::compareOutputs(output, testing::elementsOf<In>(run.outputs[0]));
  }
}
} // namespace

TEST_CASE("transposed convolution templates match the reference kernel",
          "[templates][transpose-convolution]") {
  testing::Choices choose(18);
  const char *activations[] = {"NONE", "RELU", "RELU_N1_TO_1", "RELU6"};
  int runs = 0;
  for (const bool custom : {false, true})
    for (const testing::WeightedTypeSet &types : testing::kWeightedTypeSets)
      for (int variant = 0; variant < 12; ++variant) {
        if (custom && types.input != ElementType::F32)
          continue;
        const bool same = variant % 2, hasBias = custom || variant % 3 != 2;
        const int strideH = choose.range(1, 3), strideW = choose.range(1, 3);
        const int64_t filterH = choose.range(1, 4), filterW = choose.range(1, 5);
        const int64_t inH = choose.range(1, 5), inW = choose.range(1, 5);
        // Every output size whose forward convolution gives back the input.
        auto outputSize = [&](int64_t in, int64_t filter, int stride) {
          const int64_t first = same ? (in - 1) * stride + 1 : (in - 1) * stride + filter;
          return first + choose.range(0, stride - 1);
        };
        const int64_t batches = choose.range(1, 2), inC = choose.range(1, 4),
                      outC = choose.range(1, 4);
        const ir::Shape in{batches, inH, inW, inC}, w{outC, filterH, filterW, inC};
        const ir::Shape out{batches, outputSize(inH, filterH, strideH),
                            outputSize(inW, filterW, strideW), outC};
        const bool quantized = types.input != ElementType::F32;
        const bool perChannel = quantized && types.weights == ElementType::I8 && choose.range(0, 1);
        ir::Module module;
        testing::GraphBuilder b(module);
        ir::Value &x =
            b.input("x", types.input, in, testing::activationQuantization(choose, types.input));
        ir::Value &weights = b.constant(
            "w", types.weights, w,
            testing::randomElements(choose, types.weights, ir::elementCount(w).value_or(0)),
            quantized ? testing::weightQuantization(choose, types.weights, outC, 0, perChannel)
                      : ir::Quantization{});
        ir::Value *bias = nullptr;
        if (hasBias)
          bias =
              &b.constant("bias", types.bias, {outC},
                          testing::randomElements(choose, types.bias, outC, quantized ? 3000 : 0));
        ir::Value &y =
            b.value("y", types.input, out, testing::activationQuantization(choose, types.input));
        const int activation = custom ? 0 : variant % 4;
        if (custom) {
          ir::Op &op = b.op(ir::OpKind::CUSTOM, {&x, &weights, bias}, {&y});
          op.customCode = "Convolution2DTransposeBias";
          const int32_t options[3] = {same ? 1 : 2, strideW, strideH};
          op.customOptions.resize(sizeof options);
          std::memcpy(op.customOptions.data(), options, sizeof options);
        } else {
          const std::vector<int32_t> shape(out.begin(), out.end());
          ir::Value &outputShape = b.constant("shape", ElementType::I32, {4}, shape);
          std::vector<ir::Value *> operands{&outputShape, &weights, &x};
          if (bias)
            operands.push_back(bias);
          b.op(ir::OpKind::TRANSPOSE_CONV, operands, {&y},
               {{"padding", testing::padding(same)},
                {"stride_h", int32_t(strideH)},
                {"stride_w", int32_t(strideW)},
                {"fused_activation_function",
                 testing::activation(activations[activation], activation)}});
        }
        b.output(y);
        const ir::Op &op = *module.mainGraph().ops[0];
        auto prepared = ir::ops::prepareTransposeConvolution(op);
        INFO((custom ? "Convolution2DTransposeBias " : "TRANSPOSE_CONV ")
             << ir::elementTypeName(types.input) << " bias " << ir::elementTypeName(types.bias)
             << " in " << ir::formatShape(in) << " weights " << ir::formatShape(w) << " out "
             << ir::formatShape(out) << " variant " << variant);
        REQUIRE(static_cast<bool>(prepared));
        const testing::ReferenceRun run = testing::runReference(module, uint32_t(runs));
        const std::string mismatch =
            testing::withWeightedTypes(types, [&](auto input, auto weight, auto biasType) {
              return runTransposeConvolution<decltype(input), decltype(weight), decltype(biasType)>(
                  *prepared, op, run);
            });
        CHECK(mismatch == "");
        ++runs;
      }
  CHECK(runs == 5 * 12 + 12);
}
