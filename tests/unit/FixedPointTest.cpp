// TFLite's fixed-point arithmetic on values worked out by hand.

#include "litec/runtime/FixedPoint.h"
#include "litec/ir/QuantizationMath.h"
#include "litec/runtime/Int16Activations.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

using namespace litec;
using namespace litec::runtime;

TEST_CASE("rounding high multiply and rounding shifts", "[fixed-point]") {
  // 0.5 * 0.5 = 0.25 in Q0.31.
  CHECK(saturatingRoundingDoublingHighMul(1 << 30, 1 << 30) == 1 << 29);
  // -1 * -1 saturates to the largest value.
  CHECK(saturatingRoundingDoublingHighMul(INT32_MIN, INT32_MIN) == INT32_MAX);
  // 3 * 2^30 / 2^31 = 1.5 rounds to 2, but -1.5 to -1: the nudge rounds ties upwards.
  CHECK(saturatingRoundingDoublingHighMul(3, 1 << 30) == 2);
  CHECK(saturatingRoundingDoublingHighMul(-3, 1 << 30) == -1);
  // Ties away from zero: 5 / 2 = 2.5 -> 3, -5 / 2 -> -3; -6 / 4 = -1.5 -> -2.
  CHECK(roundingDivideByPOT(5, 1) == 3);
  CHECK(roundingDivideByPOT(-5, 1) == -3);
  CHECK(roundingDivideByPOT(-6, 2) == -2);
  CHECK(roundingDivideByPOT(7, 0) == 7);
  CHECK(saturatingRoundingMultiplyByPOT<2>(1 << 29) == INT32_MAX);
  CHECK(saturatingRoundingMultiplyByPOT<2>(-(1 << 29)) == INT32_MIN);
  CHECK(saturatingRoundingMultiplyByPOT<-1>(3) == 2);
  CHECK(roundingHalfSum(INT32_MAX, INT32_MAX) == INT32_MAX);
  // Beyond 31 bits TFLite's DIV sees an all-ones mask and a shift count taken modulo 32.
  CHECK(roundingDivideByPOTBeyond31(0, 34) == 1);
  CHECK(roundingDivideByPOTBeyond31(-1, 33) == -1);
  CHECK(roundingDivideByPOTBeyond31(1 << 20, 40) == (1 << 12) + 1);
  CHECK(countLeadingZeros(1) == 31);
  CHECK(countLeadingZeros(0) == 32);
}

TEST_CASE("quantised multipliers", "[fixed-point]") {
  CHECK(ir::quantizeMultiplier(0.5) == ir::QuantizedMultiplier{1 << 30, 0});
  CHECK(ir::quantizeMultiplier(1.0) == ir::QuantizedMultiplier{1 << 30, 1});
  CHECK(ir::quantizeMultiplier(0.75) == ir::QuantizedMultiplier{1610612736, 0});
  CHECK(ir::quantizeMultiplier(0.0) == ir::QuantizedMultiplier{0, 0});
  // Below 2^-31 the multiplier flushes to zero.
  CHECK(ir::quantizeMultiplier(std::ldexp(1.0, -40)) == ir::QuantizedMultiplier{0, 0});
  // A fraction that rounds up to 1.0 renormalises: (2^31 - 0.4) / 2^31 -> 2^30 with shift 1.
  CHECK(ir::quantizeMultiplier(1.0 - 0.2 / double(1ll << 31)) ==
        ir::QuantizedMultiplier{1 << 30, 1});
  // 100 * 0.5 = 50; 100 * 0.75 = 75; 7 * 0.5 = 3.5 -> 4 (the high multiply rounds up).
  CHECK(multiplyByQuantizedMultiplier(100, 1 << 30, 0) == 50);
  CHECK(multiplyByQuantizedMultiplier(100, 1610612736, 0) == 75);
  CHECK(multiplyByQuantizedMultiplier(7, 1 << 30, 0) == 4);
  // 3 * 0.75 * 2^-1 = 1.125 -> 1; 10 * 0.5 * 2^3 = 40.
  CHECK(multiplyByQuantizedMultiplier(3, 1610612736, -1) == 1);
  CHECK(multiplyByQuantizedMultiplier(10, 1 << 30, 3) == 40);
}

TEST_CASE("fixed-point exp and reciprocal are within a unit of the real values", "[fixed-point]") {
  auto real = [](int32_t raw, int integerBits) { return raw / std::ldexp(1.0, 31 - integerBits); };
  CHECK(expOnNegativeValues(FixedPoint<5>::fromRaw(0)).raw == INT32_MAX);
  for (double x : {-0.1, -0.25, -1.0, -2.5, -7.0, -15.9}) {
    INFO(x);
    const int32_t raw = static_cast<int32_t>(std::lround(x * std::ldexp(1.0, 26)));
    CHECK(real(expOnNegativeValues(FixedPoint<5>::fromRaw(raw)).raw, 0) ==
          Approx(std::exp(x)).margin(2e-9 * 4));
  }
  for (double x : {0.0, 0.25, 0.5, 0.9}) {
    INFO(x);
    const int32_t raw = static_cast<int32_t>(std::lround(x * std::ldexp(1.0, 31)));
    CHECK(real(oneOverOnePlusXForXIn01(FixedPoint<0>::fromRaw(raw)).raw, 0) ==
          Approx(1.0 / (1.0 + x)).margin(1e-8));
  }
}

