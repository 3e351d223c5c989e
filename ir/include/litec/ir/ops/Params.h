#pragma once

// Prepared parameters: for each operator family, a struct of what its kernels read (shapes,
// strides, padding, bounds, multipliers) and one prepare function that does every acceptance
// check and all of TFLite's maths for an op, as TFLite Micro's Prepare/OpData and XNNPACK's
// microparams-init do. The reference interpreter's kernels run from these structs; each code
// generation target writes them into the generated code as compile-time constants (through the
// structs' visit(), which names every field) and only decides how to compute. This header holds
// what the families share.

#include "litec/ir/Graph.h"
#include "litec/ir/OpOptions.h"
#include "litec/ir/QuantizationMath.h"

#include <llvm/Support/Error.h>

#include <optional>
#include <string>
#include <vector>

namespace litec::ir::ops {

// Lists a field of a parameter struct in its visit():
//   template <typename V> void visit(V &&visitor) const { LITEC_PARAM(batches); ... }
// A field's name in generated code and in kernel templates is its name here.
#define LITEC_PARAM(field) visitor(#field, field)

// An op litec does not run: "<what> is not supported".
llvm::Error unsupported(const std::string &what);
// Any other reason an op cannot be prepared.
llvm::Error invalid(const std::string &what);

// "f32, f32 -> f32": an op's operand and result types, for messages.
std::string typeList(const Op &op);
// The op's name as messages give it ("CONV_2D").
std::string opName(const Op &op);

// Per-tensor quantisation (the first scale and zero point; 1 and 0 when the tensor has none).
float scaleOf(const Value &value);
int32_t zeroPointOf(const Value &value);
// Quantised kernels need scales on every tensor they rescale: a model without them is refused
// at preparation, not read out of bounds when it runs.
llvm::Error requireQuantized(const Value &value, const char *what);

// The elements of a constant int32 or int64 tensor; nullopt when `value` is not one.
std::optional<std::vector<int64_t>> constantInts(const Value *value);

// Whether every operand and result of the op has `type` (absent operands ignored).
bool allOfType(const Op &op, ElementType type);

// The padding TFLite puts before the data along one axis of a window op: for SAME, half of the
// total (the odd pixel goes after); none for VALID. The one place this formula is written.
int32_t paddingBefore(options::Padding padding, int32_t stride, int32_t dilation, int32_t in,
                      int32_t filter, int32_t out);

// The NHWC sizes of an op that maps each output pixel to a window of input pixels with the
// channels kept (pooling, resizing); their parameter structs derive from it.
struct ImageGeometry {
  int32_t batches, inH, inW, channels, outH, outW;

  template <typename V> void visit(V &&visitor) const {
    LITEC_PARAM(batches);
    LITEC_PARAM(inH);
    LITEC_PARAM(inW);
    LITEC_PARAM(channels);
    LITEC_PARAM(outH);
    LITEC_PARAM(outW);
  }
};
// Sets the sizes from 4-D shapes (checked by the caller).
void setImageGeometry(ImageGeometry &p, const Shape &in, const Shape &out);

// The NHWC sizes of a 2-D convolution (plain, depthwise or transposed) with an OHWI or 1HWO
// filter; the parameter structs of those families derive from it.
struct WindowGeometry {
  int32_t batches, inH, inW, inC, outH, outW, outC, filterH, filterW;

  template <typename V> void visit(V &&visitor) const {
    LITEC_PARAM(batches);
    LITEC_PARAM(inH);
    LITEC_PARAM(inW);
    LITEC_PARAM(inC);
    LITEC_PARAM(outH);
    LITEC_PARAM(outW);
    LITEC_PARAM(outC);
    LITEC_PARAM(filterH);
    LITEC_PARAM(filterW);
  }
};
// Where a window op's windows stand on its input: steps between windows and the padding before
// the data (the padding after follows from the sizes).
struct WindowPlacement {
  int32_t strideH, strideW, padTop, padLeft;

