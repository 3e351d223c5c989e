#include "TestModels.h"

#include "GraphBuilder.h"

#include <random>

namespace litec::testing {

using ir::ElementType;
using ir::OpKind;
using ir::Shape;

namespace {
// std::mt19937's sequence is fixed by the standard and the conversions are ours, so the models
// are the same bytes everywhere.
class Weights {
public:
  explicit Weights(uint32_t seed) : engine_(seed) {}
  double uniform(double lo, double hi) {
    return lo + (hi - lo) * (double(engine_()) / 4294967296.0);
  }
  std::vector<float> floats(int64_t count, double lo = -1, double hi = 1) {
    std::vector<float> v(static_cast<size_t>(count));
    for (float &x : v)
      x = float(uniform(lo, hi));
    return v;
  }
  std::vector<int8_t> int8s(int64_t count) {
    std::vector<int8_t> v(static_cast<size_t>(count));
    for (int8_t &x : v)
      x = int8_t(int(engine_() % 255) - 127);
    return v;
  }
  std::vector<int32_t> int32s(int64_t count, int32_t magnitude) {
    std::vector<int32_t> v(static_cast<size_t>(count));
    for (int32_t &x : v)
      x = int32_t(engine_() % uint32_t(2 * magnitude + 1)) - magnitude;
    return v;
  }

private:
  std::mt19937 engine_;
};

ir::NamedAttr attr(const char *name, ir::AttrValue value) {
  return {name, std::move(value)};
}

// Symmetric per-channel (or per-tensor, channels = 1) int8 weight quantisation.
ir::Quantization weightScales(Weights &w, int64_t channels, int32_t axis) {
  ir::Quantization q;
  for (int64_t c = 0; c < channels; ++c) {
    q.scales.push_back(float(w.uniform(0.004, 0.012)));
    q.zeroPoints.push_back(0);
  }
  q.axis = axis;
  return q;
}

// The int32 bias of an int8 layer: scale input scale x weight scale, per channel.
ir::Value &int8Bias(GraphBuilder &b, Weights &w, const char *name, float inputScale,
                    const ir::Quantization &weights, int64_t channels) {
  ir::Quantization q;
  for (int64_t c = 0; c < channels; ++c) {
    q.scales.push_back(inputScale * weights.scales[weights.scales.size() == 1 ? 0 : size_t(c)]);
    q.zeroPoints.push_back(0);
  }
  return b.constant(name, ElementType::I32, {channels}, w.int32s(channels, 600), q);
}
} // namespace

void buildSmallInt8Classifier(ir::Module &module) {
  Weights w(20261201);
  GraphBuilder b(module);
  module.description = "litec test model: small int8 classifier";
  const float inScale = 1.f / 128;
  auto &x = b.input("image", ElementType::I8, {1, 8, 8, 3}, perTensor(inScale, 0));

  const auto convQ = weightScales(w, 8, 0);
  auto &convW = b.constant("conv/weights", ElementType::I8, {8, 3, 3, 3}, w.int8s(8 * 27), convQ);
  auto &convB = int8Bias(b, w, "conv/bias", inScale, convQ, 8);
  const float convScale = 0.012f;
  auto &conv = b.value("conv", ElementType::I8, {1, 4, 4, 8}, perTensor(convScale, -128));
  b.op(OpKind::CONV_2D, {&x, &convW, &convB}, {&conv},
       {attr("padding", padding(true)), attr("stride_w", int64_t(2)), attr("stride_h", int64_t(2)),
        attr("fused_activation_function", activation("RELU", 1))})
      .version = 3;

  const auto dwQ = weightScales(w, 8, 3);
  auto &dwW = b.constant("depthwise/weights", ElementType::I8, {1, 3, 3, 8}, w.int8s(72), dwQ);
  auto &dwB = int8Bias(b, w, "depthwise/bias", convScale, dwQ, 8);
  const float dwScale = 6.f / 255;
  auto &dw = b.value("depthwise", ElementType::I8, {1, 4, 4, 8}, perTensor(dwScale, -128));
  b.op(OpKind::DEPTHWISE_CONV_2D, {&conv, &dwW, &dwB}, {&dw},
       {attr("padding", padding(true)), attr("stride_w", int64_t(1)), attr("stride_h", int64_t(1)),
        attr("depth_multiplier", int64_t(1)),
        attr("fused_activation_function", activation("RELU6", 3))})
      .version = 3;

  auto &pool = b.value("pool", ElementType::I8, {1, 1, 1, 8}, perTensor(dwScale, -128));
  b.op(OpKind::AVERAGE_POOL_2D, {&dw}, {&pool},
       {attr("padding", padding(false)), attr("stride_w", int64_t(1)), attr("stride_h", int64_t(1)),
        attr("filter_width", int64_t(4)), attr("filter_height", int64_t(4))})
      .version = 2;

  auto &shape = b.constant("flatten/shape", ElementType::I32, {2}, std::vector<int32_t>{1, 8});
  auto &flat = b.value("flatten", ElementType::I8, {1, 8}, perTensor(dwScale, -128));
  b.op(OpKind::RESHAPE, {&pool, &shape}, {&flat});

  const auto fcQ = weightScales(w, 1, 0);
  auto &fcW = b.constant("logits/weights", ElementType::I8, {5, 8}, w.int8s(40), fcQ);
  auto &fcB = int8Bias(b, w, "logits/bias", dwScale, fcQ, 5);
  auto &logits = b.value("logits", ElementType::I8, {1, 5}, perTensor(0.05f, 3));
  b.op(OpKind::FULLY_CONNECTED, {&flat, &fcW, &fcB}, {&logits}).version = 4;

  auto &scores = b.value("scores", ElementType::I8, {1, 5}, perTensor(1.f / 256, -128));
  b.op(OpKind::SOFTMAX, {&logits}, {&scores}, {attr("beta", 1.0)}).version = 2;
  b.output(scores);
}

void buildSmallFloatRegressor(ir::Module &module) {
  Weights w(20261202);
  GraphBuilder b(module);
  module.description = "litec test model: small float regressor";
  ir::Value *x = &b.input("x", ElementType::F32, {1, 1});
  const int64_t widths[] = {16, 16, 1};
  int64_t depth = 1;
  for (int layer = 0; layer < 3; ++layer) {
    const int64_t units = widths[layer];
    const std::string name = "dense" + std::to_string(layer);
    auto &weights =
        b.constant(name + "/weights", ElementType::F32, {units, depth}, w.floats(units * depth));
    auto &bias = b.constant(name + "/bias", ElementType::F32, {units}, w.floats(units, -0.5, 0.5));
    auto &y = b.value(layer == 2 ? std::string("y") : name, ElementType::F32, {1, units});
    b.op(OpKind::FULLY_CONNECTED, {x, &weights, &bias}, {&y},
         {attr("fused_activation_function",
               layer == 2 ? activation("NONE", 0) : activation("RELU", 1))});
    x = &y;
    depth = units;
  }
  b.output(*x);
}

void buildStatefulSvdf(ir::Module &module) {
  Weights w(20261203);
  GraphBuilder b(module);
  module.description = "litec test model: stateful SVDF";
  const int64_t inputs = 6, units = 4, rank = 2, memory = 5, filters = units * rank;
  auto &x = b.input("x", ElementType::F32, {1, inputs});
  auto &features = b.constant("features", ElementType::F32, {filters, inputs},
                              w.floats(filters * inputs, -0.5, 0.5));
  auto &time = b.constant("time", ElementType::F32, {filters, memory},
                          w.floats(filters * memory, -0.5, 0.5));
  auto &bias = b.constant("bias", ElementType::F32, {units}, w.floats(units));
  auto &state = b.value("state", ElementType::F32, {1, filters * memory});
  state.isVariable = true;
  auto &svdf = b.value("svdf", ElementType::F32, {1, units});
  b.op(OpKind::SVDF, {&x, &features, &time, &bias, &state}, {&svdf},
       {attr("rank", rank), attr("fused_activation_function", activation("NONE", 0))});
  auto &y = b.value("y", ElementType::F32, {1, units});
  b.op(OpKind::TANH, {&svdf}, {&y});
  b.output(y);
}

void buildStatefulLstm(ir::Module &module) {
  Weights w(20261204);
  GraphBuilder b(module);
  module.description = "litec test model: stateful LSTM with peepholes";
  const int64_t steps = 4, inputs = 3, cells = 5;
  auto &x = b.input("x", ElementType::F32, {1, steps, inputs});
  std::vector<ir::Value *> operands(24, nullptr);
  operands[0] = &x;
  for (size_t gate = 0; gate < 4; ++gate) {
    operands[1 + gate] =
        &b.constant("wx", ElementType::F32, {cells, inputs}, w.floats(cells * inputs, -0.5, 0.5));
    operands[5 + gate] =
        &b.constant("wh", ElementType::F32, {cells, cells}, w.floats(cells * cells, -0.5, 0.5));
    operands[12 + gate] = &b.constant("bias", ElementType::F32, {cells}, w.floats(cells));
  }
  for (size_t peephole = 9; peephole <= 11; ++peephole)
    operands[peephole] =
        &b.constant("peephole", ElementType::F32, {cells}, w.floats(cells, -0.5, 0.5));
  auto &hidden = b.value("hidden", ElementType::F32, {1, cells});
  hidden.isVariable = true;
  auto &cell = b.value("cell", ElementType::F32, {1, cells});
  cell.isVariable = true;
  operands[18] = &hidden;
  operands[19] = &cell;
  auto &y = b.value("y", ElementType::F32, {1, steps, cells});
  b.op(OpKind::UNIDIRECTIONAL_SEQUENCE_LSTM, operands, {&y},
       {attr("fused_activation_function", activation("TANH", 4)), attr("time_major", false),
        attr("cell_clip", 0.0), attr("proj_clip", 0.0)});
  b.output(y);
}

void buildUnusualOutputs(ir::Module &module) {
  GraphBuilder b(module);
  module.description = "litec test model: constant, pass-through and shared outputs";
  auto &x = b.input("x", ElementType::F32, {1, 4});
  auto &passed = b.input("passed", ElementType::F32, {2});
  auto &offsets =
      b.constant("offsets", ElementType::F32, {4}, std::vector<float>{0.5f, -1.f, 2.f, -0.25f});
  auto &labels = b.constant("labels", ElementType::I32, {3}, std::vector<int32_t>{7, -3, 42});
  auto &relu = b.value("relu", ElementType::F32, {1, 4});
  b.op(OpKind::RELU, {&x}, {&relu});
  auto &sum = b.value("sum", ElementType::F32, {1, 4});
  b.op(OpKind::ADD, {&relu, &offsets}, {&sum});
  for (ir::Value *output : {&offsets, &passed, &relu, &sum, &labels, &x})
    b.output(*output);
}

void buildZeroElementTensors(ir::Module &module) {
  GraphBuilder b(module);
  module.description = "litec test model: tensors with no elements";
  auto &empty = b.input("empty", ElementType::F32, {0, 3});
  auto &rows = b.input("rows", ElementType::F32, {2, 3});
  auto &single = b.input("single", ElementType::F32, {1});
  auto &offsets = b.constant("offsets", ElementType::F32, {3}, std::vector<float>{1.f, 2.f, 3.f});
  auto &none = b.constant("none", ElementType::F32, {0, 3}, std::vector<float>{});
  auto &shifted = b.value("shifted", ElementType::F32, {0, 3});
  b.op(OpKind::ADD, {&empty, &offsets}, {&shifted});
  auto &joined = b.value("joined", ElementType::F32, {2, 3});
  b.op(OpKind::CONCATENATION, {&shifted, &rows, &none}, {&joined}, {attr("axis", int64_t(0))});
  auto &scalarShape = b.constant("scalar_shape", ElementType::I32, {0}, std::vector<int32_t>{});
  auto &scalar = b.value("scalar", ElementType::F32, {});
  b.op(OpKind::RESHAPE, {&single, &scalarShape}, {&scalar});
  for (ir::Value *output : {&shifted, &joined, &scalar})
    b.output(*output);
}

ModelBuilder findTestModel(std::string_view name) {
  struct Entry {
    std::string_view name;
    ModelBuilder build;
  };
  static const Entry kModels[] = {
      {"small-int8", buildSmallInt8Classifier}, {"small-float", buildSmallFloatRegressor},
      {"stateful-svdf", buildStatefulSvdf},     {"stateful-lstm", buildStatefulLstm},
      {"unusual-outputs", buildUnusualOutputs}, {"zero-elements", buildZeroElementTensors},
  };
  for (const Entry &entry : kModels)
    if (entry.name == name)
      return entry.build;
  return nullptr;
}

const char *testModelNames() {
  return "small-int8|small-float|stateful-svdf|stateful-lstm|unusual-outputs|zero-elements";
}

} // namespace litec::testing
