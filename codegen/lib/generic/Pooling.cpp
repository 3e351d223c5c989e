// AVERAGE_POOL_2D and MAX_POOL_2D: float32, and int8, uint8, int16 (same quantisation in and out).

#include "Emitters.h"

namespace litec::codegen::generic {

llvm::Error checkPooling(const ir::Op &op) {
  if (op.operands.empty() || !op.operands[0] || op.results.size() != 1)
    return refuse("needs an input and one result");
  const ir::Value &in = *op.operands[0], &out = *op.results[0];
  if (in.shape.size() != 4 || out.shape.size() != 4)
    return refuse("input and output must be 4-D");
  using T = ir::ElementType;
  if (in.type != out.type ||
      (in.type != T::F32 && in.type != T::I8 && in.type != T::U8 && in.type != T::I16))
    return refuse("operand types not supported");
  return llvm::Error::success();
}

llvm::Error emitPooling(LayerContext &layer) {
  const ir::Op &op = layer.op();
  const ir::Value &in = *op.operands[0], &out = *op.results[0];
  const int filterH = int(op.attrs.getInt("filter_height").value_or(1));
  const int filterW = int(op.attrs.getInt("filter_width").value_or(1));
  const int strideH = int(op.attrs.getInt("stride_h").value_or(1));
  const int strideW = int(op.attrs.getInt("stride_w").value_or(1));
  const ir::EnumAttr *padding = op.attrs.getEnum("padding");
  const bool same = !padding || padding->valueName == "SAME";
  auto before = [&](int stride, int inSize, int filter, int outSize) {
    return same ? std::max((outSize - 1) * stride + filter - inSize, 0) / 2 : 0;
  };
  layer.param("batches", in.shape[0]);
  layer.param("inH", in.shape[1]);
  layer.param("inW", in.shape[2]);
  layer.param("channels", in.shape[3]);
  layer.param("outH", out.shape[1]);
  layer.param("outW", out.shape[2]);
  layer.param("filterH", filterH);
  layer.param("filterW", filterW);
  layer.param("strideH", strideH);
  layer.param("strideW", strideW);
  layer.param("padTop", before(strideH, int(in.shape[1]), filterH, int(out.shape[1])));
  layer.param("padLeft", before(strideW, int(in.shape[2]), filterW, int(out.shape[2])));
  if (auto e = in.type == ir::ElementType::F32 ? floatBounds(layer) : integerBounds(layer, out))
    return e;
  layer.require("Pooling.h");
  layer.statement(fmt::format("litec::generic::pool<{}, {}, {}>({}, {});", layer.paramsName(),
                              op.kind == ir::OpKind::MAX_POOL_2D, cppType(in.type), layer.input(0),
                              layer.output(0)));
  return llvm::Error::success();
}

} // namespace litec::codegen::generic
