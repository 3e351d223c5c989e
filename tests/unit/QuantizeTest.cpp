// litec/ir/quantize: range estimation (min/max, percentile, MSE) and TFLite's converter choices
// of scales and zero points, against values worked out by hand, degenerate ranges included.

#include "litec/ir/quantize/Parameters.h"
#include "litec/ir/quantize/Ranges.h"

#include <catch2/catch.hpp>

#include <vector>

using namespace litec::ir;
using namespace litec::ir::quantize;

namespace {
Range observedRange(const std::vector<float> &values, const RangeOptions &options) {
  RangeObserver observer;
  observer.observe(values);
  observer.startHistogram();
  observer.observeHistogram(values);
  return observer.range(options);
}

// 0, 1, ..., 999 and one outlier at 10000.
std::vector<float> valuesWithOutlier() {
  std::vector<float> values;
  for (int i = 0; i < 1000; ++i)
    values.push_back(float(i));
  values.push_back(10000.f);
  return values;
}
} // namespace

TEST_CASE("asymmetric int8 parameters as TFLite's converter chooses them", "[quantize]") {
  // [-1, 1]: scale 2/255; zero point round(-128 + 127.5) = round(-0.5) = -1 (half away from 0).
  AffineParameters p = asymmetricParameters({-1.f, 1.f}, -128, 127);
  CHECK(p.scale == Approx(2.0 / 255));
  CHECK(p.zeroPoint == -1);
  // A range above zero is widened to hold it: [0, 2], zero point -128.
  p = asymmetricParameters({0.5f, 2.f}, -128, 127);
  CHECK(p.scale == Approx(2.0 / 255));
  CHECK(p.zeroPoint == -128);
  // Below zero: [-3, 0], zero point -128 + 255 = 127.
  p = asymmetricParameters({-3.f, -1.f}, -128, 127);
  CHECK(p.scale == Approx(3.0 / 255));
  CHECK(p.zeroPoint == 127);
  // A constant tensor: [0, 2] again.
  p = asymmetricParameters({2.f, 2.f}, -128, 127);
  CHECK(p.scale == Approx(2.0 / 255));
  CHECK(p.zeroPoint == -128);
  // All zeros: TFLite's converter would write scale 0, which its kernels reject; scale 1.
  p = asymmetricParameters({0.f, 0.f}, -128, 127);
  CHECK(p.scale == 1.f);
  CHECK(p.zeroPoint == 0);
  // uint8 over [0, 255]: [-1, 1] puts zero at 0 + 1 / (2/255), which float computes as
  // 127.49999 (2/255 rounds up): 127, as TFLite's converter gets it.
  p = asymmetricParameters({-1.f, 1.f}, 0, 255);
  CHECK(p.zeroPoint == 127);
}

TEST_CASE("int16 activations are symmetric with zero point 0", "[quantize]") {
  const AffineParameters p = activationParameters({-0.5f, 2.f}, ElementType::I16);
  CHECK(p.scale == Approx(2.0 / 32767));
  CHECK(p.zeroPoint == 0);
  CHECK(activationParameters({0.f, 0.f}, ElementType::I16).scale == 1.f);
}

TEST_CASE("weights quantise symmetrically per channel and per tensor", "[quantize]") {
  // OHWI [2, 1, 1, 2]: channel 0 {1, -0.5}, channel 1 all zeros.
  const std::vector<float> weights = {1.f, -0.5f, 0.f, 0.f};
  const std::vector<int64_t> shape = {2, 1, 1, 2};
  SymmetricWeights q = quantizeWeights(weights, shape, 0);
  REQUIRE(q.scales.size() == 2);
  CHECK(q.scales[0] == Approx(1.0 / 127));
  CHECK(q.scales[1] == 1.f); // an all-zero channel: any scale holds it; 1, never 0
  // -0.5 x 127 = -63.5 rounds away from zero to -64.
  CHECK(q.values == std::vector<int8_t>{127, -64, 0, 0});
  // Per tensor: one scale for all; along the last axis (depthwise 1HWO): one per column.
  q = quantizeWeights(weights, shape, -1);
  CHECK(q.scales.size() == 1);
  CHECK(q.values == std::vector<int8_t>{127, -64, 0, 0});
  q = quantizeWeights(weights, shape, 3);
  REQUIRE(q.scales.size() == 2);
  CHECK(q.scales[0] == Approx(1.0 / 127));
  CHECK(q.scales[1] == Approx(0.5 / 127));
  CHECK(q.values == std::vector<int8_t>{127, -127, 0, 0});
}

