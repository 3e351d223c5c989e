#pragma once

// Element-wise math on one operand: RSQRT, SQRT, EXP, LOG, ABS, NEG, FLOOR, CEIL, ROUND (half to
// even, as TFLite), SQUARE, SIN, COS on float32; and int8 RSQRT as TFLite's integer kernel
// computes it: 1 / sqrt(x - z_x) by a fixed-point Newton iteration, rescaled by
// 1 / (sqrt(s_x) * s_out); x at its zero point gives the largest output, x below it is refused
// when the op runs (TFLite: "Rsqrt is only defined for positive values").

#include "litec/ir/ops/Params.h"
#include "litec/runtime/Operators.h"

namespace litec::ir::ops {

struct UnaryParams {
  int32_t count;
  int32_t inputZeroPoint, outputZeroPoint; // int8 RSQRT
  QuantizedMultiplier rescale;             // int8 RSQRT: 1 / (sqrt(s_x) * s_out)

  template <typename V> void visit(V &&visitor) const {
    LITEC_PARAM(count);
    LITEC_PARAM(inputZeroPoint);
    LITEC_PARAM(outputZeroPoint);
    LITEC_PARAM(rescale);
  }
};

enum class UnaryKind { Float, Int8Rsqrt };

struct PreparedUnary {
  UnaryParams params;
  UnaryKind kind;
  runtime::UnaryOp op;
};

llvm::Expected<PreparedUnary> prepareUnary(const Op &op);

} // namespace litec::ir::ops
