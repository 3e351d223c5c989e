// DEPTH_TO_SPACE and SPACE_TO_DEPTH (litec/ir/ops/DepthToSpace.h), any element type.

#include "litec/ir/ops/DepthToSpace.h"
#include "../KernelSupport.h"

#include <cstring>

namespace litec::ir::reference {

namespace {
class BlockRearrange final : public Kernel {
public:
  explicit BlockRearrange(ops::PreparedDepthToSpace prepared) : prepared_(prepared) {}
  llvm::Error run(const TensorViews &t) const override {
    const ops::DepthToSpaceParams &p = prepared_.params;
    const int64_t elementSize = int64_t(elementByteSize(prepared_.type));
    const uint8_t *in = t.inputBytes(0).data();
    uint8_t *out = t.outputBytes(0).data();
    for (int64_t b = 0; b < p.batches; ++b)
      for (int64_t y = 0; y < p.wideH; ++y)
        for (int64_t x = 0; x < p.wideW; ++x)
          for (int64_t c = 0; c < p.wideC; ++c) {
            const int64_t wideIndex = ((b * p.wideH + y) * p.wideW + x) * p.wideC + c;
            const int64_t depth = ((y % p.block) * p.block + (x % p.block)) * p.wideC + c;
            const int64_t deepIndex =
                ((b * p.deepH + y / p.block) * p.deepW + x / p.block) * p.deepC + depth;
            const int64_t from = prepared_.toSpace ? deepIndex : wideIndex;
            const int64_t to = prepared_.toSpace ? wideIndex : deepIndex;
            std::memcpy(out + to * elementSize, in + from * elementSize, size_t(elementSize));
          }
    return llvm::Error::success();
  }

private:
  ops::PreparedDepthToSpace prepared_;
};
} // namespace

llvm::Expected<KernelPtr> prepareDepthToSpace(const Op &op) {
  auto prepared = ops::prepareDepthToSpace(op);
  if (!prepared)
    return prepared.takeError();
  return std::make_unique<BlockRearrange>(*prepared);
}

} // namespace litec::ir::reference
