#include "litec/ir/ops/Resize.h"

#include "litec/ir/ResizeSampling.h"

#include <fmt/format.h>

#include <algorithm>

namespace litec::ir::ops {

namespace {
template <typename Weight, typename Fraction>
void split(const std::vector<ResizeSample<Weight>> &samples, std::vector<int32_t> &lower,
           std::vector<int32_t> &upper, std::vector<Fraction> &fraction) {
  for (const ResizeSample<Weight> &s : samples) {
    lower.push_back(s.lower);
    upper.push_back(s.upper);
    fraction.push_back(s.fraction);
  }
}

// The bilinear rows and columns `sampler` gives (floatResizeSamples or fixedResizeSamples).
template <typename Sampler, typename Fraction>
void setSamples(ResizeParams &p, Sampler sampler, bool alignCorners, bool halfPixelCenters,
                std::vector<Fraction> &rowFraction, std::vector<Fraction> &columnFraction) {
  split(sampler(p.inH, p.outH, alignCorners, halfPixelCenters), p.rowLower, p.rowUpper,
        rowFraction);
  split(sampler(p.inW, p.outW, alignCorners, halfPixelCenters), p.columnLower, p.columnUpper,
        columnFraction);
}
} // namespace

llvm::Expected<PreparedResize> prepareResize(const Op &op) {
  const bool nearest = op.kind == OpKind::RESIZE_NEAREST_NEIGHBOR;
  if (!nearest && op.kind != OpKind::RESIZE_BILINEAR)
    return invalid("not a resize op");
  if (op.operands.empty() || !op.operands[0] || op.results.size() != 1)
    return invalid("a resize needs an input and one result");
  const Value &input = *op.operands[0], &output = *op.results[0];
  const std::string name = opName(op);
  if (input.type != output.type || input.shape.size() != 4 || output.shape.size() != 4 ||
      input.shape[0] != output.shape[0] || input.shape[3] != output.shape[3])
    return unsupported(name + " with types " + typeList(op));
  bool alignCorners = false, halfPixelCenters = false;
  if (nearest) {
    auto options = optionsOf<options::ResizeNearestNeighborOptions>(op);
    if (!options)
      return options.takeError();
    alignCorners = options->align_corners;
    halfPixelCenters = options->half_pixel_centers;
  } else {
    auto options = optionsOf<options::ResizeBilinearOptions>(op);
    if (!options)
      return options.takeError();
    alignCorners = options->align_corners;
    halfPixelCenters = options->half_pixel_centers;
  }
  PreparedResize prepared{};
  ResizeParams &p = prepared.params;
  setImageGeometry(p, input.shape, output.shape);
  prepared.type = input.type;
  if (nearest) {
    prepared.kind = ResizeKind::Nearest;
    for (int source : nearestResizeSources(p.inH, p.outH, alignCorners, halfPixelCenters))
      p.ySource.push_back(source);
    for (int source : nearestResizeSources(p.inW, p.outW, alignCorners, halfPixelCenters))
      p.xSource.push_back(source);
    return prepared;
  }
  using T = ElementType;
  if (input.type != T::F32 && input.type != T::I8 && input.type != T::I16 && input.type != T::U8)
    return unsupported(name + " with types " + typeList(op));
  if (input.type == T::I8 || input.type == T::I16) {
    // Coordinates in 2^-10 pixels must fit int32, as they do in TFLite's kernel.
    constexpr int64_t kLargestSide = (int64_t(INT32_MAX) >> 10) / 2;
    if (std::max({p.inH, p.inW, p.outH, p.outW}) > kLargestSide)
      return unsupported(fmt::format("integer RESIZE_BILINEAR with a side above {}", kLargestSide));
    prepared.kind = ResizeKind::FixedBilinear;
    setSamples(p, fixedResizeSamples, alignCorners, halfPixelCenters, p.rowFixedFraction,
               p.columnFixedFraction);
    return prepared;
  }
  prepared.kind = ResizeKind::FloatBilinear;
  setSamples(p, floatResizeSamples, alignCorners, halfPixelCenters, p.rowFraction,
             p.columnFraction);
  return prepared;
}

} // namespace litec::ir::ops
