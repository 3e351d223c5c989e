#include "litec/ir/passes/DepthwiseAsConvolution.h"

#include "PassSupport.h"

#include <cstring>

namespace litec::ir {

namespace {
// The filter of `op` as a CONV_2D's, or nullptr where the op is not a depthwise convolution of
// one input channel with a dense constant filter.
Value *convolutionFilter(Graph &graph, const Op &op) {
  if (op.kind != OpKind::DEPTHWISE_CONV_2D || op.operands.size() < 2 || op.results.size() != 1)
    return nullptr;
  const Value *input = op.operands[0], *filter = op.operands[1];
  if (!input || !filter || input->shape.size() != 4 || input->shape[3] != 1 ||
      !filter->isConstant() || filter->sparsity || filter->shape.size() != 4 ||
      filter->shape[0] != 1 || op.results[0]->shape.size() != 4 ||
      op.results[0]->shape[3] != filter->shape[3])
    return nullptr;
  const Quantization &q = filter->quant;
  if (q.isPerChannel() && q.axis != 3)
    return nullptr;
  const size_t bytes = elementByteSize(filter->type);
  const int64_t taps = filter->shape[1] * filter->shape[2], channels = filter->shape[3];
  if (bytes == 0 || filter->data().size() != size_t(taps * channels) * bytes)
    return nullptr;
  // [tap][channel] to [channel][tap], element by element.
  std::vector<uint8_t> moved(filter->data().size());
  for (int64_t tap = 0; tap < taps; ++tap)
    for (int64_t c = 0; c < channels; ++c)
      std::memcpy(moved.data() + size_t(c * taps + tap) * bytes,
                  filter->data().data() + size_t(tap * channels + c) * bytes, bytes);
  Value &converted = graph.addValue();
  converted.name = filter->name + "/as_convolution";
  converted.type = filter->type;
  converted.shape = {channels, filter->shape[1], filter->shape[2], 1};
  converted.quant = q;
  converted.quant.axis = 0;
  converted.setOwnedData(std::move(moved));
  return &converted;
}

int64_t convertDepthwise(Graph &graph) {
  int64_t converted = 0;
  for (const auto &owned : graph.ops) {
    Op &op = *owned;
    Value *filter = convolutionFilter(graph, op);
    if (!filter)
      continue;
    const Op before = op;
    op.kind = OpKind::CONV_2D;
    op.operands[1] = filter;
    // CONV_2D's options are DEPTHWISE_CONV_2D's less the depth multiplier, plus the bias type
    // newer schemas added (its default, as for a file that leaves it out). Version 3 is the one
    // that reads int8 per-channel filters; float convolutions are version 1 (2 when dilated).
    AttrDict attrs;
    for (const NamedAttr &entry : before.attrs.entries())
      if (entry.name != "depth_multiplier")
        attrs.set(entry.name, entry.value);
    attrs.set("quantized_bias_type", EnumAttr{"TensorType", "FLOAT32", 0});
    op.attrs = std::move(attrs);
    const bool dilated = op.attrs.getInt("dilation_w_factor").value_or(1) != 1 ||
                         op.attrs.getInt("dilation_h_factor").value_or(1) != 1;
    op.version = filter->type == ElementType::F32 ? (dilated ? 2 : 1) : 3;
    if (!referenceAccepts(op)) {
      op = before; // the filter's copy stays, read by nothing
      continue;
    }
    ++converted;
  }
  return converted;
}
} // namespace

std::unique_ptr<Pass> createDepthwiseAsConvolutionPass() {
  return makeGraphPass("depthwise-as-convolution", "converted", convertDepthwise);
}

} // namespace litec::ir
