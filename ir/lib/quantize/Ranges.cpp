#include "litec/ir/quantize/Ranges.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>

namespace litec::ir::quantize {

llvm::Expected<RangeOptions> parseRangeMethod(std::string_view text) {
  RangeOptions options;
  if (text == "minmax")
    return options;
  if (text == "mse") {
    options.method = RangeMethod::kMse;
    return options;
  }
  constexpr std::string_view kPercentile = "percentile=";
  if (text.starts_with(kPercentile)) {
    const std::string number(text.substr(kPercentile.size()));
    char *end = nullptr;
    const double value = std::strtod(number.c_str(), &end);
    if (!number.empty() && end == number.c_str() + number.size() && value > 0 && value <= 100) {
      options.method = RangeMethod::kPercentile;
      options.percentile = value;
      return options;
    }
  }
  return llvm::createStringError(
      llvm::inconvertibleErrorCode(),
      "unknown range method '%s' (expected minmax, percentile=P with 0 < P <= 100, or mse)",
      std::string(text).c_str());
}

std::string describe(const RangeOptions &options) {
  switch (options.method) {
  case RangeMethod::kMinMax:
    return "minmax";
  case RangeMethod::kPercentile:
    return fmt::format("percentile={}", options.percentile);
  case RangeMethod::kMse:
    return "mse";
  }
  return "";
}

Histogram::Histogram(float min, float max)
    : min_(min), max_(max), width_((max - min) / kBins), counts_(kBins, 0) {}

void Histogram::add(std::span<const float> values) {
  if (counts_.empty())
    return;
  for (const float value : values) {
    if (!std::isfinite(value))
      continue;
    int bin = width_ > 0 ? int((value - min_) / width_) : 0;
    bin = std::clamp(bin, 0, kBins - 1);
    ++counts_[size_t(bin)];
    ++total_;
  }
}

void RangeObserver::observe(std::span<const float> values) {
  for (const float value : values) {
    if (!std::isfinite(value))
      continue;
    if (!seen_) {
      min_ = max_ = value;
      seen_ = true;
    } else {
      min_ = std::min(min_, value);
      max_ = std::max(max_, value);
    }
  }
}

void RangeObserver::startHistogram() {
  histogram_ = Histogram(min_, max_);
}

Range RangeObserver::range(const RangeOptions &options) const {
  if (options.method == RangeMethod::kMinMax || histogram_.total() == 0 || min_ == max_)
    return minMax();
  if (options.method == RangeMethod::kPercentile)
    return percentileRange(histogram_, options.percentile);
  return mseRange(histogram_, options.levels);
}

Range percentileRange(const Histogram &histogram, double percentile) {
  const std::vector<int64_t> &counts = histogram.counts();
  if (histogram.total() == 0)
    return {histogram.min(), histogram.max()};
  // Values each tail may leave out.
  const double tail = double(histogram.total()) * (100.0 - percentile) / 200.0;
  const int bins = int(counts.size());
  int low = 0;
  for (double below = 0; low < bins - 1 && below + double(counts[size_t(low)]) <= tail; ++low)
    below += double(counts[size_t(low)]);
  int high = bins - 1;
  for (double above = 0; high > low && above + double(counts[size_t(high)]) <= tail; --high)
    above += double(counts[size_t(high)]);
  const float width = histogram.binWidth();
  return {histogram.min() + float(low) * width,
          high == bins - 1 ? histogram.max() : histogram.min() + float(high + 1) * width};
}

Range mseRange(const Histogram &histogram, int levels) {
  const Range whole{histogram.min(), histogram.max()};
  if (histogram.total() == 0 || whole.min == whole.max || levels < 2)
    return whole;
  const std::vector<int64_t> &counts = histogram.counts();
  const double width = histogram.binWidth();
  Range best = whole;
  double bestError = std::numeric_limits<double>::infinity();
  for (int percent = 100; percent >= 1; --percent) {
    const double shrink = percent / 100.0;
    // The grid includes zero, as the parameters chosen from this range will.
    const double low = std::min(0.0, double(whole.min) * shrink);
    const double high = std::max(0.0, double(whole.max) * shrink);
    const double step = (high - low) / double(levels - 1);
    const double rounding = step * step / 12.0;
    double error = 0;
    for (size_t bin = 0; bin < counts.size(); ++bin) {
      if (counts[bin] == 0)
        continue;
      const double center = double(whole.min) + (double(bin) + 0.5) * width;
      const double outside = center < low ? low - center : center > high ? center - high : 0.0;
      error += double(counts[bin]) * (outside > 0 ? outside * outside : rounding);
    }
    // Strictly smaller: of equal errors the wider range stays.
    if (error < bestError) {
      bestError = error;
      best = {float(double(whole.min) * shrink), float(double(whole.max) * shrink)};
    }
  }
  return best;
}

} // namespace litec::ir::quantize
