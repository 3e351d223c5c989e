// CONV_2D and DEPTHWISE_CONV_2D (and their fused forms) on the x86 microkernels of
// templates/x86/Convolution.h: the prepared ConvolutionParams, the filter repacked here into the
// GEMM panel layout (litec/runtime/ConvolutionLayout.h), the tile from --cpu.

#include "X86Target.h"

#include "../generic/EmitSupport.h"
#include "litec/codegen/ParamWriter.h"
#include "litec/ir/ops/Convolution.h"
#include "litec/runtime/ConvolutionInt8Layout.h"
#include "litec/runtime/ConvolutionLayout.h"

namespace litec::codegen::x86 {

namespace {
using runtime::kDepthwiseInt8Panel;

// The layer comment's account of panelGroup's choice, where it blocks.
void noteBlocking(LayerContext &layer, int group, int64_t panelBytes, int panels) {
  if (group == 0)
    return;
  const CacheSizes caches = x86Target().cacheSizes(layer.cpu());
  const int groups = (panels + group - 1) / group;
  layer.note(fmt::format("cache blocking: the packed weights ({} KiB) outgrow a quarter of --cpu "
                         "{}'s L3 ({} KiB), so that unblocked they would come from memory for "
                         "every block of pixels",
                         panels * panelBytes / 1024, layer.cpu(), caches.l3 / 1024));
  layer.note(fmt::format("cache blocking: the {} panels run in {} groups of {} ({} KiB of weights "
                         "each, at most half of the {} KiB L2), every block of pixels passing "
                         "through a group while its weights stay in cache",
                         panels, groups, group, group * panelBytes / 1024, caches.l2 / 1024));
}

llvm::Error emitInt8(LayerContext &layer, ir::ops::PreparedConvolution &prepared) {
  const ir::Op &op = layer.op();
  const generic::Int8Convolution int8 = generic::writeInt8Convolution(layer, prepared);
  const ir::ops::ConvolutionParams &p = int8.p;
  const int32_t *biasData = int8.biasData();
  const bool rightShift = runtime::requantizationOf(p) == runtime::Requantization::kRightShift;
  const std::string requantizationName =
      fmt::format("litec::runtime::Requantization::{}", rightShift ? "kRightShift" : "kGeneral");
  // The template argument where it differs from the default (kGeneral).
  const std::string requantization = rightShift ? ", " + requantizationName : "";
  if (prepared.depthwise) {
    std::vector<int32_t> stage(size_t(runtime::convolutionInt8StageWords(p, kDepthwiseInt8Panel)));
    runtime::packConvolutionStageInt8(p, kDepthwiseInt8Panel, biasData, stage.data());
    const std::string stageTable = layer.table(
        "stage", stage,
        fmt::format("per panel of {}: bias{}, multipliers, left shifts, negated right shifts",
                    kDepthwiseInt8Panel, prepared.folded ? " (input zero point folded in)" : ""));
    const bool gathered = p.depthMultiplier > 1;
    layer.note(fmt::format(
        "kernel: x86 int8 depthwise {}x{}, a vector of channels for 4 output pixels a step, "
        "VPMULLD on widened bytes{}; TFLite's requantisation, bit-exact",
        p.filterH, p.filterW,
        gathered ? fmt::format(" (depth multiplier {}: input lanes gathered)", p.depthMultiplier)
                 : ""));
    const std::string extra =
        generic::splitConvolution(layer, p, true, runtime::depthwiseRows(p), p.outW);
    const std::string options =
        gathered ? fmt::format(", {}, true", requantizationName) : requantization;
    layer.statement(fmt::format("litec::x86::depthwiseInt8<{}, {}{}>({}{{}}, {}, {}, {}, {}{});",
                                p.filterH, p.filterW, options, layer.paramsName(), layer.input(0),
                                layer.input(1), stageTable, layer.output(0), extra));
    return llvm::Error::success();
  }
  const Tiles tiles = int8TilesFor(layer.cpu(), p);
  // Repacked here; the depthwise kernel reads the filter in place.
  const std::vector<int8_t> filter = generic::elementsOf<int8_t>(*op.operands[1]);
  // Few input channels: each window gathered into one row, the weights packed as one tap.
  const bool gather = runtime::gathersWindows(p);
  const ir::ops::ConvolutionParams packing = gather ? runtime::gatheredView(p) : p;
  std::vector<int8_t> packed(size_t(runtime::convolutionInt8PackedBytes(packing, tiles.nr)));
  runtime::packConvolutionWeightsInt8(packing, tiles.nr, filter.data(), packed.data());
  std::vector<int32_t> unsignedBias(size_t(p.outC));
  runtime::unsignedInputBiases(p, filter.data(), biasData, unsignedBias.data());
  std::vector<int32_t> stage(
      size_t(runtime::convolutionInt8StageWords(p, tiles.nr, runtime::kInt8StageFieldsUnsigned)));
  runtime::packConvolutionStageInt8(p, tiles.nr, biasData, stage.data(), unsignedBias.data());
  const std::string weights = layer.table(
      "packed", packed,
      fmt::format("int8 weights in panels of {} output channels, {}input channels in groups of "
                  "4, then a row of the input zero point",
                  tiles.nr, gather ? "the window's taps x " : ""));
  const std::string stageTable = layer.table(
      "stage", stage,
      fmt::format("per panel of {}: bias{}, multipliers, left shifts, negated right shifts, "
                  "bias less 128 x the weights' sum (VNNI's unsigned inputs)",
                  tiles.nr, prepared.folded ? " (input zero point folded in)" : ""));
  const int taps = p.filterH * p.filterW;
  const std::string shape =
      gather ? fmt::format("each pixel's {} taps of {} channel{} gathered into one row of {} bytes",
                           taps, p.filterC, p.filterC == 1 ? "" : "s", taps * p.filterC)
             : fmt::format("{} tap{} of {} channels", taps, taps == 1 ? "" : "s", p.filterC);
  const int64_t blocks = runtime::convolutionBlocks(p, tiles.mr);
  const int panels = runtime::convolutionPanels(p, tiles.nr);
  const int64_t panelBytes = runtime::convolutionInt8PanelBytes(packing, tiles.nr);
  const int group = panelGroup(layer.cpu(), panelBytes, panels, blocks);
  layer.note(fmt::format("kernel: x86 int8 indirect GEMM, {}x{} register tile, {}; 4 channels a "
                         "lane by VPDPBUSD (VNNI builds) or VPMADDWD; the cheapest of --cpu {}'s "
                         "{}tiles; TFLite's requantisation, bit-exact",
                         tiles.mr, tiles.nr, shape, layer.cpu(), vnni(layer.cpu()) ? "VNNI " : ""));
  noteBlocking(layer, group, panelBytes, panels);
  const std::string extra = generic::splitConvolution(layer, p, false, blocks, tiles.mr);
  // Template arguments past the tile where they differ from the defaults.
  const std::string options =
      group > 0 ? fmt::format(", {}, {}, {}", requantizationName, gather ? p.filterC : 0, group)
      : gather  ? fmt::format(", {}, {}", requantizationName, p.filterC)
                : requantization;
  layer.statement(
      fmt::format("litec::x86::convolutionInt8<{}, {}, {}{}>({}{{}}, {}, {}, {}, {}{});", tiles.mr,
                  tiles.nr, taps, options, layer.paramsName(), layer.input(0), weights, stageTable,
                  layer.output(0), extra));
  return llvm::Error::success();
}
} // namespace

// Blocking re-reads a block's input once per group instead of once for all panels, which costs
// about 5 % while the weights stream from L3 (bench/x86_blocking.cpp on a Zen 4 with 32 MiB of
// L3: 1x1 layers of 4 to 8 MiB of weights 1.04-1.07x the unblocked time); past that the weights
// come from memory for every block and blocking pays (12 MiB: 0.79x, 16 MiB: 0.35x). Hence the
// threshold of a quarter of L3, and groups of half of L2 at most (from a quarter to all of L2
// measured the same).
int panelGroup(std::string_view cpu, int64_t panelBytes, int panels, int64_t pixelBlocks) {
  const CacheSizes caches = x86Target().cacheSizes(cpu);
  if (pixelBlocks <= 1 || panels * panelBytes <= caches.l3 / 4)
    return 0;
  // As many panels as fit (at least one), then the groups evened out so that the last is not a
  // sliver.
  const int fit = int(std::max<int64_t>(1, caches.l2 / 2 / panelBytes));
  const int groups = (panels + fit - 1) / fit;
  return (panels + groups - 1) / groups;
}

llvm::Error checkConvolution(const ir::Op &op) {
  auto prepared = ir::ops::prepareConvolution(op);
  if (!prepared)
    return prepared.takeError();
  if (!prepared->types.isFloat)
    return generic::checkInt8Convolution(op, *prepared, "x86");
  const ir::ops::ConvolutionParams &p = prepared->params;
  if (prepared->depthwise)
    return llvm::Error::success();
  return generic::checkRepackableFloatConvolution(op, p, "x86");
}

llvm::Error emitConvolution(LayerContext &layer) {
  auto prepared = ir::ops::prepareConvolution(layer.op());
  if (!prepared)
    return prepared.takeError();
  generic::placeResult(layer, *prepared);
  layer.require("Convolution.h");
  if (!prepared->types.isFloat)
    return emitInt8(layer, *prepared);
  ir::ops::ConvolutionParams &p = prepared->params;
  const Tiles tiles = tilesFor(layer.cpu(), p);
  writeParams(layer, p);
  const std::string name = layer.paramsName() + "{}";
  const ir::Op &op = layer.op();
  const bool hasBias = prepared->types.hasBias;
  if (prepared->depthwise) {
    const bool gathered = p.depthMultiplier > 1;
    layer.note(fmt::format(
        "kernel: x86 depthwise {}x{}, a vector of channels (8 with AVX2, 16 "
        "with AVX-512) for 4 output pixels a step, interior pixels without "
        "bounds tests{}",
        p.filterH, p.filterW,
        gathered ? fmt::format(" (depth multiplier {}: input lanes gathered)", p.depthMultiplier)
                 : ""));
    const std::string extra =
        generic::splitConvolution(layer, p, true, runtime::depthwiseRows(p), p.outW);
    layer.statement(fmt::format("litec::x86::depthwiseF32<{}, {}{}>({}, {}, {}, {}, {}{});",
                                p.filterH, p.filterW, gathered ? ", true" : "", name,
                                layer.input(0), layer.input(1),
                                hasBias ? layer.input(2) : "nullptr", layer.output(0), extra));
    return llvm::Error::success();
  }
  const std::vector<float> filter = generic::elementsOf<float>(*op.operands[1]);
  const std::vector<float> bias =
      hasBias ? generic::elementsOf<float>(*op.operands[2]) : std::vector<float>();
  std::vector<float> packed(size_t(runtime::convolutionPackedFloats(p, tiles.nr)));
  runtime::packConvolutionWeights(p, tiles.nr, filter.data(), hasBias ? bias.data() : nullptr,
                                  packed.data());
  const std::string weights = layer.table(
      "packed", packed,
      fmt::format("weights and bias in panels of {} output channels, then a zero row", tiles.nr));
  const int taps = p.filterH * p.filterW;
  const int64_t blocks = runtime::convolutionBlocks(p, tiles.mr);
  const int panels = runtime::convolutionPanels(p, tiles.nr);
  const int64_t panelBytes = runtime::convolutionPanelFloats(p, tiles.nr) * int64_t(sizeof(float));
  const int group = panelGroup(layer.cpu(), panelBytes, panels, blocks);
  layer.note(fmt::format("kernel: x86 f32 indirect GEMM, {}x{} register tile ({} pixels x {} "
                         "output channels: FMAs of a broadcast input channel), {}, weights "
                         "repacked in panels; of --cpu {}'s tiles, the fewest estimated cycles "
                         "for {} output channels",
                         tiles.mr, tiles.nr, tiles.mr, tiles.nr, generic::floatGemmTaps(p),
                         layer.cpu(), p.outC));
  noteBlocking(layer, group, panelBytes, panels);
  const std::string extra = generic::splitConvolution(layer, p, false, blocks, tiles.mr);
  layer.statement(fmt::format("litec::x86::convolutionF32<{}, {}, {}{}>({}, {}, {}, {}{});",
                              tiles.mr, tiles.nr, taps, group > 0 ? fmt::format(", {}", group) : "",
                              name, layer.input(0), weights, layer.output(0), extra));
  return llvm::Error::success();
}

} // namespace litec::codegen::x86
