// Layers that pick elements by index: SLICE, STRIDED_SLICE and MIRROR_PAD (per-dimension source
// tables computed here), SPLIT, SPLIT_V, UNPACK and PACK (chunk copies), GATHER (indices read at
// run time and checked), CAST, ARG_MAX and ARG_MIN, and BATCH_MATMUL. Validity is the reference
// interpreter's (checkWithReference).

#include "Emitters.h"

#include "litec/ir/Shape.h"
#include "litec/ir/StridedSlice.h"

namespace litec::codegen::generic {

namespace {

// Emits gatherAxes with the input element offsets each output dimension reads.
void emitGatherAxes(LayerContext &layer, const std::vector<std::vector<int64_t>> &sources) {
  const ir::Value &in = *layer.op().operands[0], &out = *layer.op().results[0];
  const std::vector<int64_t> strides = ir::rowMajorStrides(in.shape);
  std::vector<int64_t> starts, offsets, outShape;
  for (size_t d = 0; d < sources.size(); ++d) {
    starts.push_back(int64_t(offsets.size()));
    outShape.push_back(int64_t(sources[d].size()));
    for (int64_t i : sources[d])
      offsets.push_back(i * strides[d]);
  }
  if (sources.empty()) // a scalar: one element
    starts = {0}, offsets = {0}, outShape = {1};
  layer.param("rank", starts.size());
  layer.param("count", ir::elementCount(out.shape).value_or(0));
  layer.param(fmt::format("int outShape[{}] = {}", outShape.size(), braced(outShape)));
  layer.param(fmt::format("int starts[{}] = {}", starts.size(), braced(starts)));
  layer.param(fmt::format("int offsets[{}] = {}", offsets.size(), braced(offsets)));
  layer.require("Indexing.h");
  layer.statement(fmt::format("litec::generic::gatherAxes<{}, {}>({}, {});", layer.paramsName(),
                              cppType(in.type), layer.input(0), layer.output(0)));
}

llvm::Error emitSlice(LayerContext &layer) {
  const ir::Op &op = layer.op();
  const ir::Value &in = *op.operands[0];
  const size_t rank = in.shape.size();
  const std::vector<int64_t> begin = *constantInts(op.operands[1]);
  std::vector<int64_t> start(rank, 0), step(rank, 1), count = in.shape;
  if (op.kind == ir::OpKind::SLICE) {
    const std::vector<int64_t> size = *constantInts(op.operands[2]);
    for (size_t d = 0; d < rank; ++d) {
      start[d] = begin[d];
      count[d] = size[d] == -1 ? in.shape[d] - start[d] : size[d];
    }
  } else {
    std::vector<int64_t> strides(begin.size(), 1);
    if (op.operands.size() > 3)
      strides = *constantInts(op.operands[3]);
    auto resolved = ir::resolveStridedSlice(
        in.shape, ir::stridedSliceSpecOf(op, begin, *constantInts(op.operands[2]), strides));
    if (!resolved)
      return resolved.takeError();
    start = resolved->start, step = resolved->step, count = resolved->count;
  }
  std::vector<std::vector<int64_t>> sources(rank);
  for (size_t d = 0; d < rank; ++d)
    for (int64_t i = 0; i < count[d]; ++i)
      sources[d].push_back(start[d] + i * step[d]);
  emitGatherAxes(layer, sources);
  return llvm::Error::success();
}

llvm::Error emitMirrorPad(LayerContext &layer) {
  const ir::Op &op = layer.op();
  const ir::Value &in = *op.operands[0], &out = *op.results[0];
  const std::optional<std::vector<int64_t>> paddings = constantInts(op.operands[1]);
  if (!paddings)
    return refuse("the paddings must be constant");
  const ir::EnumAttr *mode = op.attrs.getEnum("mode");
  const bool symmetric = mode && mode->valueName == "SYMMETRIC";
  std::vector<std::vector<int64_t>> sources(in.shape.size());
  for (size_t d = 0; d < in.shape.size(); ++d)
    for (int64_t o = 0; o < out.shape[d]; ++o) {
      int64_t i = o - (*paddings)[2 * d];
      const int64_t n = in.shape[d];
      // REFLECT maps -1 to 1, SYMMETRIC maps -1 to 0.
      if (i < 0)
        i = symmetric ? -i - 1 : -i;
      else if (i >= n)
        i = symmetric ? 2 * n - i - 1 : 2 * n - i - 2;
      if (i < 0 || i >= n)
        return refuse(fmt::format("padding of dimension {} is larger than the mirror allows", d));
      sources[d].push_back(i);
    }
  emitGatherAxes(layer, sources);
  return llvm::Error::success();
}

llvm::Error emitChunks(LayerContext &layer) {
  const ir::Op &op = layer.op();
  const bool pack = op.kind == ir::OpKind::PACK;
  const size_t dataOperand = op.kind == ir::OpKind::SPLIT ? 1 : 0;
  const ir::Value &data = pack ? *op.results[0] : *op.operands[dataOperand];
  int64_t axis = 0;
  if (op.kind == ir::OpKind::SPLIT || op.kind == ir::OpKind::SPLIT_V)
    axis = ir::normalizedAxis((*constantInts(op.operands[op.kind == ir::OpKind::SPLIT ? 0 : 2]))[0],
                              data.shape.size());
  else
    axis = ir::normalizedAxis(op.attrs.getInt("axis").value_or(0), data.shape.size());
  const size_t elementSize = ir::elementByteSize(data.type);
  const std::vector<ir::Value *> &pieces = pack ? op.operands : op.results;
  std::vector<int64_t> chunks;
  std::string pointers;
  for (size_t k = 0; k < pieces.size(); ++k) {
    chunks.push_back(ir::dimensionProduct(pieces[k]->shape, size_t(axis), pieces[k]->shape.size()) *
                     int64_t(elementSize));
    pointers += fmt::format("{}reinterpret_cast<{}unsigned char *>({})", k ? ", " : "",
                            pack ? "const " : "", pack ? layer.input(k) : layer.output(k));
  }
  layer.param("outer", ir::dimensionProduct(data.shape, 0, size_t(axis)));
  layer.param("pieces", pieces.size());
  layer.param(fmt::format("int chunks[{}] = {}", chunks.size(), braced(chunks)));
  layer.require("Indexing.h");
  const std::string P = layer.paramsName();
  if (pack) {
    layer.statement(fmt::format("const unsigned char *const pieces[] = {{{}}};", pointers));
    layer.statement(fmt::format(
        "litec::generic::joinChunks<{}>(pieces, reinterpret_cast<unsigned char *>({}));", P,
        layer.output(0)));
  } else {
    layer.statement(fmt::format("unsigned char *const pieces[] = {{{}}};", pointers));
    layer.statement(fmt::format(
        "litec::generic::splitChunks<{}>(reinterpret_cast<const unsigned char *>({}), pieces);", P,
        layer.input(dataOperand)));
  }
  return llvm::Error::success();
}

llvm::Error emitGather(LayerContext &layer) {
  const ir::Op &op = layer.op();
  const ir::Value &params = *op.operands[0], &indices = *op.operands[1];
  const int64_t axis = ir::normalizedAxis(op.attrs.getInt("axis").value_or(0), params.shape.size());
  int64_t batchDims = op.attrs.getInt("batch_dims").value_or(0);
  if (batchDims < 0)
    batchDims += int64_t(indices.shape.size());
  layer.param("batches", ir::dimensionProduct(params.shape, 0, size_t(batchDims)));
  layer.param("outer", ir::dimensionProduct(params.shape, size_t(batchDims), size_t(axis)));
  layer.param("axisSize", params.shape[size_t(axis)]);
  layer.param("inner", ir::dimensionProduct(params.shape, size_t(axis) + 1, params.shape.size()));
  layer.param("coords",
              ir::dimensionProduct(indices.shape, size_t(batchDims), indices.shape.size()));
  layer.require("Indexing.h");
  layer.setFallible();
  layer.statement(fmt::format("return litec::generic::gather<{}, {}, {}>({}, {}, {});",
                              layer.paramsName(), cppType(params.type), cppType(indices.type),
                              layer.input(0), layer.input(1), layer.output(0)));
  return llvm::Error::success();
}

llvm::Error emitCastOrArg(LayerContext &layer) {
  const ir::Op &op = layer.op();
  const ir::Value &in = *op.operands[0], &out = *op.results[0];
  layer.require("Indexing.h");
  const std::string P = layer.paramsName();
  if (op.kind == ir::OpKind::CAST) {
    layer.param("count", ir::elementCount(in.shape).value_or(0));
    layer.statement(fmt::format("litec::generic::cast<{}, {}, {}>({}, {});", P, cppType(in.type),
                                cppType(out.type), layer.input(0), layer.output(0)));
    return llvm::Error::success();
  }
  const int64_t axis = ir::normalizedAxis((*constantInts(op.operands[1]))[0], in.shape.size());
  layer.param("outer", ir::dimensionProduct(in.shape, 0, size_t(axis)));
  layer.param("axisSize", in.shape[size_t(axis)]);
  layer.param("inner", ir::dimensionProduct(in.shape, size_t(axis) + 1, in.shape.size()));
  layer.statement(fmt::format("litec::generic::argReduce<{}, {}, {}, {}>({}, {});", P,
                              op.kind == ir::OpKind::ARG_MAX, cppType(in.type), cppType(out.type),
                              layer.input(0), layer.output(0)));
  return llvm::Error::success();
}

llvm::Error emitBatchMatMul(LayerContext &layer) {
  const ir::Op &op = layer.op();
  const ir::Value &lhs = *op.operands[0], &rhs = *op.operands[1], &out = *op.results[0];
  const bool adjX = op.attrs.getBool("adj_x").value_or(false);
  const bool adjY = op.attrs.getBool("adj_y").value_or(false);
  const size_t lr = lhs.shape.size(), rr = rhs.shape.size();
  const ir::Shape lhsBatch(lhs.shape.begin(), lhs.shape.end() - 2),
      rhsBatch(rhs.shape.begin(), rhs.shape.end() - 2),
      outBatch(out.shape.begin(), out.shape.end() - 2);
  layer.param("m", lhs.shape[lr - (adjX ? 1 : 2)]);
  layer.param("k", lhs.shape[lr - (adjX ? 2 : 1)]);
  layer.param("n", rhs.shape[rr - (adjY ? 2 : 1)]);
  layer.param(fmt::format("bool adjX = {}", adjX));
  layer.param(fmt::format("bool adjY = {}", adjY));
  layer.param("batchCount", ir::elementCount(outBatch).value_or(1));
  const bool same = lhsBatch == outBatch && rhsBatch == outBatch;
  layer.param(fmt::format("bool batchSameShape = {}", same));
  if (!same) {
    layer.param("batchRank", outBatch.size());
    layer.param(fmt::format("int batchShape[{}] = {}", outBatch.size(), braced(outBatch)));
    layer.param(fmt::format("int lhsBatchStrides[{}] = {}", outBatch.size(),
                            braced(ir::broadcastStrides(lhsBatch, outBatch))));
    layer.param(fmt::format("int rhsBatchStrides[{}] = {}", outBatch.size(),
                            braced(ir::broadcastStrides(rhsBatch, outBatch))));
  }
  if (lhs.type == ir::ElementType::I8) {
    if (auto e = channelRescale(layer, lhs, rhs, out, 1, 0))
      return e;
    if (auto e = integerBounds(layer, out))
      return e;
    layer.param("inputOffset", -zeroPointOf(lhs));
    layer.param("weightsOffset", -zeroPointOf(rhs));
    layer.param("outputOffset", zeroPointOf(out));
  }
  layer.require("MatMul.h");
  layer.statement(fmt::format("litec::generic::batchMatMul<{}, {}, {}>({}, {}, {});",
                              layer.paramsName(), cppType(lhs.type), cppType(out.type),
                              layer.input(0), layer.input(1), layer.output(0)));
  return llvm::Error::success();
}
} // namespace

llvm::Error checkIndexing(const ir::Op &op) {
  if (op.operands.empty() || !op.operands[0] || op.results.empty())
    return refuse("needs an input and a result");
  if (auto e = checkWithReference(op))
    return e;
  if (op.kind == ir::OpKind::MIRROR_PAD && !constantInts(op.operands[1]))
    return refuse("the paddings must be constant");
  if ((op.kind == ir::OpKind::ARG_MAX || op.kind == ir::OpKind::ARG_MIN) &&
      !constantInts(op.operands[1]))
    return refuse("the axis must be constant");
  if (op.kind == ir::OpKind::BATCH_MATMUL && op.results[0]->shape.size() > 8)
    return refuse("more than 8 dimensions");
  return llvm::Error::success();
}

llvm::Error emitIndexing(LayerContext &layer) {
  switch (layer.op().kind) {
  case ir::OpKind::SLICE:
  case ir::OpKind::STRIDED_SLICE:
    return emitSlice(layer);
  case ir::OpKind::MIRROR_PAD:
    return emitMirrorPad(layer);
  case ir::OpKind::GATHER:
    return emitGather(layer);
  case ir::OpKind::CAST:
  case ir::OpKind::ARG_MAX:
  case ir::OpKind::ARG_MIN:
    return emitCastOrArg(layer);
  case ir::OpKind::BATCH_MATMUL:
    return emitBatchMatMul(layer);
  default: // SPLIT, SPLIT_V, UNPACK, PACK
    return emitChunks(layer);
  }
}

} // namespace litec::codegen::generic
