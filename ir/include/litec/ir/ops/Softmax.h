#pragma once

// SOFTMAX along the last dimension: float32; int8 to int8 (output scale 1/256, zero point
// -128) or int16 (zero point -32768), uint8 to uint8 (scale 1/256, zero point 0), with TFLite's
// fixed-point exp and reciprocal; int16 to int16 (zero points 0, output scale 2^-15) with
// TFLite's interpolated exp and 1 / (1 + x) tables.

#include "litec/ir/ops/Params.h"

namespace litec::ir::ops {

struct SoftmaxParams {
  int32_t rows, depth;
  float beta;                // float
  int32_t multiplier;        // 8-bit input: the input difference scaled into Q5.26 ...
  int32_t leftShift;         // ... by multiplier * 2^leftShift
  int32_t diffMin;           // differences below it contribute nothing
  QuantizedMultiplier input; // int16: (input - max) * beta onto the exp table's scale

  template <typename V> void visit(V &&visitor) const {
    LITEC_PARAM(rows);
    LITEC_PARAM(depth);
    LITEC_PARAM(beta);
    LITEC_PARAM(multiplier);
    LITEC_PARAM(leftShift);
    LITEC_PARAM(diffMin);
    LITEC_PARAM(input);
  }
};

enum class SoftmaxKind { Float, Quantized, Int16 };

struct PreparedSoftmax {
  SoftmaxParams params;
  SoftmaxKind kind;
  ElementType inputType, outputType;
  Int16LookupTable exp, reciprocal; // int16: TFLite's tables (Q0.15)
};

llvm::Expected<PreparedSoftmax> prepareSoftmax(const Op &op);

} // namespace litec::ir::ops
