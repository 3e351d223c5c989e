// ADD, SUB, MUL, DIV, MAXIMUM, MINIMUM, SQUARED_DIFFERENCE, POW, PRELU (litec/ir/ops/Binary.h):
// one kernel per prepared kind, every element visited through the broadcast strides.

#include "litec/ir/ops/Binary.h"
#include "../KernelSupport.h"

#include "litec/runtime/QuantizedArithmetic.h"

#include <cmath>

namespace litec::ir::reference {

float applyFloat(runtime::BinaryOp op, float x, float y) {
  using runtime::BinaryOp;
  switch (op) {
  case BinaryOp::kAdd:
    return x + y;
  case BinaryOp::kSub:
    return x - y;
  case BinaryOp::kMul:
    return x * y;
  case BinaryOp::kDiv:
    return x / y;
  case BinaryOp::kMaximum:
    return std::max(x, y);
  case BinaryOp::kMinimum:
    return std::min(x, y);
  case BinaryOp::kSquaredDifference:
    return (x - y) * (x - y);
  case BinaryOp::kPow:
    return std::pow(x, y);
  case BinaryOp::kPrelu: // y is the slope
    return x >= 0 ? x : x * y;
  }
  return 0.f;
}

namespace {
using ops::BinaryKind;
using ops::BinaryParams;
using runtime::BinaryOp;

// Calls f(outIndex, aIndex, bIndex) for every output element, in row-major order.
template <typename F> void forEachElement(const BinaryParams &p, F &&f) {
  std::vector<int64_t> index(size_t(p.rank), 0);
  int64_t a = 0, b = 0;
  for (int64_t o = 0; o < p.count; ++o) {
    f(o, a, b);
    for (int32_t d = p.rank - 1; d >= 0; --d) {
      a += p.aStrides[size_t(d)];
      b += p.bStrides[size_t(d)];
      if (++index[size_t(d)] < p.outShape[size_t(d)])
        break;
      a -= int64_t(p.aStrides[size_t(d)]) * p.outShape[size_t(d)];
      b -= int64_t(p.bStrides[size_t(d)]) * p.outShape[size_t(d)];
      index[size_t(d)] = 0;
    }
  }
}

template <typename T> class BinaryKernel final : public Kernel {
public:
  BinaryKernel(BinaryParams p, BinaryKind kind, BinaryOp op)
      : p_(std::move(p)), kind_(kind), op_(op) {}

  llvm::Error run(const TensorViews &t) const override {
    const T *a = t.input<T>(0), *b = t.input<T>(1);
    T *out = t.output<T>(0);
    if constexpr (std::is_same_v<T, float>) {
      forEachElement(p_, [&](int64_t o, int64_t i, int64_t j) {
        out[o] = std::clamp(applyFloat(op_, a[i], b[j]), p_.floatRange.min, p_.floatRange.max);
      });
      return llvm::Error::success();
    } else {
      if (kind_ == BinaryKind::RawMinMax) {
        const bool isMax = op_ == BinaryOp::kMaximum;
        forEachElement(p_, [&](int64_t o, int64_t i, int64_t j) {
          out[o] = isMax ? std::max(a[i], b[j]) : std::min(a[i], b[j]);
        });
        return llvm::Error::success();
      }
      if constexpr (sizeof(T) <= 2)
        return runQuantized(a, b, out);
      return kernelError("integer kernel without a quantised form");
    }
  }

private:
  llvm::Error runQuantized(const T *a, const T *b, T *out) const {
    const BinaryParams &p = p_;
    auto finish = [&](int32_t scaled) { return clampTo<T>(scaled + p.outputOffset, p.intRange); };
    switch (kind_) {
    case BinaryKind::QuantizedAdd:
      forEachElement(p, [&](int64_t o, int64_t i, int64_t j) {
        const int32_t first = runtime::onCommonScale(a[i], p.input1Offset, p.leftShift, p.input1);
        const int32_t second = runtime::onCommonScale(b[j], p.input2Offset, p.leftShift, p.input2);
        out[o] = finish(runtime::multiplyByQuantizedMultiplierSmallerThanOneExp(
            p.subtract ? first - second : first + second, p.output.multiplier, p.output.shift));
      });
      return llvm::Error::success();
    case BinaryKind::Int16PowerOfTwoAdd:
      // The input on the output's scale as it is, the other shifted right with rounding; the
      // sum saturated to int16 before the activation's bounds.
      for (int64_t i = 0; i < p.count; ++i) {
        const int32_t first =
            p.shiftFirst ? runtime::roundingDivideByPOT(a[i], p.rightShift) : a[i];
        const int32_t second =
            p.shiftFirst ? b[i] : runtime::roundingDivideByPOT(b[i], p.rightShift);
        const int32_t sum = std::clamp(p.subtract ? first - second : first + second,
                                       int32_t(INT16_MIN), int32_t(INT16_MAX));
        out[i] = clampTo<T>(sum, p.intRange);
      }
      return llvm::Error::success();
    case BinaryKind::QuantizedMul:
      forEachElement(p, [&](int64_t o, int64_t i, int64_t j) {
        const int32_t product = (int32_t(a[i]) + p.input1Offset) * (int32_t(b[j]) + p.input2Offset);
        out[o] = finish(
            runtime::multiplyByQuantizedMultiplier(product, p.output.multiplier, p.output.shift));
      });
      return llvm::Error::success();
    case BinaryKind::QuantizedDiv:
      return runQuantizedDiv(a, b, out);
    case BinaryKind::QuantizedPrelu:
      forEachElement(p, [&](int64_t o, int64_t i, int64_t j) {
        const int32_t x = int32_t(a[i]) + p.input1Offset;
        out[o] = finish(
            x >= 0
                ? runtime::multiplyByQuantizedMultiplier(x, p.positive.multiplier, p.positive.shift)
                : runtime::multiplyByQuantizedMultiplier(x * (int32_t(b[j]) + p.input2Offset),
                                                         p.output.multiplier, p.output.shift));
      });
      return llvm::Error::success();
    case BinaryKind::Int8SquaredDifference:
      forEachElement(p, [&](int64_t o, int64_t i, int64_t j) {
        constexpr int32_t kLeftShift = 7;
        const int32_t difference =
            runtime::onCommonScale(a[i], p.input1Offset, kLeftShift, p.input1) -
            runtime::onCommonScale(b[j], p.input2Offset, kLeftShift, p.input2);
        out[o] = finish(runtime::multiplyByQuantizedMultiplierSmallerThanOneExp(
            difference * difference, p.output.multiplier, p.output.shift));
      });
      return llvm::Error::success();
    default:
      return kernelError("unknown binary kernel");
    }
  }

  // (a - z_a) / (b - z_b) by TFLite's fixed-point reciprocal (runtime::quantizedDivide).
  // TFLite refuses a divisor whose raw value is 0; one equal to its zero point (a division by
  // zero) is refused as well.
  llvm::Error runQuantizedDiv(const T *a, const T *b, T *out) const {
    const BinaryParams &p = p_;
    bool rawZero = false, zeroDivisor = false;
    forEachElement(p, [&](int64_t o, int64_t i, int64_t j) {
      const int32_t divisor = int32_t(b[j]) + p.input2Offset;
      rawZero |= b[j] == 0;
      zeroDivisor |= divisor == 0;
      if (b[j] == 0 || divisor == 0) {
        out[o] = 0;
        return;
      }
      out[o] = clampTo<T>(runtime::quantizedDivide(int32_t(a[i]) + p.input1Offset, divisor,
                                                   p.output.multiplier, p.output.shift) +
                              p.outputOffset,
                          p.intRange);
    });
    if (rawZero)
      return kernelError("DIV divisor holds the raw value 0, which TFLite refuses");
    if (zeroDivisor)
      return kernelError("DIV divisor equals its zero point: a division by zero");
    return llvm::Error::success();
  }

  BinaryParams p_;
  BinaryKind kind_;
  BinaryOp op_;
};

} // namespace

llvm::Expected<KernelPtr> prepareBinary(const Op &op) {
  auto prepared = ops::prepareBinary(op);
  if (!prepared)
    return prepared.takeError();
  if (KernelPtr kernel = makeForType<BinaryKernel>(prepared->type, std::move(prepared->params),
                                                   prepared->kind, prepared->op))
    return kernel;
  return kernelError("binary kernel for an unexpected type");
}

} // namespace litec::ir::reference
