// CONV_2D, DEPTHWISE_CONV_2D and FULLY_CONNECTED: the geometry as compile-time constants, the
// activation bounds, per-channel multipliers, and for int8 the input zero point folded into the
// bias (sum_k w (x - z) = sum_k w x - z sum_k w), with padding read as the zero point so that
// the folded sum stays exact at the borders.

#include "Emitters.h"

#include "litec/ir/Shape.h"

#include <algorithm>
#include <cstring>

namespace litec::codegen::generic {

namespace {
enum class Family { Conv, Depthwise, FullyConnected };

Family familyOf(const ir::Op &op) {
  return op.kind == ir::OpKind::CONV_2D             ? Family::Conv
         : op.kind == ir::OpKind::DEPTHWISE_CONV_2D ? Family::Depthwise
                                                    : Family::FullyConnected;
}

const char *kernelName(Family f) {
  return f == Family::FullyConnected ? "fullyConnected" : "convolution";
}

// The channel a flat weights index belongs to (the output channel of a filter tap).
int64_t channelOfWeight(Family f, const ir::Shape &weights, int64_t index) {
  if (f == Family::Depthwise)
    return index % weights[3];
  const int64_t perChannel =
      ir::elementCount(weights).value_or(1) / std::max<int64_t>(weights[0], 1);
  return index / std::max<int64_t>(perChannel, 1);
}

int64_t channelsOf(Family f, const ir::Op &op) {
  const ir::Shape &w = op.operands[1]->shape;
  return f == Family::Depthwise ? w[3] : w[0];
}

bool hasBias(const ir::Op &op) {
  return op.operands.size() > 2 && op.operands[2];
}

int paddingBefore(bool same, int stride, int dilation, int in, int filter, int out) {
  if (!same)
    return 0;
  const int total = (out - 1) * stride + (filter - 1) * dilation + 1 - in;
  return std::max(total, 0) / 2;
}

template <typename T> T load(const uint8_t *p) {
  T v;
  std::memcpy(&v, p, sizeof(T));
  return v;
}

void emitGeometry(LayerContext &layer, Family f) {
  const ir::Op &op = layer.op();
  const ir::Shape &in = op.operands[0]->shape, &w = op.operands[1]->shape,
                  &out = op.results[0]->shape;
  if (f == Family::FullyConnected) {
    layer.param("units", w[0]);
    layer.param("depth", w[1]);
    layer.param("rows", ir::elementCount(in).value_or(0) / std::max<int64_t>(w[1], 1));
    return;
  }
  const int filterH = int(w[1]), filterW = int(w[2]);
  const int strideH = int(op.attrs.getInt("stride_h").value_or(1));
  const int strideW = int(op.attrs.getInt("stride_w").value_or(1));
  const int dilationH = int(op.attrs.getInt("dilation_h_factor").value_or(1));
  const int dilationW = int(op.attrs.getInt("dilation_w_factor").value_or(1));
  const ir::EnumAttr *padding = op.attrs.getEnum("padding");
  const bool same = !padding || padding->valueName == "SAME";
  layer.param("batches", in[0]);
  layer.param("inH", in[1]);
  layer.param("inW", in[2]);
  layer.param("inC", in[3]);
  layer.param("outH", out[1]);
  layer.param("outW", out[2]);
  layer.param("outC", out[3]);
  layer.param("filterH", filterH);
  layer.param("filterW", filterW);
  layer.param("strideH", strideH);
  layer.param("strideW", strideW);
  layer.param("dilationH", dilationH);
  layer.param("dilationW", dilationW);
  layer.param("padTop", paddingBefore(same, strideH, dilationH, int(in[1]), filterH, int(out[1])));
  layer.param("padLeft", paddingBefore(same, strideW, dilationW, int(in[2]), filterW, int(out[2])));
  if (f == Family::Conv) {
    layer.param("filterC", w[3]);
    layer.param("groupSize", out[3] / std::max<int64_t>(in[3] / std::max<int64_t>(w[3], 1), 1));
  } else {
    layer.param("multiplier", out[3] / std::max<int64_t>(in[3], 1));
  }
}

// bias[c] - z_in * sum of channel c's weights, wrapped to int32 as TFLite's accumulator wraps.
std::vector<int32_t> foldedBias(Family f, const ir::Op &op, int32_t inputZeroPoint) {
  const ir::Value &weights = *op.operands[1];
  const int64_t channels = channelsOf(f, op);
  std::vector<int64_t> sums(size_t(channels), 0);
  std::span<const uint8_t> data = weights.data();
  for (size_t i = 0; i < data.size(); ++i)
    sums[size_t(channelOfWeight(f, weights.shape, int64_t(i)))] += int8_t(data[i]);
  std::vector<int32_t> out;
  for (int64_t c = 0; c < channels; ++c) {
    const int64_t bias = hasBias(op) ? load<int32_t>(op.operands[2]->data().data() + 4 * c) : 0;
    const int64_t folded = bias - int64_t(inputZeroPoint) * sums[size_t(c)];
    out.push_back(static_cast<int32_t>(static_cast<uint32_t>(static_cast<uint64_t>(folded))));
  }
  return out;
}
} // namespace

llvm::Error checkWeighted(const ir::Op &op) {
  if (op.operands.size() < 2 || !op.operands[0] || !op.operands[1] || op.results.size() != 1)
    return refuse("needs an input and weights");
  const Family f = familyOf(op);
  const ir::Value &in = *op.operands[0], &w = *op.operands[1], &out = *op.results[0];
  if (f == Family::FullyConnected) {
    if (const ir::EnumAttr *format = op.attrs.getEnum("weights_format");
        format && format->valueName != "DEFAULT")
      return refuse("weights_format " + format->valueName);
    if (w.shape.size() != 2)
      return refuse("weights must be 2-D");
  } else if (in.shape.size() != 4 || w.shape.size() != 4 || out.shape.size() != 4) {
    return refuse("input, filter and output must be 4-D");
  }
  if (allOfType(op, ir::ElementType::F32))
    return llvm::Error::success();
  const ir::ElementType bias = hasBias(op) ? op.operands[2]->type : ir::ElementType::I32;
  const bool supported = (in.type == ir::ElementType::I8 && w.type == ir::ElementType::I8 &&
                          bias == ir::ElementType::I32) ||
                         (in.type == ir::ElementType::U8 && w.type == ir::ElementType::U8 &&
                          bias == ir::ElementType::I32) ||
                         (in.type == ir::ElementType::I16 && w.type == ir::ElementType::I8 &&
                          (bias == ir::ElementType::I64 || bias == ir::ElementType::I32));
  if (!supported || out.type != in.type)
    return refuse("operand types not supported");
  return llvm::Error::success();
}

llvm::Error emitWeighted(LayerContext &layer) {
  const ir::Op &op = layer.op();
  const Family f = familyOf(op);
  const ir::Value &in = *op.operands[0], &w = *op.operands[1], &out = *op.results[0];
  emitGeometry(layer, f);
  const std::string P = layer.paramsName();
  const std::string depthwise = f == Family::FullyConnected ? ""
                                : f == Family::Depthwise    ? ", true"
                                                            : ", false";
  if (allOfType(op, ir::ElementType::F32)) {
    if (auto e = floatBounds(layer))
      return e;
    layer.require(f == Family::FullyConnected ? "FullyConnected.h" : "Convolution.h");
    layer.statement(fmt::format("litec::generic::{}Float<{}{}>({}, {}, {}, {});", kernelName(f), P,
                                depthwise, layer.input(0), layer.input(1),
                                hasBias(op) ? layer.input(2) : "nullptr", layer.output(0)));
    return llvm::Error::success();
  }
  const int32_t channelAxis = f == Family::Depthwise ? 3 : 0;
  if (auto e = channelRescale(layer, in, w, out, channelsOf(f, op), channelAxis))
    return e;
  if (auto e = integerBounds(layer, out))
    return e;
  bool weightsSymmetric = true;
  for (int64_t z : w.quant.zeroPoints)
    weightsSymmetric = weightsSymmetric && z == 0;
  const int32_t inputZeroPoint = zeroPointOf(in);
  const bool fold = in.type == ir::ElementType::I8 && weightsSymmetric && w.isConstant();
  std::string bias;
  if (fold && inputZeroPoint != 0)
    bias = layer.table("bias", foldedBias(f, op, inputZeroPoint),
                       fmt::format("layer {}: bias with the input zero point {} folded in",
                                   op.index, inputZeroPoint));
  else
    bias = hasBias(op) ? layer.input(2) : "nullptr";
  layer.param("inputOffset", fold ? 0 : -inputZeroPoint);
  layer.param("weightsOffset", weightsSymmetric ? 0 : -zeroPointOf(w));
  layer.param("outputOffset", zeroPointOf(out));
  if (f != Family::FullyConnected) {
    layer.param(fmt::format("bool padWithZeroPoint = {}", fold && inputZeroPoint != 0));
    layer.param("padValue", fold ? inputZeroPoint : 0);
  }
  layer.require(f == Family::FullyConnected ? "FullyConnected.h" : "Convolution.h");
  const std::string biasType =
      hasBias(op) ? cppType(op.operands[2]->type) : std::string("std::int32_t");
  layer.statement(fmt::format(
      "litec::generic::{}Quantized<{}{}, {}, {}, {}, {}>(\n      {}, {}, "
      "{}, {});",
      kernelName(f), P, depthwise, cppType(in.type), cppType(w.type),
      fold && inputZeroPoint != 0 ? "std::int32_t" : biasType, cppType(out.type), layer.input(0),
      layer.input(1), bias == "nullptr" ? "static_cast<const " + biasType + " *>(nullptr)" : bias,
      layer.output(0)));
  return llvm::Error::success();
}

} // namespace litec::codegen::generic
