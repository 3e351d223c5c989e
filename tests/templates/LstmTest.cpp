// templates/generic/Lstm.h against the reference kernels: float32 in every variant (CIFG,
// peephole, projection with and without bias and clip, layer normalisation, time- or
// batch-major, every activation, cell clip) and the int8 LSTM with an int16 cell state over
// cell scales 2^-8 to 2^-15, with and without a cell clip; 1 to 3 steps from random states.

#include "generic/Lstm.h"
#include "TemplateTest.h"
#include "litec/ir/ops/Lstm.h"

#include <catch2/catch.hpp>

using namespace litec;
using ir::ElementType;
using namespace ir::ops;

namespace {
// The operand's elements as T, empty when it is absent.
template <typename T> std::vector<T> operandElements(const ir::Op &op, size_t i) {
  return testing::elementsOf<T>(testing::constantBytes(op, i));
}

template <typename T> const T *pointerOrNull(const std::vector<T> &v) {
  return v.empty() ? nullptr : v.data();
}

std::string runFloat(const PreparedLstm &prepared, const ir::Op &op,
                     const testing::ReferenceRun &run) {
  std::vector<std::vector<float>> operands(op.operands.size());
  for (size_t i = 1; i < op.operands.size(); ++i)
    operands[i] = operandElements<float>(op, i);
  auto at = [&](size_t i) { return pointerOrNull(operands[i]); };
  generic::FloatLstmTensors t{};
  for (int gate = kInputGate; gate <= kOutputGate; ++gate) {
    t.inputWeights[gate] = at(lstmInputWeights(gate));
    t.recurrentWeights[gate] = at(lstmRecurrentWeights(gate));
    t.peephole[gate] = gate == kCellGate ? nullptr : at(lstmPeephole(gate));
    t.bias[gate] = at(lstmBias(gate));
    t.norm[gate] = op.operands.size() > lstmNorm(gate) ? at(lstmNorm(gate)) : nullptr;
  }
  t.projection = at(kLstmProjection);
  t.projectionBias = at(kLstmProjectionBias);
  const std::vector<float> input = testing::elementsOf<float>(run.inputs[0]);
  std::vector<float> hidden = operands[kLstmHiddenState], cell = operands[kLstmCellState];
  std::vector<float> scratch(size_t(prepared.scratchBytes) / sizeof(float));
  std::vector<float> output(run.outputs[0].size() / sizeof(float));
  generic::lstmFloat(prepared.params, input.data(), t, hidden.data(), cell.data(), scratch.data(),
                     output.data());
  return testing::compareOutputs(output, testing::elementsOf<float>(run.outputs[0]), 1e-5);
}

std::string runInteger(const PreparedLstm &prepared, const ir::Op &op,
                       const testing::ReferenceRun &run) {
  std::vector<std::vector<int8_t>> weights(op.operands.size());
  std::vector<std::vector<int32_t>> biases(4);
  generic::IntegerLstmTensors t{};
  for (int gate = kInputGate; gate <= kOutputGate; ++gate) {
    weights[lstmInputWeights(gate)] = operandElements<int8_t>(op, lstmInputWeights(gate));
    weights[lstmRecurrentWeights(gate)] = operandElements<int8_t>(op, lstmRecurrentWeights(gate));
    biases[size_t(gate)] = operandElements<int32_t>(op, lstmBias(gate));
    t.inputWeights[gate] = weights[lstmInputWeights(gate)].data();
    t.recurrentWeights[gate] = weights[lstmRecurrentWeights(gate)].data();
    t.bias[gate] = biases[size_t(gate)].data();
  }
  const std::vector<int8_t> input = testing::elementsOf<int8_t>(run.inputs[0]);
  std::vector<int8_t> hidden = operandElements<int8_t>(op, kLstmHiddenState);
  std::vector<int16_t> cell = operandElements<int16_t>(op, kLstmCellState);
  std::vector<int16_t> scratch(size_t(prepared.scratchBytes) / sizeof(int16_t));
  std::vector<int8_t> output(run.outputs[0].size());
  generic::lstmInteger(prepared.params, input.data(), t, hidden.data(), cell.data(), scratch.data(),
                       output.data());
  return testing::compareOutputs(output, testing::elementsOf<int8_t>(run.outputs[0]));
}

struct Variant {
  bool cifg, peephole, projection, projectionBias, layerNorm, timeMajor;
  int activation; // TFLite's ActivationFunctionType: NONE 0, RELU 1, RELU_N1_TO_1 2, RELU6 3, TANH
                  // 4
  float cellClip, projClip;
};

const char *activationName(int activation) {
  const char *names[] = {"NONE", "RELU", "RELU_N1_TO_1", "RELU6", "TANH"};
  return names[activation];
}

// A single-op LSTM model; float, or int8 with an int16 cell state on the scale 2^cellPower.
ir::Module lstmModule(testing::Choices &choose, bool integer, const Variant &v, int cellPower) {
  const int64_t batches = choose.range(1, 3), steps = choose.range(1, 3),
                inputs = choose.range(1, 7), cells = choose.range(1, 6),
                outputs = v.projection ? choose.range(1, 5) : cells;
  const ElementType act = integer ? ElementType::I8 : ElementType::F32;
  auto quant = [&](double lo, double hi, int zeroPoint) {
    return integer ? testing::perTensor(float(choose.uniform(lo, hi)), zeroPoint)
                   : ir::Quantization{};
  };
  ir::Module module;
  testing::GraphBuilder b(module);
  std::vector<ir::Value *> operands(24, nullptr);
  const ir::Shape inputShape =
      v.timeMajor ? ir::Shape{steps, batches, inputs} : ir::Shape{batches, steps, inputs};
  operands[0] = &b.input("x", act, inputShape, quant(0.01, 0.05, choose.range(-20, 20)));
  auto weights = [&](const std::string &name, int64_t rows, int64_t columns) {
    return &b.constant(name, act, {rows, columns},
                       testing::randomElements(choose, act, rows * columns), quant(0.002, 0.02, 0));
  };
  auto vector = [&](const std::string &name, ElementType type, int64_t size, int64_t limit) {
    return &b.constant(name, type, {size}, testing::randomElements(choose, type, size, limit));
  };
  for (int gate = kInputGate; gate <= kOutputGate; ++gate) {
    if (gate == kInputGate && v.cifg)
      continue;
    const std::string g = std::to_string(gate);
    operands[lstmInputWeights(gate)] = weights("wx" + g, cells, inputs);
    operands[lstmRecurrentWeights(gate)] = weights("wh" + g, cells, outputs);
    operands[lstmBias(gate)] =
        vector("bias" + g, integer ? ElementType::I32 : ElementType::F32, cells, 3000);
    if (v.peephole && gate != kCellGate)
      operands[lstmPeephole(gate)] = vector("peephole" + g, ElementType::F32, cells, 0);
    if (v.layerNorm)
      operands[lstmNorm(gate)] = vector("norm" + g, ElementType::F32, cells, 0);
  }
  if (v.projection) {
    operands[kLstmProjection] = weights("projection", outputs, cells);
    if (v.projectionBias)
      operands[kLstmProjectionBias] = vector("projectionBias", ElementType::F32, outputs, 0);
  }
  // The states start from random history.
  ir::Value &hidden = b.constant("hidden", act, {batches, outputs},
                                 testing::randomElements(choose, act, batches * outputs),
                                 quant(0.005, 0.02, choose.range(-10, 10)));
  ir::Value &cell =
      b.constant("cell", integer ? ElementType::I16 : ElementType::F32, {batches, cells},
                 testing::randomElements(choose, integer ? ElementType::I16 : ElementType::F32,
                                         batches * cells, 20000),
                 integer ? testing::perTensor(std::ldexp(1.f, cellPower), 0) : ir::Quantization{});
  hidden.isVariable = cell.isVariable = true;
  operands[kLstmHiddenState] = &hidden;
  operands[kLstmCellState] = &cell;
  if (!v.layerNorm)
    operands.resize(20);
  const ir::Shape outputShape =
      v.timeMajor ? ir::Shape{steps, batches, outputs} : ir::Shape{batches, steps, outputs};
  ir::Value &y = b.value("y", act, outputShape, hidden.quant);
  b.op(ir::OpKind::UNIDIRECTIONAL_SEQUENCE_LSTM, operands, {&y},
       {{"fused_activation_function",
         testing::activation(activationName(v.activation), v.activation)},
        {"cell_clip", double(v.cellClip)},
        {"proj_clip", double(v.projClip)},
        {"time_major", v.timeMajor}});
  b.output(y);
  return module;
}
} // namespace

