// CONV_2D and DEPTHWISE_CONV_2D (and their fused forms) on the x86 microkernels of
// templates/x86/Convolution.h: the prepared ConvolutionParams, the filter repacked here into the
// GEMM panel layout (litec/runtime/ConvolutionLayout.h), the tile from --cpu.

#include "X86Target.h"

#include "../generic/EmitSupport.h"
#include "litec/codegen/ParamWriter.h"
#include "litec/ir/ops/Convolution.h"
#include "litec/runtime/ConvolutionLayout.h"

namespace litec::codegen::x86 {

llvm::Error checkConvolution(const ir::Op &op) {
  auto prepared = ir::ops::prepareConvolution(op);
  if (!prepared)
    return prepared.takeError();
  if (!prepared->types.isFloat)
    return generic::refuse("no x86 kernel for quantised convolutions yet");
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
    const std::string extra = generic::splitConvolution(layer, p, true, runtime::depthwiseRows(p));
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
  layer.note(fmt::format("kernel: x86 f32 indirect GEMM, {}x{} register tile ({} pixels x {} "
                         "output channels: FMAs of a broadcast input channel), {} tap{} of {} "
                         "channels, weights repacked in panels; of --cpu {}'s tiles, the fewest "
                         "estimated cycles for {} output channels",
                         tiles.mr, tiles.nr, tiles.mr, tiles.nr, taps, taps == 1 ? "" : "s",
                         p.filterC, layer.cpu(), p.outC));
  const std::string extra =
      generic::splitConvolution(layer, p, false, runtime::convolutionBlocks(p, tiles.mr));
  layer.statement(fmt::format("litec::x86::convolutionF32<{}, {}, {}>({}, {}, {}, {}{});", tiles.mr,
                              tiles.nr, taps, name, layer.input(0), weights, layer.output(0),
                              extra));
  return llvm::Error::success();
}

} // namespace litec::codegen::x86