  template <typename V> void visit(V &&visitor) const {
    LITEC_PARAM(strideH);
    LITEC_PARAM(strideW);
    LITEC_PARAM(padTop);
    LITEC_PARAM(padLeft);
  }
};
// Sets the strides and the padding before the data from the op's window (explicit padding or
// SAME/VALID) for the input, filter and output sizes.
void placeWindow(WindowPlacement &p, const SpatialWindow &window, int32_t inH, int32_t inW,
                 int32_t filterH, int32_t filterW, int32_t outH, int32_t outW);
// Sets the sizes from 4-D shapes (checked by the caller).
void setWindowGeometry(WindowGeometry &p, const Shape &in, const Shape &filter, const Shape &out);

// The op's fused activation: its options' fused_activation_function, NONE for an op whose
// options have none; an error when the attribute is there with another type.
llvm::Expected<options::ActivationFunctionType> fusedActivationOf(const Op &op);

// The bounds of a fused activation on a float output, or on a quantised `output` (TFLite's
// CalculateActivationRangeQuantized); an error for activations TFLite's kernels do not fuse.
llvm::Expected<FloatRange> floatActivation(options::ActivationFunctionType activation);
llvm::Expected<IntRange> quantizedActivation(options::ActivationFunctionType activation,
                                             const Value &output);
// The full range of the output's integer type (no activation).
IntRange fullRange(const Value &output);

// How every weighted kernel accumulates and ends (convolutions, fully connected, matrix
// products). Float: the sum clamped to the fused activation's floatRange. Quantised: products
// of (input + inputOffset) and (weight + weightsOffset), the offsets minus the zero points; the
// accumulator rescaled by its channel's multiplier input_scale * weight_scale[c] / output_scale
// (in double, as TFLite; one multiplier for per-tensor weights), moved to the output zero point
// and clamped to the activation's bounds. The parameter structs of those families derive from
// it.
struct OutputStage {
  FloatRange floatRange;
  int32_t inputOffset, weightsOffset;
  std::vector<QuantizedMultiplier> multipliers;
  bool perChannel;
  int32_t outputOffset;
  IntRange outputRange;

  template <typename V> void visit(V &&visitor) const {
    LITEC_PARAM(floatRange);
    LITEC_PARAM(inputOffset);
    LITEC_PARAM(weightsOffset);
    LITEC_PARAM(multipliers);
    LITEC_PARAM(perChannel);
    LITEC_PARAM(outputOffset);
    LITEC_PARAM(outputRange);
  }
};
// For a float op, the activation's float bounds; for a quantised one, the offsets and the
// rescaling for weights quantised per channel along `channelAxis` (`channels` of them) or per
// tensor.
llvm::Expected<OutputStage> outputStage(bool isFloat, options::ActivationFunctionType activation,
                                        const Value &input, const Value &weights,
                                        const Value &output, int64_t channels, int32_t channelAxis);
// Moves a stage into a parameter struct derived from OutputStage.
inline void setOutputStage(OutputStage &p, OutputStage stage) {
  p = std::move(stage);
}

// The element types of an op with weights (CONV_2D, DEPTHWISE_CONV_2D, FULLY_CONNECTED,
// TRANSPOSE_CONV): the input, the weights and the optional bias at the operand indices given.
// TFLite's combinations: float32 throughout; int8 input and weights with int32 bias; uint8 input
// and weights with int32 bias; 16x8 (int16 input, int8 weights, int64 or int32 bias). The output
// has the input's type.
struct WeightedTypes {
  ElementType input, weights, bias, output; // bias: int32 for a quantised op without one
  bool hasBias;
  bool isFloat;
};
struct WeightedOperands {
  size_t input = 0, weights = 1, bias = 2;
};
llvm::Expected<WeightedTypes> weightedTypes(const Op &op, WeightedOperands operands = {});

// A prepared weighted op (convolution, fully connected): its parameters, its types and, for
// int8 with constant symmetric weights, a constant bias (or none) and a non-zero input zero
// point, the same op with the zero point folded into `foldedBias` (inputOffset 0), which saves a
// subtraction per product.
template <class Params> struct PreparedWeighted {
  Params params;
  WeightedTypes types;
  std::optional<Params> folded;
  std::vector<int32_t> foldedBias;
};

// The bias of a weighted op (input, weights, bias at operands 0, 1, 2) with the input zero
// point folded in: bias[c] - z_in * (sum of channel c's weights), wrapped to int32 as TFLite's
// int32 accumulator wraps, so that sum_k w (x - z_in) + bias = sum_k w x + folded[c]. For an
// int8 input with a non-zero zero point, constant symmetric int8 weights and a constant int32
// bias (or none); channelOf(i) is the output channel of flat weight index i. nullopt when the
// op is not of that kind.
std::optional<std::vector<int32_t>>
foldInputZeroPoint(const Op &op, const WeightedTypes &types, int64_t channels,
                   int64_t (*channelOf)(const Shape &weights, int64_t index));

} // namespace litec::ir::ops
