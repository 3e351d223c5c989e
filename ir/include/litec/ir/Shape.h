#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace litec::ir {

// A static tensor shape. Dimensions are non-negative; rank 0 is a scalar.
using Shape = std::vector<int64_t>;

// a * b, or nullopt on overflow. Model files are untrusted, so every product of dimensions
// taken from one goes through this (or saturatingMul) instead of a bare `*`.
std::optional<int64_t> checkedMul(int64_t a, int64_t b);
// a * b and a + b clamped to the int64 range: for statistics (MACs, byte totals) that must
// never overflow however hostile the shapes.
int64_t saturatingMul(int64_t a, int64_t b);
int64_t saturatingAdd(int64_t a, int64_t b);

// The element count, or nullopt if it does not fit in int64.
std::optional<int64_t> elementCount(const Shape &shape);

// An axis counted from the back when negative, as TFLite's axis attributes and operands allow;
// the caller has checked that it lies in [-rank, rank).
int64_t normalizedAxis(int64_t axis, size_t rank);

// The product of dimensions [from, to) (clamped to the rank; 1 when empty): the outer or inner
// extent around an axis. For shapes the verifier has accepted.
int64_t dimensionProduct(const Shape &shape, size_t from, size_t to);

// Row-major strides, in elements.
std::vector<int64_t> rowMajorStrides(const Shape &shape);

// Strides, in elements, for reading `shape` broadcast to `out` (aligned from the right, as
// TFLite broadcasts): 0 where a dimension of 1 repeats along `out`.
std::vector<int64_t> broadcastStrides(const Shape &shape, const Shape &out);

// The output size TFLite gives a window op (convolution, pooling) along one axis: SAME,
// ceil(in / stride); VALID, the positions where the dilated filter fits. Not positive when the
// window does not fit. The one place this formula is written.
int64_t windowOutputSize(bool same, int64_t in, int64_t filter, int64_t stride, int64_t dilation);

// The padding of a window op along one axis, before and after the data.
struct AxisPadding {
  int64_t before = 0, after = 0;
  bool operator==(const AxisPadding &) const = default;
};
// TFLite's SAME padding for an output of `out`: the total the windows overhang the input,
// half before (the odd pixel goes after). The one place this formula is written.
AxisPadding samePadding(int64_t in, int64_t filter, int64_t stride, int64_t dilation, int64_t out);
// The output size with explicit padding (litec's, from pad folding): the positions where the
// dilated filter fits in the padded axis; not positive when it does not fit.
int64_t paddedWindowOutputSize(int64_t in, AxisPadding padding, int64_t filter, int64_t stride,
                               int64_t dilation);

// "1x224x224x3", "" for a scalar. `dynamic` marks dimensions printed as '?'.
std::string formatShape(const Shape &shape, const std::vector<bool> &dynamic = {});

// TFLite's broadcasting: dimensions are aligned from the right and each pair must be equal
// or contain a 1. Returns nullopt if the shapes are not broadcast-compatible.
std::optional<Shape> broadcastShapes(const Shape &lhs, const Shape &rhs);

} // namespace litec::ir
