#pragma once

// Element-wise ops on two operands with TFLite's broadcasting (up to 6 dimensions): ADD, SUB,
// MUL, DIV, MAXIMUM, MINIMUM, SQUARED_DIFFERENCE, POW, PRELU.
// - float32: every one, with the fused activation where the op has one;
// - quantised ADD and SUB (int8, int16; ADD also uint8) as TFLite's integer kernel adds: both
//   inputs rescaled to a common scale with 20 (int16: 15) bits of headroom, summed, rescaled to
//   the output; int16 with power-of-two scales (and pot_scale_int16) takes TFLite's shift-only
//   kernel instead (same shapes only);
// - quantised MUL (int8, uint8, int16): (a - za) * (b - zb) rescaled by s_a * s_b / s_out;
// - quantised DIV (int8, uint8, int16): TFLite's fixed-point reciprocal (runtime/
//   QuantizedArithmetic.h), a divisor of raw value 0 or equal to its zero point refused when the
//   op runs;
// - quantised PRELU (int8, uint8, int16): x - z_x rescaled by s_x / s_out where non-negative,
//   else its product with the centred slope rescaled by s_x * s_alpha / s_out;
// - int8 SQUARED_DIFFERENCE: both inputs 7 bits up on a common scale, the difference squared;
// - MAXIMUM and MINIMUM of integers on raw values, the quantisation shared.

#include "litec/ir/ops/Params.h"
#include "litec/runtime/Operators.h"

#include <vector>

namespace litec::ir::ops {

inline constexpr int kMaxBroadcastRank = 6;

struct BinaryParams {
  int32_t count;  // output elements
  bool sameShape; // both operands have the output's shape; else broadcast through the strides
  int32_t rank;
  std::vector<int32_t> outShape, aStrides, bStrides; // strides 0 along repeated dimensions
  FloatRange floatRange;
  IntRange intRange;
  int32_t input1Offset, input2Offset, outputOffset; // minus the inputs' zero points; output's
  int32_t leftShift;                                // ADD, SUB: the rescaled inputs' headroom
  QuantizedMultiplier input1, input2, output; // ADD, SUB, SQUARED_DIFFERENCE; MUL, DIV, PRELU's
  QuantizedMultiplier positive;               // negative side: output; PRELU's positive side
  bool subtract;
  int32_t rightShift; // int16 power-of-two ADD/SUB: the finer input's shift ...
  bool shiftFirst;    // ... applied to the first input (else the second)

  template <typename V> void visit(V &&visitor) const {
    LITEC_PARAM(count);
    LITEC_PARAM(sameShape);
    LITEC_PARAM(rank);
    LITEC_PARAM(outShape);
    LITEC_PARAM(aStrides);
    LITEC_PARAM(bStrides);
    LITEC_PARAM(floatRange);
    LITEC_PARAM(intRange);
    LITEC_PARAM(input1Offset);
    LITEC_PARAM(input2Offset);
    LITEC_PARAM(outputOffset);
    LITEC_PARAM(leftShift);
    LITEC_PARAM(input1);
    LITEC_PARAM(input2);
    LITEC_PARAM(output);
    LITEC_PARAM(positive);
    LITEC_PARAM(subtract);
    LITEC_PARAM(rightShift);
    LITEC_PARAM(shiftFirst);
  }
};

enum class BinaryKind {
  Float,
  QuantizedAdd,
  Int16PowerOfTwoAdd,
  QuantizedMul,
  QuantizedDiv,
  QuantizedPrelu,
  Int8SquaredDifference,
  RawMinMax,
};

struct PreparedBinary {
  BinaryParams params;
  BinaryKind kind;
  runtime::BinaryOp op; // the float op; RawMinMax: kMaximum or kMinimum
  ElementType type;
};

llvm::Expected<PreparedBinary> prepareBinary(const Op &op);

} // namespace litec::ir::ops
