// FULLY_CONNECTED: out[b, u] = sum_d in[b, d] * w[u, d] + bias[u], the input flattened into
// rows of the weights' depth. float32, and int8 with per-tensor or per-channel int8 weights.

#include "../KernelSupport.h"

namespace litec::ir::reference {

namespace {
struct FcGeometry {
  int64_t rows, units, depth;
};

class FloatFullyConnected final : public Kernel {
public:
  FloatFullyConnected(FcGeometry g, FloatRange range) : g_(g), range_(range) {}
  llvm::Error run(const TensorViews &t) const override {
    const float *input = t.input<float>(0), *weights = t.input<float>(1);
    const float *bias = t.hasInput(2) ? t.input<float>(2) : nullptr;
    float *output = t.output<float>(0);
    for (int64_t r = 0; r < g_.rows; ++r)
      for (int64_t u = 0; u < g_.units; ++u) {
        float total = 0.f;
        for (int64_t d = 0; d < g_.depth; ++d)
          total += input[r * g_.depth + d] * weights[u * g_.depth + d];
        total += bias ? bias[u] : 0.f;
        output[r * g_.units + u] = std::clamp(total, range_.min, range_.max);
      }
    return llvm::Error::success();
  }

private:
  FcGeometry g_;
  FloatRange range_;
};

template <typename In, typename Bias, typename Out>
class QuantizedFullyConnected final : public Kernel {
public:
  QuantizedFullyConnected(FcGeometry g, int32_t inputOffset, int32_t weightsOffset,
                          QuantizedOutputStage stage)
      : g_(g), inputOffset_(inputOffset), weightsOffset_(weightsOffset), stage_(std::move(stage)) {}
  llvm::Error run(const TensorViews &t) const override {
    const In *input = t.input<In>(0);
    const WeightTypeFor<In> *weights = t.input<WeightTypeFor<In>>(1);
    const Bias *bias = t.hasInput(2) ? t.input<Bias>(2) : nullptr;
    Out *output = t.output<Out>(0);
    for (int64_t r = 0; r < g_.rows; ++r)
      for (int64_t u = 0; u < g_.units; ++u) {
        int64_t acc = 0;
        for (int64_t d = 0; d < g_.depth; ++d)
          acc += (int32_t(weights[u * g_.depth + d]) + weightsOffset_) *
                 (int32_t(input[r * g_.depth + d]) + inputOffset_);
        if (bias)
          acc += bias[u];
        output[r * g_.units + u] = stage_.template apply<Out>(acc, u);
      }
    return llvm::Error::success();
  }

private:
  FcGeometry g_;
  int32_t inputOffset_, weightsOffset_;
  QuantizedOutputStage stage_;
};
} // namespace

llvm::Expected<KernelPtr> prepareFullyConnected(const Op &op) {
  const Value &input = *op.operands[0], &weights = *op.operands[1];
  if (const EnumAttr *format = op.attrs.getEnum("weights_format");
      format && format->valueName != "DEFAULT")
    return unsupported("weights_format " + format->valueName);
  FcGeometry g{0, weights.shape[0], weights.shape[1]};
  g.rows = elementCount(input.shape).value_or(0) / std::max<int64_t>(g.depth, 1);
  return prepareWeightedKernel<FloatFullyConnected, QuantizedFullyConnected>(op, g, g.units, 0);
}

} // namespace litec::ir::reference
