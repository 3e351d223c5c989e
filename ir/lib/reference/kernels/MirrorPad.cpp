// MIRROR_PAD (litec/ir/ops/MirrorPad.h): with constant paddings through the prepared axis
// gather; otherwise the paddings are read when the op runs.

#include "litec/ir/ops/MirrorPad.h"
#include "../KernelSupport.h"

#include <cstring>

namespace litec::ir::reference {

namespace {
class RuntimeMirrorPad final : public Kernel {
public:
  RuntimeMirrorPad(Shape in, Shape out, size_t elementSize, bool symmetric)
      : in_(std::move(in)), out_(std::move(out)), elementSize_(elementSize), symmetric_(symmetric) {
  }
  llvm::Error run(const TensorViews &t) const override {
    const std::vector<int64_t> before = paddingsBefore(t, 1, in_.size());
    const uint8_t *in = t.inputBytes(0).data();
    uint8_t *out = t.outputBytes(0).data();
    const std::vector<int64_t> strides = rowMajorStrides(in_);
    const int64_t count = elementCount(out_).value_or(0);
    std::vector<int64_t> index(out_.size(), 0);
    for (int64_t o = 0; o < count; ++o) {
      int64_t source = 0;
      for (size_t d = 0; d < out_.size(); ++d) {
        const auto i = ops::mirrorSource(index[d], before[d], in_[d], symmetric_);
        if (!i)
          return kernelError(
              fmt::format("padding of dimension {} is larger than the mirror allows", d));
        source += *i * strides[d];
      }
      std::memcpy(out + o * int64_t(elementSize_), in + source * int64_t(elementSize_),
                  elementSize_);
      advanceIndex(index, out_);
    }
    return llvm::Error::success();
  }

private:
  Shape in_, out_;
  size_t elementSize_;
  bool symmetric_;
};
} // namespace

llvm::Expected<KernelPtr> prepareMirrorPad(const Op &op) {
  auto prepared = ops::prepareMirrorPad(op);
  if (!prepared)
    return prepared.takeError();
  const size_t elementSize = elementByteSize(prepared->type);
  if (prepared->constantPaddings)
    return axisGatherKernel(std::move(prepared->params), elementSize);
  return std::make_unique<RuntimeMirrorPad>(op.operands[0]->shape, op.results[0]->shape,
                                            elementSize, prepared->symmetric);
}

} // namespace litec::ir::reference
