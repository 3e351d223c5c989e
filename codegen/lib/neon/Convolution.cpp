// CONV_2D and DEPTHWISE_CONV_2D (and their fused forms) on the NEON microkernels of
// templates/neon/Convolution.h: the prepared ConvolutionParams, the filter repacked here into
// the GEMM panel layout (templates/neon/ConvolutionPacking.h), the tile from --cpu.

#include "NeonTarget.h"

#include "../generic/EmitSupport.h"
#include "litec/codegen/ParamWriter.h"
#include "litec/ir/ops/Convolution.h"
#include "neon/ConvolutionPacking.h"

namespace litec::codegen::neon {

namespace {
// What a depth multiplier above 1 costs the depthwise kernels.
std::string multiplierNote(const ir::ops::ConvolutionParams &p) {
  return p.depthMultiplier > 1
             ? fmt::format(" (depth multiplier {}: input lanes gathered)", p.depthMultiplier)
             : "";
}

llvm::Error emitInt8(LayerContext &layer, ir::ops::PreparedConvolution &prepared,
                     const Tiles &tiles) {
  const ir::Op &op = layer.op();
  const generic::Int8Convolution int8 = generic::writeInt8Convolution(layer, prepared);
  const ir::ops::ConvolutionParams &p = int8.p;
  const int32_t *biasData = int8.biasData();
  // Every channel shifting right only: the output stage's short form.
  const bool rightShift =
      litec::neon::requantizationOf(p) == litec::neon::Requantization::kRightShift;
  const std::string requantizationName =
      fmt::format("litec::neon::Requantization::{}", rightShift ? "kRightShift" : "kGeneral");
  // The template argument where it differs from the default (kGeneral).
  const std::string requantization = rightShift ? ", " + requantizationName : "";
  const std::string requantizationNote =
      rightShift ? "TFLite's requantisation (VQRDMULH, then a rounding right shift: every "
                   "channel's scale is below 1/2)"
                 : "TFLite's requantisation (left shift, VQRDMULH and a rounding right shift)";
  const std::string stageComment =
      fmt::format("per panel of {}: bias{}, multipliers, left shifts, negated right shifts",
                  tiles.nr, prepared.folded ? " (input zero point folded in)" : "");
  if (prepared.depthwise) {
    std::vector<int32_t> stage(size_t(litec::neon::convolutionInt8StageWords(p, 8)));
    litec::neon::packConvolutionStageInt8(p, 8, biasData, stage.data());
    const std::string stageTable = layer.table("stage", stage, stageComment);
    layer.note(fmt::format("kernel: NEON int8 depthwise {}x{}, 8 channels per tile{}, the "
                           "window's weights widened in registers (SMLAL), {}, bit-exact",
                           p.filterH, p.filterW, multiplierNote(p), requantizationNote));
    const std::string extra =
        generic::splitConvolution(layer, p, true, litec::neon::depthwiseRows(p), p.outW);
    layer.statement(fmt::format("litec::neon::depthwiseInt8<{}, {}{}>({}{{}}, {}, {}, {}, {}{});",
                                p.filterH, p.filterW, requantization, layer.paramsName(),
                                layer.input(0), layer.input(1), stageTable, layer.output(0),
                                extra));
    return llvm::Error::success();
  }
  const std::vector<int8_t> filter = generic::elementsOf<int8_t>(*op.operands[1]);
  // Few input channels: each window gathered into one row, the weights packed as one tap.
  const bool gather = litec::neon::gathersWindows(p);
  const ir::ops::ConvolutionParams packing = gather ? litec::neon::gatheredView(p) : p;
  std::vector<int8_t> packed(size_t(litec::neon::convolutionInt8PackedBytes(packing, tiles.nr)));
  litec::neon::packConvolutionWeightsInt8(packing, tiles.nr, filter.data(), packed.data());
  std::vector<int32_t> stage(size_t(litec::neon::convolutionInt8StageWords(p, tiles.nr)));
  litec::neon::packConvolutionStageInt8(p, tiles.nr, biasData, stage.data());
  const bool paired = litec::neon::int8ProductsOf(filter.data(), int64_t(filter.size())) ==
                      litec::neon::Int8Products::kPaired;
  const std::string weights = layer.table(
      "packed", packed,
      fmt::format("int8 weights in panels of {} output channels, {}input channels in groups of "
                  "4, then a row of the input zero point",
                  tiles.nr, gather ? "the window's taps x " : ""));
  const std::string stageTable = layer.table("stage", stage, stageComment);
  const int taps = p.filterH * p.filterW;
  const std::string shape =
      gather ? fmt::format("each pixel's {} taps of {} channel{} gathered into one row of {} bytes",
                           taps, p.filterC, p.filterC == 1 ? "" : "s", taps * p.filterC)
             : fmt::format("{} tap{} of {} channels", taps, taps == 1 ? "" : "s", p.filterC);
  layer.note(fmt::format("kernel: NEON int8 indirect GEMM, {}x{} register tile, {}; dot products "
                         "by lane (SDOT) where the build has the extension, else {}; {}, "
                         "bit-exact",
                         tiles.mr, tiles.nr, shape,
                         paired ? "pairs of products summed in 16 bits (SMULL, SMLAL, SADALP: no "
                                  "weight is -128)"
                                : "int16 multiply-accumulate by lane (SMLAL: a weight is -128, so "
                                  "products cannot be paired in 16 bits)",
                         requantizationNote));
  const std::string extra = generic::splitConvolution(
      layer, p, false, litec::neon::convolutionBlocks(p, tiles.mr), tiles.mr);
  // The template arguments after the taps, up to the last that differs from its default.
  const std::string options = paired   ? fmt::format(", {}, {}, litec::neon::Int8Products::kPaired",
                                                     requantizationName, gather ? p.filterC : 0)
                              : gather ? fmt::format(", {}, {}", requantizationName, p.filterC)
                                       : requantization;
  layer.statement(
      fmt::format("litec::neon::convolutionInt8<{}, {}, {}{}>({}{{}}, {}, {}, {}, {}{});", tiles.mr,
                  tiles.nr, taps, options, layer.paramsName(), layer.input(0), weights, stageTable,
                  layer.output(0), extra));
  return llvm::Error::success();
}

// A 1x1 convolution whose weights are mostly zeros (litec::neon::sparsePays): only the non-zero
// weights, multiplied by PT pixels at a time.
llvm::Error emitSparse(LayerContext &layer, const ir::ops::ConvolutionParams &p,
                       const std::vector<float> &filter, const std::vector<float> &bias,
                       int64_t nonZeros, const Tiles &tiles) {
  const size_t elements = size_t(litec::neon::sparsePackedElements(p, filter.data()));
  std::vector<float> weights(elements);
  std::vector<int16_t> indices(elements);
  litec::neon::packSparsePointwise(p, filter.data(), bias.empty() ? nullptr : bias.data(),
                                   weights.data(), indices.data());
  const std::string weightsTable =
      layer.table("sparse", weights,
                  "per group of 4 output channels: their biases, then each one's non-zero weights");
  const std::string indicesTable = layer.table(
      "indices", indices,
      "per group of 4 output channels: their counts of non-zero weights, then each one's input "
      "channels of them");
  const int64_t dense = int64_t(p.outC) * p.filterC;
  layer.note(fmt::format(
      "kernel: NEON f32 sparse 1x1, {} pixels x 4 output channels a step, only the {} non-zero "
      "weights of {} ({:.0f}% zeros: fewer instructions than the dense GEMM's)",
      tiles.pt, nonZeros, dense, 100.0 * double(dense - nonZeros) / double(dense)));
  const std::string extra = generic::splitConvolution(
      layer, p, false, litec::neon::convolutionBlocks(p, tiles.pt), tiles.pt);
  layer.statement(fmt::format("litec::neon::pointwiseSparseF32<{}>({}{{}}, {}, {}, {}, {}{});",
                              tiles.pt, layer.paramsName(), layer.input(0), weightsTable,
                              indicesTable, layer.output(0), extra));
  return llvm::Error::success();
}
} // namespace

llvm::Error checkConvolution(const ir::Op &op) {
  auto prepared = ir::ops::prepareConvolution(op);
  if (!prepared)
    return prepared.takeError();
  if (!prepared->types.isFloat)
    return generic::checkInt8Convolution(op, *prepared, "NEON");
  const ir::ops::ConvolutionParams &p = prepared->params;
  if (prepared->depthwise)
    return llvm::Error::success();
  return generic::checkRepackableFloatConvolution(op, p, "NEON");
}

llvm::Error emitConvolution(LayerContext &layer) {
  auto prepared = ir::ops::prepareConvolution(layer.op());
  if (!prepared)
    return prepared.takeError();
  generic::placeResult(layer, *prepared);
  layer.require("Convolution.h");
  const Tiles tiles = tilesFor(layer.cpu());
  if (!prepared->types.isFloat)
    return emitInt8(layer, *prepared, tiles);
  ir::ops::ConvolutionParams &p = prepared->params;
  writeParams(layer, p);
  const std::string name = layer.paramsName() + "{}";
  const ir::Op &op = layer.op();
  const bool hasBias = prepared->types.hasBias;
  if (prepared->depthwise) {
    layer.note(fmt::format("kernel: NEON depthwise {}x{}, {} channels per tile{}, the window's "
                           "weights in registers, interior pixels without bounds tests",
                           p.filterH, p.filterW, tiles.ct, multiplierNote(p)));
    const std::string extra =
        generic::splitConvolution(layer, p, true, litec::neon::depthwiseRows(p), p.outW);
    layer.statement(fmt::format("litec::neon::depthwiseF32<{}, {}, {}>({}, {}, {}, {}, {}{});",
                                p.filterH, p.filterW, tiles.ct, name, layer.input(0),
                                layer.input(1), hasBias ? layer.input(2) : "nullptr",
                                layer.output(0), extra));
    return llvm::Error::success();
  }
  const std::vector<float> filter = generic::elementsOf<float>(*op.operands[1]);
  const std::vector<float> bias =
      hasBias ? generic::elementsOf<float>(*op.operands[2]) : std::vector<float>();
  const int64_t nonZeros = litec::neon::countNonZeros(p, filter.data());
  if (litec::neon::sparsePays(p, nonZeros, tiles.pt))
    return emitSparse(layer, p, filter, bias, nonZeros, tiles);
  std::vector<float> packed(size_t(litec::neon::convolutionPackedFloats(p, tiles.nr)));
  litec::neon::packConvolutionWeights(p, tiles.nr, filter.data(), hasBias ? bias.data() : nullptr,
                                      packed.data());
  const std::string weights = layer.table(
      "packed", packed,
      fmt::format("weights and bias in panels of {} output channels, then a zero row", tiles.nr));
  const bool pointwise = p.filterH == 1 && p.filterW == 1 && p.strideH == 1 && p.strideW == 1 &&
                         p.padTop == 0 && p.padLeft == 0;
  const int taps = p.filterH * p.filterW;
  layer.note(fmt::format("kernel: NEON f32 {} GEMM, {}x{} register tile ({} pixels x {} output "
                         "channels), {}, weights repacked in panels",
                         pointwise ? "1x1" : "indirect", tiles.mr, tiles.nr, tiles.mr, tiles.nr,
                         generic::floatGemmTaps(p)));
  const std::string extra = generic::splitConvolution(
      layer, p, false, litec::neon::convolutionBlocks(p, tiles.mr), tiles.mr);
  layer.statement(fmt::format("litec::neon::convolutionF32<{}, {}, {}>({}, {}, {}, {}{});",
                              tiles.mr, tiles.nr, taps, name, layer.input(0), weights,
                              layer.output(0), extra));
  return llvm::Error::success();
}

} // namespace litec::codegen::neon
