// CONCATENATION (litec/ir/ops/Concatenation.h): inputs copied byte for byte, uint8 inputs
// quantised differently rescaled as TFLite's ConcatenationWithScaling.

#include "litec/ir/ops/Concatenation.h"
#include "../KernelSupport.h"

#include <cmath>
#include <cstring>

namespace litec::ir::reference {

namespace {
class ConcatenationKernel final : public Kernel {
public:
  explicit ConcatenationKernel(ops::PreparedConcatenation prepared)
      : prepared_(std::move(prepared)) {}
  llvm::Error run(const TensorViews &t) const override {
    const ops::ConcatenationParams &p = prepared_.params;
    const int64_t elementSize = int64_t(elementByteSize(prepared_.type));
    uint8_t *out = t.outputBytes(0).data();
    for (int64_t o = 0; o < p.outer; ++o)
      for (size_t i = 0; i < size_t(p.inputs); ++i) {
        const int64_t bytes = p.widths[i] * elementSize;
        if (bytes == 0)
          continue;
        const uint8_t *in = t.inputBytes(i).data() + o * bytes;
        if (prepared_.rescaled() && p.rescale[i])
          for (int64_t j = 0; j < bytes; ++j) {
            const int32_t value =
                int32_t(std::round(float(in[j]) * p.scales[i] + p.biases[i])) + p.outputZeroPoint;
            out[j] = uint8_t(std::clamp(value, 0, 255));
          }
        else
          copyBytes(out, in, size_t(bytes));
        out += bytes;
      }
    return llvm::Error::success();
  }

private:
  ops::PreparedConcatenation prepared_;
};
} // namespace

llvm::Expected<KernelPtr> prepareConcatenation(const Op &op) {
  auto prepared = ops::prepareConcatenation(op);
  if (!prepared)
    return prepared.takeError();
  return std::make_unique<ConcatenationKernel>(std::move(*prepared));
}

} // namespace litec::ir::reference
