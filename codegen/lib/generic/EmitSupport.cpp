#include "EmitSupport.h"

#include "litec/codegen/ParamWriter.h"
#include "litec/ir/Analysis.h"
#include "litec/runtime/ConvolutionLayout.h"

#include <cstring>

namespace litec::codegen::generic {

std::string elementLiteral(ir::ElementType type, const uint8_t *bytes) {
  auto load = [&](auto zero) {
    decltype(zero) value;
    std::memcpy(&value, bytes, sizeof value);
    return value;
  };
  switch (type) {
  case ir::ElementType::F32:
    return floatLiteral(load(float()));
  case ir::ElementType::I8:
    return fmt::format("{}", load(int8_t()));
  case ir::ElementType::U8:
    return fmt::format("{}", load(uint8_t()));
  case ir::ElementType::I16:
    return fmt::format("{}", load(int16_t()));
  case ir::ElementType::F16:
    return fmt::format("{}", load(uint16_t()));
  case ir::ElementType::I32: {
    const int32_t v = load(int32_t());
    return v == INT32_MIN ? "(-2147483647 - 1)" : fmt::format("{}", v);
  }
  case ir::ElementType::I64: {
    const int64_t v = load(int64_t());
    return v == INT64_MIN ? "(-9223372036854775807LL - 1)" : fmt::format("{}LL", v);
  }
  case ir::ElementType::Bool:
    return *bytes ? "true" : "false";
  }
  return "0";
}

WeightedBias weightedBias(LayerContext &layer, const ir::ops::WeightedTypes &types,
                          size_t biasOperand, const std::vector<int32_t> *folded,
                          int32_t zeroPoint) {
  if (folded)
    return {layer.table("bias", *folded,
                        fmt::format("layer {}: bias with the input zero point {} folded in",
                                    layer.op().index, zeroPoint)),
            "std::int32_t"};
  const std::string type = cppType(types.bias);
  if (types.hasBias)
    return {layer.input(biasOperand), type};
  return {"static_cast<const " + type + " *>(nullptr)", type};
}

void emitAxisGather(LayerContext &layer, const ir::ops::AxisGatherParams &params,
                    ir::ElementType type) {
  writeParams(layer, params);
  layer.require("Slicing.h");
  layer.statement(fmt::format("litec::generic::gatherAxes<{}>({}{{}}, {}, {});", cppType(type),
                              layer.paramsName(), layer.input(0), layer.output(0)));
}

void placeResult(LayerContext &layer, ir::ops::PreparedConvolution &prepared) {
  const int64_t stride = layer.resultPixelStride(0);
  if (stride == 0)
    return;
  // The result is a channel slice of a concatenation: its pixels are the concatenation's.
  const int32_t elements = int32_t(stride / int64_t(ir::elementByteSize(prepared.types.output)));
  prepared.params.outPixelStride = elements;
  if (prepared.folded)
    prepared.folded->outPixelStride = elements;
  layer.note(fmt::format("output: channels of a tensor of {} per pixel (a concatenation's slice, "
                         "written in place)",
                         elements));
}

std::string epilogueArgument(LayerContext &layer, const ir::ops::ConvolutionParams &p) {
  using runtime::ConvolutionEpilogue;
  switch (ConvolutionEpilogue(p.epilogue)) {
  case ConvolutionEpilogue::kResidual:
    layer.note("kernel: the residual ADD in the epilogue, on each pixel's channels");
    return ", " + layer.input(3);
  case ConvolutionEpilogue::kPrelu:
    layer.note("kernel: PRELU in the epilogue, on each pixel's channels");
    return ", " + layer.input(3);
  case ConvolutionEpilogue::kHardSwish:
    layer.note("kernel: HARD_SWISH in the epilogue, on each pixel's channels");
    return "";
  case ConvolutionEpilogue::kNone:
    break;
  }
  return "";
}

namespace {
// Below this much work (multiply-accumulates, or elements read) a layer runs on the calling
// thread: handing parts to the pool's polling threads costs about a microsecond, as much as
// such a layer's arithmetic.
constexpr int64_t kParallelMinWork = int64_t(1) << 15;
} // namespace

std::string splitAcrossWorkers(LayerContext &layer, int64_t work, int units,
                               std::string_view unitName) {
  if (work < kParallelMinWork || units < 2)
    return "";
  layer.setParallel(units);
  layer.note(fmt::format("threads: its {} {} split across the caller's workers", units, unitName));
  return ", part";
}

std::string floatGemmTaps(const ir::ops::ConvolutionParams &p) {
  if (runtime::convolutionRowTaps(p))
    return fmt::format("{} filter row{} of {} channels each (a tap of {} channel{} is too short "
                       "for the GEMM's steps; a filter row's taps lie side by side in the input)",
                       p.filterH, p.filterH == 1 ? "" : "s", p.filterW * p.filterC, p.filterC,
                       p.filterC == 1 ? "" : "s");
  const int taps = p.filterH * p.filterW;
  return fmt::format("{} tap{} of {} channels", taps, taps == 1 ? "" : "s", p.filterC);
}

std::string splitConvolution(LayerContext &layer, const ir::ops::ConvolutionParams &p,
                             bool depthwise, int units, int pixelsPerUnit) {
  const std::string extra = epilogueArgument(layer, p);
  const std::string part = splitAcrossWorkers(layer, ir::countMacs(layer.op()), units,
                                              depthwise ? "output rows" : "blocks of pixels");
  if (part.empty())
    return extra;
  if (p.batches == 1)
    layer.setBands(
        {pixelsPerUnit, p.outH, p.outW, p.inH, p.strideH, p.padTop, (p.filterH - 1) * p.dilationH});
  return (extra.empty() ? ", nullptr" : extra) + part;
}

llvm::Error checkRepackableFloatConvolution(const ir::Op &op, const ir::ops::ConvolutionParams &p,
                                            std::string_view target) {
  if (p.groupSize != p.outC)
    return refuse(fmt::format("no {} kernel for grouped convolutions yet", target));
  const auto constantFloat = [](const ir::Value *v) {
    return v && v->isConstant() && v->type == ir::ElementType::F32;
  };
  if (!constantFloat(op.operands[1]) ||
      (op.operands.size() > 2 && op.operands[2] && !constantFloat(op.operands[2])))
    return refuse("the filter or bias is not a constant to repack");
  return llvm::Error::success();
}

llvm::Error checkInt8Convolution(const ir::Op &op, const ir::ops::PreparedConvolution &prepared,
                                 std::string_view target) {
  using ir::ElementType;
  const ir::ops::WeightedTypes &t = prepared.types;
  const ir::ops::ConvolutionParams &p = prepared.params;
  if (t.input != ElementType::I8 || t.weights != ElementType::I8 || t.output != ElementType::I8 ||
      t.bias != ElementType::I32)
    return refuse(
        fmt::format("no {} kernel for quantised convolutions of these types yet", target));
  if (!prepared.depthwise && p.groupSize != p.outC)
    return refuse(fmt::format("no {} kernel for grouped convolutions yet", target));
  using runtime::ConvolutionEpilogue;
  if (p.epilogue != int(ConvolutionEpilogue::kNone) &&
      (p.epilogue != int(ConvolutionEpilogue::kResidual) || p.epilogueChannels != p.outC))
    return refuse(fmt::format(
        "no {} kernel for this int8 fused epilogue yet (only the residual ADD)", target));
  if (p.weightsOffset != 0)
    return refuse("the int8 weights have a zero point");
  if (!op.operands[1]->isConstant() ||
      (op.operands.size() > 2 && op.operands[2] && !op.operands[2]->isConstant()))
    return refuse("the filter or bias is not a constant to repack");
  if (!prepared.folded && p.inputOffset != 0)
    return refuse("the input zero point cannot be folded into the bias");
  return llvm::Error::success();
}

Int8Convolution writeInt8Convolution(LayerContext &layer,
                                     const ir::ops::PreparedConvolution &prepared) {
  Int8Convolution result{prepared.folded ? *prepared.folded : prepared.params, {}};
  writeParams(layer, result.p);
  if (prepared.folded)
    result.bias = prepared.foldedBias;
  else if (prepared.types.hasBias)
    result.bias = elementsOf<int32_t>(*layer.op().operands[2]);
  return result;
}

} // namespace litec::codegen::generic
