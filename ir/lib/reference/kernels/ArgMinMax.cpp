// ARG_MAX and ARG_MIN (litec/ir/ops/ArgMinMax.h): the first index wins ties.

#include "litec/ir/ops/ArgMinMax.h"
#include "../KernelSupport.h"

namespace litec::ir::reference {

namespace {
template <typename Index> class ArgKernel final : public Kernel {
public:
  explicit ArgKernel(ops::PreparedArgMinMax prepared) : prepared_(prepared) {}
  llvm::Error run(const TensorViews &t) const override {
    const ops::ArgMinMaxParams &p = prepared_.params;
    const uint8_t *in = t.inputBytes(0).data();
    Index *out = t.output<Index>(0);
    for (int64_t o = 0; o < p.outer; ++o)
      for (int64_t i = 0; i < p.inner; ++i) {
        int64_t best = 0;
        double bestValue = loadAsDouble(in, prepared_.type, o * p.axisSize * p.inner + i);
        for (int64_t a = 1; a < p.axisSize; ++a) {
          const double v = loadAsDouble(in, prepared_.type, (o * p.axisSize + a) * p.inner + i);
          if (prepared_.isMax ? v > bestValue : v < bestValue)
            best = a, bestValue = v;
        }
        out[o * p.inner + i] = static_cast<Index>(best);
      }
    return llvm::Error::success();
  }

private:
  ops::PreparedArgMinMax prepared_;
};
} // namespace

llvm::Expected<KernelPtr> prepareArgMinMax(const Op &op) {
  auto prepared = ops::prepareArgMinMax(op);
  if (!prepared)
    return prepared.takeError();
  if (prepared->indexType == ElementType::I64)
    return std::make_unique<ArgKernel<int64_t>>(*prepared);
  return std::make_unique<ArgKernel<int32_t>>(*prepared);
}

} // namespace litec::ir::reference
