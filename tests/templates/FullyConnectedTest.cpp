// templates/generic/FullyConnected.h against the reference kernel: float, int8, uint8 and 16x8
// with int64 and int32 bias, inputs of ranks 1 to 4 flattened into rows, per-tensor and
// per-channel weights, with and without bias, every fused activation; int8 also with the
// input zero point folded into the bias.

#include "generic/FullyConnected.h"
#include "TemplateTest.h"
#include "litec/ir/ops/FullyConnected.h"

#include <catch2/catch.hpp>

using namespace litec;
using ir::ElementType;

namespace {
template <typename In, typename W, typename Bias>
std::string runFullyConnected(const ir::ops::PreparedFullyConnected &prepared, const ir::Op &op,
                              const testing::ReferenceRun &run, bool folded) {
  const std::vector<In> input = testing::elementsOf<In>(run.inputs[0]);
  const std::vector<W> weights = testing::elementsOf<W>(testing::constantBytes(op, 1));
  const std::vector<Bias> bias = testing::elementsOf<Bias>(testing::constantBytes(op, 2));
  std::vector<In> output(run.outputs[0].size() / sizeof(In));
  if constexpr (std::is_same_v<In, float>) {
    generic::fullyConnectedFloat(prepared.params, input.data(), weights.data(),
                                 bias.empty() ? nullptr : bias.data(), output.data());
    return testing::compareOutputs(output, testing::elementsOf<In>(run.outputs[0]), 1e-5);
  } else if (folded) {
    generic::fullyConnectedQuantized<In, W, int32_t, In>(
        *prepared.folded, input.data(), weights.data(), prepared.foldedBias.data(), output.data());
  } else {
    generic::fullyConnectedQuantized<In, W, Bias, In>(prepared.params, input.data(), weights.data(),
                                                      bias.empty() ? nullptr : bias.data(),
                                                      output.data());
  }
  return testing::compareOutputs(output, testing::elementsOf<In>(run.outputs[0]));
}
} // namespace

TEST_CASE("fully connected templates match the reference kernel", "[templates][fully-connected]") {
  testing::Choices choose(17);
  const char *activations[] = {"NONE", "RELU", "RELU_N1_TO_1", "RELU6"};
  int runs = 0, foldedRuns = 0;
  for (const testing::WeightedTypeSet &types : testing::kWeightedTypeSets)
    for (int variant = 0; variant < 16; ++variant) {
      const int64_t depth = choose.range(1, 40), units = choose.range(1, 9);
      const int64_t rows = choose.range(1, 4);
      const int rank = choose.range(1, 4);
      // Inputs of several ranks holding rows * depth elements.
      ir::Shape in = rank == 1   ? ir::Shape{rows * depth}
                     : rank == 2 ? ir::Shape{rows, depth}
                     : rank == 3 ? ir::Shape{1, rows, depth}
                                 : ir::Shape{rows, 1, 1, depth};
      const int64_t actualRows = ir::elementCount(in).value_or(0) / depth;
      const bool quantized = types.input != ElementType::F32;
      const bool perChannel = quantized && types.weights == ElementType::I8 && choose.range(0, 1);
      const bool hasBias = variant % 3 != 2;
      ir::Module module;
      testing::GraphBuilder b(module);
      ir::Value &x =
          b.input("x", types.input, in, testing::activationQuantization(choose, types.input));
      ir::Value &w = b.constant(
          "w", types.weights, {units, depth},
          testing::randomElements(choose, types.weights, units * depth),
          quantized ? testing::weightQuantization(choose, types.weights, units, 0, perChannel)
                    : ir::Quantization{});
      std::vector<ir::Value *> operands{&x, &w};
      if (hasBias)
        operands.push_back(
            &b.constant("bias", types.bias, {units},
                        testing::randomElements(choose, types.bias, units, quantized ? 3000 : 0)));
      ir::Value &y = b.value("y", types.input, {actualRows, units},
                             testing::activationQuantization(choose, types.input));
      const int activation = variant % 4;
      b.op(ir::OpKind::FULLY_CONNECTED, operands, {&y},
           {{"fused_activation_function",
             testing::activation(activations[activation], activation)}});
      b.output(y);
      const ir::Op &op = *module.mainGraph().ops[0];
      auto prepared = ir::ops::prepareFullyConnected(op);
      INFO(ir::elementTypeName(types.input)
           << " bias " << ir::elementTypeName(types.bias) << " in " << ir::formatShape(in)
           << " units " << units << " variant " << variant);
      REQUIRE(static_cast<bool>(prepared));
      const testing::ReferenceRun run = testing::runReference(module, uint32_t(runs));
      auto check = [&](bool folded) {
        const std::string mismatch =
            testing::withWeightedTypes(types, [&](auto in, auto weight, auto bias) {
              return runFullyConnected<decltype(in), decltype(weight), decltype(bias)>(
                  *prepared, op, run, folded);
            });
        CHECK(mismatch == "");
      };
      check(false);
      if (prepared->folded) {
        check(true);
        ++foldedRuns;
      }
      ++runs;
    }
  CHECK(runs == 5 * 16);
  CHECK(foldedRuns > 8);
}
