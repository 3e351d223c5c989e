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

  template <typename V> void visit(V &&visitor) const {
    LITEC_PARAM(rows);
    LITEC_PARAM(units);
    LITEC_PARAM(depth);
    OutputStage::visit(visitor);
  }
};

using PreparedFullyConnected = PreparedWeighted<FullyConnectedParams>;

llvm::Expected<PreparedFullyConnected> prepareFullyConnected(const Op &op);

} // namespace litec::ir::ops
