// QUANTIZE float32 to int8/uint8 and DEQUANTIZE int8/uint8 to float32 on a SIMD target's kernels of
// templates/<target>/Quantization.h; requantising between integer types, the int16 forms and
// float16 run on the generic kernels.

#include "SimdKernels.h"

#include "../generic/EmitSupport.h"
#include "litec/codegen/ParamWriter.h"
#include "litec/ir/ops/Quantization.h"

namespace litec::codegen::simd {

namespace {
bool eightBit(ir::ElementType type) {
  return type == ir::ElementType::I8 || type == ir::ElementType::U8;
}
} // namespace

llvm::Error checkQuantization(const ir::Op &op, const KernelSet &kernels) {
  auto prepared = ir::ops::prepareQuantization(op);
  if (!prepared)
    return prepared.takeError();
  using ir::ops::QuantizationKind;
  if (prepared->kind == QuantizationKind::Quantize && eightBit(prepared->outputType))
    return llvm::Error::success();
  if (prepared->kind == QuantizationKind::Dequantize && eightBit(prepared->inputType))
    return llvm::Error::success();
  return generic::refuse(fmt::format("no {} kernel for this quantisation (only float32 to and "
                                     "from int8 or uint8)",
                                     kernels.target));
}

llvm::Error emitQuantization(LayerContext &layer, const KernelSet &kernels) {
  auto prepared = ir::ops::prepareQuantization(layer.op());
  if (!prepared)
    return prepared.takeError();
  writeParams(layer, prepared->params);
  layer.require("Quantization.h");
  const bool quantize = prepared->kind == ir::ops::QuantizationKind::Quantize;
  layer.note(quantize ? fmt::format("kernel: {} quantisation, {}: division by the scale, rounding "
                                    "half away from zero, saturating narrows; bit-exact",
                                    kernels.target, kernels.quantizeStep)
                      : fmt::format("kernel: {} dequantisation, {}: widened, the zero point "
                                    "taken off, converted and scaled in float; bit-exact",
                                    kernels.target, kernels.quantizeStep));
  layer.statement(fmt::format("{}::{}<{}>({}{{}}, {}, {});", kernels.ns,
                              quantize ? "quantizeF32" : "dequantizeF32",
                              cppType(quantize ? prepared->outputType : prepared->inputType),
                              layer.paramsName(), layer.input(0), layer.output(0)));
  return llvm::Error::success();
}

} // namespace litec::codegen::simd
