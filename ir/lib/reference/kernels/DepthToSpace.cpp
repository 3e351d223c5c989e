// DEPTH_TO_SPACE and SPACE_TO_DEPTH on NHWC, any element type: depth block d = (by * block + bx)
// * C_out + c moves to spatial offset (by, bx).

#include "../KernelSupport.h"

#include <cstring>

namespace litec::ir::reference {

namespace {
class BlockRearrange final : public Kernel {
public:
  // Shapes are the deep (few pixels) and the wide (many pixels) sides of the rearrangement.
  BlockRearrange(Shape deep, Shape wide, int block, size_t elementSize, bool toSpace)
      : deep_(std::move(deep)), wide_(std::move(wide)), block_(block), elementSize_(elementSize),
        toSpace_(toSpace) {}
  llvm::Error run(const TensorViews &t) const override {
    const uint8_t *in = t.inputBytes(0).data();
    uint8_t *out = t.outputBytes(0).data();
    const int64_t batches = wide_[0], wideH = wide_[1], wideW = wide_[2], wideC = wide_[3];
    const int64_t deepH = deep_[1], deepW = deep_[2], deepC = deep_[3];
    for (int64_t b = 0; b < batches; ++b)
      for (int64_t y = 0; y < wideH; ++y)
        for (int64_t x = 0; x < wideW; ++x)
          for (int64_t c = 0; c < wideC; ++c) {
            const int64_t wideIndex = ((b * wideH + y) * wideW + x) * wideC + c;
            const int64_t depth = ((y % block_) * block_ + (x % block_)) * wideC + c;
            const int64_t deepIndex =
                ((b * deepH + y / block_) * deepW + x / block_) * deepC + depth;
            const int64_t from = toSpace_ ? deepIndex : wideIndex;
            const int64_t to = toSpace_ ? wideIndex : deepIndex;
            std::memcpy(out + to * int64_t(elementSize_), in + from * int64_t(elementSize_),
                        elementSize_);
          }
    return llvm::Error::success();
  }

private:
  Shape deep_, wide_;
  int block_;
  size_t elementSize_;
  bool toSpace_;
};
} // namespace

llvm::Expected<KernelPtr> prepareBlockRearrange(const Op &op) {
  const Value &input = *op.operands[0], &output = *op.results[0];
  if (input.type != output.type || input.shape.size() != 4)
    return unsupported("a block rearrangement with types " + typeList(op));
  const int block = int(op.attrs.getInt("block_size").value_or(1));
  const bool toSpace = op.kind == OpKind::DEPTH_TO_SPACE;
  return std::make_unique<BlockRearrange>(toSpace ? input.shape : output.shape,
                                          toSpace ? output.shape : input.shape, block,
                                          elementByteSize(input.type), toSpace);
}

} // namespace litec::ir::reference
