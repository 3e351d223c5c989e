#pragma once

// What post-training quantisation calibrates: each float tensor's range over the calibration
// inputs, and from it the range the int8 (or int16) grid covers. Three ways, as the issue and
// the usual PTQ tools offer them: the whole range seen (min/max, TFLite's converter), the range
// holding a percentile of the values, or the range whose quantisation error (rounding inside,
// clipping outside) is the smallest over a histogram of the values.

#include <llvm/Support/Error.h>

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace litec::ir::quantize {

struct Range {
  float min = 0.f, max = 0.f;
};

enum class RangeMethod { kMinMax, kPercentile, kMse };

struct RangeOptions {
  RangeMethod method = RangeMethod::kMinMax;
  // kPercentile: the share of the values (in percent, (0, 100]) the range holds; the rest is
  // split evenly between the two tails.
  double percentile = 99.99;
  // kMse: the levels of the integer grid the range is cut into (256 for int8).
  int levels = 256;
};

// "minmax", "percentile=P" or "mse", as `litec quantize --method` takes it.
llvm::Expected<RangeOptions> parseRangeMethod(std::string_view text);
std::string describe(const RangeOptions &options);

// Counts of values in kBins equal bins over [min, max] of the values seen in a first pass.
class Histogram {
public:
  static constexpr int kBins = 2048;
  Histogram() = default;
  Histogram(float min, float max);

  void add(std::span<const float> values);
  float min() const { return min_; }
  float max() const { return max_; }
  float binWidth() const { return width_; }
  const std::vector<int64_t> &counts() const { return counts_; }
  int64_t total() const { return total_; }

private:
  float min_ = 0.f, max_ = 0.f, width_ = 0.f;
  std::vector<int64_t> counts_;
  int64_t total_ = 0;
};

// One tensor's calibration: min/max over every value seen (NaN and infinities left out: a
// float model's range is finite), and for the histogram methods a second pass that fills a
// histogram over that range.
class RangeObserver {
public:
  void observe(std::span<const float> values);
  bool seen() const { return seen_; }
  Range minMax() const { return {min_, max_}; }
  // Starts the second pass (after every input has been observed once).
  void startHistogram();
  void observeHistogram(std::span<const float> values) { histogram_.add(values); }
  // The range to quantise by `options` (min/max without a histogram).
  Range range(const RangeOptions &options) const;

private:
  float min_ = 0.f, max_ = 0.f;
  bool seen_ = false;
  Histogram histogram_;
};

// The smallest range that holds `percentile` percent of the histogram's values, the rest split
// evenly between the tails; bin edges, so it never cuts inside a bin.
Range percentileRange(const Histogram &histogram, double percentile);
// The range, among the histogram's whole range shrunk toward zero in 1 % steps (both ends
// alike, down to 1 %), whose expected squared quantisation error on the histogram's values is
// the smallest: each value inside costs the grid's rounding error (step^2 / 12), each value
// outside its distance to the nearer end squared. The grid is affine over `levels` levels and
// includes zero, as asymmetricParameters makes it.
Range mseRange(const Histogram &histogram, int levels);

} // namespace litec::ir::quantize
