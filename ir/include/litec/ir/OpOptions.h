#pragma once

// An op's options, typed: optionsOf<options::Conv2DOptions>(op) gives the fields of the op's
// options table with the schema's names and types (litec/ir/Options.h, generated from the
// schema), or an error naming the op and the attribute that is missing or wrong. MediaPipe's
// custom options are decoded here, once.

#include "litec/ir/Graph.h"
#include "litec/ir/Options.h"

#include <fmt/format.h>

#include <array>
#include <optional>
#include <string_view>

namespace litec::ir {

template <typename T> llvm::Expected<T> optionsOf(const Op &op) {
  const OpKindInfo &info = opKindInfo(op.kind);
  if (info.optionsTable != T::kTable)
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        fmt::format("{} carries {}, not {}", info.name,
                    info.optionsTable.empty() ? "no options" : info.optionsTable, T::kTable));
  return options::readOptions<T>(op.attrs);
}

// litec's own attribute of a window op: explicit padding [top, bottom, left, right], set where
// pad folding (the pass fold-pads) took a PAD into the op. It replaces the options' padding
// (SAME or VALID, left as it was); a .tflite file cannot carry it.
inline constexpr std::string_view kExplicitPaddingAttr = "explicit_padding";

// The sliding window of CONV_2D, DEPTHWISE_CONV_2D and the 2-D pools (AVERAGE, MAX, L2), read
// from whichever options table the op carries. Convolutions have no filter size in their
// options (it is the filter's shape): filterW and filterH are 0 for them; pools do not dilate.
struct SpatialWindow {
  options::Padding padding;
  int32_t strideW, strideH, dilationW, dilationH, filterW, filterH;
  options::ActivationFunctionType activation;
  std::optional<std::array<int64_t, 4>> explicitPadding; // top, bottom, left, right

  // Along the height (axis 0) or the width (axis 1).
  int64_t strideAlong(int axis) const { return axis == 0 ? strideH : strideW; }
  int64_t dilationAlong(int axis) const { return axis == 0 ? dilationH : dilationW; }

  // The padding along the height (axis 0) or the width (axis 1) of an input of `in` with a
  // filter of `filter` and an output of `out` (SAME padding follows from the three).
  AxisPadding paddingAlong(int axis, int64_t in, int64_t filter, int64_t out) const;
  // The output size along the height (axis 0) or the width (axis 1); not positive when the
  // window does not fit.
  int64_t outputSizeAlong(int axis, int64_t in, int64_t filter) const;
};
llvm::Expected<SpatialWindow> spatialWindowOf(const Op &op);
// Whether ops of `kind` have a SpatialWindow (and so may carry explicit padding).
bool hasSpatialWindow(OpKind kind);

// DEPTH_TO_SPACE's or SPACE_TO_DEPTH's block_size.
llvm::Expected<int32_t> blockSizeOf(const Op &op);

// MediaPipe's Convolution2DTransposeBias: three int32 in its custom options, TFLite's C padding
// enum (1 SAME, 2 VALID) and the strides.
struct Convolution2DTransposeBiasOptions {
  options::Padding padding;
  int32_t stride_w, stride_h;
};
llvm::Expected<Convolution2DTransposeBiasOptions> convolution2DTransposeBiasOptions(const Op &op);

} // namespace litec::ir
