#pragma once

// Helpers the generic target's layer emitters share: refusals, the bias argument of weighted
// kernels, element literals. TFLite's maths is not here: it is prepared in litec/ir/ops/.

#include "litec/codegen/LayerContext.h"
#include "litec/ir/ops/Convolution.h"
#include "litec/ir/ops/Params.h"
#include "litec/ir/ops/Slicing.h"

#include <llvm/Support/Error.h>

#include <fmt/format.h>

#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace litec::codegen::generic {

inline llvm::Error refuse(const std::string &why) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), why);
}

// A family's check: the generic kernels take every op their preparation accepts.
template <typename Prepared> llvm::Error preparedOrError(llvm::Expected<Prepared> prepared) {
  return prepared ? llvm::Error::success() : prepared.takeError();
}

// Writes an axis gather (SLICE, STRIDED_SLICE, constant MIRROR_PAD): its table and the call.
void emitAxisGather(LayerContext &layer, const ir::ops::AxisGatherParams &params,
                    ir::ElementType type);

// The bias argument of a quantised weighted kernel and its C++ element type: the folded bias
// as a constant table when the preparation offers one (`folded`, with the zero point it
// folds), else the op's bias operand `biasOperand` or a typed null pointer.
struct WeightedBias {
  std::string expression, type;
};
WeightedBias weightedBias(LayerContext &layer, const ir::ops::WeightedTypes &types,
                          size_t biasOperand, const std::vector<int32_t> *folded,
                          int32_t zeroPoint);

// A convolution's result written as a channel slice of a wider tensor (a concatenation's
// operand, placed by the memory plan): sets outPixelStride and notes it.
void placeResult(LayerContext &layer, ir::ops::PreparedConvolution &prepared);
// The layer comment's word on a fused convolution's epilogue, and the kernel's argument for its
// operand (", <residual or slopes>"; "" for none).
std::string epilogueArgument(LayerContext &layer, const ir::ops::ConvolutionParams &p);
// For a SIMD target's convolution kernel: the layer splits across the caller's workers by the
// kernel's `units` (blocks of pixels, or output rows for a depthwise kernel) when it is large
// enough. Returns the kernel's arguments after the output: the epilogue's operand (nullptr
// without one), then the part; just the epilogue's when the layer is not split. A unit is
// `pixelsPerUnit` output pixels in row-major order (outW for a depthwise kernel's rows).
std::string splitConvolution(LayerContext &layer, const ir::ops::ConvolutionParams &p,
                             bool depthwise, int units, int pixelsPerUnit);
// Splits a layer into one part per worker of the caller's parallel-for when its work (multiply-
// accumulates, or elements read) pays for it and it has at least two `units` (rows, blocks of
// pixels, runs of elements; `unitName` says which in the layer's comment). Returns the kernel's
// last argument, ", part", or "" when the layer stays on the calling thread.
std::string splitAcrossWorkers(LayerContext &layer, int64_t work, int units,
                               std::string_view unitName);
// The layer comment's words on how a SIMD target's float GEMM takes the window: "9 taps of 32
// channels", or with row taps (runtime::convolutionRowTaps) "5 filter rows of 15 channels each".
std::string floatGemmTaps(const ir::ops::ConvolutionParams &p);
// For a SIMD target's float GEMM (`target` names it in the refusal): one group, and a constant
// float filter and bias to repack at compile time.
llvm::Error checkRepackableFloatConvolution(const ir::Op &op, const ir::ops::ConvolutionParams &p,
                                            std::string_view target);
// The int8 GEMM and depthwise kernels' limits (every SIMD target's): int8 in and out, symmetric
// int8 weights, an int32 bias or none, all constant, one group, no fused epilogue but the
// residual ADD, the input zero point folded into the bias.
llvm::Error checkInt8Convolution(const ir::Op &op, const ir::ops::PreparedConvolution &prepared,
                                 std::string_view target);
// What those kernels read of a layer they accept: the parameters with the input zero point
// folded into the bias where the preparation offers it (padding then reads the zero point,
// padValue, as the folded sum needs), written as the layer's Params struct, and that bias (the
// op's where nothing was folded; empty for none).
struct Int8Convolution {
  const ir::ops::ConvolutionParams &p;
  std::vector<int32_t> bias;
  const int32_t *biasData() const { return bias.empty() ? nullptr : bias.data(); }
};
Int8Convolution writeInt8Convolution(LayerContext &layer,
                                     const ir::ops::PreparedConvolution &prepared);

// The constant `v` (a filter or bias) as elements of T.
template <typename T> std::vector<T> elementsOf(const ir::Value &v) {
  std::vector<T> out(v.data().size() / sizeof(T));
  if (!out.empty())
    std::memcpy(out.data(), v.data().data(), out.size() * sizeof(T));
  return out;
}

// One element of `type` at `bytes` as a C++ literal ("0.5f", "-3").
std::string elementLiteral(ir::ElementType type, const uint8_t *bytes);

} // namespace litec::codegen::generic