TEST_CASE("fixed-point logistic and tanh are within a unit of the real values", "[fixed-point]") {
  auto real = [](int32_t raw) { return raw / std::ldexp(1.0, 31); };
  CHECK(logistic(FixedPoint<4>::fromRaw(0)).raw == 1 << 30);
  CHECK(runtime::tanh(FixedPoint<4>::fromRaw(0)).raw == 0);
  for (double x : {-7.5, -2.0, -0.3, 0.1, 1.0, 3.7, 7.9}) {
    INFO(x);
    const auto q =
        FixedPoint<4>::fromRaw(static_cast<int32_t>(std::lround(x * std::ldexp(1.0, 27))));
    CHECK(real(logistic(q).raw) == Approx(1.0 / (1.0 + std::exp(-x))).margin(1e-7));
    CHECK(real(runtime::tanh(q).raw) == Approx(std::tanh(x)).margin(1e-7));
  }
}

TEST_CASE("activation bounds and softmax scaling", "[quantization]") {
  ir::IntRange range{};
  // RELU6 on scale 0.1, zero point -128: [-128, -128 + 60].
  REQUIRE(ir::quantizedActivationRange("RELU6", 0.1f, -128, ir::ElementType::I8, &range));
  CHECK(range.min == -128);
  CHECK(range.max == -68);
  REQUIRE(ir::quantizedActivationRange("RELU", 0.5f, 10, ir::ElementType::I8, &range));
  CHECK(range.min == 10);
  CHECK(range.max == 127);
  REQUIRE(ir::quantizedActivationRange("RELU_N1_TO_1", 0.25f, 0, ir::ElementType::I8, &range));
  CHECK(range.min == -4);
  CHECK(range.max == 4);
  CHECK_FALSE(ir::quantizedActivationRange("TANH", 0.25f, 0, ir::ElementType::I8, &range));
  // beta 1, input scale 1/16: 2^26 / 16 = 2^22 -> multiplier 2^30, shift 23.
  ir::SoftmaxScaling s = ir::softmaxScaling(1.0, 1.0 / 16);
  CHECK(s.multiplier == 1 << 30);
  CHECK(s.leftShift == 23);
  // (2^5 - 1) * 2^26 / 2^23 = 248.
  CHECK(s.diffMin == -248);
  // beta * scale below 2^-26 (the fuzzer's hostile scale): a negative shift, which the kernels
  // refuse, computed without a negative shift count (UBSan checks this in the sanitizer build).
  ir::SoftmaxScaling tiny = ir::softmaxScaling(1.0, 1e-9);
  CHECK(tiny.leftShift < 0);
  CHECK(tiny.diffMin == INT32_MIN + 1);
}

// TFLite's int16 sigmoid and tanh interpolate a table; over every int16 input they stay within
// two output steps (2^-15) of the exact functions, are odd (tanh) or complementary (sigmoid),
// and saturate at the ends.
TEST_CASE("int16 logistic and tanh against the exact functions", "[fixed-point]") {
  struct Case {
    Int16SigmoidalScaling scaling;
    double inputScale;
  };
  // Power-of-two scales 2^-12 and 2^-11 (shift-only) and 2^-16 through a multiplier of 3.
  const Case cases[] = {{{0, 0}, std::ldexp(1.0, -12)},
                        {{0, 1}, std::ldexp(1.0, -11)},
                        {{3, 4}, std::ldexp(1.0, -16)}};
  for (const Case &c : cases) {
    int worstLogistic = 0, worstTanh = 0, worstSymmetry = 0;
    for (int x = -32767; x <= 32767; ++x) {
      const double v = x * c.inputScale;
      const int logistic = logisticInt16(int16_t(x), c.scaling);
      const int tanhValue = tanhInt16(int16_t(x), c.scaling);
      const double exactLogistic = std::min(32767.0, 32768.0 / (1.0 + std::exp(-v)));
      const double exactTanh = std::clamp(32768.0 * std::tanh(v), -32768.0, 32767.0);
      worstLogistic = std::max(worstLogistic, int(std::abs(logistic - std::lround(exactLogistic))));
      worstTanh = std::max(worstTanh, int(std::abs(tanhValue - std::lround(exactTanh))));
      worstSymmetry =
          std::max({worstSymmetry, std::abs(tanhValue + tanhInt16(int16_t(-x), c.scaling)),
                    std::abs(logistic + logisticInt16(int16_t(-x), c.scaling) - 32768)});
    }
    INFO("input scale " << c.inputScale);
    CHECK(worstLogistic <= 2);
    CHECK(worstTanh <= 2);
    // The rounding right shift of a multiplied input rounds -x and x differently.
    CHECK(worstSymmetry <= (c.scaling.multiplier == 0 ? 1 : 3));
  }
  CHECK(logisticInt16(32767, {0, 1}) == 32767);
  CHECK(logisticInt16(-32768, {0, 1}) == 1);
  CHECK(tanhInt16(32767, {0, 1}) == 32767);
  CHECK(tanhInt16(-32767, {0, 1}) == -32767);
}

// TFLite's fixed-point 1 / sqrt(x): multiplier * 2^shift / 2^31 is the inverse square root.
TEST_CASE("inverse square root multipliers", "[fixed-point]") {
  for (int32_t x : {2, 3, 4, 10, 255, 1000, 65536, 1 << 29, INT32_MAX}) {
    int32_t multiplier = 0;
    int shift = 0;
    inverseSqrtMultiplier(x, &multiplier, &shift);
    const double value = std::ldexp(double(multiplier), shift - 31);
    INFO("x = " << x);
    CHECK(value == Approx(1.0 / std::sqrt(double(x))).epsilon(1e-5));
  }
  int32_t multiplier = 0;
  int shift = -1;
  inverseSqrtMultiplier(1, &multiplier, &shift);
  CHECK(multiplier == INT32_MAX);
  CHECK(shift == 0);
}
