#pragma once

// MEAN, SUM, REDUCE_MAX and REDUCE_MIN over constant axes, as TFLite Micro's reference kernels
// compute them (the truth for whole int8 models): float32 accumulates in input order (MEAN then
// divides); int8 and int16 MEAN and SUM sum raw values in int32, remove the input zero point and
// rescale once by input_scale / output_scale (for MEAN with the division by the count folded
// into the multiplier); integer MAX and MIN compare raw values, input and output sharing their
// quantisation.

#include "litec/ir/ops/Params.h"

#include <optional>
#include <vector>

namespace litec::ir::ops {

// Reductions walk at most this many dimensions.
inline constexpr int kMaxReduceRank = 8;

struct ReduceParams {
  int32_t rank, count, outputs, perOutput; // count: input elements
  std::vector<int32_t> inShape;
  // The output stride of each input dimension: row-major over the kept ones, 0 along reduced.
  std::vector<int32_t> targetStrides;
  int32_t inputZeroPoint, outputZeroPoint; // integer MEAN and SUM
  QuantizedMultiplier rescale;

  template <typename V> void visit(V &&visitor) const {
    LITEC_PARAM(rank);
    LITEC_PARAM(count);
    LITEC_PARAM(outputs);
    LITEC_PARAM(perOutput);
    LITEC_PARAM(inShape);
    LITEC_PARAM(targetStrides);
    LITEC_PARAM(inputZeroPoint);
    LITEC_PARAM(outputZeroPoint);
    LITEC_PARAM(rescale);
  }
};

enum class Reduction { Sum, Mean, Max, Min };

struct PreparedReduce {
  ReduceParams params;
  Reduction reduction;
  bool quantizedMeanOrSum; // the integer sum-and-rescale kernel; otherwise raw values
  ElementType type;
  int64_t scratchBytes; // the integer sums
};

llvm::Expected<PreparedReduce> prepareReduce(const Op &op);

// The input as [outer, reduced, inner] when its reduced dimensions (those of size above 1) are
// neighbours, as in a global pool over H and W of NHWC; nullopt when a kept dimension lies
// between two of them. The SIMD targets' reduction kernels walk this view.
struct ReducedRun {
  int64_t outer = 1, reduced = 1, inner = 1;
};
std::optional<ReducedRun> reducedRun(const ReduceParams &p);

} // namespace litec::ir::ops
