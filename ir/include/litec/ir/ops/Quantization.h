#pragma once

// QUANTIZE: float32 to int8, uint8 or int16 (round(x / scale) in float, plus the zero point,
// clamped), or between integer types (a rescaling by input_scale / output_scale between the
// zero points); DEQUANTIZE: int8, uint8, int16 to float32 (scale * (q - zero point) in double,
// as TFLite), float16 to float32 exactly. Per-tensor quantisation only.

#include "litec/ir/ops/Params.h"

namespace litec::ir::ops {

struct QuantizationParams {
  int32_t count;
  float scale;            // QUANTIZE from float: the output's
  double dequantizeScale; // DEQUANTIZE: the input's, in double as TFLite multiplies
  int32_t zeroPoint;      // of the quantised side
  int32_t inputZeroPoint, outputZeroPoint; // requantising
  QuantizedMultiplier rescale;

  template <typename V> void visit(V &&visitor) const {
    LITEC_PARAM(count);
    LITEC_PARAM(scale);
    LITEC_PARAM(dequantizeScale);
    LITEC_PARAM(zeroPoint);
    LITEC_PARAM(inputZeroPoint);
    LITEC_PARAM(outputZeroPoint);
    LITEC_PARAM(rescale);
  }
};

enum class QuantizationKind { Quantize, Requantize, Dequantize, HalfToFloat };

struct PreparedQuantization {
  QuantizationParams params;
  QuantizationKind kind;
  ElementType inputType, outputType;
};

llvm::Expected<PreparedQuantization> prepareQuantization(const Op &op);

} // namespace litec::ir::ops
