// Data movement along axes, any element type: SLICE, STRIDED_SLICE (begin/end/shrink masks,
// offset, ellipsis, new axes), SPLIT, SPLIT_V, PACK, UNPACK and GATHER (axis,
// batch_dims; indices checked when the op runs).

#include "../KernelSupport.h"
#include "litec/ir/StridedSlice.h"

#include <cstring>

namespace litec::ir::reference {

namespace {
// Copies input[start[d] + i[d] * step[d]] for i over count, in row-major order of i.
class StridedCopy final : public Kernel {
public:
  StridedCopy(Shape in, std::vector<int64_t> start, std::vector<int64_t> step,
              std::vector<int64_t> count, size_t elementSize)
      : in_(std::move(in)), start_(std::move(start)), step_(std::move(step)),
        count_(std::move(count)), elementSize_(elementSize) {}
  llvm::Error run(const TensorViews &t) const override {
    const uint8_t *in = t.inputBytes(0).data();
    uint8_t *out = t.outputBytes(0).data();
    const std::vector<int64_t> strides = rowMajorStrides(in_);
    int64_t total = 1;
    for (int64_t c : count_)
      total *= c;
    std::vector<int64_t> index(count_.size(), 0);
    for (int64_t o = 0; o < total; ++o) {
      int64_t source = 0;
      for (size_t d = 0; d < count_.size(); ++d)
        source += (start_[d] + index[d] * step_[d]) * strides[d];
      std::memcpy(out + o * int64_t(elementSize_), in + source * int64_t(elementSize_),
                  elementSize_);
      advanceIndex(index, count_);
    }
    return llvm::Error::success();
  }

private:
  Shape in_;
  std::vector<int64_t> start_, step_, count_;
  size_t elementSize_;
};

// Splits the input along an axis into the results (SPLIT, SPLIT_V, UNPACK) or joins the
// operands (PACK): `outer` blocks, each made of one chunk per piece.
class ChunkMove final : public Kernel {
public:
  ChunkMove(int64_t outer, std::vector<int64_t> chunks, size_t dataOperand, bool split)
      : outer_(outer), chunks_(std::move(chunks)), dataOperand_(dataOperand), split_(split) {}
  llvm::Error run(const TensorViews &t) const override {
    if (split_) {
      const uint8_t *in = t.inputBytes(dataOperand_).data();
      for (int64_t o = 0; o < outer_; ++o)
        for (size_t i = 0; i < chunks_.size(); ++i) {
          std::memcpy(t.outputBytes(i).data() + o * chunks_[i], in, size_t(chunks_[i]));
          in += chunks_[i];
        }
    } else {
      uint8_t *out = t.outputBytes(0).data();
      for (int64_t o = 0; o < outer_; ++o)
        for (size_t i = 0; i < chunks_.size(); ++i) {
          std::memcpy(out, t.inputBytes(i).data() + o * chunks_[i], size_t(chunks_[i]));
          out += chunks_[i];
        }
    }
    return llvm::Error::success();
  }

private:
  int64_t outer_;
  std::vector<int64_t> chunks_;
  size_t dataOperand_;
  bool split_;
};

class GatherKernel final : public Kernel {
public:
  GatherKernel(int64_t batches, int64_t outer, int64_t axisSize, int64_t inner, int64_t coords,
               size_t elementSize, bool wideIndices)
      : batches_(batches), outer_(outer), axisSize_(axisSize), inner_(inner), coords_(coords),
        elementSize_(elementSize), wideIndices_(wideIndices) {}
  llvm::Error run(const TensorViews &t) const override {
    const uint8_t *params = t.inputBytes(0).data();
    uint8_t *out = t.outputBytes(0).data();
    const int64_t chunk = inner_ * int64_t(elementSize_);
    for (int64_t b = 0; b < batches_; ++b)
      for (int64_t o = 0; o < outer_; ++o)
        for (int64_t k = 0; k < coords_; ++k) {
          const int64_t at = b * coords_ + k;
          const int64_t index = wideIndices_ ? t.input<int64_t>(1)[at] : t.input<int32_t>(1)[at];
          if (index < 0 || index >= axisSize_)
            return kernelError(fmt::format("index {} is outside [0, {})", index, axisSize_));
          std::memcpy(out + ((b * outer_ + o) * coords_ + k) * chunk,
                      params + ((b * outer_ + o) * axisSize_ + index) * chunk, size_t(chunk));
        }
    return llvm::Error::success();
  }

private:
  int64_t batches_, outer_, axisSize_, inner_, coords_;
  size_t elementSize_;
  bool wideIndices_;
};
} // namespace

llvm::Expected<KernelPtr> prepareSlice(const Op &op) {
  const Value &input = *op.operands[0];
  const size_t rank = input.shape.size();
  auto begin = constantInts(op.operands[1]);
  if (!begin)
    return unsupported("a slice whose begin is not constant");
  std::vector<int64_t> start(rank, 0), step(rank, 1), count = input.shape;
  if (op.kind == OpKind::SLICE) {
    auto size = constantInts(op.operands[2]);
    if (!size || size->size() != rank || begin->size() != rank)
      return unsupported("SLICE whose size is not constant");
    for (size_t d = 0; d < rank; ++d) {
      start[d] = (*begin)[d];
      count[d] = (*size)[d] == -1 ? input.shape[d] - start[d] : (*size)[d];
    }
  } else {
    auto end = constantInts(op.operands[2]);
    auto strides =
        op.operands.size() > 3
            ? constantInts(op.operands[3])
            : std::optional<std::vector<int64_t>>(std::vector<int64_t>(begin->size(), 1));
    if (!end || !strides || end->size() != begin->size() || strides->size() != begin->size())
      return unsupported("STRIDED_SLICE whose begin, end or strides are not constant");
    auto resolved =
        resolveStridedSlice(input.shape, stridedSliceSpecOf(op, *begin, *end, std::move(*strides)));
    if (!resolved)
      return kernelError(llvm::toString(resolved.takeError()));
    start = std::move(resolved->start);
    step = std::move(resolved->step);
    count = std::move(resolved->count);
  }
  int64_t total = 1;
  for (int64_t c : count)
    total *= c;
  if (total != elementCount(op.results[0]->shape).value_or(-1))
    return kernelError("the slice does not produce the result's element count");
  for (size_t d = 0; d < rank; ++d)
    if (count[d] > 0 &&
        (start[d] < 0 || start[d] >= input.shape[d] || start[d] + (count[d] - 1) * step[d] < 0 ||
         start[d] + (count[d] - 1) * step[d] >= input.shape[d]))
      return kernelError(fmt::format("the slice of dimension {} is outside the input", d));
  return std::make_unique<StridedCopy>(input.shape, std::move(start), std::move(step),
                                       std::move(count), elementByteSize(input.type));
}

llvm::Expected<KernelPtr> prepareSplitOrPack(const Op &op) {
  const bool pack = op.kind == OpKind::PACK;
  const size_t dataOperand = op.kind == OpKind::SPLIT ? 1 : 0;
  const Value &data = pack ? *op.results[0] : *op.operands[dataOperand];
  int64_t axis = 0;
  if (op.kind == OpKind::SPLIT || op.kind == OpKind::SPLIT_V) {
    auto axisValue = constantInts(op.operands[op.kind == OpKind::SPLIT ? 0 : 2]);
    if (!axisValue || axisValue->size() != 1)
      return unsupported("a split whose axis is not constant");
    axis = normalizedAxis((*axisValue)[0], data.shape.size());
  } else {
    axis = normalizedAxis(op.attrs.getInt("axis").value_or(0), data.shape.size());
  }
  const int64_t outer = dimensionProduct(data.shape, 0, size_t(axis));
  const size_t elementSize = elementByteSize(data.type);
  std::vector<int64_t> chunks;
  const std::vector<Value *> &pieces = pack ? op.operands : op.results;
  for (const Value *piece : pieces) {
    if (!piece || piece->type != data.type)
      return unsupported(std::string(opKindInfo(op.kind).name) + " with types " + typeList(op));
    // A piece's share of one outer block: its dimensions from the axis on (PACK's and UNPACK's
    // pieces lack the axis, so that is what follows it).
    chunks.push_back(dimensionProduct(piece->shape, size_t(axis), piece->shape.size()) *
                     int64_t(elementSize));
  }
  // Every piece must be exactly `outer` of its chunks, and the pieces together the whole.
  int64_t total = 0;
  for (size_t i = 0; i < pieces.size(); ++i) {
    if (pieces[i]->byteSize().value_or(-1) != outer * chunks[i])
      return kernelError("the pieces do not fit the tensor they split or form");
    total += chunks[i];
  }
  if (outer * total != data.byteSize().value_or(-1))
    return kernelError("the pieces do not add up to the tensor they split or form");
  return std::make_unique<ChunkMove>(outer, std::move(chunks), dataOperand, !pack);
}

llvm::Expected<KernelPtr> prepareGather(const Op &op) {
  const Value &params = *op.operands[0], &indices = *op.operands[1];
  if (indices.type != ElementType::I32 && indices.type != ElementType::I64)
    return unsupported("GATHER with indices of type " + std::string(elementTypeName(indices.type)));
  const int64_t axis = normalizedAxis(op.attrs.getInt("axis").value_or(0), params.shape.size());
  int64_t batchDims = op.attrs.getInt("batch_dims").value_or(0);
  if (batchDims < 0)
    batchDims += int64_t(indices.shape.size());
  return std::make_unique<GatherKernel>(
      dimensionProduct(params.shape, 0, size_t(batchDims)),
      dimensionProduct(params.shape, size_t(batchDims), size_t(axis)), params.shape[size_t(axis)],
      dimensionProduct(params.shape, size_t(axis) + 1, params.shape.size()),
      dimensionProduct(indices.shape, size_t(batchDims), indices.shape.size()),
      elementByteSize(params.type), indices.type == ElementType::I64);
}

} // namespace litec::ir::reference
