// MIRROR_PAD, any element type: REFLECT mirrors without repeating the border element,
// SYMMETRIC repeats it. Padding amounts are read when the op runs.

#include "../KernelSupport.h"

#include <cstring>

namespace litec::ir::reference {

namespace {
class MirrorPadKernel final : public Kernel {
public:
  MirrorPadKernel(Shape in, Shape out, size_t elementSize, bool symmetric)
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
        int64_t i = index[d] - before[d];
        const int64_t n = in_[d];
        // Reflect across the edges: REFLECT maps -1 to 1, SYMMETRIC maps -1 to 0.
        if (i < 0)
          i = symmetric_ ? -i - 1 : -i;
        else if (i >= n)
          i = symmetric_ ? 2 * n - i - 1 : 2 * n - i - 2;
        if (i < 0 || i >= n)
          return kernelError(
              fmt::format("padding of dimension {} is larger than the mirror allows", d));
        source += i * strides[d];
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
  const Value &input = *op.operands[0], &output = *op.results[0];
  if (output.shape.size() != input.shape.size() ||
      elementCount(op.operands[1]->shape).value_or(0) != int64_t(2 * input.shape.size()))
    return kernelError("paddings must be a [rank, 2] tensor and keep the rank");
  if (input.type != output.type)
    return unsupported("MIRROR_PAD with types " + typeList(op));
  const EnumAttr *mode = op.attrs.getEnum("mode");
  return std::make_unique<MirrorPadKernel>(input.shape, output.shape, elementByteSize(input.type),
                                           mode && mode->valueName == "SYMMETRIC");
}

} // namespace litec::ir::reference
