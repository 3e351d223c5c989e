// CONV_2D and DEPTHWISE_CONV_2D (and their fused forms) on the NEON microkernels of
// templates/neon/Convolution.h: the prepared ConvolutionParams, the filter repacked here into
// the GEMM panel layout (templates/neon/ConvolutionPacking.h), the tile from --cpu.

#include "NeonTarget.h"

#include "../generic/EmitSupport.h"
#include "litec/codegen/ParamWriter.h"
#include "litec/ir/ops/Convolution.h"
#include "neon/ConvolutionPacking.h"

#include <cstring>

namespace litec::codegen::neon {

namespace {
// The float constant `v` (a filter or bias) as floats.
std::vector<float> floatsOf(const ir::Value &v) {
  std::vector<float> out(v.data().size() / sizeof(float));
  if (!out.empty())
    std::memcpy(out.data(), v.data().data(), out.size() * sizeof(float));
  return out;
}

bool constantFloat(const ir::Value *v) {
  return v && v->isConstant() && v->type == ir::ElementType::F32;
}
} // namespace

llvm::Error checkConvolution(const ir::Op &op) {
  auto prepared = ir::ops::prepareConvolution(op);
  if (!prepared)
    return prepared.takeError();
  if (!prepared->types.isFloat)
    return generic::refuse("no NEON kernel for quantised convolutions yet");
  const ir::ops::ConvolutionParams &p = prepared->params;
  if (prepared->depthwise) {
    if (p.depthMultiplier != 1)
      return generic::refuse("no NEON depthwise kernel for a depth multiplier above 1 yet");
    return llvm::Error::success();
  }
  if (p.groupSize != p.outC)
    return generic::refuse("no NEON kernel for grouped convolutions yet");
  if (!constantFloat(op.operands[1]) ||
      (op.operands.size() > 2 && op.operands[2] && !constantFloat(op.operands[2])))
    return generic::refuse("the filter or bias is not a constant to repack");
  return llvm::Error::success();
}

llvm::Error emitConvolution(LayerContext &layer) {
  auto prepared = ir::ops::prepareConvolution(layer.op());
  if (!prepared)
    return prepared.takeError();
  generic::placeResult(layer, *prepared);
  ir::ops::ConvolutionParams &p = prepared->params;
  writeParams(layer, p);
  layer.require("Convolution.h");
  const Tiles tiles = tilesFor(layer.cpu());
  const std::string name = layer.paramsName() + "{}";
  const ir::Op &op = layer.op();
  const bool hasBias = prepared->types.hasBias;
  if (prepared->depthwise) {
    layer.note(fmt::format("kernel: NEON depthwise {}x{}, {} channels per tile, the window's "
                           "weights in registers, interior pixels without bounds tests",
                           p.filterH, p.filterW, tiles.ct));
    const std::string extra = generic::epilogueArgument(layer, p);
    layer.statement(fmt::format("litec::neon::depthwiseF32<{}, {}, {}>({}, {}, {}, {}, {}{});",
                                p.filterH, p.filterW, tiles.ct, name, layer.input(0),
                                layer.input(1), hasBias ? layer.input(2) : "nullptr",
                                layer.output(0), extra));
    return llvm::Error::success();
  }
  const std::vector<float> filter = floatsOf(*op.operands[1]);
  const std::vector<float> bias = hasBias ? floatsOf(*op.operands[2]) : std::vector<float>();
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
                         "channels), {} tap{} of {} channels, weights repacked in panels",
                         pointwise ? "1x1" : "indirect", tiles.mr, tiles.nr, tiles.mr, tiles.nr,
                         taps, taps == 1 ? "" : "s", p.filterC));
  const std::string extra = generic::epilogueArgument(layer, p);
  layer.statement(fmt::format("litec::neon::convolutionF32<{}, {}, {}>({}, {}, {}, {}{});",
                              tiles.mr, tiles.nr, p.filterH * p.filterW, name, layer.input(0),
                              weights, layer.output(0), extra));
  return llvm::Error::success();
}

} // namespace litec::codegen::neon
