// SVDF (litec/ir/ops/Svdf.h).

#include "litec/ir/ops/Svdf.h"
#include "../KernelSupport.h"

#include <limits>

namespace litec::ir::reference {

namespace {
using ops::SvdfParams;

// Moves every state value one step back in time; the newest column is overwritten next.
template <typename T> void shiftState(T *state, const SvdfParams &p) {
  const int total = p.batches * p.filters * p.memory;
  for (int i = 0; i + 1 < total; ++i)
    state[i] = state[i + 1];
}

class FloatSvdf final : public Kernel {
public:
  explicit FloatSvdf(SvdfParams p) : p_(p) {}
  llvm::Error run(const TensorViews &t) const override {
    const float *input = t.input<float>(0), *features = t.input<float>(1),
                *time = t.input<float>(2);
    const float *bias = t.hasInput(3) ? t.input<float>(3) : nullptr;
    float *state = t.state<float>(4);
    float *output = t.output<float>(0);
    shiftState(state, p_);
    for (int b = 0; b < p_.batches; ++b)
      for (int f = 0; f < p_.filters; ++f) {
        float dot = 0.f;
        for (int i = 0; i < p_.inputs; ++i)
          dot += features[f * p_.inputs + i] * input[b * p_.inputs + i];
        state[(b * p_.filters + f) * p_.memory + p_.memory - 1] = dot;
      }
    for (int b = 0; b < p_.batches; ++b)
      for (int u = 0; u < p_.units; ++u) {
        float sum = bias ? bias[u] : 0.f;
        for (int r = 0; r < p_.rank; ++r) {
          const int f = u * p_.rank + r;
          float dot = 0.f;
          for (int m = 0; m < p_.memory; ++m)
            dot += time[f * p_.memory + m] * state[(b * p_.filters + f) * p_.memory + m];
          sum += dot;
        }
        output[b * p_.units + u] = std::clamp(sum, p_.floatRange.min, p_.floatRange.max);
      }
    return llvm::Error::success();
  }

private:
  SvdfParams p_;
};

template <typename StateT> class IntegerSvdf final : public Kernel {
public:
  explicit IntegerSvdf(SvdfParams p) : p_(p) {}
  llvm::Error run(const TensorViews &t) const override {
    const int8_t *input = t.input<int8_t>(0), *features = t.input<int8_t>(1);
    const StateT *time = t.input<StateT>(2);
    const int32_t *bias = t.hasInput(3) ? t.input<int32_t>(3) : nullptr;
    StateT *state = t.state<StateT>(4);
    int8_t *output = t.output<int8_t>(0);
    shiftState(state, p_);
    for (int b = 0; b < p_.batches; ++b)
      for (int f = 0; f < p_.filters; ++f) {
        int64_t dot = 0;
        for (int i = 0; i < p_.inputs; ++i)
          dot += int32_t(features[f * p_.inputs + i]) *
                 (int32_t(input[b * p_.inputs + i]) - p_.inputZeroPoint);
        dot = int64_t(runtime::multiplyByQuantizedMultiplier(
                  wrapToInt32(dot), p_.feature.multiplier, p_.feature.shift)) +
              p_.stateZeroPoint;
        state[(b * p_.filters + f) * p_.memory + p_.memory - 1] =
            static_cast<StateT>(std::clamp<int64_t>(dot, std::numeric_limits<StateT>::min(),
                                                    std::numeric_limits<StateT>::max()));
      }
    for (int b = 0; b < p_.batches; ++b)
      for (int u = 0; u < p_.units; ++u) {
        int64_t sum = bias ? bias[u] : 0;
        for (int r = 0; r < p_.rank; ++r) {
          const int f = u * p_.rank + r;
          int64_t dot = 0;
          for (int m = 0; m < p_.memory; ++m)
            dot += int64_t(time[f * p_.memory + m]) *
                   (int64_t(state[(b * p_.filters + f) * p_.memory + m]) - p_.stateZeroPoint);
          // TFLite sums each filter in int32, then the filters of a unit in int32.
          sum += wrapToInt32(dot);
        }
        const int32_t value = runtime::multiplyByQuantizedMultiplier(
                                  wrapToInt32(sum), p_.output.multiplier, p_.output.shift) +
                              p_.outputZeroPoint;
        output[b * p_.units + u] = static_cast<int8_t>(std::clamp<int64_t>(value, -128, 127));
      }
    return llvm::Error::success();
  }

private:
  SvdfParams p_;
};
} // namespace

llvm::Expected<KernelPtr> prepareSvdf(const Op &op) {
  auto prepared = ops::prepareSvdf(op);
  if (!prepared)
    return prepared.takeError();
  if (prepared->isFloat)
    return std::make_unique<FloatSvdf>(prepared->params);
  if (prepared->stateType == ElementType::I16)
    return std::make_unique<IntegerSvdf<int16_t>>(prepared->params);
  return std::make_unique<IntegerSvdf<int8_t>>(prepared->params);
}

} // namespace litec::ir::reference
