// DENSIFY: expands a constant sparse tensor (TFLite's TACO-style encoding: traversal order,
// optional block map, per level a dense size or CSR segments and indices) to its dense form.
// The input is constant, so the expansion happens once, when the interpreter is created; every
// index in the encoding is checked against the dense shape first.

#include "../KernelSupport.h"

#include <cstring>

namespace litec::ir::reference {

namespace {
class DensifyKernel final : public Kernel {
public:
  explicit DensifyKernel(std::vector<uint8_t> dense) : dense_(std::move(dense)) {}
  llvm::Error run(const TensorViews &t) const override {
    std::span<uint8_t> out = t.outputBytes(0);
    if (!dense_.empty())
      std::memcpy(out.data(), dense_.data(), std::min(out.size(), dense_.size()));
    return llvm::Error::success();
  }

private:
  std::vector<uint8_t> dense_;
};

// Walks the encoding level by level and copies each stored element to its dense position.
class Expander {
public:
  Expander(const Value &value, std::vector<uint8_t> &dense)
      : value_(value), sparsity_(*value.sparsity), dense_(dense),
        elementSize_(elementByteSize(value.type)), rank_(value.shape.size()),
        strides_(rowMajorStrides(value.shape)), blockSizes_(sparsity_.blockMap.size(), 1),
        indices_(sparsity_.traversalOrder.size(), 0) {
    for (size_t level = rank_; level < sparsity_.traversalOrder.size(); ++level) {
      const int32_t block = sparsity_.traversalOrder[level] - int32_t(rank_);
      if (block >= 0 && size_t(block) < blockSizes_.size())
        blockSizes_[size_t(block)] = sparsity_.dimensions[level].denseSize;
    }
  }

  llvm::Error run() {
    if (sparsity_.traversalOrder.size() < rank_ ||
        sparsity_.traversalOrder.size() != sparsity_.dimensions.size())
      return kernelError("sparsity does not cover every dimension");
    for (size_t level = 0; level < sparsity_.traversalOrder.size(); ++level) {
      const int32_t dim = sparsity_.traversalOrder[level];
      if (dim < 0 || size_t(dim) >= rank_ + sparsity_.blockMap.size())
        return kernelError("sparsity traversal order names a dimension that does not exist");
    }
    for (int32_t dim : sparsity_.blockMap)
      if (dim < 0 || size_t(dim) >= rank_)
        return kernelError("sparsity block map names a dimension that does not exist");
    return visit(0, 0);
  }

private:
  llvm::Error visit(size_t level, int64_t previous) {
    if (level == indices_.size())
      return store();
    const SparseDimension &dim = sparsity_.dimensions[level];
    if (!dim.isSparse) {
      for (int32_t i = 0; i < dim.denseSize; ++i) {
        indices_[level] = i;
        if (auto error = visit(level + 1, previous * dim.denseSize + i))
          return error;
      }
      return llvm::Error::success();
    }
    if (previous < 0 || size_t(previous + 1) >= dim.segments.size())
      return kernelError("sparse segments are shorter than the levels above them need");
    const int32_t begin = dim.segments[size_t(previous)], end = dim.segments[size_t(previous + 1)];
    if (begin < 0 || end < begin || size_t(end) > dim.indices.size())
      return kernelError("sparse segments point outside the index array");
    for (int32_t i = begin; i < end; ++i) {
      indices_[level] = dim.indices[size_t(i)];
      if (auto error = visit(level + 1, i))
        return error;
    }
    return llvm::Error::success();
  }

  llvm::Error store() {
    std::vector<int64_t> position(rank_, 0);
    for (size_t level = 0; level < rank_; ++level)
      position[size_t(sparsity_.traversalOrder[level])] = indices_[level];
    for (size_t level = rank_; level < indices_.size(); ++level) {
      const size_t block = size_t(sparsity_.traversalOrder[level]) - rank_;
      const size_t dim = size_t(sparsity_.blockMap[block]);
      position[dim] = position[dim] * blockSizes_[block] + indices_[level];
    }
    int64_t offset = 0;
    for (size_t d = 0; d < rank_; ++d) {
      if (position[d] < 0 || position[d] >= value_.shape[d])
        return kernelError("a sparse index is outside the dense shape");
      offset += position[d] * strides_[d];
    }
    std::span<const uint8_t> source = value_.data();
    if ((next_ + 1) * elementSize_ > source.size())
      return kernelError("the sparse tensor has fewer stored values than its encoding names");
    std::memcpy(dense_.data() + offset * int64_t(elementSize_),
                source.data() + next_ * elementSize_, elementSize_);
    ++next_;
    return llvm::Error::success();
  }

  const Value &value_;
  const Sparsity &sparsity_;
  std::vector<uint8_t> &dense_;
  size_t elementSize_, rank_;
  std::vector<int64_t> strides_;
  std::vector<int64_t> blockSizes_;
  std::vector<int64_t> indices_;
  size_t next_ = 0;
};
} // namespace

llvm::Expected<KernelPtr> prepareDensify(const Op &op) {
  const Value &input = *op.operands[0], &output = *op.results[0];
  if (!input.isConstant() || !input.sparsity)
    return unsupported("DENSIFY of a tensor that is not a sparse constant");
  if (input.type != output.type || input.shape != output.shape)
    return unsupported("DENSIFY that changes the type or shape");
  std::vector<uint8_t> dense(size_t(output.byteSize().value_or(0)), 0);
  Expander expander(input, dense);
  if (auto error = expander.run())
    return error;
  return std::make_unique<DensifyKernel>(std::move(dense));
}

} // namespace litec::ir::reference
