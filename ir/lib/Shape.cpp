#include "litec/ir/Shape.h"

#include <algorithm>
#include <limits>

namespace litec::ir {

std::optional<int64_t> elementCount(const Shape &shape) {
  int64_t count = 1;
  for (int64_t dim : shape) {
    if (dim < 0)
      return std::nullopt;
    if (dim != 0 && count > std::numeric_limits<int64_t>::max() / dim)
      return std::nullopt;
    count *= dim;
  }
  return count;
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
