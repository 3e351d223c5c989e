#include "litec/ir/ops/Gather.h"

#include "litec/ir/Shape.h"

namespace litec::ir::ops {

llvm::Expected<PreparedGather> prepareGather(const Op &op) {
  if (op.operands.size() != 2 || !op.operands[0] || !op.operands[1] || op.results.size() != 1)
    return invalid("GATHER needs params, indices and one result");
  const Value &params = *op.operands[0], &indices = *op.operands[1], &output = *op.results[0];
  if (indices.type != ElementType::I32 && indices.type != ElementType::I64)
    return unsupported("GATHER with indices of type " + std::string(elementTypeName(indices.type)));
  if (params.type != output.type)
    return unsupported("GATHER with types " + typeList(op));
  auto options = optionsOf<options::GatherOptions>(op);
  if (!options)
    return options.takeError();
  const int64_t rank = int64_t(params.shape.size());
  if (options->axis < -rank || options->axis >= rank)
    return invalid("GATHER axis " + std::to_string(options->axis) + " is out of range");
  const size_t axis = size_t(normalizedAxis(options->axis, size_t(rank)));
  int64_t batchDims = options->batch_dims;
  if (batchDims < 0)
    batchDims += int64_t(indices.shape.size());
  if (batchDims < 0 || batchDims > int64_t(axis) || batchDims > int64_t(indices.shape.size()))
    return invalid("GATHER batch_dims " + std::to_string(options->batch_dims) + " is out of range");
  PreparedGather prepared{};
  prepared.type = params.type;
  prepared.indexType = indices.type;
  GatherParams &p = prepared.params;
  p.batches = int32_t(dimensionProduct(params.shape, 0, size_t(batchDims)));
  p.outer = int32_t(dimensionProduct(params.shape, size_t(batchDims), axis));
  p.axisSize = int32_t(params.shape[axis]);
  p.inner = int32_t(dimensionProduct(params.shape, axis + 1, params.shape.size()));
  p.coords = int32_t(dimensionProduct(indices.shape, size_t(batchDims), indices.shape.size()));
  return prepared;
}

} // namespace litec::ir::ops
