#pragma once

// Helpers shared by the reference kernels: parameter reading, padding, quantisation
// parameters, index arithmetic. Each kernel file holds one operator family.

#include "litec/ir/QuantizationMath.h"
#include "litec/ir/ShapeInference.h"
#include "litec/ir/ops/Params.h"
#include "litec/ir/ops/Slicing.h"
#include "litec/ir/reference/Kernel.h"
#include "litec/runtime/FixedPoint.h"

#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <type_traits>
#include <vector>

namespace litec::ir::reference {

inline llvm::Error kernelError(const std::string &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

// "i8 input with f32 weights is not supported" style refusals at preparation time.
inline llvm::Error unsupported(const std::string &what) {
  return kernelError(what + " is not supported by the reference interpreter");
}

inline std::string typeList(const Op &op) {
  std::string text;
  for (const Value *v : op.operands)
    text += (text.empty() ? "" : ", ") + std::string(v ? elementTypeName(v->type) : "none");
  text += " -> ";
  for (size_t i = 0; i < op.results.size(); ++i)
    text += (i ? ", " : "") + std::string(elementTypeName(op.results[i]->type));
  return text;
}

inline std::string activationOf(const Op &op) {
  const EnumAttr *e = op.attrs.getEnum("fused_activation_function");
  return e ? e->valueName : "NONE";
}

inline float scaleOf(const Value &v) {
  return v.quant.scales.empty() ? 1.f : v.quant.scales[0];
}
inline int32_t zeroPointOf(const Value &v) {
  return v.quant.zeroPoints.empty() ? 0 : static_cast<int32_t>(v.quant.zeroPoints[0]);
}

// Offset of padding before the data along one dimension, as TFLite computes it: half the total
// (the odd pixel goes after).
inline int paddingBefore(bool same, int stride, int dilation, int in, int filter, int out) {
  if (!same)
    return 0;
  int effective = (filter - 1) * dilation + 1;
  int total = (out - 1) * stride + effective - in;
  return std::max(total, 0) / 2;
}

inline bool isSamePadding(const Op &op) {
  const EnumAttr *padding = op.attrs.getEnum("padding");
  return !padding || padding->valueName == "SAME";
}

// Strides, dilations and the padding before the data of a 2-D window op (convolutions,
// pooling), from its attributes and the NHWC input and output shapes.
struct SpatialWindow {
  int strideH, strideW, dilationH, dilationW, padTop, padLeft;

  static SpatialWindow of(const Op &op, const Shape &in, const Shape &out, int filterH,
                          int filterW) {
    SpatialWindow w{};
    w.strideH = int(op.attrs.getInt("stride_h").value_or(1));
    w.strideW = int(op.attrs.getInt("stride_w").value_or(1));
    w.dilationH = int(op.attrs.getInt("dilation_h_factor").value_or(1));
    w.dilationW = int(op.attrs.getInt("dilation_w_factor").value_or(1));
    const bool same = isSamePadding(op);
    w.padTop = paddingBefore(same, w.strideH, w.dilationH, int(in[1]), filterH, int(out[1]));
    w.padLeft = paddingBefore(same, w.strideW, w.dilationW, int(in[2]), filterW, int(out[2]));
    return w;
  }

  // Visits the filter taps of output position (outY, outX) that fall inside an inH x inW
  // input, as f(filterY, filterX, inputY, inputX); padding contributes nothing.
  template <typename F>
  void forEachTap(int outY, int outX, int inH, int inW, int filterH, int filterW, F &&f) const {
    const int inY0 = outY * strideH - padTop, inX0 = outX * strideW - padLeft;
    for (int fy = 0; fy < filterH; ++fy) {
      const int inY = inY0 + fy * dilationH;
      if (inY < 0 || inY >= inH)
        continue;
      for (int fx = 0; fx < filterW; ++fx) {
        const int inX = inX0 + fx * dilationW;
        if (inX >= 0 && inX < inW)
          f(fy, fx, inY, inX);
      }
    }
  }
};

// The bounds of the op's fused activation on a float or quantised output, or an error for
// activations TFLite's kernels do not fuse.
inline llvm::Expected<FloatRange> floatRangeOf(const Op &op) {
  FloatRange range;
  if (!floatActivationRange(activationOf(op), &range))
    return kernelError("fused activation " + activationOf(op) +
                       " is not supported by the reference interpreter");
  return range;
}
inline llvm::Expected<IntRange> intRangeOf(const Op &op, const Value &output) {
  IntRange range;
  if (!quantizedActivationRange(activationOf(op), scaleOf(output), zeroPointOf(output), output.type,
                                &range))
    return kernelError("fused activation " + activationOf(op) +
                       " is not supported by the reference interpreter");
  return range;
}

// Steps a multi-dimensional index to the next element of `shape` in row-major order (back to
// all zeros after the last).
inline void advanceIndex(std::vector<int64_t> &index, const Shape &shape) {
  for (size_t d = shape.size(); d-- > 0;) {
    if (++index[d] < shape[d])
      return;
    index[d] = 0;
  }
}

// Calls f(outIndex, lhsIndex, rhsIndex) for every element of a broadcast binary op.
template <typename F>
void forEachBroadcast(const Shape &lhs, const Shape &rhs, const Shape &out, F &&f) {
  const std::vector<int64_t> ls = broadcastStrides(lhs, out), rs = broadcastStrides(rhs, out);
  const int64_t count = elementCount(out).value_or(0);
  std::vector<int64_t> index(out.size(), 0);
  int64_t li = 0, ri = 0;
  for (int64_t o = 0; o < count; ++o) {
    f(o, li, ri);
    for (size_t d = out.size(); d-- > 0;) {
      ++index[d];
      li += ls[d];
      ri += rs[d];
      if (index[d] < out[d])
        break;
      li -= ls[d] * out[d];
      ri -= rs[d] * out[d];
      index[d] = 0;
    }
  }
}

// Quantised kernels need scales on every tensor they rescale: a model without them is refused
// when the interpreter is created, not read out of bounds when it runs.
inline llvm::Error requireQuantized(const Value &value, const char *what) {
  if (!value.quant.isQuantized())
    return kernelError(fmt::format("the {} %{} has no quantisation parameters", what, value.id));
  return llvm::Error::success();
}

// Multipliers input_scale * weight_scale[c] / output_scale, in double as TFLite computes them:
// one per output channel for per-channel weights (quantised along `channelAxis`), else one.
inline llvm::Expected<std::vector<QuantizedMultiplier>>
channelMultipliers(const Value &input, const Value &weights, const Value &output, int64_t channels,
                   int32_t channelAxis) {
  for (auto [value, what] :
       {std::pair{&input, "input"}, std::pair{&weights, "weights"}, std::pair{&output, "output"}})
    if (auto error = requireQuantized(*value, what))
      return error;
  const Quantization &q = weights.quant;
  if (q.isPerChannel() &&
      (q.axis != channelAxis || static_cast<int64_t>(q.scales.size()) != channels))
    return kernelError(fmt::format("per-channel weights must have {} scales along dimension {}, "
                                   "have {} along {}",
                                   channels, channelAxis, q.scales.size(), q.axis));
  std::vector<QuantizedMultiplier> out;
  const int64_t count = q.isPerChannel() ? channels : 1;
  for (int64_t c = 0; c < count; ++c)
    out.push_back(quantizeMultiplier(double(scaleOf(input)) * double(q.scales[size_t(c)]) /
                                     double(scaleOf(output))));
  return out;
}

// Integer kernels accumulate in int64 and wrap to int32 where TFLite's int32 accumulator would
// be read: the same result wherever TFLite's sum does not overflow, and defined (modular)
// behaviour on hostile weights where it would.
inline int32_t wrapToInt32(int64_t value) {
  return static_cast<int32_t>(static_cast<uint64_t>(value));
}

template <typename T> T clampTo(int32_t value, IntRange range) {
  return static_cast<T>(std::clamp(value, range.min, range.max));
}

// Weights of quantised kernels: uint8 models have uint8 (asymmetric) weights, int8 and int16
// models int8 (symmetric) weights.
template <typename In>
using WeightTypeFor = std::conditional_t<std::is_same_v<In, uint8_t>, uint8_t, int8_t>;
inline ElementType weightTypeFor(ElementType input) {
  return input == ElementType::U8 ? ElementType::U8 : ElementType::I8;
}

// The OutputStage (litec/ir/ops/Params.h) of a weighted kernel's parameters p applied to an
// accumulator: channel c's rescaling, the output zero point, the bounds. 8-bit outputs take
// TFLite's int32 accumulator (wrapped) and 32-bit rescaling, int16 outputs its int64 ones.
template <typename Out, class P> Out quantizedOutput(const P &p, int64_t acc, int64_t channel) {
  const QuantizedMultiplier &m = p.multipliers[p.perChannel ? size_t(channel) : 0];
  const int32_t scaled =
      sizeof(Out) == 1
          ? runtime::multiplyByQuantizedMultiplier(wrapToInt32(acc), m.multiplier, m.shift)
          : runtime::multiplyByQuantizedMultiplierWide(acc, m.multiplier, m.shift);
  return clampTo<Out>(scaled + p.outputOffset, p.outputRange);
}

// K<Input, Weight, Bias> for the element types of a weighted op (ops::weightedTypes); the
// output has the input's type. nullptr for any other combination.
template <template <typename, typename, typename> class K, typename... Args>
KernelPtr makeWeightedKernel(const ops::WeightedTypes &t, Args &&...args) {
  if (t.isFloat)
    return std::make_unique<K<float, float, float>>(std::forward<Args>(args)...);
  if (t.input == ElementType::I8 && t.bias == ElementType::I32)
    return std::make_unique<K<int8_t, int8_t, int32_t>>(std::forward<Args>(args)...);
  if (t.input == ElementType::U8 && t.bias == ElementType::I32)
    return std::make_unique<K<uint8_t, uint8_t, int32_t>>(std::forward<Args>(args)...);
  if (t.input == ElementType::I16 && t.bias == ElementType::I64)
    return std::make_unique<K<int16_t, int8_t, int64_t>>(std::forward<Args>(args)...);
  if (t.input == ElementType::I16 && t.bias == ElementType::I32)
    return std::make_unique<K<int16_t, int8_t, int32_t>>(std::forward<Args>(args)...);
  return nullptr;
}

// How every quantised convolution-like kernel ends: the accumulator rescaled by its channel's
// multiplier, moved to the output zero point and clamped to the activation bounds. int8 outputs
// take TFLite's int32 accumulator and rescaling; int16 outputs (16x8 kernels) its int64 ones.
struct QuantizedOutputStage {
  std::vector<QuantizedMultiplier> multipliers; // one per output channel, or one for all
  int32_t outputOffset = 0;
  IntRange range{};

  template <typename Out> Out apply(int64_t acc, int64_t channel) const {
    const QuantizedMultiplier &m = multipliers[multipliers.size() == 1 ? 0 : channel];
    const int32_t scaled =
        sizeof(Out) == 1
            ? runtime::multiplyByQuantizedMultiplier(wrapToInt32(acc), m.multiplier, m.shift)
            : runtime::multiplyByQuantizedMultiplierWide(acc, m.multiplier, m.shift);
    return clampTo<Out>(scaled + outputOffset, range);
  }
};

inline llvm::Expected<QuantizedOutputStage>
quantizedOutputStage(const Op &op, const Value &input, const Value &weights, const Value &output,
                     int64_t channels, int32_t channelAxis) {
  auto multipliers = channelMultipliers(input, weights, output, channels, channelAxis);
  if (!multipliers)
    return multipliers.takeError();
  auto range = intRangeOf(op, output);
  if (!range)
    return range.takeError();
  return QuantizedOutputStage{std::move(*multipliers), zeroPointOf(output), *range};
}

// A broadcasting quantised binary op (MUL, DIV): operand shapes, the offsets that centre each
// operand on its zero point, the output zero point, the rescaling multiplier and the bounds.
struct QuantizedBinary {
  Shape a, b, out;
  int32_t aOffset, bOffset, outOffset;
  QuantizedMultiplier multiplier;
  IntRange range;
};

inline QuantizedBinary quantizedBinary(const Value &a, const Value &b, const Value &out,
                                       QuantizedMultiplier multiplier, IntRange range) {
  return {a.shape,         b.shape,          out.shape,  -zeroPointOf(a),
          -zeroPointOf(b), zeroPointOf(out), multiplier, range};
}

// The padding before the data in each dimension, from a [rank, 2] int32 or int64 tensor read
// when the op runs (PAD, PADV2, MIRROR_PAD).
inline std::vector<int64_t> paddingsBefore(const TensorViews &t, size_t operand, size_t rank) {
  const bool wide = t.inputBytes(operand).size() == rank * 2 * 8;
  std::vector<int64_t> before(rank);
  for (size_t d = 0; d < rank; ++d)
    before[d] = wide ? t.input<int64_t>(operand)[2 * d] : t.input<int32_t>(operand)[2 * d];
  return before;
}

// Instantiates Kernel<Input, Bias, Output> for the quantised combinations TFLite runs: int8
// and uint8 with int32 bias, 16x8 with int64 or int32 bias. nullptr for any other.
template <template <typename, typename, typename> class K, typename... Args>
KernelPtr makeQuantizedKernel(ElementType input, ElementType bias, Args &&...args) {
  if (input == ElementType::I8 && bias == ElementType::I32)
    return std::make_unique<K<int8_t, int32_t, int8_t>>(std::forward<Args>(args)...);
  if (input == ElementType::U8 && bias == ElementType::I32)
    return std::make_unique<K<uint8_t, int32_t, uint8_t>>(std::forward<Args>(args)...);
  if (input == ElementType::I16 && bias == ElementType::I64)
    return std::make_unique<K<int16_t, int64_t, int16_t>>(std::forward<Args>(args)...);
  if (input == ElementType::I16 && bias == ElementType::I32)
    return std::make_unique<K<int16_t, int32_t, int16_t>>(std::forward<Args>(args)...);
  return nullptr;
}

// K<T> for the C++ type T of a numeric element type (float, the integers); nullptr for any other.
template <template <typename> class K, typename... Args>
KernelPtr makeForType(ElementType type, Args &&...args) {
  switch (type) {
  case ElementType::F32:
    return std::make_unique<K<float>>(std::forward<Args>(args)...);
  case ElementType::I8:
    return std::make_unique<K<int8_t>>(std::forward<Args>(args)...);
  case ElementType::U8:
    return std::make_unique<K<uint8_t>>(std::forward<Args>(args)...);
  case ElementType::I16:
    return std::make_unique<K<int16_t>>(std::forward<Args>(args)...);
  case ElementType::I32:
    return std::make_unique<K<int32_t>>(std::forward<Args>(args)...);
  case ElementType::I64:
    return std::make_unique<K<int64_t>>(std::forward<Args>(args)...);
  default:
    return nullptr;
  }
}

// Kernels whose every output is a sum of input x filter products (convolution, depthwise
// convolution). The geometry says which: forEachOutput(g, f) calls f(outIndex, outChannel,
// taps) for each output element, and taps(tap) visits the in-bounds products as
// tap(inputIndex, filterIndex).
template <typename Geometry> class FloatTapSum final : public Kernel {
public:
  FloatTapSum(Geometry g, FloatRange range) : g_(g), range_(range) {}
  llvm::Error run(const TensorViews &t) const override {
    const float *input = t.input<float>(0), *filter = t.input<float>(1);
    const float *bias = t.hasInput(2) ? t.input<float>(2) : nullptr;
    float *output = t.output<float>(0);
    forEachOutput(g_, [&](int out, int oc, auto &&taps) {
      float total = 0.f;
      taps([&](int in, int f) { total += input[in] * filter[f]; });
      total += bias ? bias[oc] : 0.f;
      output[out] = std::clamp(total, range_.min, range_.max);
    });
    return llvm::Error::success();
  }

private:
  Geometry g_;
  FloatRange range_;
};

// int8, uint8 (asymmetric weights) and 16x8 (int16 activations, int8 weights, int64 bias).
template <typename Geometry, typename In, typename Bias, typename Out>
class QuantizedTapSum final : public Kernel {
public:
  using Weight = WeightTypeFor<In>;
  QuantizedTapSum(Geometry g, int32_t inputOffset, int32_t filterOffset, QuantizedOutputStage stage)
      : g_(g), inputOffset_(inputOffset), filterOffset_(filterOffset), stage_(std::move(stage)) {}
  llvm::Error run(const TensorViews &t) const override {
    const In *input = t.input<In>(0);
    const Weight *filter = t.input<Weight>(1);
    const Bias *bias = t.hasInput(2) ? t.input<Bias>(2) : nullptr;
    Out *output = t.output<Out>(0);
    forEachOutput(g_, [&](int out, int oc, auto &&taps) {
      int64_t acc = 0;
      taps([&](int in, int f) {
        acc += (int32_t(filter[f]) + filterOffset_) * (int32_t(input[in]) + inputOffset_);
      });
      if (bias)
        acc += bias[oc];
      output[out] = stage_.template apply<Out>(acc, oc);
    });
    return llvm::Error::success();
  }

private:
  Geometry g_;
  int32_t inputOffset_, filterOffset_;
  QuantizedOutputStage stage_;
};

// Prepares a kernel with weights (CONV_2D, DEPTHWISE_CONV_2D, FULLY_CONNECTED): FloatK for
// float32, QuantK<In, Bias, Out> for the quantised combinations; both take the op's geometry.
template <typename FloatK, template <typename, typename, typename> class QuantK, typename Geometry>
llvm::Expected<KernelPtr> prepareWeightedKernel(const Op &op, const Geometry &g, int64_t channels,
                                                int32_t channelAxis) {
  const Value &input = *op.operands[0], &weights = *op.operands[1], &output = *op.results[0];
  if (input.type == ElementType::F32 && weights.type == ElementType::F32 &&
      output.type == ElementType::F32) {
    auto range = floatRangeOf(op);
    if (!range)
      return range.takeError();
    return std::make_unique<FloatK>(g, *range);
  }
  const ElementType biasType =
      op.operands.size() > 2 && op.operands[2] ? op.operands[2]->type : ElementType::I32;
  if (isInteger(input.type) && input.type == output.type &&
      weights.type == weightTypeFor(input.type)) {
    auto stage = quantizedOutputStage(op, input, weights, output, channels, channelAxis);
    if (!stage)
      return stage.takeError();
    if (KernelPtr kernel = makeQuantizedKernel<QuantK>(input.type, biasType, g, -zeroPointOf(input),
                                                       -zeroPointOf(weights), std::move(*stage)))
      return kernel;
  }
  return unsupported(std::string(opKindInfo(op.kind).name) + " with types " + typeList(op));
}

// Kernels of every family, registered in KernelRegistry.cpp.
llvm::Expected<KernelPtr> prepareConvolution(const Op &op);
llvm::Expected<KernelPtr> prepareFullyConnected(const Op &op);
llvm::Expected<KernelPtr> preparePool2D(const Op &op);
llvm::Expected<KernelPtr> prepareSoftmax(const Op &op);
llvm::Expected<KernelPtr> prepareCopy(const Op &op);
llvm::Expected<KernelPtr> preparePad(const Op &op);
llvm::Expected<KernelPtr> prepareReduce(const Op &op);
llvm::Expected<KernelPtr> prepareTranspose(const Op &op);
llvm::Expected<KernelPtr> prepareQuantize(const Op &op);
llvm::Expected<KernelPtr> prepareDequantize(const Op &op);
llvm::Expected<KernelPtr> prepareSvdf(const Op &op);
llvm::Expected<KernelPtr> prepareConcatenation(const Op &op);
llvm::Expected<KernelPtr> prepareResizeBilinear(const Op &op);
llvm::Expected<KernelPtr> prepareDensify(const Op &op);
llvm::Expected<KernelPtr> prepareBlockRearrange(const Op &op);
llvm::Expected<KernelPtr> prepareTransposeConvolution(const Op &op);
llvm::Expected<KernelPtr> prepareBinary(const Op &op);
llvm::Expected<KernelPtr> prepareUnary(const Op &op);
llvm::Expected<KernelPtr> prepareActivation(const Op &op);
llvm::Expected<KernelPtr> prepareSlice(const Op &op);
llvm::Expected<KernelPtr> prepareSplitOrPack(const Op &op);
llvm::Expected<KernelPtr> prepareGather(const Op &op);
llvm::Expected<KernelPtr> prepareCast(const Op &op);
llvm::Expected<KernelPtr> prepareArgMinMax(const Op &op);
llvm::Expected<KernelPtr> prepareMirrorPad(const Op &op);
llvm::Expected<KernelPtr> prepareResizeNearestNeighbor(const Op &op);
llvm::Expected<KernelPtr> prepareBatchMatMul(const Op &op);
llvm::Expected<KernelPtr> prepareLstm(const Op &op);
// The kernel of SLICE, STRIDED_SLICE and constant MIRROR_PAD (Slicing.cpp).
llvm::Expected<KernelPtr> axisGatherKernel(ops::AxisGatherParams p, size_t elementSize);

} // namespace litec::ir::reference
