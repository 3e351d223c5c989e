// TRANSPOSE: output dimension i is input dimension perm[i]. Any element type, any rank.

#include "../KernelSupport.h"

#include <cstring>

namespace litec::ir::reference {

namespace {
class TransposeKernel final : public Kernel {
public:
  TransposeKernel(Shape out, std::vector<int64_t> sourceStrides, size_t elementSize)
      : out_(std::move(out)), sourceStrides_(std::move(sourceStrides)), elementSize_(elementSize) {}
  llvm::Error run(const TensorViews &t) const override {
    const uint8_t *input = t.inputBytes(0).data();
    uint8_t *output = t.outputBytes(0).data();
    const int64_t count = elementCount(out_).value_or(0);
    std::vector<int64_t> index(out_.size(), 0);
    int64_t source = 0;
    for (int64_t o = 0; o < count; ++o) {
      std::memcpy(output + o * elementSize_, input + source * elementSize_, elementSize_);
      for (size_t d = out_.size(); d-- > 0;) {
        source += sourceStrides_[d];
        if (++index[d] < out_[d])
          break;
        source -= sourceStrides_[d] * out_[d];
        index[d] = 0;
      }
    }
    return llvm::Error::success();
  }

private:
  Shape out_;
  std::vector<int64_t> sourceStrides_; // input stride of each output dimension
  size_t elementSize_;
};
} // namespace

llvm::Expected<KernelPtr> prepareTranspose(const Op &op) {
  const Value &input = *op.operands[0];
  std::optional<std::vector<int64_t>> perm = constantInts(op.operands[1]);
  if (!perm)
    return unsupported("TRANSPOSE with a permutation that is not constant");
  const std::vector<int64_t> inStrides = rowMajorStrides(input.shape);
  std::vector<int64_t> sourceStrides;
  for (int64_t p : *perm)
    sourceStrides.push_back(inStrides[size_t(normalizedAxis(p, input.shape.size()))]);
  return std::make_unique<TransposeKernel>(op.results[0]->shape, std::move(sourceStrides),
                                           elementByteSize(input.type));
}

} // namespace litec::ir::reference
