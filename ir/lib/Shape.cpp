#include "litec/ir/Shape.h"

#include <algorithm>
#include <limits>

namespace litec::ir {

std::optional<int64_t> checkedMul(int64_t a, int64_t b) {
  int64_t product;
  if (__builtin_mul_overflow(a, b, &product))
    return std::nullopt;
  return product;
}

int64_t saturatingMul(int64_t a, int64_t b) {
  int64_t product;
  if (!__builtin_mul_overflow(a, b, &product))
    return product;
  return (a < 0) != (b < 0) ? std::numeric_limits<int64_t>::min()
                            : std::numeric_limits<int64_t>::max();
}

int64_t saturatingAdd(int64_t a, int64_t b) {
  int64_t sum;
  if (!__builtin_add_overflow(a, b, &sum))
    return sum;
  return b < 0 ? std::numeric_limits<int64_t>::min() : std::numeric_limits<int64_t>::max();
}

int64_t normalizedAxis(int64_t axis, size_t rank) {
  return axis < 0 ? axis + int64_t(rank) : axis;
}

int64_t dimensionProduct(const Shape &shape, size_t from, size_t to) {
  int64_t product = 1;
  for (size_t d = from; d < to && d < shape.size(); ++d)
    product *= shape[d];
  return product;
}

std::vector<int64_t> rowMajorStrides(const Shape &shape) {
  std::vector<int64_t> strides(shape.size(), 1);
  for (size_t d = shape.size(); d-- > 1;)
    strides[d - 1] = strides[d] * shape[d];
  return strides;
}

std::vector<int64_t> broadcastStrides(const Shape &shape, const Shape &out) {
  std::vector<int64_t> strides(out.size(), 0);
  int64_t stride = 1;
  for (size_t k = 0; k < shape.size(); ++k) {
    const size_t d = shape.size() - 1 - k, od = out.size() - 1 - k;
    strides[od] = shape[d] == 1 && out[od] != 1 ? 0 : stride;
    stride *= shape[d];
  }
  return strides;
}

std::optional<int64_t> elementCount(const Shape &shape) {
  int64_t count = 1;
  for (int64_t dim : shape) {
    if (dim < 0)
      return std::nullopt;
    std::optional<int64_t> product = checkedMul(count, dim);
    if (!product)
      return std::nullopt;
    count = *product;
  }
  return count;
}

int64_t windowOutputSize(bool same, int64_t in, int64_t filter, int64_t stride, int64_t dilation) {
  const int64_t effective = (filter - 1) * dilation + 1;
  return same ? (in + stride - 1) / stride : (in - effective + stride) / stride;
}

AxisPadding samePadding(int64_t in, int64_t filter, int64_t stride, int64_t dilation, int64_t out) {
  const int64_t effective = (filter - 1) * dilation + 1;
  const int64_t total = std::max<int64_t>((out - 1) * stride + effective - in, 0);
  return {total / 2, total - total / 2};
}

int64_t paddedWindowOutputSize(int64_t in, AxisPadding padding, int64_t filter, int64_t stride,
                               int64_t dilation) {
  return windowOutputSize(false, in + padding.before + padding.after, filter, stride, dilation);
}

std::string formatShape(const Shape &shape, const std::vector<bool> &dynamic) {
  std::string text;
  for (size_t i = 0; i < shape.size(); ++i) {
    if (i)
      text += 'x';
    text += (i < dynamic.size() && dynamic[i]) ? std::string("?") : std::to_string(shape[i]);
  }
  return text;
}

std::optional<Shape> broadcastShapes(const Shape &lhs, const Shape &rhs) {
  size_t rank = std::max(lhs.size(), rhs.size());
  Shape result(rank);
  for (size_t i = 0; i < rank; ++i) {
    int64_t a = i < lhs.size() ? lhs[lhs.size() - 1 - i] : 1;
    int64_t b = i < rhs.size() ? rhs[rhs.size() - 1 - i] : 1;
    if (a != b && a != 1 && b != 1)
      return std::nullopt;
    result[rank - 1 - i] = (a == 1) ? b : a;
  }
  return result;
}

} // namespace litec::ir
