// RELU, RELU6, RELU_N1_TO_1, RELU_0_TO_1, LOGISTIC, TANH, HARD_SWISH, LEAKY_RELU
// (litec/ir/ops/Activations.h).

#include "litec/ir/ops/Activations.h"
#include "../KernelSupport.h"

#include "litec/runtime/Int16Activations.h"
#include "litec/runtime/QuantizedActivations.h"

#include <cmath>

namespace litec::ir::reference {

float applyFloat(runtime::Activation op, float x, float alpha) {
  using runtime::Activation;
  switch (op) {
  case Activation::kRelu:
    return std::max(x, 0.f);
  case Activation::kRelu6:
    return std::clamp(x, 0.f, 6.f);
  case Activation::kReluN1To1:
    return std::clamp(x, -1.f, 1.f);
  case Activation::kRelu0To1:
    return std::clamp(x, 0.f, 1.f);
  case Activation::kLogistic:
    return 1.f / (1.f + std::exp(-x));
  case Activation::kTanh:
    return std::tanh(x);
  case Activation::kHardSwish:
    return x * std::min(6.f, std::max(0.f, x + 3.f)) / 6.f;
  case Activation::kLeakyRelu:
    return x > 0 ? x : alpha * x;
  }
  return 0.f;
}

namespace {
using ops::ActivationKind;
using ops::ActivationParams;
using runtime::Activation;

// x - z_in rescaled by m, plus z_out.
int32_t rescaled(int32_t x, const ActivationParams &p, QuantizedMultiplier m) {
  return p.outputZeroPoint +
         runtime::multiplyByQuantizedMultiplier(x - p.inputZeroPoint, m.multiplier, m.shift);
}

template <typename T>
T activate(const ActivationParams &p, ActivationKind kind, Activation op, T x) {
  if constexpr (std::is_same_v<T, float>) {
    return applyFloat(op, x, p.alpha);
  } else {
    switch (kind) {
    case ActivationKind::QuantizedRelu:
      return clampTo<T>(rescaled(x, p, p.rescale), p.intRange);
    case ActivationKind::Int8LeakyRelu:
      return clampTo<T>(rescaled(x, p, x - p.inputZeroPoint >= 0 ? p.rescale : p.alphaRescale),
                        {-128, 127});
    case ActivationKind::Int8Sigmoidal:
      if constexpr (std::is_same_v<T, int8_t>) {
        const runtime::SigmoidalRescale r{p.inputZeroPoint, p.multiplier, p.leftShift, p.radius};
        return op == Activation::kTanh ? runtime::int8Sigmoidal<true>(x, r)
                                       : runtime::int8Sigmoidal<false>(x, r);
      }
      break;
    case ActivationKind::Int16Sigmoidal:
      if constexpr (std::is_same_v<T, int16_t>) {
        const runtime::Int16SigmoidalScaling s{p.multiplier, p.leftShift};
        return op == Activation::kTanh ? runtime::tanhInt16(x, s) : runtime::logisticInt16(x, s);
      }
      break;
    case ActivationKind::QuantizedHardSwish:
      if constexpr (sizeof(T) == 1) {
        const runtime::HardSwishRescale r{p.inputZeroPoint,
                                          p.outputZeroPoint,
                                          int16_t(p.outputMultiplier),
                                          int16_t(p.reluishMultiplier),
                                          p.outputExponent,
                                          p.reluishExponent};
        return runtime::hardSwish<T>(x, r);
      }
      break;
    case ActivationKind::Float:
      break;
    }
    return 0;
  }
}

} // namespace

llvm::Expected<KernelPtr> prepareActivations(const Op &op) {
  auto prepared = ops::prepareActivation(op);
  if (!prepared)
    return prepared.takeError();
  const ActivationParams p = prepared->params;
  const ActivationKind kind = prepared->kind;
  const Activation activation = prepared->op;
  if (KernelPtr kernel = makeForType(prepared->type, [&]<typename T>(std::type_identity<T>) {
        return mapKernel<T, T>(
            p.count, [p, kind, activation](T x) { return activate(p, kind, activation, x); });
      }))
    return kernel;
  return kernelError("activation kernel for an unexpected type");
}

} // namespace litec::ir::reference
