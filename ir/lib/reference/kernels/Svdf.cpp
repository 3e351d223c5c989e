// SVDF: a rank-decomposed fully connected layer over time. Each invoke shifts the variable
// activation state left by one step, writes the feature projection of the new input into the
// last column, applies the time weights, sums each unit's rank filters and adds the bias.
// float32, and int8 input with int8 or int16 state as TFLite Micro computes it (its integer
// kernel clamps to the output type and applies no fused activation).

#include "../KernelSupport.h"

#include <cmath>
#include <limits>

namespace litec::ir::reference {

namespace {
struct SvdfGeometry {
  int batches, inputs, filters, units, rank, memory;
};

SvdfGeometry geometryOf(const Op &op) {
  SvdfGeometry g{};
  g.batches = int(op.operands[0]->shape[0]);
  g.inputs = int(op.operands[0]->shape[1]);
  g.filters = int(op.operands[1]->shape[0]);
  g.rank = int(op.attrs.getInt("rank").value_or(1));
  g.units = g.filters / std::max(g.rank, 1);
  g.memory = int(op.operands[2]->shape[1]);
  return g;
}

// Moves every state value one step back in time; the newest column is overwritten next.
template <typename T> void shiftState(T *state, const SvdfGeometry &g) {
  const int total = g.batches * g.filters * g.memory;
  for (int i = 0; i + 1 < total; ++i)
    state[i] = state[i + 1];
}

class FloatSvdf final : public Kernel {
public:
  FloatSvdf(SvdfGeometry g, FloatRange range) : g_(g), range_(range) {}
  llvm::Error run(const TensorViews &t) const override {
    const float *input = t.input<float>(0), *features = t.input<float>(1),
                *time = t.input<float>(2);
    const float *bias = t.hasInput(3) ? t.input<float>(3) : nullptr;
    float *state = t.state<float>(4);
    float *output = t.output<float>(0);
    shiftState(state, g_);
    for (int b = 0; b < g_.batches; ++b)
      for (int f = 0; f < g_.filters; ++f) {
        float dot = 0.f;
        for (int i = 0; i < g_.inputs; ++i)
          dot += features[f * g_.inputs + i] * input[b * g_.inputs + i];
        state[(b * g_.filters + f) * g_.memory + g_.memory - 1] = dot;
      }
    for (int b = 0; b < g_.batches; ++b)
      for (int u = 0; u < g_.units; ++u) {
        float sum = bias ? bias[u] : 0.f;
        for (int r = 0; r < g_.rank; ++r) {
          const int f = u * g_.rank + r;
          float dot = 0.f;
          for (int m = 0; m < g_.memory; ++m)
            dot += time[f * g_.memory + m] * state[(b * g_.filters + f) * g_.memory + m];
          sum += dot;
        }
        output[b * g_.units + u] = std::clamp(sum, range_.min, range_.max);
      }
    return llvm::Error::success();
  }

private:
  SvdfGeometry g_;
  FloatRange range_;
};

struct IntegerSvdfParams {
  int32_t inputZeroPoint, stateZeroPoint, outputZeroPoint;
  QuantizedMultiplier featureScale, outputScale;
};

template <typename StateT> class IntegerSvdf final : public Kernel {
public:
  IntegerSvdf(SvdfGeometry g, IntegerSvdfParams p) : g_(g), p_(p) {}
  llvm::Error run(const TensorViews &t) const override {
    const int8_t *input = t.input<int8_t>(0), *features = t.input<int8_t>(1);
    const StateT *time = t.input<StateT>(2);
    const int32_t *bias = t.hasInput(3) ? t.input<int32_t>(3) : nullptr;
    StateT *state = t.state<StateT>(4);
    int8_t *output = t.output<int8_t>(0);
    shiftState(state, g_);
    for (int b = 0; b < g_.batches; ++b)
      for (int f = 0; f < g_.filters; ++f) {
        int64_t dot = 0;
        for (int i = 0; i < g_.inputs; ++i)
          dot += int32_t(features[f * g_.inputs + i]) *
                 (int32_t(input[b * g_.inputs + i]) - p_.inputZeroPoint);
        dot = int64_t(runtime::multiplyByQuantizedMultiplier(
                  wrapToInt32(dot), p_.featureScale.multiplier, p_.featureScale.shift)) +
              p_.stateZeroPoint;
        state[(b * g_.filters + f) * g_.memory + g_.memory - 1] =
            static_cast<StateT>(std::clamp<int32_t>(dot, std::numeric_limits<StateT>::min(),
                                                    std::numeric_limits<StateT>::max()));
      }
    for (int b = 0; b < g_.batches; ++b)
      for (int u = 0; u < g_.units; ++u) {
        int64_t sum = bias ? bias[u] : 0;
        for (int r = 0; r < g_.rank; ++r) {
          const int f = u * g_.rank + r;
          int64_t dot = 0;
          for (int m = 0; m < g_.memory; ++m)
            dot += int64_t(time[f * g_.memory + m]) *
                   (int64_t(state[(b * g_.filters + f) * g_.memory + m]) - p_.stateZeroPoint);
          // TFLite sums each filter in int32, then the filters of a unit in int32.
          sum += wrapToInt32(dot);
        }
        const int32_t value = runtime::multiplyByQuantizedMultiplier(sum, p_.outputScale.multiplier,
                                                                     p_.outputScale.shift) +
                              p_.outputZeroPoint;
        output[b * g_.units + u] = static_cast<int8_t>(std::clamp<int64_t>(value, -128, 127));
      }
    return llvm::Error::success();
  }

private:
  SvdfGeometry g_;
  IntegerSvdfParams p_;
};
} // namespace

llvm::Expected<KernelPtr> prepareSvdf(const Op &op) {
  if (op.operands.size() < 5 || !op.operands[4] || !op.operands[4]->isVariable)
    return unsupported("SVDF without a variable activation state as input 4");
  const Value &input = *op.operands[0], &features = *op.operands[1], &time = *op.operands[2],
              &state = *op.operands[4], &output = *op.results[0];
  const Value *bias = op.operands[3];
  if (input.shape.size() != 2 || features.shape.size() != 2 || time.shape.size() != 2 ||
      state.shape.size() != 2 || output.shape.size() != 2)
    return kernelError("SVDF input, weights, state and output must be matrices");
  const SvdfGeometry g = geometryOf(op);
  if (g.rank <= 0 || g.filters % g.rank != 0 || features.shape[1] != g.inputs ||
      time.shape[0] != g.filters || state.shape[0] != g.batches ||
      state.shape[1] != int64_t(g.memory) * g.filters || output.shape[0] != g.batches ||
      output.shape[1] != g.units || (bias && elementCount(bias->shape) != g.units))
    return kernelError(fmt::format("SVDF shapes do not agree: input {}, features {}, time {}, "
                                   "state {}, output {}, rank {}",
                                   formatShape(input.shape), formatShape(features.shape),
                                   formatShape(time.shape), formatShape(state.shape),
                                   formatShape(output.shape), g.rank));
  if (input.type == ElementType::F32 && features.type == ElementType::F32 &&
      time.type == ElementType::F32 && output.type == ElementType::F32) {
    auto range = floatRangeOf(op);
    if (!range)
      return range.takeError();
    return std::make_unique<FloatSvdf>(g, *range);
  }
  if (input.type == ElementType::I8 && features.type == ElementType::I8 &&
      output.type == ElementType::I8 && time.type == state.type &&
      (state.type == ElementType::I16 || state.type == ElementType::I8)) {
    // TFLite Micro forms both scales in float before widening them to double.
    const float featureScale = scaleOf(input) * scaleOf(features) / scaleOf(state);
    const float outputScale = scaleOf(state) * scaleOf(time) / scaleOf(output);
    IntegerSvdfParams p{zeroPointOf(input), zeroPointOf(state), zeroPointOf(output),
                        quantizeMultiplier(double(featureScale)),
                        quantizeMultiplier(double(outputScale))};
    if (state.type == ElementType::I16)
      return std::make_unique<IntegerSvdf<int16_t>>(g, p);
    return std::make_unique<IntegerSvdf<int8_t>>(g, p);
  }
  return unsupported("SVDF with types " + typeList(op));
}

} // namespace litec::ir::reference
