// FULLY_CONNECTED (litec/ir/ops/FullyConnected.h).

#include "litec/ir/ops/FullyConnected.h"
#include "../KernelSupport.h"

namespace litec::ir::reference {

namespace {
template <typename In, typename Weight, typename Bias>
class FullyConnectedKernel final : public Kernel {
public:
  explicit FullyConnectedKernel(ops::FullyConnectedParams p) : p_(std::move(p)) {}
  llvm::Error run(const TensorViews &t) const override {
    const In *input = t.input<In>(0);
    const Weight *weights = t.input<Weight>(1);
    const Bias *bias = t.hasInput(2) ? t.input<Bias>(2) : nullptr;
    In *output = t.output<In>(0);
    for (int64_t r = 0; r < p_.rows; ++r)
      for (int64_t u = 0; u < p_.units; ++u) {
        const In *row = input + r * p_.depth;
        const Weight *unit = weights + u * p_.depth;
        if constexpr (std::is_same_v<In, float>) {
          float total = 0.f;
          for (int64_t d = 0; d < p_.depth; ++d)
            total += row[d] * unit[d];
          total += bias ? bias[u] : 0.f;
          output[r * p_.units + u] = std::clamp(total, p_.floatRange.min, p_.floatRange.max);
        } else {
          int64_t acc = 0;
          for (int64_t d = 0; d < p_.depth; ++d)
            acc += (int32_t(unit[d]) + p_.weightsOffset) * (int32_t(row[d]) + p_.inputOffset);
          if (bias)
            acc += bias[u];
          output[r * p_.units + u] = quantizedOutput<In>(p_, acc, u);
        }
      }
    return llvm::Error::success();
  }

private:
  ops::FullyConnectedParams p_;
};
} // namespace

llvm::Expected<KernelPtr> prepareFullyConnected(const Op &op) {
  auto prepared = ops::prepareFullyConnected(op);
  if (!prepared)
    return prepared.takeError();
  if (KernelPtr kernel =
          makeWeightedKernel<FullyConnectedKernel>(prepared->types, std::move(prepared->params)))
    return kernel;
  return kernelError("FULLY_CONNECTED kernel for unexpected types");
}

} // namespace litec::ir::reference
