// PAD and PADV2: any element type, any rank. The padding value is PADV2's constant operand, or
// for PAD zero (the output's zero point when it is quantised).

#include "../KernelSupport.h"

#include <cstring>

namespace litec::ir::reference {

namespace {
class PadKernel final : public Kernel {
public:
  PadKernel(Shape in, Shape out, size_t elementSize, std::vector<uint8_t> padValue)
      : in_(std::move(in)), out_(std::move(out)), elementSize_(elementSize),
        padValue_(std::move(padValue)) {}
  llvm::Error run(const TensorViews &t) const override {
    std::span<const uint8_t> input = t.inputBytes(0);
    std::span<uint8_t> output = t.outputBytes(0);
    // Paddings are read when the op runs: they need not be constant.
    const std::vector<int64_t> before = paddingsBefore(t, 1, in_.size());
    const std::optional<std::vector<uint8_t>> value = padValueFrom(t);
    const int64_t count = elementCount(out_).value_or(0);
    const std::vector<int64_t> inStrides = rowMajorStrides(in_);
    std::vector<int64_t> index(out_.size(), 0);
    for (int64_t o = 0; o < count; ++o) {
      int64_t source = 0;
      bool inside = true;
      for (size_t d = 0; d < out_.size() && inside; ++d) {
        int64_t i = index[d] - before[d];
        inside = i >= 0 && i < in_[d];
        source += i * inStrides[d];
      }
      std::memcpy(output.data() + o * elementSize_,
                  inside ? input.data() + source * elementSize_ : value->data(), elementSize_);
      advanceIndex(index, out_);
    }
    return llvm::Error::success();
  }

private:
  std::optional<std::vector<uint8_t>> padValueFrom(const TensorViews &t) const {
    if (!padValue_.empty())
      return padValue_;
    std::span<const uint8_t> bytes = t.inputBytes(2);
    return std::vector<uint8_t>(bytes.begin(), bytes.begin() + elementSize_);
  }

  Shape in_, out_;
  size_t elementSize_;
  std::vector<uint8_t> padValue_; // empty: PADV2's operand
};
} // namespace

llvm::Expected<KernelPtr> preparePad(const Op &op) {
  const Value &input = *op.operands[0], &output = *op.results[0];
  if (output.shape.size() != input.shape.size() ||
      elementCount(op.operands[1]->shape).value_or(0) != int64_t(2 * input.shape.size()))
    return kernelError("paddings must be a [rank, 2] tensor and keep the rank");
  const size_t elementSize = elementByteSize(input.type);
  if (input.type != output.type)
    return unsupported("PAD with types " + typeList(op));
  if (op.operands[1]->type != ElementType::I32 && op.operands[1]->type != ElementType::I64)
    return unsupported("paddings of type " + std::string(elementTypeName(op.operands[1]->type)));
  std::vector<uint8_t> padValue;
  if (op.kind == OpKind::PAD || !op.operands[2]) {
    padValue.assign(elementSize, 0);
    const int32_t zeroPoint = output.quant.isQuantized() ? zeroPointOf(output) : 0;
    if (output.type == ElementType::I8 || output.type == ElementType::U8)
      padValue[0] = static_cast<uint8_t>(zeroPoint);
    else if (output.type == ElementType::I16) {
      const int16_t z = static_cast<int16_t>(zeroPoint);
      std::memcpy(padValue.data(), &z, 2);
    }
  } else if (op.operands[2]->type != input.type) {
    return unsupported("PADV2 with a constant of another type");
  }
  return std::make_unique<PadKernel>(input.shape, output.shape, elementSize, std::move(padValue));
}

} // namespace litec::ir::reference
