#pragma once

// FULLY_CONNECTED: out[r, u] = act(sum_d in[r, d] * w[u, d] + bias[u]), the input flattened
// into rows of the weights' depth, the types of WeightedTypes (Params.h), DEFAULT weights
// format. Quantised: sum_d (w + weightsOffset) (x + inputOffset) + bias through the
// OutputStage (per-channel weights along axis 0).

#include "litec/ir/ops/Params.h"

#include <optional>
#include <vector>

namespace litec::ir::ops {

struct FullyConnectedParams : OutputStage {
  int32_t rows, units, depth;
  FloatRange floatRange;
  int32_t inputOffset, weightsOffset;

  template <typename V> void visit(V &&visitor) const {
    LITEC_PARAM(rows);
    LITEC_PARAM(units);
    LITEC_PARAM(depth);
    LITEC_PARAM(floatRange);
    LITEC_PARAM(inputOffset);
    LITEC_PARAM(weightsOffset);
    OutputStage::visit(visitor);
  }
};

struct PreparedFullyConnected {
  FullyConnectedParams params;
  WeightedTypes types;
  // int8 with constant symmetric weights, a constant bias (or none) and a non-zero input zero
  // point: inputOffset 0 and the zero point folded into `foldedBias`.
  std::optional<FullyConnectedParams> folded;
  std::vector<int32_t> foldedBias;
};

llvm::Expected<PreparedFullyConnected> prepareFullyConnected(const Op &op);

} // namespace litec::ir::ops
