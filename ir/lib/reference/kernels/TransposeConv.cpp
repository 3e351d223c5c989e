// TRANSPOSE_CONV (inputs: output shape, OHWI weights, input, optional bias) and MediaPipe's
// custom Convolution2DTransposeBias (inputs: input, OHWI weights, bias; 12 bytes of options:
// padding as TFLite's C enum (1 SAME, 2 VALID), stride width, stride height). Every input pixel
// scatters its weighted window into the output; padding is derived from the output size the way
// TFLite derives it. float32; TRANSPOSE_CONV also int8 (per-channel weights), 16x8 and uint8.

#include "../KernelSupport.h"

#include <cstring>

namespace litec::ir::reference {

namespace {
struct TransposeGeometry {
  int batches, inH, inW, inC, outH, outW, outC, filterH, filterW;
  int strideH, strideW, padTop, padLeft;
};

// The shapes must be NHWC input and output and OHWI weights that agree on the channels.
llvm::Error checkShapes(const Value &input, const Value &weights, const Value &output,
                        const Value *bias) {
  const Shape &in = input.shape, &w = weights.shape, &out = output.shape;
  if (in.size() != 4 || w.size() != 4 || out.size() != 4 || w[3] != in[3] || out[3] != w[0] ||
      out[0] != in[0] || (bias && elementCount(bias->shape) != w[0]))
    return kernelError(fmt::format("input {}, weights {}, output {} do not fit a transposed "
                                   "convolution",
                                   formatShape(in), formatShape(w), formatShape(out)));
  return llvm::Error::success();
}

TransposeGeometry geometryOf(const Shape &in, const Shape &weights, const Shape &out, bool same,
                             int strideH, int strideW) {
  TransposeGeometry g{};
  g.batches = int(in[0]), g.inH = int(in[1]), g.inW = int(in[2]), g.inC = int(in[3]);
  g.outH = int(out[1]), g.outW = int(out[2]), g.outC = int(out[3]);
  g.filterH = int(weights[1]), g.filterW = int(weights[2]);
  g.strideH = strideH, g.strideW = strideW;
  // TFLite pads as a forward convolution from the output back to the input would.
  auto padding = [&](int outSize, int filter, int stride) {
    const int forwardOut =
        same ? (outSize + stride - 1) / stride : (outSize - filter + stride) / stride;
    return paddingBefore(same, stride, 1, outSize, filter, forwardOut);
  };
  g.padTop = padding(g.outH, g.filterH, strideH);
  g.padLeft = padding(g.outW, g.filterW, strideW);
  return g;
}

// Calls f(inputIndex, weightIndex, outputIndex) for every input element, filter tap and output
// channel whose product lands inside the output: the scatter both kernels accumulate.
template <typename F> void forEachScatter(const TransposeGeometry &g, F &&f) {
  for (int b = 0; b < g.batches; ++b)
    for (int iy = 0; iy < g.inH; ++iy)
      for (int ix = 0; ix < g.inW; ++ix)
        for (int ic = 0; ic < g.inC; ++ic) {
          const int64_t in = ((int64_t(b) * g.inH + iy) * g.inW + ix) * g.inC + ic;
          for (int fy = 0; fy < g.filterH; ++fy) {
            const int oy = iy * g.strideH - g.padTop + fy;
            if (oy < 0 || oy >= g.outH)
              continue;
            for (int fx = 0; fx < g.filterW; ++fx) {
              const int ox = ix * g.strideW - g.padLeft + fx;
              if (ox < 0 || ox >= g.outW)
                continue;
              const int64_t out = ((int64_t(b) * g.outH + oy) * g.outW + ox) * g.outC;
              for (int oc = 0; oc < g.outC; ++oc)
                f(in, ((int64_t(oc) * g.filterH + fy) * g.filterW + fx) * g.inC + ic, out + oc);
            }
          }
        }
}

int64_t outputCount(const TransposeGeometry &g) {
  return int64_t(g.batches) * g.outH * g.outW * g.outC;
}

class FloatTransposeConv final : public Kernel {
public:
  FloatTransposeConv(TransposeGeometry g, size_t inputIndex, size_t weightsIndex, int biasIndex,
                     FloatRange range)
      : g_(g), inputIndex_(inputIndex), weightsIndex_(weightsIndex), biasIndex_(biasIndex),
        range_(range) {}
  llvm::Error run(const TensorViews &t) const override {
    const float *input = t.input<float>(inputIndex_), *weights = t.input<float>(weightsIndex_);
    const float *bias = biasIndex_ >= 0 && t.hasInput(size_t(biasIndex_))
                            ? t.input<float>(size_t(biasIndex_))
                            : nullptr;
    float *output = t.output<float>(0);
    std::fill(output, output + outputCount(g_), 0.f);
    forEachScatter(
        g_, [&](int64_t in, int64_t w, int64_t out) { output[out] += input[in] * weights[w]; });
    for (int64_t i = 0; i < outputCount(g_); ++i)
      output[i] = std::clamp(output[i] + (bias ? bias[i % g_.outC] : 0.f), range_.min, range_.max);
    return llvm::Error::success();
  }

private:
  TransposeGeometry g_;
  size_t inputIndex_, weightsIndex_;
  int biasIndex_;
  FloatRange range_;
};

// The quantised TRANSPOSE_CONV (int8 with per-channel weights, 16x8, uint8): products of
// centred inputs and weights scattered into a wide accumulator, then bias, the channel's
// rescaling, the output zero point and the activation bounds, as TFLite's reference kernels.
template <typename In, typename Bias, typename Out>
class QuantizedTransposeConv final : public Kernel {
public:
  QuantizedTransposeConv(TransposeGeometry g, int32_t inputOffset, int32_t weightsOffset,
                         QuantizedOutputStage stage)
      : g_(g), inputOffset_(inputOffset), weightsOffset_(weightsOffset), stage_(std::move(stage)),
        accumulators_(size_t(outputCount(g))) {}
  llvm::Error run(const TensorViews &t) const override {
    const In *input = t.input<In>(2);
    const WeightTypeFor<In> *weights = t.input<WeightTypeFor<In>>(1);
    const Bias *bias = t.hasInput(3) ? t.input<Bias>(3) : nullptr;
    Out *output = t.output<Out>(0);
    std::fill(accumulators_.begin(), accumulators_.end(), 0);
    forEachScatter(g_, [&](int64_t in, int64_t w, int64_t out) {
      accumulators_[size_t(out)] +=
          (int32_t(weights[w]) + weightsOffset_) * (int32_t(input[in]) + inputOffset_);
    });
    for (int64_t i = 0; i < outputCount(g_); ++i) {
      const int64_t channel = i % g_.outC;
      output[i] = stage_.template apply<Out>(
          accumulators_[size_t(i)] + (bias ? int64_t(bias[channel]) : 0), channel);
    }
    return llvm::Error::success();
  }

private:
  TransposeGeometry g_;
  int32_t inputOffset_, weightsOffset_;
  QuantizedOutputStage stage_;
  // Kernels run one op at a time, so a prepared op may keep its scratch.
  mutable std::vector<int64_t> accumulators_;
};

bool allFloat(const Op &op) {
  for (const Value *v : op.operands)
    if (v && v->type != ElementType::F32 && v->type != ElementType::I32)
      return false;
  return op.results[0]->type == ElementType::F32;
}
} // namespace

llvm::Expected<KernelPtr> prepareTransposeConv(const Op &op) {
  const Value &weights = *op.operands[1], &input = *op.operands[2], &output = *op.results[0];
  const Value *bias = op.operands.size() > 3 ? op.operands[3] : nullptr;
  if (auto error = checkShapes(input, weights, output, bias))
    return error;
  const TransposeGeometry g = geometryOf(
      input.shape, weights.shape, output.shape, isSamePadding(op),
      int(op.attrs.getInt("stride_h").value_or(1)), int(op.attrs.getInt("stride_w").value_or(1)));
  if (allFloat(op) && input.type == ElementType::F32 && weights.type == ElementType::F32) {
    auto range = floatRangeOf(op);
    if (!range)
      return range.takeError();
    return std::make_unique<FloatTransposeConv>(g, 2, 1, 3, *range);
  }
  if (isInteger(input.type) && input.type == output.type &&
      weights.type == weightTypeFor(input.type)) {
    auto stage = quantizedOutputStage(op, input, weights, output, g.outC, 0);
    if (!stage)
      return stage.takeError();
    const ElementType biasType = bias ? bias->type : ElementType::I32;
    if (KernelPtr kernel = makeQuantizedKernel<QuantizedTransposeConv>(
            input.type, biasType, g, -zeroPointOf(input), -zeroPointOf(weights), std::move(*stage)))
      return kernel;
  }
  return unsupported("TRANSPOSE_CONV with types " + typeList(op));
}

llvm::Expected<KernelPtr> prepareConvolution2DTransposeBias(const Op &op) {
  if (op.operands.size() != 3 || !op.operands[0] || !op.operands[1] || !op.operands[2])
    return unsupported("Convolution2DTransposeBias without input, weights and bias");
  if (op.customOptions.size() != 12)
    return kernelError(fmt::format("Convolution2DTransposeBias needs 12 bytes of options, has {}",
                                   op.customOptions.size()));
  int32_t options[3];
  std::memcpy(options, op.customOptions.data(), 12);
  const int32_t padding = options[0], strideW = options[1], strideH = options[2];
  if ((padding != 1 && padding != 2) || strideW <= 0 || strideH <= 0)
    return kernelError(fmt::format("Convolution2DTransposeBias options are invalid: padding {}, "
                                   "strides {}x{}",
                                   padding, strideW, strideH));
  const Value &input = *op.operands[0], &weights = *op.operands[1], &output = *op.results[0];
  if (!allFloat(op))
    return unsupported("Convolution2DTransposeBias with types " + typeList(op));
  if (auto error = checkShapes(input, weights, output, op.operands[2]))
    return error;
  const TransposeGeometry g =
      geometryOf(input.shape, weights.shape, output.shape, padding == 1, strideH, strideW);
  return std::make_unique<FloatTransposeConv>(g, 0, 1, 2, FloatRange{-INFINITY, INFINITY});
}

} // namespace litec::ir::reference
