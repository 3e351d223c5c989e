#include "litec/ir/ShapeInference.h"
#include "litec/ir/OpOptions.h"
#include "litec/ir/StridedSlice.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <numeric>

namespace litec::ir {

namespace {
using Shapes = std::optional<std::vector<Shape>>;
using Result = llvm::Expected<Shapes>;

llvm::Error fail(const std::string &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

const Value *operandAt(const Op &op, size_t index) {
  return index < op.operands.size() ? op.operands[index] : nullptr;
}

Shapes single(Shape shape) {
  return std::vector<Shape>{std::move(shape)};
}

// Normalises a possibly negative axis against `rank`; nullopt when out of range.
std::optional<int64_t> normaliseAxis(int64_t axis, size_t rank) {
  const int64_t r = static_cast<int64_t>(rank);
  if (axis < -r || axis >= r)
    return std::nullopt;
  return normalizedAxis(axis, rank);
}

// TFLite's output size along the height (axis 0) or the width (axis 1).
llvm::Expected<int64_t> windowOutput(const SpatialWindow &window, int axis, int64_t in,
                                     int64_t filter) {
  const char *what = axis == 0 ? "height" : "width";
  const int64_t stride = window.strideAlong(axis), dilation = window.dilationAlong(axis);
  if (stride <= 0 || dilation <= 0 || filter <= 0)
    return fail(fmt::format("{} stride {}, dilation {} and filter {} must be positive", what,
                            stride, dilation, filter));
  const int64_t out = window.outputSizeAlong(axis, in, filter);
  if (out <= 0)
    return fail(fmt::format("{} window of {} (dilated) does not fit an input of {}", what,
                            (filter - 1) * dilation + 1, in));
  return out;
}

struct Window {
  int64_t outH, outW;
};

// The output height and width of a convolution or pool; the filter's size comes from the filter
// tensor (convolutions) or from the options (pools: filterH and filterW are 0 here).
llvm::Expected<Window> spatialOutput(const Op &op, const Shape &input, int64_t filterH = 0,
                                     int64_t filterW = 0) {
  auto window = spatialWindowOf(op);
  if (!window)
    return window.takeError();
  auto h = windowOutput(*window, 0, input[1], filterH ? filterH : window->filterH);
  if (!h)
    return h.takeError();
  auto w = windowOutput(*window, 1, input[2], filterW ? filterW : window->filterW);
  if (!w)
    return w.takeError();
  return Window{*h, *w};
}

llvm::Error expectRank(const Value *value, size_t rank, const char *what) {
  if (!value)
    return fail(fmt::format("{} is missing", what));
  if (value->shape.size() != rank)
    return fail(fmt::format("{} must have rank {}, has {}", what, rank, value->shape.size()));
  return llvm::Error::success();
}

// NHWC output of a 2-D convolution with an [*, KH, KW, *] filter and an optional bias of
// `outChannels` elements.
Result convolutionOutput(const Op &op, const Value &input, const Value &filter, const Value *bias,
                         int64_t outChannels) {
  if (bias && elementCount(bias->shape) != outChannels)
    return fail(fmt::format("bias has {} elements, expected {}",
                            elementCount(bias->shape).value_or(-1), outChannels));
  auto window = spatialOutput(op, input.shape, filter.shape[1], filter.shape[2]);
  if (!window)
    return window.takeError();
  return single({input.shape[0], window->outH, window->outW, outChannels});
}

Result inferConv2D(const Op &op) {
  const Value *input = operandAt(op, 0), *filter = operandAt(op, 1), *bias = operandAt(op, 2);
  if (auto e = expectRank(input, 4, "input"))
    return e;
  if (auto e = expectRank(filter, 4, "filter"))
    return e;
  int64_t inC = input->shape[3], filterC = filter->shape[3], outC = filter->shape[0];
  if (filterC <= 0 || inC % filterC != 0)
    return fail(
        fmt::format("input channels {} are not a multiple of filter channels {}", inC, filterC));
  int64_t groups = inC / filterC;
  if (outC % groups != 0)
    return fail(
        fmt::format("output channels {} are not a multiple of the {} groups", outC, groups));
  return convolutionOutput(op, *input, *filter, bias, outC);
}

Result inferDepthwiseConv2D(const Op &op) {
  const Value *input = operandAt(op, 0), *filter = operandAt(op, 1), *bias = operandAt(op, 2);
  if (auto e = expectRank(input, 4, "input"))
    return e;
  if (auto e = expectRank(filter, 4, "filter"))
    return e;
  int64_t inC = input->shape[3], outC = filter->shape[3];
  if (filter->shape[0] != 1)
    return fail(fmt::format("filter dimension 0 must be 1, is {}", filter->shape[0]));
  if (inC <= 0 || outC % inC != 0)
    return fail(
        fmt::format("filter channels {} are not a multiple of input channels {}", outC, inC));
  return convolutionOutput(op, *input, *filter, bias, outC);
}

// The convolution's shape; the epilogue's operand must fit it: a residual of the output's
// batches, height and width and at most its channels (zeros beyond them), PRELU slopes one per
// channel or one for all.
Result inferFusedConvolution(const Op &op) {
  auto shapes =
      convolutionBase(op.kind) == OpKind::CONV_2D ? inferConv2D(op) : inferDepthwiseConv2D(op);
  if (!shapes || !*shapes)
    return shapes;
  const Shape &out = (**shapes)[0];
  switch (fusedConvolution(op.kind)->epilogue) {
  case OpKind::ADD: {
    const Value *residual = operandAt(op, 3);
    if (auto e = expectRank(residual, 4, "residual"))
      return e;
    const Shape &r = residual->shape;
    if (r[0] != out[0] || r[1] != out[1] || r[2] != out[2] || r[3] > out[3])
      return fail(
          fmt::format("residual {} does not fit the output {}", formatShape(r), formatShape(out)));
    break;
  }
  case OpKind::PRELU: {
    const Value *alpha = operandAt(op, 3);
    if (!alpha)
      return fail("needs the PRELU slopes as operand 3");
    const std::optional<int64_t> count = elementCount(alpha->shape);
    const bool perChannel = !alpha->shape.empty() && alpha->shape.back() == out[3] &&
                            count == std::optional<int64_t>(out[3]);
    if (!perChannel && count != std::optional<int64_t>(1))
      return fail(fmt::format("slopes {} are neither one per output channel ({}) nor one",
                              formatShape(alpha->shape), out[3]));
    break;
  }
  default:
    break;
  }
  return shapes;
}

Result inferPool2D(const Op &op) {
  const Value *input = operandAt(op, 0);
  if (auto e = expectRank(input, 4, "input"))
    return e;
  auto window = spatialOutput(op, input->shape);
  if (!window)
    return window.takeError();
  return single({input->shape[0], window->outH, window->outW, input->shape[3]});
}

Result inferFullyConnected(const Op &op) {
  const Value *input = operandAt(op, 0), *weights = operandAt(op, 1), *bias = operandAt(op, 2);
  if (!input)
    return fail("input is missing");
  if (auto e = expectRank(weights, 2, "weights"))
    return e;
  int64_t units = weights->shape[0], depth = weights->shape[1];
  int64_t count = elementCount(input->shape).value_or(0);
  if (depth <= 0 || count % depth != 0)
    return fail(fmt::format("input of {} elements does not split into rows of {}", count, depth));
  if (bias && elementCount(bias->shape) != units)
    return fail(fmt::format("bias has {} elements, expected {}",
                            elementCount(bias->shape).value_or(-1), units));
  auto options = optionsOf<options::FullyConnectedOptions>(op);
  if (!options)
    return options.takeError();
  if (options->keep_num_dims) {
    if (input->shape.empty() || input->shape.back() != depth)
      return fail(fmt::format("keep_num_dims needs the input's last dimension to be {}", depth));
    Shape out = input->shape;
    out.back() = units;
    return single(out);
  }
  return single({count / depth, units});
}

Result inferTransposeConv(const Op &op) {
  const Value *outputShape = operandAt(op, 0), *weights = operandAt(op, 1),
              *input = operandAt(op, 2);
  if (auto e = expectRank(weights, 4, "weights"))
    return e;
  if (auto e = expectRank(input, 4, "input"))
    return e;
  if (weights->shape[3] != input->shape[3])
    return fail(
        fmt::format("weights take {} channels, input has {}", weights->shape[3], input->shape[3]));
  auto shape = constantInts(outputShape);
  if (!shape)
    return Shapes{};
  if (shape->size() != 4 || (*shape)[3] != weights->shape[0])
    return fail("output shape must be 4 values ending with the weights' output channels");
  return single(*shape);
}

Result inferBinary(const Op &op) {
  const Value *lhs = operandAt(op, 0), *rhs = operandAt(op, 1);
  if (!lhs || !rhs)
    return fail("both operands are required");
  auto shape = broadcastShapes(lhs->shape, rhs->shape);
  if (!shape)
    return fail(fmt::format("shapes {} and {} do not broadcast", formatShape(lhs->shape),
                            formatShape(rhs->shape)));
  return single(*shape);
}

Result inferReshape(const Op &op) {
  const Value *input = operandAt(op, 0);
  std::optional<std::vector<int64_t>> target = constantInts(operandAt(op, 1));
  if (!target) {
    auto options = optionsOf<options::ReshapeOptions>(op);
    if (!options)
      return options.takeError();
    if (options->new_shape.empty() && operandAt(op, 1))
      return Shapes{};
    target.emplace(options->new_shape.begin(), options->new_shape.end());
  }
  int64_t count = elementCount(input->shape).value_or(-1), known = 1;
  int inferred = -1;
  for (size_t i = 0; i < target->size(); ++i) {
    if ((*target)[i] == -1 && inferred < 0)
      inferred = static_cast<int>(i);
    else if ((*target)[i] < 0)
      return fail(fmt::format("new shape has an invalid dimension {}", (*target)[i]));
    else if (auto product = checkedMul(known, (*target)[i]))
      known = *product;
    else
      return fail("new shape overflows");
  }
  if (inferred >= 0) {
    if (known == 0 || count % known != 0)
      return fail("new shape cannot absorb the element count");
    (*target)[static_cast<size_t>(inferred)] = count / known;
  } else if (known != count) {
    return fail(fmt::format("new shape has {} elements, input has {}", known, count));
  }
  return single(*target);
}

Result inferSqueeze(const Op &op) {
  const Shape &in = operandAt(op, 0)->shape;
  std::vector<bool> drop(in.size(), false);
  auto options = optionsOf<options::SqueezeOptions>(op);
  if (!options)
    return options.takeError();
  const std::vector<int32_t> &dims = options->squeeze_dims;
  if (dims.empty()) {
    for (size_t i = 0; i < in.size(); ++i)
      drop[i] = in[i] == 1;
  } else {
    for (int64_t d : dims) {
      auto axis = normaliseAxis(d, in.size());
      if (!axis || in[static_cast<size_t>(*axis)] != 1)
        return fail(fmt::format("cannot squeeze dimension {}", d));
      drop[static_cast<size_t>(*axis)] = true;
    }
  }
  Shape out;
  for (size_t i = 0; i < in.size(); ++i)
    if (!drop[i])
      out.push_back(in[i]);
  return single(out);
}

Result inferExpandDims(const Op &op) {
  const Shape &in = operandAt(op, 0)->shape;
  auto axis = constantInts(operandAt(op, 1));
  if (!axis)
    return Shapes{};
  if (axis->size() != 1)
    return fail("axis must be a single value");
  auto position = normaliseAxis((*axis)[0], in.size() + 1);
  if (!position)
    return fail(fmt::format("axis {} is out of range", (*axis)[0]));
  Shape out = in;
  out.insert(out.begin() + *position, 1);
  return single(out);
}

Result inferTranspose(const Op &op) {
  const Shape &in = operandAt(op, 0)->shape;
  auto perm = constantInts(operandAt(op, 1));
  if (!perm)
    return Shapes{};
  if (perm->size() != in.size())
    return fail("permutation length differs from the input rank");
  std::vector<bool> seen(in.size(), false);
  Shape out;
  for (int64_t p : *perm) {
    auto axis = normaliseAxis(p, in.size());
    if (!axis || seen[static_cast<size_t>(*axis)])
      return fail("permutation is not a permutation of the input's dimensions");
    seen[static_cast<size_t>(*axis)] = true;
    out.push_back(in[static_cast<size_t>(*axis)]);
  }
  return single(out);
}

Result inferConcatenation(const Op &op) {
  const Shape &first = operandAt(op, 0)->shape;
  auto options = optionsOf<options::ConcatenationOptions>(op);
  if (!options)
    return options.takeError();
  auto axis = normaliseAxis(options->axis, first.size());
  if (!axis)
    return fail("axis is out of range");
  Shape out = first;
  out[static_cast<size_t>(*axis)] = 0;
  for (const Value *value : op.operands) {
    if (!value || value->shape.size() != first.size())
      return fail("all inputs must have the same rank");
    for (size_t i = 0; i < first.size(); ++i)
      if (i != static_cast<size_t>(*axis) && value->shape[i] != first[i])
        return fail(fmt::format("input dimension {} differs between inputs", i));
    out[static_cast<size_t>(*axis)] += value->shape[static_cast<size_t>(*axis)];
  }
  return single(out);
}

Result inferPad(const Op &op) {
  const Shape &in = operandAt(op, 0)->shape;
  auto paddings = constantInts(operandAt(op, 1));
  if (!paddings)
    return Shapes{};
  if (paddings->size() != 2 * in.size())
    return fail("paddings must be a [rank, 2] tensor");
  Shape out = in;
  for (size_t i = 0; i < in.size(); ++i) {
    int64_t before = (*paddings)[2 * i], after = (*paddings)[2 * i + 1];
    if (before < 0 || after < 0)
      return fail("paddings must be non-negative");
    out[i] += before + after;
  }
  return single(out);
}

Result inferReduce(const Op &op) {
  const Shape &in = operandAt(op, 0)->shape;
  auto axes = constantInts(operandAt(op, 1));
  if (!axes)
    return Shapes{};
  std::vector<bool> reduced(in.size(), false);
  for (int64_t a : *axes) {
    auto axis = normaliseAxis(a, in.size());
    if (!axis)
      return fail(fmt::format("axis {} is out of range", a));
    reduced[static_cast<size_t>(*axis)] = true;
  }
  auto options = optionsOf<options::ReducerOptions>(op);
  if (!options)
    return options.takeError();
  const bool keep = options->keep_dims;
  Shape out;
  for (size_t i = 0; i < in.size(); ++i) {
    if (!reduced[i])
      out.push_back(in[i]);
    else if (keep)
      out.push_back(1);
  }
  return single(out);
}

Result inferSplit(const Op &op, const Value *input, std::optional<std::vector<int64_t>> axisValue,
                  std::optional<std::vector<int64_t>> sizes) {
  if (!axisValue || axisValue->size() != 1)
    return Shapes{};
  auto axis = normaliseAxis((*axisValue)[0], input->shape.size());
  if (!axis)
    return fail("axis is out of range");
  int64_t total = input->shape[static_cast<size_t>(*axis)];
  size_t parts = op.results.size();
  std::vector<int64_t> lengths;
  if (!sizes) {
    if (parts == 0 || total % static_cast<int64_t>(parts) != 0)
      return fail(fmt::format("dimension {} does not split into {} equal parts", total, parts));
    lengths.assign(parts, total / static_cast<int64_t>(parts));
  } else {
    if (sizes->size() != parts)
      return fail("size_splits must have one entry per result");
    lengths = *sizes;
    int64_t known = 0, unknown = -1;
    for (size_t i = 0; i < lengths.size(); ++i) {
      if (lengths[i] == -1 && unknown < 0)
        unknown = static_cast<int64_t>(i);
      else if (lengths[i] < 0)
        return fail("size_splits has an invalid entry");
      else
        known += lengths[i];
    }
    if (unknown >= 0)
      lengths[static_cast<size_t>(unknown)] = total - known;
    else if (known != total)
      return fail("size_splits do not add up to the dimension");
  }
  std::vector<Shape> out;
  for (int64_t length : lengths) {
    Shape s = input->shape;
    s[static_cast<size_t>(*axis)] = length;
    out.push_back(s);
  }
  return Shapes{out};
}

Result inferPack(const Op &op) {
  const Shape &first = operandAt(op, 0)->shape;
  for (const Value *value : op.operands)
    if (!value || value->shape != first)
      return fail("all inputs must have the same shape");
  auto options = optionsOf<options::PackOptions>(op);
  if (!options)
    return options.takeError();
  auto axis = normaliseAxis(options->axis, first.size() + 1);
  if (!axis)
    return fail("axis is out of range");
  Shape out = first;
  out.insert(out.begin() + *axis, static_cast<int64_t>(op.operands.size()));
  return single(out);
}

Result inferUnpack(const Op &op) {
  const Shape &in = operandAt(op, 0)->shape;
  auto options = optionsOf<options::UnpackOptions>(op);
  if (!options)
    return options.takeError();
  auto axis = normaliseAxis(options->axis, in.size());
  if (!axis)
    return fail("axis is out of range");
  if (in[static_cast<size_t>(*axis)] != static_cast<int64_t>(op.results.size()))
    return fail("the number of results must equal the unpacked dimension");
  Shape s = in;
  s.erase(s.begin() + *axis);
  return Shapes{std::vector<Shape>(op.results.size(), s)};
}

Result inferGather(const Op &op) {
  const Shape &params = operandAt(op, 0)->shape, &indices = operandAt(op, 1)->shape;
  auto options = optionsOf<options::GatherOptions>(op);
  if (!options)
    return options.takeError();
  auto axis = normaliseAxis(options->axis, params.size());
  int64_t batchDims = options->batch_dims;
  if (batchDims < 0)
    batchDims += static_cast<int64_t>(indices.size());
  if (!axis || batchDims < 0 || batchDims > *axis ||
      batchDims > static_cast<int64_t>(indices.size()))
    return fail("axis or batch_dims is out of range");
  Shape out(params.begin(), params.begin() + *axis);
  out.insert(out.end(), indices.begin() + batchDims, indices.end());
  out.insert(out.end(), params.begin() + *axis + 1, params.end());
  return single(out);
}

Result inferResize(const Op &op) {
  const Value *input = operandAt(op, 0);
  if (auto e = expectRank(input, 4, "input"))
    return e;
  auto size = constantInts(operandAt(op, 1));
  if (!size)
    return Shapes{};
  if (size->size() != 2 || (*size)[0] <= 0 || (*size)[1] <= 0)
    return fail("size must be two positive values");
  return single({input->shape[0], (*size)[0], (*size)[1], input->shape[3]});
}

Result inferBlockRearrange(const Op &op, bool toDepth) {
  const Value *input = operandAt(op, 0);
  if (auto e = expectRank(input, 4, "input"))
    return e;
  auto blockSize = blockSizeOf(op);
  if (!blockSize)
    return blockSize.takeError();
  const int64_t block = *blockSize;
  const Shape &in = input->shape;
  if (block <= 0 || block > INT32_MAX)
    return fail("block_size must be a positive int32");
  // block comes from the file as an int32: block * block fits in int64, larger products may not.
  int64_t area = block * block;
  if (toDepth) {
    auto depth = checkedMul(in[3], area);
    if (in[1] % block || in[2] % block || !depth)
      return fail("height and width must be multiples of block_size");
    return single({in[0], in[1] / block, in[2] / block, *depth});
  }
  auto height = checkedMul(in[1], block), width = checkedMul(in[2], block);
  if (in[3] % area || !height || !width)
    return fail("depth must be a multiple of block_size squared");
  return single({in[0], *height, *width, in[3] / area});
}

Result inferArgMinMax(const Op &op) {
  const Shape &in = operandAt(op, 0)->shape;
  auto axisValue = constantInts(operandAt(op, 1));
  if (!axisValue)
    return Shapes{};
  if (axisValue->size() != 1)
    return fail("axis must be a single value");
  auto axis = normaliseAxis((*axisValue)[0], in.size());
  if (!axis)
    return fail("axis is out of range");
  Shape out = in;
  out.erase(out.begin() + *axis);
  return single(out);
}

Result inferBatchMatMul(const Op &op) {
  const Shape &lhs = operandAt(op, 0)->shape, &rhs = operandAt(op, 1)->shape;
  if (lhs.size() < 2 || rhs.size() < 2)
    return fail("operands must have rank 2 or more");
  auto options = optionsOf<options::BatchMatMulOptions>(op);
  if (!options)
    return options.takeError();
  const bool adjX = options->adj_x, adjY = options->adj_y;
  int64_t m = lhs[lhs.size() - (adjX ? 1 : 2)], k = lhs[lhs.size() - (adjX ? 2 : 1)];
  int64_t k2 = rhs[rhs.size() - (adjY ? 1 : 2)], n = rhs[rhs.size() - (adjY ? 2 : 1)];
  if (k != k2)
    return fail(fmt::format("contraction sizes differ: {} and {}", k, k2));
  auto batch =
      broadcastShapes(Shape(lhs.begin(), lhs.end() - 2), Shape(rhs.begin(), rhs.end() - 2));
  if (!batch)
    return fail("batch dimensions do not broadcast");
  batch->push_back(m);
  batch->push_back(n);
  return single(*batch);
}

Result inferSlice(const Op &op) {
  const Shape &in = operandAt(op, 0)->shape;
  auto begin = constantInts(operandAt(op, 1)), size = constantInts(operandAt(op, 2));
  if (!begin || !size)
    return Shapes{};
  if (begin->size() != in.size() || size->size() != in.size())
    return fail("begin and size must have one entry per dimension");
  Shape out(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    int64_t b = (*begin)[i], s = (*size)[i] == -1 ? in[i] - b : (*size)[i];
    if (b < 0 || s < 0 || b + s > in[i])
      return fail(fmt::format("slice of dimension {} is out of range", i));
    out[i] = s;
  }
  return single(out);
}

// TFLite's strided slice without ellipsis or new axes (those return nullopt).
Result inferStridedSlice(const Op &op) {
  auto begin = constantInts(operandAt(op, 1)), end = constantInts(operandAt(op, 2)),
       strides = constantInts(operandAt(op, 3));
  if (!begin || !end || !strides)
    return Shapes{};
  auto spec = stridedSliceSpecOf(op, *begin, *end, *strides);
  if (!spec)
    return spec.takeError();
  auto resolved = resolveStridedSlice(operandAt(op, 0)->shape, *spec);
  if (!resolved)
    return resolved.takeError();
  return single(resolved->resultShape);
}

Shapes sameAsInput(const Op &op) {
  return single(operandAt(op, 0)->shape);
}
} // namespace

// Values outside int32 are refused: TFLite's shape and axis tensors are int32 in practice, and
// the bound keeps every sum and difference of them inside int64.
std::optional<std::vector<int64_t>> constantInts(const Value *value) {
  if (!value || !value->isConstant())
    return std::nullopt;
  std::optional<int64_t> count = elementCount(value->shape);
  std::span<const uint8_t> bytes = value->data();
  std::vector<int64_t> out;
  if (value->type == ElementType::I32 && count && bytes.size() == size_t(*count) * 4) {
    for (int64_t i = 0; i < *count; ++i) {
      int32_t v;
      std::memcpy(&v, bytes.data() + 4 * i, 4);
      out.push_back(v);
    }
    return out;
  }
  if (value->type == ElementType::I64 && count && bytes.size() == size_t(*count) * 8) {
    for (int64_t i = 0; i < *count; ++i) {
      int64_t v;
      std::memcpy(&v, bytes.data() + 8 * i, 8);
      if (v < INT32_MIN || v > INT32_MAX)
        return std::nullopt;
      out.push_back(v);
    }
    return out;
  }
  return std::nullopt;
}

llvm::Expected<std::optional<std::vector<Shape>>> inferResultShapes(const Op &op) {
  if (op.operands.empty() || !op.operands[0])
    return Shapes{};
  // Element-wise ops broadcast or keep the first operand's shape, by OpKinds.def's traits.
  if (hasTrait(op.kind, OpTrait::Binary))
    return inferBinary(op);
  if (hasTrait(op.kind, OpTrait::SameShape))
    return sameAsInput(op);
  switch (op.kind) {
  case OpKind::CONV_2D:
    return inferConv2D(op);
  case OpKind::LITEC_CONV_2D_RESIDUAL:
  case OpKind::LITEC_DEPTHWISE_CONV_2D_RESIDUAL:
  case OpKind::LITEC_CONV_2D_PRELU:
  case OpKind::LITEC_DEPTHWISE_CONV_2D_PRELU:
  case OpKind::LITEC_CONV_2D_HARD_SWISH:
  case OpKind::LITEC_DEPTHWISE_CONV_2D_HARD_SWISH:
    return inferFusedConvolution(op);
  case OpKind::DEPTHWISE_CONV_2D:
    return inferDepthwiseConv2D(op);
  case OpKind::AVERAGE_POOL_2D:
  case OpKind::MAX_POOL_2D:
  case OpKind::L2_POOL_2D:
    return inferPool2D(op);
  case OpKind::FULLY_CONNECTED:
    return inferFullyConnected(op);
  case OpKind::TRANSPOSE_CONV:
    return inferTransposeConv(op);
  case OpKind::RESHAPE:
    return inferReshape(op);
  case OpKind::SQUEEZE:
    return inferSqueeze(op);
  case OpKind::EXPAND_DIMS:
    return inferExpandDims(op);
  case OpKind::TRANSPOSE:
    return inferTranspose(op);
  case OpKind::CONCATENATION:
    return inferConcatenation(op);
  case OpKind::PAD:
  case OpKind::PADV2:
  case OpKind::MIRROR_PAD:
    return inferPad(op);
  case OpKind::MEAN:
  case OpKind::SUM:
  case OpKind::REDUCE_MAX:
  case OpKind::REDUCE_MIN:
  case OpKind::REDUCE_PROD:
  case OpKind::REDUCE_ANY:
  case OpKind::REDUCE_ALL:
    return inferReduce(op);
  case OpKind::SPLIT:
    if (op.operands.size() < 2 || !op.operands[1])
      return Shapes{};
    return inferSplit(op, op.operands[1], constantInts(op.operands[0]), std::nullopt);
  case OpKind::SPLIT_V: {
    auto sizes = constantInts(operandAt(op, 1));
    if (!sizes)
      return Shapes{};
    return inferSplit(op, op.operands[0], constantInts(operandAt(op, 2)), sizes);
  }
  case OpKind::PACK:
    return inferPack(op);
  case OpKind::UNPACK:
    return inferUnpack(op);
  case OpKind::GATHER:
    return inferGather(op);
  case OpKind::RESIZE_BILINEAR:
  case OpKind::RESIZE_NEAREST_NEIGHBOR:
    return inferResize(op);
  case OpKind::DEPTH_TO_SPACE:
    return inferBlockRearrange(op, false);
  case OpKind::SPACE_TO_DEPTH:
    return inferBlockRearrange(op, true);
  case OpKind::ARG_MAX:
  case OpKind::ARG_MIN:
    return inferArgMinMax(op);
  case OpKind::BATCH_MATMUL:
    return inferBatchMatMul(op);
  case OpKind::SLICE:
    return inferSlice(op);
  case OpKind::STRIDED_SLICE:
    return inferStridedSlice(op);
  default:
    return Shapes{};
  }
}

} // namespace litec::ir
