// RESHAPE, SQUEEZE, EXPAND_DIMS: the same bytes under another shape.

#include "../KernelSupport.h"

#include <cstring>

namespace litec::ir::reference {

namespace {
class ReshapeKernel final : public Kernel {
public:
  llvm::Error run(const TensorViews &t) const override {
    std::span<const uint8_t> in = t.inputBytes(0);
    std::span<uint8_t> out = t.outputBytes(0);
    if (in.size() != out.size())
      return kernelError(fmt::format("input has {} bytes, output {}", in.size(), out.size()));
    if (!in.empty())
      std::memcpy(out.data(), in.data(), in.size());
    return llvm::Error::success();
  }
};
} // namespace

llvm::Expected<KernelPtr> prepareReshape(const Op &op) {
  if (op.operands[0]->type != op.results[0]->type)
    return unsupported("a reshape that changes the element type");
  return std::make_unique<ReshapeKernel>();
}

} // namespace litec::ir::reference
