// CAST between float32, int8, uint8, int16, int32, int64 and bool (C++ conversion; to bool:
// non-zero), and ARG_MAX / ARG_MIN along a constant axis (the first index wins ties), with
// int32 or int64 output.

#include "../KernelSupport.h"

#include <cmath>
#include <cstring>
#include <limits>

namespace litec::ir::reference {

namespace {
template <typename To> To convert(const uint8_t *data, ElementType from, int64_t i) {
  if (from == ElementType::I64) {
    int64_t v;
    std::memcpy(&v, data + 8 * i, 8);
    return static_cast<To>(v);
  }
  const double v = loadAsDouble(data, from, i);
  if constexpr (std::is_same_v<To, bool>)
    return v != 0;
  else if constexpr (std::is_same_v<To, float>)
    return static_cast<float>(v);
  else if (from == ElementType::F32) {
    // Truncation toward zero; values outside To saturate (C++ leaves them undefined).
    if (std::isnan(v))
      return To(0);
    return static_cast<To>(std::clamp(std::trunc(v), double(std::numeric_limits<To>::lowest()),
                                      double(std::numeric_limits<To>::max())));
  } else
    return static_cast<To>(static_cast<int64_t>(v));
}

template <typename To> class CastKernel final : public Kernel {
public:
  CastKernel(int64_t count, ElementType from) : count_(count), from_(from) {}
  llvm::Error run(const TensorViews &t) const override {
    const uint8_t *in = t.inputBytes(0).data();
    uint8_t *out = t.outputBytes(0).data();
    for (int64_t i = 0; i < count_; ++i) {
      const To v = convert<To>(in, from_, i);
      std::memcpy(out + i * int64_t(sizeof(To)), &v, sizeof(To));
    }
    return llvm::Error::success();
  }

private:
  int64_t count_;
  ElementType from_;
};

template <typename Index> class ArgKernel final : public Kernel {
public:
  ArgKernel(int64_t outer, int64_t axisSize, int64_t inner, ElementType type, bool isMax)
      : outer_(outer), axisSize_(axisSize), inner_(inner), type_(type), isMax_(isMax) {}
  llvm::Error run(const TensorViews &t) const override {
    const uint8_t *in = t.inputBytes(0).data();
    Index *out = t.output<Index>(0);
    for (int64_t o = 0; o < outer_; ++o)
      for (int64_t i = 0; i < inner_; ++i) {
        int64_t best = 0;
        double bestValue = loadAsDouble(in, type_, o * axisSize_ * inner_ + i);
        for (int64_t a = 1; a < axisSize_; ++a) {
          const double v = loadAsDouble(in, type_, (o * axisSize_ + a) * inner_ + i);
          if (isMax_ ? v > bestValue : v < bestValue)
            best = a, bestValue = v;
        }
        out[o * inner_ + i] = static_cast<Index>(best);
      }
    return llvm::Error::success();
  }

private:
  int64_t outer_, axisSize_, inner_;
  ElementType type_;
  bool isMax_;
};
} // namespace

llvm::Expected<KernelPtr> prepareCast(const Op &op) {
  const Value &input = *op.operands[0], &output = *op.results[0];
  const int64_t count = elementCount(input.shape).value_or(0);
  if (input.type == ElementType::F16)
    return unsupported("CAST from float16");
  switch (output.type) {
  case ElementType::F32:
    return std::make_unique<CastKernel<float>>(count, input.type);
  case ElementType::I8:
    return std::make_unique<CastKernel<int8_t>>(count, input.type);
  case ElementType::U8:
    return std::make_unique<CastKernel<uint8_t>>(count, input.type);
  case ElementType::I16:
    return std::make_unique<CastKernel<int16_t>>(count, input.type);
  case ElementType::I32:
    return std::make_unique<CastKernel<int32_t>>(count, input.type);
  case ElementType::I64:
    return std::make_unique<CastKernel<int64_t>>(count, input.type);
  case ElementType::Bool:
    return std::make_unique<CastKernel<bool>>(count, input.type);
  default:
    return unsupported("CAST with types " + typeList(op));
  }
}

llvm::Expected<KernelPtr> prepareArgMinMax(const Op &op) {
  const Value &input = *op.operands[0], &output = *op.results[0];
  auto axisValue = constantInts(op.operands[1]);
  if (!axisValue || axisValue->size() != 1)
    return unsupported("an arg max/min whose axis is not constant");
  if (input.type == ElementType::F16 || input.type == ElementType::Bool)
    return unsupported("arg max/min with types " + typeList(op));
  const int64_t axis = normalizedAxis((*axisValue)[0], input.shape.size());
  const int64_t outer = dimensionProduct(input.shape, 0, size_t(axis));
  const int64_t inner = dimensionProduct(input.shape, size_t(axis) + 1, input.shape.size());
  const int64_t axisSize = input.shape[size_t(axis)];
  const bool isMax = op.kind == OpKind::ARG_MAX;
  if (output.type == ElementType::I32)
    return std::make_unique<ArgKernel<int32_t>>(outer, axisSize, inner, input.type, isMax);
  if (output.type == ElementType::I64)
    return std::make_unique<ArgKernel<int64_t>>(outer, axisSize, inner, input.type, isMax);
  return unsupported("arg max/min with types " + typeList(op));
}

} // namespace litec::ir::reference
