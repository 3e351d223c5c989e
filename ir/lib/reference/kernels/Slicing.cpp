// SLICE and STRIDED_SLICE through their axis gather, and SPLIT, SPLIT_V, PACK, UNPACK as chunk
// moves (litec/ir/ops/Slicing.h); any element type.

#include "litec/ir/ops/Slicing.h"
#include "../KernelSupport.h"

#include <cstring>

namespace litec::ir::reference {

namespace {
// Copies, for every output index in row-major order, the input element at the sum of its
// dimensions' offsets.
class AxisGatherKernel final : public Kernel {
public:
  AxisGatherKernel(ops::AxisGatherParams p, size_t elementSize)
      : p_(std::move(p)), elementSize_(elementSize) {}
  llvm::Error run(const TensorViews &t) const override {
    const uint8_t *in = t.inputBytes(0).data();
    uint8_t *out = t.outputBytes(0).data();
    const Shape outShape(p_.outShape.begin(), p_.outShape.end());
    std::vector<int64_t> index(outShape.size(), 0);
    for (int64_t o = 0; o < p_.count; ++o) {
      int64_t source = 0;
      for (size_t d = 0; d < outShape.size(); ++d)
        source += p_.offsets[size_t(p_.starts[d] + index[d])];
      std::memcpy(out + o * int64_t(elementSize_), in + source * int64_t(elementSize_),
                  elementSize_);
      advanceIndex(index, outShape);
    }
    return llvm::Error::success();
  }

private:
  ops::AxisGatherParams p_;
  size_t elementSize_;
};

class ChunkMove final : public Kernel {
public:
  explicit ChunkMove(ops::PreparedChunks prepared) : prepared_(std::move(prepared)) {}
  llvm::Error run(const TensorViews &t) const override {
    const ops::ChunkParams &p = prepared_.params;
    if (prepared_.split) {
      const uint8_t *in = t.inputBytes(prepared_.dataOperand).data();
      for (int64_t o = 0; o < p.outer; ++o)
        for (size_t i = 0; i < size_t(p.pieces); ++i) {
          copyBytes(t.outputBytes(i).data() + o * p.chunks[i], in, size_t(p.chunks[i]));
          in += p.chunks[i];
        }
    } else {
      uint8_t *out = t.outputBytes(0).data();
      for (int64_t o = 0; o < p.outer; ++o)
        for (size_t i = 0; i < size_t(p.pieces); ++i) {
          copyBytes(out, t.inputBytes(i).data() + o * p.chunks[i], size_t(p.chunks[i]));
          out += p.chunks[i];
        }
    }
    return llvm::Error::success();
  }

private:
  ops::PreparedChunks prepared_;
};
} // namespace

llvm::Expected<KernelPtr> axisGatherKernel(ops::AxisGatherParams p, size_t elementSize) {
  return std::make_unique<AxisGatherKernel>(std::move(p), elementSize);
}

llvm::Expected<KernelPtr> prepareSlicing(const Op &op) {
  if (ops::isChunking(op)) {
    auto prepared = ops::prepareChunks(op);
    if (!prepared)
      return prepared.takeError();
    return std::make_unique<ChunkMove>(std::move(*prepared));
  }
  auto prepared = ops::prepareSlice(op);
  if (!prepared)
    return prepared.takeError();
  return axisGatherKernel(std::move(prepared->params), elementByteSize(prepared->type));
}

} // namespace litec::ir::reference
