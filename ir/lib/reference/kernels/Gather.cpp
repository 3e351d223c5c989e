// GATHER (litec/ir/ops/Gather.h): indices checked when the op runs.

#include "litec/ir/ops/Gather.h"
#include "../KernelSupport.h"

#include <cstring>

namespace litec::ir::reference {

namespace {
class GatherKernel final : public Kernel {
public:
  explicit GatherKernel(ops::PreparedGather prepared) : prepared_(prepared) {}
  llvm::Error run(const TensorViews &t) const override {
    const ops::GatherParams &p = prepared_.params;
    const bool wide = prepared_.indexType == ElementType::I64;
    const uint8_t *params = t.inputBytes(0).data();
    uint8_t *out = t.outputBytes(0).data();
    const int64_t chunk = p.inner * int64_t(elementByteSize(prepared_.type));
    for (int64_t b = 0; b < p.batches; ++b)
      for (int64_t o = 0; o < p.outer; ++o)
        for (int64_t k = 0; k < p.coords; ++k) {
          const int64_t at = b * p.coords + k;
          const int64_t index = wide ? t.input<int64_t>(1)[at] : t.input<int32_t>(1)[at];
          if (index < 0 || index >= p.axisSize)
            return kernelError(fmt::format("index {} is outside [0, {})", index, p.axisSize));
          copyBytes(out + ((b * p.outer + o) * p.coords + k) * chunk,
                    params + ((b * p.outer + o) * p.axisSize + index) * chunk, size_t(chunk));
        }
    return llvm::Error::success();
  }

private:
  ops::PreparedGather prepared_;
};
} // namespace

llvm::Expected<KernelPtr> prepareGather(const Op &op) {
  auto prepared = ops::prepareGather(op);
  if (!prepared)
    return prepared.takeError();
  return std::make_unique<GatherKernel>(*prepared);
}

} // namespace litec::ir::reference
