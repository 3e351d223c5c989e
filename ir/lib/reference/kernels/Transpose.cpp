// TRANSPOSE (litec/ir/ops/Transpose.h), any element type.

#include "litec/ir/ops/Transpose.h"
#include "../KernelSupport.h"

#include <cstring>

namespace litec::ir::reference {

namespace {
class TransposeKernel final : public Kernel {
public:
  explicit TransposeKernel(ops::PreparedTranspose prepared) : prepared_(std::move(prepared)) {}
  llvm::Error run(const TensorViews &t) const override {
    const ops::TransposeParams &p = prepared_.params;
    const size_t elementSize = elementByteSize(prepared_.type);
    const uint8_t *input = t.inputBytes(0).data();
    uint8_t *output = t.outputBytes(0).data();
    std::vector<int64_t> index(size_t(p.rank), 0);
    int64_t source = 0;
    for (int64_t o = 0; o < p.count; ++o) {
      std::memcpy(output + o * elementSize, input + source * elementSize, elementSize);
      for (size_t d = size_t(p.rank); d-- > 0;) {
        source += p.inStrides[d];
        if (++index[d] < p.outShape[d])
          break;
        source -= int64_t(p.inStrides[d]) * p.outShape[d];
        index[d] = 0;
      }
    }
    return llvm::Error::success();
  }

private:
  ops::PreparedTranspose prepared_;
};
} // namespace

llvm::Expected<KernelPtr> prepareTranspose(const Op &op) {
  auto prepared = ops::prepareTranspose(op);
  if (!prepared)
    return prepared.takeError();
  return std::make_unique<TransposeKernel>(std::move(*prepared));
}

} // namespace litec::ir::reference
