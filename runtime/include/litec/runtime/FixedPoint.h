// Include guards, not #pragma once: every generated model carries its own copy of these
// headers, and an application including two models must see one definition.
#ifndef LITEC_RUNTIME_FIXED_POINT_H
#define LITEC_RUNTIME_FIXED_POINT_H

// Fixed-point arithmetic with TensorFlow Lite's exact rounding, shared by the reference
// interpreter and generated code so that both round the same way. C++17, header-only, no heap,
// no exceptions.
//
// Conventions (those of TFLite and gemmlowp): a quantised multiplier is an int32 in Q0.31 with
// a power-of-two exponent `shift` (positive: left shift); fixed-point values of type
// FixedPoint<IntegerBits> are int32 with IntegerBits integer bits, 31 - IntegerBits fractional.

#include <cstdint>
#include <limits>

namespace litec::runtime {

// round(a * b / 2^31), saturating the one overflowing case (-1 * -1). The ARM VQRDMULH.
constexpr int32_t saturatingRoundingDoublingHighMul(int32_t a, int32_t b) {
  if (a == b && a == std::numeric_limits<int32_t>::min())
    return std::numeric_limits<int32_t>::max();
  int64_t product = static_cast<int64_t>(a) * static_cast<int64_t>(b);
  int32_t nudge = product >= 0 ? (1 << 30) : (1 - (1 << 30));
  return static_cast<int32_t>((product + nudge) / (int64_t(1) << 31));
}

// x / 2^exponent rounded to nearest, ties away from zero. exponent in [0, 31].
constexpr int32_t roundingDivideByPOT(int32_t x, int exponent) {
  const int32_t mask = static_cast<int32_t>((int64_t(1) << exponent) - 1);
  const int32_t remainder = x & mask;
  const int32_t threshold = (mask >> 1) + (x < 0 ? 1 : 0);
  return (x >> exponent) + (remainder > threshold ? 1 : 0);
}

// roundingDivideByPOT as TFLite's quantised DIV reaches it with exponents beyond 31 (tiny
// quotients): gemmlowp then builds its mask from the low 32 bits of 2^exponent - 1 (all ones)
// and the CPU reduces the shift count modulo 32 (x86, AArch64 and WebAssembly alike). The
// result is not x / 2^exponent, but it is what TFLite returns, so DIV reproduces it.
constexpr int32_t roundingDivideByPOTBeyond31(int32_t x, int exponent) {
  const int32_t mask =
      static_cast<int32_t>(static_cast<uint32_t>((uint64_t(1) << (exponent & 63)) - 1));
  const int32_t remainder = x & mask;
  const int32_t threshold = (mask >> 1) + (x < 0 ? 1 : 0);
  return (x >> (exponent & 31)) + (remainder > threshold ? 1 : 0);
}

// x * 2^Exponent: saturating for positive exponents, rounding for negative ones.
template <int Exponent> constexpr int32_t saturatingRoundingMultiplyByPOT(int32_t x) {
  if constexpr (Exponent > 0) {
    constexpr int32_t threshold = (1 << (31 - Exponent)) - 1;
    if (x > threshold)
      return std::numeric_limits<int32_t>::max();
    if (x < -threshold)
      return std::numeric_limits<int32_t>::min();
    return static_cast<int32_t>(static_cast<uint32_t>(x) << Exponent);
  } else if constexpr (Exponent < 0) {
    return roundingDivideByPOT(x, -Exponent);
  } else {
    return x;
  }
}

// x * multiplier * 2^shift with TFLite's two roundings (the default, not single-rounding
// build): an exact left shift, a rounding high multiply, then a rounding right shift.
constexpr int32_t multiplyByQuantizedMultiplier(int32_t x, int32_t multiplier, int shift) {
  // TFLite's shifts stay within [-31, 31]; clamping keeps absurd ones defined.
  const int leftShift = shift > 0 ? (shift > 31 ? 31 : shift) : 0;
  const int rightShift = shift > 0 ? 0 : (shift < -31 ? 31 : -shift);
  const int32_t shifted = static_cast<int32_t>(static_cast<uint32_t>(x) << leftShift);
  return roundingDivideByPOT(saturatingRoundingDoublingHighMul(shifted, multiplier), rightShift);
}

// x * multiplier * 2^shift for the wide accumulators of int16 kernels (TFLite's int64
// MultiplyByQuantizedMultiplier): the multiplier reduced to 16 bits, one rounding shift.
constexpr int32_t multiplyByQuantizedMultiplierWide(int64_t x, int32_t multiplier, int shift) {
  const int64_t reduced =
      multiplier < 0x7FFF0000 ? (int64_t(multiplier) + (1 << 15)) >> 16 : int64_t(0x7FFF);
  const int totalShift = 15 - (shift > 7 ? 7 : shift < -31 ? -31 : shift);
  const uint64_t product = uint64_t(x) * uint64_t(reduced) + (uint64_t(1) << (totalShift - 1));
  return static_cast<int32_t>(static_cast<int64_t>(product) >> totalShift);
}

// The same for multipliers known to be below one (shift <= 0), as TFLite's ADD uses it.
constexpr int32_t multiplyByQuantizedMultiplierSmallerThanOneExp(int32_t x, int32_t multiplier,
                                                                 int shift) {
  return roundingDivideByPOT(saturatingRoundingDoublingHighMul(x, multiplier),
                             shift < -31 ? 31 : (shift > 0 ? 0 : -shift));
}

// The same for multipliers known to be at least one (shift >= 0), as TFLite's softmax uses it.
constexpr int32_t multiplyByQuantizedMultiplierGreaterThanOne(int32_t x, int32_t multiplier,
                                                              int shift) {
  return saturatingRoundingDoublingHighMul(static_cast<int32_t>(static_cast<uint32_t>(x) << shift),
                                           multiplier);
}

// (a + b) / 2 rounded to nearest, ties away from zero, without overflow.
constexpr int32_t roundingHalfSum(int32_t a, int32_t b) {
  int64_t sum = int64_t(a) + int64_t(b);
  return static_cast<int32_t>((sum + (sum >= 0 ? 1 : -1)) / 2);
}

constexpr int countLeadingZeros(uint32_t x) {
  int count = 0;
  for (uint32_t bit = 0x80000000u; bit && !(x & bit); bit >>= 1)
    ++count;
  return count;
}

// A fixed-point number: int32 raw value with IntegerBits integer bits.
template <int IntegerBits> struct FixedPoint {
  static_assert(IntegerBits >= 0 && IntegerBits < 32);
  static constexpr int kFractionalBits = 31 - IntegerBits;
  int32_t raw = 0;

  static constexpr FixedPoint fromRaw(int32_t raw) { return FixedPoint{raw}; }
  static constexpr FixedPoint zero() { return FixedPoint{0}; }
  static constexpr FixedPoint one() {
    return FixedPoint{IntegerBits == 0 ? std::numeric_limits<int32_t>::max()
                                       : int32_t(1) << kFractionalBits};
  }
  // 2^Exponent, exactly representable.
  template <int Exponent> static constexpr FixedPoint constantPOT() {
    static_assert(kFractionalBits + Exponent >= 0 && kFractionalBits + Exponent < 31);
    return FixedPoint{int32_t(1) << (kFractionalBits + Exponent)};
  }
};

template <int A, int B> constexpr FixedPoint<A + B> operator*(FixedPoint<A> a, FixedPoint<B> b) {
  return FixedPoint<A + B>{saturatingRoundingDoublingHighMul(a.raw, b.raw)};
}
template <int I> constexpr FixedPoint<I> operator+(FixedPoint<I> a, FixedPoint<I> b) {
  return FixedPoint<I>{static_cast<int32_t>(static_cast<uint32_t>(a.raw) + uint32_t(b.raw))};
}
template <int I> constexpr FixedPoint<I> operator-(FixedPoint<I> a, FixedPoint<I> b) {
  return FixedPoint<I>{static_cast<int32_t>(static_cast<uint32_t>(a.raw) - uint32_t(b.raw))};
}

// Changes the number of integer bits, rounding or saturating the raw value.
template <int Dst, int Src> constexpr FixedPoint<Dst> rescale(FixedPoint<Src> x) {
  return FixedPoint<Dst>{saturatingRoundingMultiplyByPOT<Src - Dst>(x.raw)};
}

// exp(x) for x in [-1/4, 0): a Taylor expansion around -1/8.
constexpr FixedPoint<0> expOnIntervalNegativeQuarterToZero(FixedPoint<0> a) {
  using F = FixedPoint<0>;
  const F constantTerm = F::fromRaw(1895147668); // exp(-1/8)
  const F oneThird = F::fromRaw(715827883);      // 1/3
  const F x = a + F::constantPOT<-3>();
  const F x2 = x * x;
  const F x3 = x2 * x;
  const F x4 = x2 * x2;
  const F x4Over4 = F::fromRaw(saturatingRoundingMultiplyByPOT<-2>(x4.raw));
  const F polynomial =
      F::fromRaw(saturatingRoundingMultiplyByPOT<-1>(((x4Over4 + x3) * oneThird + x2).raw));
  return constantTerm + constantTerm * (x + polynomial);
}

// exp(x) for x <= 0, as gemmlowp computes it: exp of the remainder modulo 1/4, times the
// constant exp(-2^k) for each set bit k of the rest.
template <int IntegerBits> constexpr FixedPoint<0> expOnNegativeValues(FixedPoint<IntegerBits> a) {
  using InputF = FixedPoint<IntegerBits>;
  using ResultF = FixedPoint<0>;
  constexpr int kFractionalBits = InputF::kFractionalBits;
  const InputF quarter = InputF::template constantPOT<-2>();
  const InputF mask = InputF::fromRaw(quarter.raw - 1);
  const InputF aModQuarterMinusQuarter = InputF::fromRaw(a.raw & mask.raw) - quarter;
  ResultF result = expOnIntervalNegativeQuarterToZero(rescale<0>(aModQuarterMinusQuarter));
  const int32_t remainder = (aModQuarterMinusQuarter - a).raw;

  // exp(-2^k) in Q0.31 for k = -2 .. 4.
  constexpr int32_t kMultipliers[] = {1672461947, 1302514674, 790015084, 290630308,
                                      39332535,   720401,     242};
  for (int k = -2; k <= 4; ++k) {
    if (IntegerBits > k) {
      const int shift = kFractionalBits + k;
      if (shift >= 0 && shift < 31 && (remainder & (int32_t(1) << shift)))
        result = result * ResultF::fromRaw(kMultipliers[k + 2]);
    }
  }
  if constexpr (IntegerBits > 5) {
    constexpr int clampBits = 36 - IntegerBits; // -32.0 in this format
    if (a.raw < -(int32_t(1) << clampBits))
      result = ResultF::zero();
  }
  if (a.raw == 0)
    result = ResultF::one();
  return result;
}

// 1 / d for d = (1 + x) / 2 with x in [0, 1), in Q2.29: three Newton-Raphson steps from
// 48/17 - 32/17 * d, as gemmlowp computes it.
constexpr FixedPoint<2> reciprocalOfHalfOnePlusX(FixedPoint<0> a) {
  using F0 = FixedPoint<0>;
  using F2 = FixedPoint<2>;
  const F0 halfDenominator = F0::fromRaw(roundingHalfSum(a.raw, F0::one().raw));
  const F2 constant48Over17 = F2::fromRaw(1515870810);
  const F2 constantNeg32Over17 = F2::fromRaw(-1010580540);
  F2 x = constant48Over17 + halfDenominator * constantNeg32Over17;
  for (int i = 0; i < 3; ++i) {
    const F2 halfDenominatorTimesX = halfDenominator * x;
    const F2 oneMinus = F2::one() - halfDenominatorTimesX;
    x = x + rescale<2>(x * oneMinus);
  }
  return x;
}

// 1 / (1 + x) for x in [0, 1): half of the reciprocal above, as an exact change of format.
constexpr FixedPoint<0> oneOverOnePlusXForXIn01(FixedPoint<0> a) {
  return rescale<0>(FixedPoint<1>::fromRaw(reciprocalOfHalfOnePlusX(a).raw));
}

// (1 - x) / (1 + x) for x in [0, 1): 2 / (1 + x) - 1.
constexpr FixedPoint<0> oneMinusXOverOnePlusXForXIn01(FixedPoint<0> a) {
  return rescale<0>(reciprocalOfHalfOnePlusX(a) - FixedPoint<2>::one());
}

// logistic(x) = 1 / (1 + exp(-x)) in Q0.31, as gemmlowp computes it.
template <int IntegerBits> constexpr FixedPoint<0> logistic(FixedPoint<IntegerBits> a) {
  using InputF = FixedPoint<IntegerBits>;
  if (a.raw == 0)
    return FixedPoint<0>::fromRaw(1 << 30);
  const InputF absolute = a.raw > 0 ? a : InputF::fromRaw(a.raw == INT32_MIN ? INT32_MAX : -a.raw);
  const FixedPoint<0> positive =
      oneOverOnePlusXForXIn01(expOnNegativeValues(InputF::fromRaw(-absolute.raw)));
  return a.raw > 0 ? positive : FixedPoint<0>::one() - positive;
}

// tanh(x) in Q0.31, as gemmlowp computes it: (1 - exp(-2|x|)) / (1 + exp(-2|x|)) with the sign.
template <int IntegerBits> constexpr FixedPoint<0> tanh(FixedPoint<IntegerBits> a) {
  if (a.raw == 0)
    return FixedPoint<0>::zero();
  const int32_t negativeAbs = a.raw < 0 ? a.raw : -a.raw;
  // exp(2 * negativeAbs): the doubling is an exact change of format.
  const FixedPoint<0> t = oneMinusXOverOnePlusXForXIn01(
      expOnNegativeValues(FixedPoint<IntegerBits + 1>::fromRaw(negativeAbs)));
  return a.raw < 0 ? FixedPoint<0>::fromRaw(-t.raw) : t;
}

// 1 / x for x in the fixed-point format with `integerDigits` integer bits, as a Q0.31 value
// and the number of bits x has above one (TFLite's GetReciprocal).
constexpr int32_t reciprocal(int32_t x, int integerDigits, int *bitsOverUnit) {
  const int headroomPlusOne = countLeadingZeros(static_cast<uint32_t>(x));
  *bitsOverUnit = integerDigits - headroomPlusOne;
  const int32_t shiftedMinusOne =
      static_cast<int32_t>((static_cast<uint32_t>(x) << headroomPlusOne) - (uint32_t(1) << 31));
  return oneOverOnePlusXForXIn01(FixedPoint<0>::fromRaw(shiftedMinusOne)).raw;
}

// 1 / sqrt(x) for an integer x >= 0 as a quantised multiplier and a left shift (TFLite's
// GetInvSqrtQuantizedMultiplierExp with its reverse shift -1): x normalised by pairs of bits into
// [2^27, 2^29), five Newton-Raphson steps x' = x (3 - a x^2) / 2 from 1 in Q3.28, times
// sqrt(2)/2. 0 and 1 give the largest multiplier.
constexpr void inverseSqrtMultiplier(int32_t x, int32_t *multiplier, int *leftShift) {
  if (x <= 1) {
    *multiplier = std::numeric_limits<int32_t>::max();
    *leftShift = 0;
    return;
  }
  int rightShift = 11;
  while (x >= (1 << 29)) {
    x /= 4;
    ++rightShift;
  }
  const int bitPairs = (countLeadingZeros(uint32_t(x)) - 1) / 2 - 1;
  rightShift -= bitPairs;
  x = static_cast<int32_t>(static_cast<uint32_t>(x) << (2 * bitPairs));
  using F3 = FixedPoint<3>;
  const F3 halfInput = F3::fromRaw(saturatingRoundingMultiplyByPOT<-1>(x >> 1));
  const F3 threeHalves = F3::fromRaw((1 << 28) + (1 << 27));
  F3 estimate = F3::one();
  for (int i = 0; i < 5; ++i) {
    const F3 cube = rescale<3>(estimate * estimate * estimate);
    estimate = rescale<3>(threeHalves * estimate - halfInput * cube);
  }
  const FixedPoint<0> halfSqrt2 = FixedPoint<0>::fromRaw(1518500250);
  int32_t raw = (estimate * halfSqrt2).raw;
  if (rightShift < 0) {
    raw = static_cast<int32_t>(static_cast<uint32_t>(raw) << -rightShift);
    rightShift = 0;
  }
  *multiplier = raw;
  *leftShift = -rightShift;
}

} // namespace litec::runtime

#endif // LITEC_RUNTIME_FIXED_POINT_H
