#include "litec/ir/ops/Transpose.h"

#include "litec/ir/Shape.h"

namespace litec::ir::ops {

llvm::Expected<PreparedTranspose> prepareTranspose(const Op &op) {
  if (op.operands.size() != 2 || !op.operands[0] || op.results.size() != 1)
    return invalid("TRANSPOSE needs an input, a permutation and one result");
  const Value &input = *op.operands[0], &output = *op.results[0];
  const std::optional<std::vector<int64_t>> perm = constantInts(op.operands[1]);
  if (!perm)
    return unsupported("TRANSPOSE with a permutation that is not constant");
  const int64_t rank = int64_t(input.shape.size());
  if (int64_t(perm->size()) != rank || output.shape.size() != input.shape.size())
    return invalid("the permutation must have the input's rank");
  if (rank > kMaxTransposeRank)
    return unsupported("TRANSPOSE of rank " + std::to_string(rank));
  if (input.type != output.type)
    return unsupported("TRANSPOSE with types " + typeList(op));
  PreparedTranspose prepared{};
  TransposeParams &p = prepared.params;
  prepared.type = input.type;
  p.rank = int32_t(rank);
  p.count = int32_t(elementCount(output.shape).value_or(0));
  const std::vector<int64_t> inStrides = rowMajorStrides(input.shape);
  for (size_t d = 0; d < perm->size(); ++d) {
    const int64_t axis = (*perm)[d];
    if (axis < -rank || axis >= rank)
      return invalid("TRANSPOSE permutation entry " + std::to_string(axis) + " is out of range");
    p.inStrides.push_back(int32_t(inStrides[size_t(normalizedAxis(axis, size_t(rank)))]));
    p.outShape.push_back(int32_t(output.shape[d]));
  }
  return prepared;
}

} // namespace litec::ir::ops
