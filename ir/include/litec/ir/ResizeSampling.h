#pragma once

// TFLite's coordinate mapping for RESIZE_BILINEAR and RESIZE_NEAREST_NEIGHBOR along one axis
// (align_corners, half_pixel_centers and the clamping at the borders included), shared by the
// reference interpreter and code generation.

#include <cstdint>
#include <vector>

namespace litec::ir {

// The two input rows (or columns) an output row (or column) blends, and the weight of the
// second: a float fraction, or for the integer kernels a fraction of 2^10 pixels.
template <typename Weight> struct ResizeSample {
  int lower, upper;
  Weight fraction;
};

// float32 and uint8 kernels: coordinates in float.
std::vector<ResizeSample<float>> floatResizeSamples(int64_t in, int64_t out, bool alignCorners,
                                                    bool halfPixelCenters);

// int8 and int16 kernels: coordinates in 2^-10 pixels, divisions truncating toward zero as
// TFLite's (with half-pixel centres the first coordinate is negative: lower 0, weight above one).
std::vector<ResizeSample<int64_t>> fixedResizeSamples(int64_t in, int64_t out, bool alignCorners,
                                                      bool halfPixelCenters);

// RESIZE_NEAREST_NEIGHBOR: the input index each output index copies.
std::vector<int> nearestResizeSources(int64_t in, int64_t out, bool alignCorners,
                                      bool halfPixelCenters);

} // namespace litec::ir