TEST_CASE("biases quantise to int32 with input scale x weight scale", "[quantize]") {
  const std::vector<float> bias = {0.75f, -0.375f};
  const std::vector<float> weightScales = {0.25f, 0.5f};
  const QuantizedBias q = quantizeBias(bias, 0.5f, weightScales);
  CHECK(q.scales == std::vector<float>{0.125f, 0.25f});
  // 0.75 / 0.125 = 6; -0.375 / 0.25 = -1.5, rounded away from zero to -2.
  CHECK(q.values == std::vector<int32_t>{6, -2});
  // A bias past int32 at that scale clamps, as TFLite clamps it...
  const std::vector<float> huge = {1e10f};
  const std::vector<float> one = {1.f};
  CHECK(quantizeBias(huge, 1e-3f, one).values[0] == 2147483647);
  // ...unless the weight scale is widened first (AdjustWeightsForBiasScale).
  std::vector<float> scales = {1e-3f};
  CHECK(widenWeightScalesForBias(huge, 1e-3f, scales));
  CHECK(scales[0] == Approx(2.0 * 1e10 / 2147483647 / 1e-3));
  CHECK(quantizeBias(huge, 1e-3f, scales).values[0] == Approx(2147483647 / 2).epsilon(1e-6));
  std::vector<float> small = {0.25f};
  CHECK_FALSE(widenWeightScalesForBias(one, 0.5f, small));
}

TEST_CASE("calibration ranges: min/max, percentile and MSE", "[quantize]") {
  const std::vector<float> values = valuesWithOutlier();
  RangeOptions options;
  Range r = observedRange(values, options);
  CHECK(r.min == 0.f);
  CHECK(r.max == 10000.f);
  // 99 %: 5 values may go from each tail. Bins are 10000 / 2048 wide; the low tail drops bin 0
  // (0..4), the high one the outlier and the top bin of 997..999 (3 values), stopping at the
  // bin of 992..996: [1 bin, 204 bins].
  options.method = RangeMethod::kPercentile;
  options.percentile = 99;
  r = observedRange(values, options);
  const double width = 10000.0 / Histogram::kBins;
  CHECK(r.min == Approx(width));
  CHECK(r.max == Approx(204 * width));
  // MSE keeps one far outlier among a thousand values: clipping it at r costs (10000 - r)^2,
  // more than 256 levels over [0, 10000] cost the thousand in rounding (1001 x step^2 / 12).
  options.method = RangeMethod::kMse;
  r = observedRange(values, options);
  CHECK(r.max == 10000.f);
  // Among two million it clips: N r^2 / (255^2 x 12) + (10000 - r)^2 is least at
  // r = 10000 / (1 + N / 780300), about 2800.
  std::vector<float> many;
  for (int i = 0; i < 2000000; ++i)
    many.push_back(float(i % 1000));
  many.push_back(10000.f);
  r = observedRange(many, options);
  CHECK(r.max > 2500.f);
  CHECK(r.max < 3100.f);
  CHECK(r.min == 0.f);
  // Without outliers MSE keeps (nearly) the whole range.
  std::vector<float> uniform(values.begin(), values.end() - 1);
  r = observedRange(uniform, options);
  CHECK(r.max > 950.f);
  // A constant tensor and NaN/infinity: every method gives the constant; non-finite values are
  // not part of the range.
  const std::vector<float> constant = {3.f, 3.f, NAN, INFINITY};
  for (RangeMethod method : {RangeMethod::kMinMax, RangeMethod::kPercentile, RangeMethod::kMse}) {
    options.method = method;
    r = observedRange(constant, options);
    CHECK(r.min == 3.f);
    CHECK(r.max == 3.f);
  }
}

TEST_CASE("range methods parse from --method", "[quantize]") {
  auto parsed = parseRangeMethod("percentile=99.9");
  REQUIRE(bool(parsed));
  CHECK(parsed->method == RangeMethod::kPercentile);
  CHECK(parsed->percentile == 99.9);
  CHECK(describe(*parsed) == "percentile=99.9");
  parsed = parseRangeMethod("mse");
  REQUIRE(bool(parsed));
  CHECK(parsed->method == RangeMethod::kMse);
  for (const char *bad : {"percentile=0", "percentile=101", "percentile=", "median"}) {
    auto wrong = parseRangeMethod(bad);
    CHECK_FALSE(bool(wrong));
    llvm::consumeError(wrong.takeError());
  }
}
