#pragma once

// RESIZE_BILINEAR (float32, uint8 with TFLite's float formula; int8 and int16 in 10-bit fixed
// point, as TFLite's integer kernel) and RESIZE_NEAREST_NEIGHBOR (any type) on NHWC: which
// input rows and columns each output row and column reads, with TFLite's coordinate mapping
// (align_corners, half_pixel_centers and the clamping at the borders), worked out once.

#include "litec/ir/ops/Params.h"

#include <vector>

namespace litec::ir::ops {

struct ResizeParams : ImageGeometry {
  // Bilinear: the two rows (columns) an output row (column) blends and the second's weight.
  std::vector<int32_t> rowLower, rowUpper, columnLower, columnUpper;
  std::vector<float> rowFraction, columnFraction;             // float and uint8
  std::vector<int64_t> rowFixedFraction, columnFixedFraction; // int8, int16: 2^-10 pixels
  // Nearest: the input row (column) each output row (column) copies.
  std::vector<int32_t> ySource, xSource;

  template <typename V> void visit(V &&visitor) const {
    ImageGeometry::visit(visitor);
    LITEC_PARAM(rowLower);
    LITEC_PARAM(rowUpper);
    LITEC_PARAM(columnLower);
    LITEC_PARAM(columnUpper);
    LITEC_PARAM(rowFraction);
    LITEC_PARAM(columnFraction);
    LITEC_PARAM(rowFixedFraction);
    LITEC_PARAM(columnFixedFraction);
    LITEC_PARAM(ySource);
    LITEC_PARAM(xSource);
  }
};

enum class ResizeKind { Nearest, FloatBilinear, FixedBilinear };

struct PreparedResize {
  ResizeParams params;
  ResizeKind kind;
  ElementType type;
};

llvm::Expected<PreparedResize> prepareResize(const Op &op);

} // namespace litec::ir::ops
