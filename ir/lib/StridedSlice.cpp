#include "litec/ir/StridedSlice.h"

#include "litec/ir/OpOptions.h"

#include <fmt/format.h>

#include <algorithm>

namespace litec::ir {

namespace {
llvm::Error fail(const std::string &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), "STRIDED_SLICE: " + message);
}

bool bit(int64_t mask, size_t i) {
  return i < 63 && ((mask >> i) & 1);
}
} // namespace

llvm::Expected<ResolvedSlice> resolveStridedSlice(const Shape &input,
                                                  const StridedSliceSpec &spec) {
  const size_t entries = spec.begin.size(), rank = input.size();
  if (spec.end.size() != entries || spec.strides.size() != entries)
    return fail("begin, end and strides must have the same length");
  // Spec entries that take an input dimension of their own.
  size_t consuming = 0, ellipses = 0;
  for (size_t i = 0; i < entries; ++i) {
    if (bit(spec.ellipsisMask, i))
      ++ellipses;
    else if (!bit(spec.newAxisMask, i))
      ++consuming;
  }
  if (ellipses > 1)
    return fail("more than one ellipsis");
  if (consuming > rank)
    return fail(fmt::format("{} indexed dimensions for an input of rank {}", consuming, rank));

  ResolvedSlice r;
  auto whole = [&](size_t d) {
    r.start.push_back(0);
    r.step.push_back(1);
    r.count.push_back(input[d]);
    r.resultShape.push_back(input[d]);
  };
  size_t d = 0;
  for (size_t i = 0; i < entries; ++i) {
    if (bit(spec.ellipsisMask, i)) {
      for (size_t k = 0; k < rank - consuming; ++k)
        whole(d++);
      continue;
    }
    if (bit(spec.newAxisMask, i)) {
      r.resultShape.push_back(1);
      continue;
    }
    const int64_t dim = input[d], stride = spec.strides[i];
    if (stride == 0)
      return fail(fmt::format("the stride of dimension {} is 0", d));
    // Negative indices count from the end; positive strides clamp to [0, dim], negative ones
    // to [-1, dim - 1] so that a backwards slice can include element 0.
    auto clampIndex = [&](int64_t index) {
      if (index < 0)
        index += dim;
      return stride > 0 ? std::clamp<int64_t>(index, 0, dim)
                        : std::clamp<int64_t>(index, -1, dim - 1);
    };
    const int64_t b =
        bit(spec.beginMask, i) ? (stride > 0 ? 0 : dim - 1) : clampIndex(spec.begin[i]);
    if (bit(spec.shrinkAxisMask, i)) {
      if (b < 0 || b >= dim)
        return fail(fmt::format("the index kept of dimension {} is outside it", d));
      r.start.push_back(b);
      r.step.push_back(1);
      r.count.push_back(1);
      ++d;
      continue;
    }
    int64_t e;
    if (bit(spec.endMask, i))
      e = stride > 0 ? dim : -1;
    else if (spec.offset)
      e = clampIndex(spec.begin[i] + spec.end[i]);
    else
      e = clampIndex(spec.end[i]);
    const int64_t length = std::max<int64_t>(
        stride > 0 ? (e - b + stride - 1) / stride : (b - e - stride - 1) / -stride, 0);
    r.start.push_back(b);
    r.step.push_back(stride);
    r.count.push_back(length);
    r.resultShape.push_back(length);
    ++d;
  }
  while (d < rank)
    whole(d++);
  return r;
}

llvm::Expected<StridedSliceSpec> stridedSliceSpecOf(const Op &op, std::vector<int64_t> begin,
                                                    std::vector<int64_t> end,
                                                    std::vector<int64_t> strides) {
  auto options = optionsOf<options::StridedSliceOptions>(op);
  if (!options)
    return options.takeError();
  StridedSliceSpec spec;
  spec.begin = std::move(begin);
  spec.end = std::move(end);
  spec.strides = std::move(strides);
  spec.beginMask = options->begin_mask;
  spec.endMask = options->end_mask;
  spec.ellipsisMask = options->ellipsis_mask;
  spec.newAxisMask = options->new_axis_mask;
  spec.shrinkAxisMask = options->shrink_axis_mask;
  spec.offset = options->offset;
  return spec;
}

} // namespace litec::ir
