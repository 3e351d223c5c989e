#pragma once

// Helpers shared by the reference kernels: errors, index arithmetic, accumulator wrapping and
// the kernel instantiation for element types. Each kernel file holds one operator family; its
// parameters come prepared from litec/ir/ops/.

#include "litec/ir/QuantizationMath.h"
#include "litec/ir/ShapeInference.h"
#include "litec/ir/ops/Params.h"
#include "litec/ir/ops/Slicing.h"
#include "litec/ir/reference/Kernel.h"
#include "litec/runtime/Alignment.h"
#include "litec/runtime/FixedPoint.h"
#include "litec/runtime/Operators.h"

#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace litec::ir::reference {

// The float arithmetic of the activations and the binary ops (their kernels' files), for the
// kernels that apply them too (a fused convolution's epilogue).
float applyFloat(runtime::Activation op, float x, float alpha);
float applyFloat(runtime::BinaryOp op, float x, float y);

inline llvm::Error kernelError(const std::string &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

// "i8 input with f32 weights is not supported" style refusals at preparation time.
inline llvm::Error unsupported(const std::string &what) {
  return kernelError(what + " is not supported by the reference interpreter");
}

using runtime::copyBytes;

// Steps a multi-dimensional index to the next element of `shape` in row-major order (back to
// all zeros after the last).
inline void advanceIndex(std::vector<int64_t> &index, const Shape &shape) {
  for (size_t d = shape.size(); d-- > 0;) {
    if (++index[d] < shape[d])
      return;
    index[d] = 0;
  }
}

// Integer kernels accumulate in int64 and wrap to int32 where TFLite's int32 accumulator would
// be read: the same result wherever TFLite's sum does not overflow, and defined (modular)
// behaviour on hostile weights where it would.
inline int32_t wrapToInt32(int64_t value) {
  return static_cast<int32_t>(static_cast<uint64_t>(value));
}

template <typename T> T clampTo(int32_t value, IntRange range) {
  return static_cast<T>(std::clamp(value, range.min, range.max));
}

// The OutputStage (litec/ir/ops/Params.h) of a weighted kernel's parameters p applied to an
// accumulator: channel c's rescaling, the output zero point, the bounds. 8-bit outputs take
// TFLite's int32 accumulator (wrapped) and 32-bit rescaling, int16 outputs its int64 ones.
template <typename Out, class P> Out quantizedOutput(const P &p, int64_t acc, int64_t channel) {
  const QuantizedMultiplier &m = p.multipliers[p.perChannel ? size_t(channel) : 0];
  const int32_t scaled =
      sizeof(Out) == 1
          ? runtime::multiplyByQuantizedMultiplier(wrapToInt32(acc), m.multiplier, m.shift)
          : runtime::multiplyByQuantizedMultiplierWide(acc, m.multiplier, m.shift);
  return clampTo<Out>(scaled + p.outputOffset, p.outputRange);
}

// An element-wise kernel: output[i] = f(input[i]) for the `count` elements, where each result
// depends on its own element alone (quantising, casting, unary maths, activations).
template <typename In, typename Out, typename F> class MapKernel final : public Kernel {
public:
  MapKernel(int64_t count, F f) : count_(count), f_(std::move(f)) {}
  llvm::Error run(const TensorViews &t) const override {
    const In *in = t.input<In>(0);
    Out *out = t.output<Out>(0);
    for (int64_t i = 0; i < count_; ++i)
      out[i] = f_(in[i]);
    return llvm::Error::success();
  }

private:
  int64_t count_;
  F f_;
};
template <typename In, typename Out, typename F> KernelPtr mapKernel(int64_t count, F f) {
  return std::make_unique<MapKernel<In, Out, F>>(count, std::move(f));
}

// K<Input, Weight, Bias> for the element types of a weighted op (ops::weightedTypes); the
// output has the input's type. nullptr for any other combination.
template <template <typename, typename, typename> class K, typename... Args>
KernelPtr makeWeightedKernel(const ops::WeightedTypes &t, Args &&...args) {
  if (t.isFloat)
    return std::make_unique<K<float, float, float>>(std::forward<Args>(args)...);
  if (t.input == ElementType::I8 && t.bias == ElementType::I32)
    return std::make_unique<K<int8_t, int8_t, int32_t>>(std::forward<Args>(args)...);
  if (t.input == ElementType::U8 && t.bias == ElementType::I32)
    return std::make_unique<K<uint8_t, uint8_t, int32_t>>(std::forward<Args>(args)...);
  if (t.input == ElementType::I16 && t.bias == ElementType::I64)
    return std::make_unique<K<int16_t, int8_t, int64_t>>(std::forward<Args>(args)...);
  if (t.input == ElementType::I16 && t.bias == ElementType::I32)
    return std::make_unique<K<int16_t, int8_t, int32_t>>(std::forward<Args>(args)...);
  return nullptr;
}

// The padding before the data in each dimension, from a [rank, 2] int32 or int64 tensor read
// when the op runs (PAD, PADV2, MIRROR_PAD).
inline std::vector<int64_t> paddingsBefore(const TensorViews &t, size_t operand, size_t rank) {
  const bool wide = t.inputBytes(operand).size() == rank * 2 * 8;
  std::vector<int64_t> before(rank);
  for (size_t d = 0; d < rank; ++d)
    before[d] = wide ? t.input<int64_t>(operand)[2 * d] : t.input<int32_t>(operand)[2 * d];
  return before;
}

// make(std::type_identity<T>{}) for the C++ type T of a numeric element type (float, the
// integers); nullptr for any other.
template <typename Make> KernelPtr makeForType(ElementType type, Make &&make) {
  switch (type) {
  case ElementType::F32:
    return make(std::type_identity<float>{});
  case ElementType::I8:
    return make(std::type_identity<int8_t>{});
  case ElementType::U8:
    return make(std::type_identity<uint8_t>{});
  case ElementType::I16:
    return make(std::type_identity<int16_t>{});
  case ElementType::I32:
    return make(std::type_identity<int32_t>{});
  case ElementType::I64:
    return make(std::type_identity<int64_t>{});
  default:
    return nullptr;
  }
}
// K<T> for the C++ type T of a numeric element type; nullptr for any other.
template <template <typename> class K, typename... Args>
KernelPtr makeForType(ElementType type, Args &&...args) {
  return makeForType(type, [&]<typename T>(std::type_identity<T>) -> KernelPtr {
    return std::make_unique<K<T>>(std::forward<Args>(args)...);
  });
}

// One kernel preparation per operator family (OpKinds.def's FAMILY column), named
// prepare<Family> and defined in kernels/<Family>.cpp; KernelRegistry.cpp dispatches to them.
#define LITEC_DECLARE_PREPARE(FAMILY) llvm::Expected<KernelPtr> prepare##FAMILY(const Op &op);
LITEC_OP_FAMILIES(LITEC_DECLARE_PREPARE)
#undef LITEC_DECLARE_PREPARE
// The kernel of SLICE, STRIDED_SLICE and constant MIRROR_PAD (Slicing.cpp).
llvm::Expected<KernelPtr> axisGatherKernel(ops::AxisGatherParams p, size_t elementSize);

} // namespace litec::ir::reference
