// templates/generic/Svdf.h against the reference kernel: float (every fused activation) and
// int8 with int8 and int16 state, ranks 1 to 3, memories 1 to 6, with and without bias, from a
// random state (the first invoke of a state that has history).

#include "generic/Svdf.h"
#include "TemplateTest.h"
#include "litec/ir/ops/Svdf.h"

#include <catch2/catch.hpp>

using namespace litec;
using ir::ElementType;

namespace {
template <typename State>
std::string runSvdf(const ir::ops::PreparedSvdf &prepared, const ir::Op &op,
                    const testing::ReferenceRun &run) {
  using In = std::conditional_t<std::is_same_v<State, float>, float, int8_t>;
  using Bias = std::conditional_t<std::is_same_v<State, float>, float, int32_t>;
  const std::vector<In> input = testing::elementsOf<In>(run.inputs[0]);
  const std::vector<In> features = testing::elementsOf<In>(testing::constantBytes(op, 1));
  const std::vector<State> time = testing::elementsOf<State>(testing::constantBytes(op, 2));
  const std::vector<Bias> bias = testing::elementsOf<Bias>(testing::constantBytes(op, 3));
  std::vector<State> state = testing::elementsOf<State>(testing::constantBytes(op, 4));
  std::vector<In> output(run.outputs[0].size() / sizeof(In));
  const Bias *biasData = bias.empty() ? nullptr : bias.data();
  if constexpr (std::is_same_v<State, float>) {
    generic::svdfFloat(prepared.params, input.data(), features.data(), time.data(), biasData,
                       state.data(), output.data());
    return testing::compareOutputs(output, testing::elementsOf<In>(run.outputs[0]), 1e-5);
  } else {
    generic::svdfInteger<State>(prepared.params, input.data(), features.data(), time.data(),
                                biasData, state.data(), output.data());
    return testing::compareOutputs(output, testing::elementsOf<In>(run.outputs[0]));
  }
}
} // namespace

TEST_CASE("SVDF templates match the reference kernel", "[templates][svdf]") {
  testing::Choices choose(19);
  const char *activations[] = {"NONE", "RELU", "RELU_N1_TO_1", "RELU6"};
  int runs = 0;
  for (ElementType state : {ElementType::F32, ElementType::I8, ElementType::I16})
    for (int variant = 0; variant < 12; ++variant) {
      const bool isFloat = state == ElementType::F32, hasBias = variant % 3 != 2;
      const int64_t batches = choose.range(1, 3), inputs = choose.range(1, 9),
                    rank = choose.range(1, 3), units = choose.range(1, 5),
                    memory = choose.range(1, 6), filters = units * rank;
      const ElementType in = isFloat ? ElementType::F32 : ElementType::I8;
      auto quant = [&](double lo, double hi, int zeroPoint) {
        return isFloat ? ir::Quantization{}
                       : testing::perTensor(float(choose.uniform(lo, hi)), zeroPoint);
      };
      ir::Module module;
      testing::GraphBuilder b(module);
      ir::Value &x = b.input("x", in, {batches, inputs}, quant(0.01, 0.1, choose.range(-20, 20)));
      ir::Value &features =
          b.constant("features", in, {filters, inputs},
                     testing::randomElements(choose, in, filters * inputs), quant(0.002, 0.02, 0));
      ir::Value &time = b.constant("time", state, {filters, memory},
                                   testing::randomElements(choose, state, filters * memory),
                                   quant(state == ElementType::I16 ? 1e-5 : 0.002,
                                         state == ElementType::I16 ? 1e-4 : 0.02, 0));
      ir::Value *bias = nullptr;
      if (hasBias)
        bias = &b.constant("bias", isFloat ? ElementType::F32 : ElementType::I32, {units},
                           testing::randomElements(choose,
                                                   isFloat ? ElementType::F32 : ElementType::I32,
                                                   units, isFloat ? 0 : 3000));
      // The state starts from random history.
      ir::Value &history = b.constant(
          "state", state, {batches, filters * memory},
          testing::randomElements(choose, state, batches * filters * memory,
                                  state == ElementType::I16 ? 3000 : 0),
          quant(state == ElementType::I16 ? 1e-4 : 0.01, state == ElementType::I16 ? 1e-3 : 0.1,
                state == ElementType::I8 ? choose.range(-10, 10) : 0));
      history.isVariable = true;
      ir::Value &y = b.value("y", in, {batches, units}, quant(0.01, 0.2, choose.range(-20, 20)));
      const int activation = isFloat ? variant % 4 : 0;
      b.op(ir::OpKind::SVDF, {&x, &features, &time, bias, &history}, {&y},
           {{"rank", int32_t(rank)},
            {"fused_activation_function",
             testing::activation(activations[activation], activation)}});
      b.output(y);
      const ir::Op &op = *module.mainGraph().ops[0];
      auto prepared = ir::ops::prepareSvdf(op);
      INFO(ir::elementTypeName(state)
           << " state, rank " << rank << ", memory " << memory << ", variant " << variant);
      REQUIRE(static_cast<bool>(prepared));
      const testing::ReferenceRun run = testing::runReference(module, uint32_t(runs));
      const std::string mismatch = state == ElementType::F32 ? runSvdf<float>(*prepared, op, run)
                                   : state == ElementType::I8
                                       ? runSvdf<int8_t>(*prepared, op, run)
                                       : runSvdf<int16_t>(*prepared, op, run);
      CHECK(mismatch == "");
      ++runs;
    }
  CHECK(runs == 3 * 12);
}
