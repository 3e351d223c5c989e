#include "litec/ir/ops/Slicing.h"

#include "litec/ir/Shape.h"
#include "litec/ir/StridedSlice.h"

#include <fmt/format.h>

namespace litec::ir::ops {

AxisGatherParams axisGather(const Shape &inShape,
                            const std::vector<std::vector<int64_t>> &sources) {
  const std::vector<int64_t> strides = rowMajorStrides(inShape);
  AxisGatherParams p{};
  int64_t count = 1;
  for (size_t d = 0; d < sources.size(); ++d) {
    p.starts.push_back(int32_t(p.offsets.size()));
    p.outShape.push_back(int32_t(sources[d].size()));
    count *= int64_t(sources[d].size());
    for (int64_t i : sources[d])
      p.offsets.push_back(int32_t(i * strides[d]));
  }
  if (sources.empty()) { // a scalar: one element, read in one step
    p.starts = {0};
    p.offsets = {0};
    p.outShape = {1};
  }
  p.rank = int32_t(p.starts.size());
  p.count = int32_t(count);
  return p;
}

llvm::Expected<PreparedSlice> prepareSlice(const Op &op) {
  if (op.operands.size() < 3 || !op.operands[0] || op.results.size() != 1)
    return invalid(opName(op) + " needs an input, begin, end or size, and one result");
  const Value &input = *op.operands[0], &output = *op.results[0];
  const size_t rank = input.shape.size();
  if (rank > size_t(kMaxGatherRank))
    return unsupported(opName(op) + " of rank " + std::to_string(rank));
  if (input.type != output.type)
    return unsupported(opName(op) + " with types " + typeList(op));
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
    auto spec = stridedSliceSpecOf(op, *begin, *end, std::move(*strides));
    if (!spec)
      return spec.takeError();
    auto resolved = resolveStridedSlice(input.shape, *spec);
    if (!resolved)
      return invalid(llvm::toString(resolved.takeError()));
    start = std::move(resolved->start);
    step = std::move(resolved->step);
    count = std::move(resolved->count);
  }
  int64_t total = 1;
  for (int64_t c : count)
    total *= c;
  if (total != elementCount(output.shape).value_or(-1))
    return invalid("the slice does not produce the result's element count");
  std::vector<std::vector<int64_t>> sources(rank);
  for (size_t d = 0; d < rank; ++d) {
    if (count[d] > 0 &&
        (start[d] < 0 || start[d] >= input.shape[d] || start[d] + (count[d] - 1) * step[d] < 0 ||
         start[d] + (count[d] - 1) * step[d] >= input.shape[d]))
      return invalid(fmt::format("the slice of dimension {} is outside the input", d));
    for (int64_t i = 0; i < count[d]; ++i)
      sources[d].push_back(start[d] + i * step[d]);
  }
  return PreparedSlice{axisGather(input.shape, sources), input.type};
}

bool isChunking(const Op &op) {
  return op.kind == OpKind::SPLIT || op.kind == OpKind::SPLIT_V || op.kind == OpKind::UNPACK ||
         op.kind == OpKind::PACK;
}

llvm::Expected<PreparedChunks> prepareChunks(const Op &op) {
  const bool pack = op.kind == OpKind::PACK;
  if (!isChunking(op))
    return invalid("not a split or pack");
  const size_t dataOperand = op.kind == OpKind::SPLIT ? 1 : 0;
  if (op.operands.size() <= dataOperand || !op.operands[dataOperand] || op.results.empty())
    return invalid(opName(op) + " needs its operands and results");
  const Value &data = pack ? *op.results[0] : *op.operands[dataOperand];
  const int64_t rank = int64_t(data.shape.size());
  int64_t axis = 0;
  if (op.kind == OpKind::SPLIT || op.kind == OpKind::SPLIT_V) {
    const size_t axisOperand = op.kind == OpKind::SPLIT ? 0 : 2;
    auto axisValue =
        op.operands.size() > axisOperand ? constantInts(op.operands[axisOperand]) : std::nullopt;
    if (!axisValue || axisValue->size() != 1)
      return unsupported("a split whose axis is not constant");
    axis = (*axisValue)[0];
  } else if (pack) {
    auto options = optionsOf<options::PackOptions>(op);
    if (!options)
      return options.takeError();
    axis = options->axis;
  } else {
    auto options = optionsOf<options::UnpackOptions>(op);
    if (!options)
      return options.takeError();
    axis = options->axis;
  }
  if (axis < -rank || axis >= rank)
    return invalid(opName(op) + " axis " + std::to_string(axis) + " is out of range");
  axis = normalizedAxis(axis, size_t(rank));
  PreparedChunks prepared{};
  prepared.split = !pack;
  prepared.dataOperand = dataOperand;
  ChunkParams &p = prepared.params;
  p.outer = int32_t(dimensionProduct(data.shape, 0, size_t(axis)));
  const size_t elementSize = elementByteSize(data.type);
  const std::vector<Value *> &pieces = pack ? op.operands : op.results;
  p.pieces = int32_t(pieces.size());
  int64_t total = 0;
  for (const Value *piece : pieces) {
    if (!piece || piece->type != data.type)
      return unsupported(opName(op) + " with types " + typeList(op));
    // A piece's share of one outer block: its dimensions from the axis on (PACK's and UNPACK's
    // pieces lack the axis, so that is what follows it).
    const int64_t chunk =
        dimensionProduct(piece->shape, size_t(axis), piece->shape.size()) * int64_t(elementSize);
    // Every piece must be exactly `outer` of its chunks, and the pieces together the whole.
    if (piece->byteSize().value_or(-1) != p.outer * chunk)
      return invalid("the pieces do not fit the tensor they split or form");
    p.chunks.push_back(int32_t(chunk));
    total += chunk;
  }
  if (p.outer * total != data.byteSize().value_or(-1))
    return invalid("the pieces do not add up to the tensor they split or form");
  return prepared;
}

} // namespace litec::ir::ops