TEST_CASE("float LSTM templates match the reference kernel", "[templates][lstm]") {
  testing::Choices choose(23);
  int runs = 0;
  for (int flags = 0; flags < 32; ++flags) {
    Variant v{};
    v.cifg = flags & 1;
    v.peephole = flags & 2;
    v.projection = flags & 4;
    v.layerNorm = flags & 8;
    v.timeMajor = flags & 16;
    v.projectionBias = v.projection && choose.range(0, 1);
    v.activation = choose.range(0, 4);
    v.cellClip = choose.range(0, 1) ? float(choose.uniform(0.5, 3)) : 0.f;
    v.projClip = v.projection && choose.range(0, 1) ? float(choose.uniform(0.2, 1)) : 0.f;
    ir::Module module = lstmModule(choose, false, v, 0);
    const ir::Op &op = *module.mainGraph().ops[0];
    auto prepared = prepareLstm(op);
    INFO("variant flags " << flags << ", activation " << activationName(v.activation));
    REQUIRE(static_cast<bool>(prepared));
    REQUIRE_FALSE(prepared->isInteger);
    CHECK(runFloat(*prepared, op, testing::runReference(module, uint32_t(runs))) == "");
    ++runs;
  }
  CHECK(runs == 32);
}

TEST_CASE("int8 LSTM templates match the reference kernel", "[templates][lstm]") {
  testing::Choices choose(29);
  int runs = 0;
  for (int cellPower = -15; cellPower <= -8; ++cellPower)
    for (bool clipped : {false, true}) {
      Variant v{};
      v.activation = 4; // the integer kernel's only cell activation: TANH
      v.timeMajor = choose.range(0, 1);
      v.cellClip = clipped ? float(choose.uniform(0.1, 8)) : 0.f;
      ir::Module module = lstmModule(choose, true, v, cellPower);
      const ir::Op &op = *module.mainGraph().ops[0];
      auto prepared = prepareLstm(op);
      INFO("cell scale 2^" << cellPower << (clipped ? ", clipped" : ""));
      REQUIRE(static_cast<bool>(prepared));
      REQUIRE(prepared->isInteger);
      CHECK(runInteger(*prepared, op, testing::runReference(module, uint32_t(runs))) == "");
      ++runs;
    }
  CHECK(runs == 16);
}

TEST_CASE("LSTM preparation refuses what TFLite's kernels do not run", "[templates][lstm]") {
  testing::Choices choose(31);
  Variant v{};
  v.activation = 4;
  v.peephole = true; // no integer kernel has peepholes
  ir::Module peephole = lstmModule(choose, true, v, -12);
  auto refused = prepareLstm(*peephole.mainGraph().ops[0]);
  REQUIRE_FALSE(static_cast<bool>(refused));
  CHECK(llvm::toString(refused.takeError()).find("peephole") != std::string::npos);
  v = Variant{};
  v.activation = 4;
  ir::Module badScale = lstmModule(choose, true, v, 0);
  badScale.mainGraph().ops[0]->operands[kLstmCellState]->quant = testing::perTensor(0.3f, 0);
  auto scale = prepareLstm(*badScale.mainGraph().ops[0]);
  REQUIRE_FALSE(static_cast<bool>(scale));
  CHECK(llvm::toString(scale.takeError()).find("power of two") != std::string::npos);
}
