// PAD and PADV2 (litec/ir/ops/Pad.h): paddings and PADV2's value that are not constant are read
// when the op runs.

#include "litec/ir/ops/Pad.h"
#include "../KernelSupport.h"

#include <cstring>

namespace litec::ir::reference {

namespace {
class PadKernel final : public Kernel {
public:
  explicit PadKernel(ops::PreparedPad prepared) : prepared_(std::move(prepared)) {}
  llvm::Error run(const TensorViews &t) const override {
    const ops::PadParams &p = prepared_.params;
    const size_t elementSize = elementByteSize(prepared_.type);
    std::span<const uint8_t> input = t.inputBytes(0);
    std::span<uint8_t> output = t.outputBytes(0);
    const std::vector<int64_t> before = prepared_.constantPaddings()
                                            ? std::vector<int64_t>(p.before.begin(), p.before.end())
                                            : paddingsBefore(t, 1, size_t(p.rank));
    const uint8_t *value =
        prepared_.padValue.empty() ? t.inputBytes(2).data() : prepared_.padValue.data();
    const Shape in(p.inShape.begin(), p.inShape.end()), out(p.outShape.begin(), p.outShape.end());
    const std::vector<int64_t> inStrides = rowMajorStrides(in);
    std::vector<int64_t> index(out.size(), 0);
    for (int64_t o = 0; o < p.outCount; ++o) {
      int64_t source = 0;
      bool inside = true;
      for (size_t d = 0; d < out.size() && inside; ++d) {
        const int64_t i = index[d] - before[d];
        inside = i >= 0 && i < in[d];
        source += i * inStrides[d];
      }
      std::memcpy(output.data() + o * elementSize,
                  inside ? input.data() + source * elementSize : value, elementSize);
      advanceIndex(index, out);
    }
    return llvm::Error::success();
  }

private:
  ops::PreparedPad prepared_;
};
} // namespace

llvm::Expected<KernelPtr> preparePad(const Op &op) {
  auto prepared = ops::preparePad(op);
  if (!prepared)
    return prepared.takeError();
  return std::make_unique<PadKernel>(std::move(*prepared));
}

} // namespace litec::ir::reference
