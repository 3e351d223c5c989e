// TRANSPOSE_CONV (inputs: output shape, OHWI weights, input, optional bias; float32, int8 with
// per-channel weights, 16x8, uint8) and MediaPipe's Convolution2DTransposeBias (input, weights,
// bias; 12 bytes of options: padding in TFLite's C enum, stride width, stride height; float32).

#include "Emitters.h"

#include "litec/ir/Shape.h"

#include <cstring>

namespace litec::codegen::generic {

namespace {
bool isCustom(const ir::Op &op) {
  return op.kind == ir::OpKind::CUSTOM;
}
struct Operands {
  const ir::Value *input, *weights, *bias;
};
Operands operandsOf(const ir::Op &op) {
  auto at = [&](size_t i) { return i < op.operands.size() ? op.operands[i] : nullptr; };
  return isCustom(op) ? Operands{at(0), at(1), at(2)} : Operands{at(2), at(1), at(3)};
}
struct Options {
  bool same;
  int strideH, strideW;
};
std::optional<Options> optionsOf(const ir::Op &op) {
  if (!isCustom(op)) {
    const ir::EnumAttr *padding = op.attrs.getEnum("padding");
    return Options{!padding || padding->valueName == "SAME",
                   int(op.attrs.getInt("stride_h").value_or(1)),
                   int(op.attrs.getInt("stride_w").value_or(1))};
  }
  if (op.customOptions.size() != 12)
    return std::nullopt;
  int32_t v[3];
  std::memcpy(v, op.customOptions.data(), 12);
  if ((v[0] != 1 && v[0] != 2) || v[1] <= 0 || v[2] <= 0)
    return std::nullopt;
  return Options{v[0] == 1, v[2], v[1]};
}
int accumulatorBytes(const ir::Op &op) {
  return op.results[0]->type == ir::ElementType::I16 ? 8 : 4;
}
} // namespace

bool isTransposeConvolution(const ir::Op &op) {
  return op.kind == ir::OpKind::TRANSPOSE_CONV ||
         (isCustom(op) && op.customCode == "Convolution2DTransposeBias");
}

llvm::Error checkTransposeConvolution(const ir::Op &op) {
  if (!isTransposeConvolution(op))
    return refuse("no kernel for this custom operator");
  const Operands o = operandsOf(op);
  if (!o.input || !o.weights || op.results.size() != 1)
    return refuse("needs an input and weights");
  if (!optionsOf(op))
    return refuse("invalid Convolution2DTransposeBias options");
  const ir::Shape &in = o.input->shape, &w = o.weights->shape, &out = op.results[0]->shape;
  if (in.size() != 4 || w.size() != 4 || out.size() != 4 || w[3] != in[3] || out[3] != w[0] ||
      out[0] != in[0] || (o.bias && ir::elementCount(o.bias->shape) != w[0]))
    return refuse("input, weights and output do not fit a transposed convolution");
  using T = ir::ElementType;
  const T it = o.input->type, wt = o.weights->type, ot = op.results[0]->type;
  const T bt = o.bias ? o.bias->type : (it == T::F32 ? T::F32 : T::I32);
  if (it == T::F32 && wt == T::F32 && ot == T::F32 && bt == T::F32)
    return llvm::Error::success();
  if (isCustom(op))
    return refuse("Convolution2DTransposeBias runs on float32 only");
  const bool ok = ot == it && ((it == T::I8 && wt == T::I8 && bt == T::I32) ||
                               (it == T::U8 && wt == T::U8 && bt == T::I32) ||
                               (it == T::I16 && wt == T::I8 && (bt == T::I64 || bt == T::I32)));
  return ok ? llvm::Error::success() : refuse("operand types not supported");
}

int64_t transposeConvolutionScratch(const ir::Op &op) {
  if (op.results[0]->type == ir::ElementType::F32)
    return 0;
  return accumulatorBytes(op) * ir::elementCount(op.results[0]->shape).value_or(0);
}

llvm::Error emitTransposeConvolution(LayerContext &layer) {
  const ir::Op &op = layer.op();
  const Operands o = operandsOf(op);
  const Options options = *optionsOf(op);
  const ir::Shape &in = o.input->shape, &w = o.weights->shape;
  const ir::Value &out = *op.results[0];
  // TFLite pads as a forward convolution from the output back to the input would.
  auto padding = [&](int64_t outSize, int64_t filter, int stride) {
    const int64_t forward =
        options.same ? (outSize + stride - 1) / stride : (outSize - filter + stride) / stride;
    return options.same ? std::max<int64_t>((forward - 1) * stride + filter - outSize, 0) / 2 : 0;
  };
  layer.param("batches", in[0]);
  layer.param("inH", in[1]);
  layer.param("inW", in[2]);
  layer.param("inC", in[3]);
  layer.param("outH", out.shape[1]);
  layer.param("outW", out.shape[2]);
  layer.param("outC", out.shape[3]);
  layer.param("filterH", w[1]);
  layer.param("filterW", w[2]);
  layer.param("strideH", options.strideH);
  layer.param("strideW", options.strideW);
  layer.param("padTop", padding(out.shape[1], w[1], options.strideH));
  layer.param("padLeft", padding(out.shape[2], w[2], options.strideW));
  layer.param("outCount", ir::elementCount(out.shape).value_or(0));
  layer.require("TransposeConvolution.h");
  const std::string P = layer.paramsName();
  const std::string input = layer.pointerTo(*o.input, false),
                    weights = layer.pointerTo(*o.weights, false),
                    bias = o.bias ? layer.pointerTo(*o.bias, false) : "nullptr";
  if (out.type == ir::ElementType::F32) {
    if (isCustom(op)) {
      layer.param("float actMin = -std::numeric_limits<float>::infinity()");
      layer.param("float actMax = std::numeric_limits<float>::infinity()");
    } else if (auto e = floatBounds(layer)) {
      return e;
    }
    layer.statement(fmt::format("litec::generic::transposeConvFloat<{}>({}, {}, {}, {});", P, input,
                                weights, bias, layer.output(0)));
    return llvm::Error::success();
  }
  if (auto e = channelRescale(layer, *o.input, *o.weights, out, out.shape[3], 0))
    return e;
  if (auto e = integerBounds(layer, out))
    return e;
  layer.param("inputOffset", -zeroPointOf(*o.input));
  layer.param("weightsOffset", -zeroPointOf(*o.weights));
  layer.param("outputOffset", zeroPointOf(out));
  const std::string biasType = o.bias ? cppType(o.bias->type) : "std::int32_t";
  layer.statement(fmt::format(
      "litec::generic::transposeConvQuantized<{}, {}, {}, {}, {}>(\n      {}, {}, {}, {}, {});", P,
      cppType(o.input->type), cppType(o.weights->type), biasType, cppType(out.type), input, weights,
      o.bias ? bias : "static_cast<const " + biasType + " *>(nullptr)",
      layer.scratch(accumulatorBytes(op) == 8 ? "std::int64_t" : "std::uint32_t"),
      layer.output(0)));
  return llvm::Error::success();
}

} // namespace litec::codegen::generic
