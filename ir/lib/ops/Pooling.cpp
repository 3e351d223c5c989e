#include "litec/ir/ops/Pooling.h"

namespace litec::ir::ops {

llvm::Expected<PreparedPooling> preparePooling(const Op &op) {
  if (op.kind != OpKind::AVERAGE_POOL_2D && op.kind != OpKind::MAX_POOL_2D)
    return invalid("not a pooling op");
  if (op.operands.size() != 1 || !op.operands[0] || op.results.size() != 1)
    return invalid("pooling needs one input and one result");
  const Value &input = *op.operands[0], &output = *op.results[0];
  if (input.shape.size() != 4 || output.shape.size() != 4)
    return unsupported("pooling of rank " + std::to_string(input.shape.size()));
  auto options = optionsOf<options::Pool2DOptions>(op);
  if (!options)
    return options.takeError();
  if (options->filter_height <= 0 || options->filter_width <= 0 || options->stride_h <= 0 ||
      options->stride_w <= 0)
    return invalid("pooling needs positive filter sizes and strides");
  PreparedPooling prepared{};
  PoolingParams &p = prepared.params;
  p.batches = int32_t(input.shape[0]);
  p.inH = int32_t(input.shape[1]);
  p.inW = int32_t(input.shape[2]);
  p.channels = int32_t(input.shape[3]);
  p.outH = int32_t(output.shape[1]);
  p.outW = int32_t(output.shape[2]);
  p.filterH = options->filter_height;
  p.filterW = options->filter_width;
  p.strideH = options->stride_h;
  p.strideW = options->stride_w;
  p.padTop = paddingBefore(options->padding, p.strideH, 1, p.inH, p.filterH, p.outH);
  p.padLeft = paddingBefore(options->padding, p.strideW, 1, p.inW, p.filterW, p.outW);
  prepared.isMax = op.kind == OpKind::MAX_POOL_2D;
  prepared.type = input.type;
  if (input.type == ElementType::F32 && output.type == ElementType::F32) {
    auto range = floatActivation(options->fused_activation_function);
    if (!range)
      return range.takeError();
    p.floatRange = *range;
    p.intRange = {0, 0};
    return prepared;
  }
  if (input.type == output.type &&
      (input.type == ElementType::I8 || input.type == ElementType::U8 ||
       input.type == ElementType::I16)) {
    auto range = quantizedActivation(options->fused_activation_function, output);
    if (!range)
      return range.takeError();
    p.intRange = *range;
    p.floatRange = {0, 0};
    return prepared;
  }
  return unsupported("pooling with types " + typeList(op));
}

} // namespace litec::ir::ops
