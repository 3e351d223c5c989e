// SOFTMAX along the last dimension. float32 (exp of the difference to the row's maximum,
// times beta); int8 input to int8 or int16 output and uint8 to uint8 with TFLite's fixed-point
// exp and reciprocal (gemmlowp's), bit for bit; int16 to int16 with TFLite's interpolated exp
// and 1 / (1 + x) tables.

#include "litec/ir/ops/Softmax.h"
#include "../KernelSupport.h"

#include "litec/runtime/Int16Activations.h"

#include <cmath>
#include <limits>

namespace litec::ir::reference {

namespace {
struct Rows {
  int64_t count, depth;
};

// Calls f(in, out, max) for every row along the last dimension, max being the row's largest
// input (every softmax subtracts it before exponentiating).
template <typename In, typename Out, typename F>
void forEachRow(const In *input, Out *output, Rows rows, F &&f) {
  if (rows.depth == 0)
    return;
  for (int64_t r = 0; r < rows.count; ++r) {
    const In *in = input + r * rows.depth;
    f(in, output + r * rows.depth, *std::max_element(in, in + rows.depth));
  }
}

class FloatSoftmax final : public Kernel {
public:
  FloatSoftmax(Rows rows, float beta) : rows_(rows), beta_(beta) {}
  llvm::Error run(const TensorViews &t) const override {
    const float *input = t.input<float>(0);
    float *output = t.output<float>(0);
    forEachRow(input, output, rows_, [&](const float *in, float *out, float max) {
      float sum = 0.f;
      for (int64_t c = 0; c < rows_.depth; ++c) {
        out[c] = std::exp((in[c] - max) * beta_);
        sum += out[c];
      }
      for (int64_t c = 0; c < rows_.depth; ++c)
        out[c] /= sum;
    });
    return llvm::Error::success();
  }

private:
  Rows rows_;
  float beta_;
};

template <typename InT, typename OutT> class QuantizedSoftmax final : public Kernel {
public:
  QuantizedSoftmax(Rows rows, SoftmaxScaling scaling) : rows_(rows), scaling_(scaling) {}
  llvm::Error run(const TensorViews &t) const override {
    using runtime::FixedPoint;
    constexpr int kScaledDiffIntegerBits = 5, kAccumulationIntegerBits = 12;
    const InT *input = t.input<InT>(0);
    OutT *output = t.output<OutT>(0);
    auto scaledDiff = [&](int32_t diff) {
      return FixedPoint<kScaledDiffIntegerBits>::fromRaw(
          runtime::multiplyByQuantizedMultiplierGreaterThanOne(diff, scaling_.multiplier,
                                                               scaling_.leftShift));
    };
    forEachRow(input, output, rows_, [&](const InT *in, OutT *out, InT max) {
      FixedPoint<kAccumulationIntegerBits> sum = FixedPoint<kAccumulationIntegerBits>::zero();
      for (int64_t c = 0; c < rows_.depth; ++c) {
        int32_t diff = int32_t(in[c]) - max;
        if (diff >= scaling_.diffMin)
          sum = sum + runtime::rescale<kAccumulationIntegerBits>(
                          runtime::expOnNegativeValues(scaledDiff(diff)));
      }
      int bitsOverUnit = 0;
      const FixedPoint<0> shiftedScale = FixedPoint<0>::fromRaw(
          runtime::reciprocal(sum.raw, kAccumulationIntegerBits, &bitsOverUnit));
      const int exponent = bitsOverUnit + 31 - int(sizeof(OutT) * 8);
      for (int64_t c = 0; c < rows_.depth; ++c) {
        int32_t diff = int32_t(in[c]) - max;
        if (diff < scaling_.diffMin) {
          out[c] = std::numeric_limits<OutT>::min();
          continue;
        }
        const FixedPoint<0> exp = runtime::expOnNegativeValues(scaledDiff(diff));
        const int32_t unsaturated =
            runtime::roundingDivideByPOT((shiftedScale * exp).raw, exponent);
        out[c] = static_cast<OutT>(std::clamp<int32_t>(
            unsaturated + std::numeric_limits<OutT>::min(), std::numeric_limits<OutT>::min(),
            std::numeric_limits<OutT>::max()));
      }
    });
    return llvm::Error::success();
  }

private:
  Rows rows_;
  SoftmaxScaling scaling_;
};

// int16 SOFTMAX (input and output zero point 0, output scale 2^-15), as TFLite's SoftmaxInt16:
// exp(x - max) read from the exp table on the input rescaled to [-10, 0], summed in Q16.15,
// the sum normalised into [1, 2) and inverted through the 1 / (1 + x) table, then each exp
// multiplied by the reciprocal and shifted back.
class Int16Softmax final : public Kernel {
public:
  Int16Softmax(Rows rows, Int16SoftmaxParameters p) : rows_(rows), p_(std::move(p)) {}
  llvm::Error run(const TensorViews &t) const override {
    const int16_t *input = t.input<int16_t>(0);
    int16_t *output = t.output<int16_t>(0);
    forEachRow(input, output, rows_, [&](const int16_t *in, int16_t *out, int16_t max) {
      int32_t sum = 0;
      for (int64_t c = 0; c < rows_.depth; ++c) {
        // [-65535, 0] spans [-10, 0]; the table's input is centred on zero.
        const int32_t scaled = runtime::multiplyByQuantizedMultiplier(
            int32_t(in[c]) - max, p_.inputScale.multiplier, p_.inputScale.shift);
        const auto centred = int16_t(std::clamp(scaled + 32767, -32768, 32767));
        out[c] = runtime::lookupInt16Table(centred, p_.exp.data());
        sum += out[c];
      }
      // sum = 2^(bits) * (1 + x), x in [0, 1): x on the table's centred Q0.15 input.
      const int headroomPlusOne = runtime::countLeadingZeros(uint32_t(sum));
      const auto shifted = int32_t(((int64_t(sum) << (headroomPlusOne - 1)) + (1 << 13)) >> 14);
      const auto x = int16_t(std::clamp(shifted - ((1 << 15) + (1 << 16)), -32768, 32767));
      const int32_t reciprocal = runtime::lookupInt16Table(x, p_.oneOverOnePlusX.data());
      const int rightShift = 31 - headroomPlusOne;
      const int64_t round = int64_t(1) << (rightShift - 1);
      for (int64_t c = 0; c < rows_.depth; ++c) {
        const auto result = int32_t((int64_t(out[c]) * reciprocal + round) >> rightShift);
        out[c] = int16_t(std::clamp(result, 0, 32767));
      }
    });
    return llvm::Error::success();
  }

private:
  Rows rows_;
  Int16SoftmaxParameters p_;
};
} // namespace

llvm::Expected<KernelPtr> prepareSoftmax(const Op &op) {
  auto prepared = ops::prepareSoftmax(op);
  if (!prepared)
    return prepared.takeError();
  const ops::SoftmaxParams &p = prepared->params;
  const Rows rows{p.rows, p.depth};
  const SoftmaxScaling scaling{p.multiplier, p.leftShift, p.diffMin};
  switch (prepared->kind) {
  case ops::SoftmaxKind::Float:
    return std::make_unique<FloatSoftmax>(rows, p.beta);
  case ops::SoftmaxKind::Int16:
    return std::make_unique<Int16Softmax>(
        rows, Int16SoftmaxParameters{prepared->exp, prepared->reciprocal, p.input});
  case ops::SoftmaxKind::Quantized:
    break;
  }
  if (prepared->inputType == ElementType::U8)
    return std::make_unique<QuantizedSoftmax<uint8_t, uint8_t>>(rows, scaling);
  if (prepared->outputType == ElementType::I16)
    return std::make_unique<QuantizedSoftmax<int8_t, int16_t>>(rows, scaling);
  return std::make_unique<QuantizedSoftmax<int8_t, int8_t>>(rows, scaling);
}

} // namespace litec::ir::reference
