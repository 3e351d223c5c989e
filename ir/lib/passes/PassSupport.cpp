#include "PassSupport.h"

#include "litec/ir/OpOptions.h"
#include "litec/ir/ops/Params.h"
#include "litec/ir/reference/Kernel.h"

#include <cmath>
#include <cstring>
#include <span>

namespace litec::ir {

std::vector<int> useCounts(const Graph &graph) {
  std::vector<int> uses(graph.values.size(), 0);
  for (const std::unique_ptr<Op> &op : graph.ops)
    for (const Value *operand : op->operands)
      if (operand)
        ++uses[operand->id];
  for (const Value *output : graph.outputs)
    ++uses[output->id];
  return uses;
}

namespace {
class GraphPass final : public Pass {
public:
  GraphPass(std::string_view name, std::string_view statistic, int64_t (*transform)(Graph &))
      : name_(name), statistic_(statistic), transform_(transform) {}
  std::string_view name() const override { return name_; }
  llvm::Error run(Module &module, PassStatistics &statistics) override {
    for (std::unique_ptr<Graph> &graph : module.graphs)
      statistics.add(name_, statistic_, transform_(*graph));
    return llvm::Error::success();
  }

private:
  std::string_view name_, statistic_;
  int64_t (*transform_)(Graph &);
};
} // namespace

std::unique_ptr<Pass> makeGraphPass(std::string_view name, std::string_view statistic,
                                    int64_t (*transform)(Graph &graph)) {
  return std::make_unique<GraphPass>(name, statistic, transform);
}

bool replaceUses(Graph &graph, const Value &from, Value &to) {
  for (const Value *output : graph.outputs)
    if (output == &from)
      return false;
  for (std::unique_ptr<Op> &op : graph.ops)
    for (Value *&operand : op->operands)
      if (operand == &from)
        operand = &to;
  return true;
}

namespace {
// Whether PADV2's constant (a one-element tensor of the data's type) is the data's zero.
bool isZeroConstant(const Value &constant, const Value &data) {
  if (!constant.isConstant() || constant.type != data.type ||
      elementCount(constant.shape) != std::optional<int64_t>(1))
    return false;
  const std::span<const uint8_t> bytes = constant.data();
  switch (data.type) {
  case ElementType::F32: {
    float value = 1.f;
    if (bytes.size() != 4)
      return false;
    std::memcpy(&value, bytes.data(), 4);
    return value == 0.f && !std::signbit(value);
  }
  case ElementType::I8:
    return bytes.size() == 1 && int8_t(bytes[0]) == ops::zeroPointOf(data);
  case ElementType::U8:
    return bytes.size() == 1 && bytes[0] == ops::zeroPointOf(data);
  case ElementType::I16: {
    int16_t value = 0;
    if (bytes.size() != 2)
      return false;
    std::memcpy(&value, bytes.data(), 2);
    return value == ops::zeroPointOf(data);
  }
  default:
    return false;
  }
}
} // namespace

std::optional<ZeroPad> zeroPadOf(const Value &padded) {
  Op *pad = padded.producer;
  if (!pad || (pad->kind != OpKind::PAD && pad->kind != OpKind::PADV2) ||
      pad->operands.size() < 2 || !pad->operands[0] || pad->results.size() != 1)
    return std::nullopt;
  Value &source = *pad->operands[0];
  if (source.type != padded.type)
    return std::nullopt;
  if (source.type != ElementType::F32) {
    const bool perTensor = source.quant.isQuantized() && !source.quant.isPerChannel();
    if (!perTensor || source.quant.scales != padded.quant.scales ||
        source.quant.zeroPoints != padded.quant.zeroPoints)
      return std::nullopt;
  }
  if (pad->kind == OpKind::PADV2 &&
      (pad->operands.size() < 3 || !pad->operands[2] || !isZeroConstant(*pad->operands[2], padded)))
    return std::nullopt;
  std::optional<std::vector<int64_t>> paddings = ops::constantInts(pad->operands[1]);
  if (!paddings || paddings->size() != 2 * source.shape.size())
    return std::nullopt;
  for (int64_t size : *paddings)
    if (size < 0)
      return std::nullopt;
  return ZeroPad{pad, &source, std::move(*paddings)};
}

bool referenceAccepts(const Op &op) {
  auto kernel = reference::prepareKernel(op);
  if (kernel)
    return true;
  llvm::consumeError(kernel.takeError());
  return false;
}

bool writeWithActivation(Op &producer, Value &result, options::ActivationFunctionType activation) {
  const AttrDict before = producer.attrs;
  Value *const oldResult = producer.results[0];
  if (const EnumAttr *current = producer.attrs.getEnum("fused_activation_function")) {
    EnumAttr changed = *current;
    changed.value = int64_t(activation);
    changed.valueName = std::string(options::enumName(activation));
    producer.attrs.set("fused_activation_function", changed);
  } else if (activation != options::ActivationFunctionType::NONE) {
    return false;
  }
  producer.results[0] = &result;
  if (referenceAccepts(producer))
    return true;
  producer.attrs = before;
  producer.results[0] = oldResult;
  return false;
}

bool isFusableConvolution(const Op *conv, const std::vector<int> &uses) {
  if (!conv || (conv->kind != OpKind::CONV_2D && conv->kind != OpKind::DEPTHWISE_CONV_2D) ||
      conv->results.size() != 1 || uses[conv->results[0]->id] != 1)
    return false;
  const EnumAttr *activation = conv->attrs.getEnum("fused_activation_function");
  return activation && activation->value == int64_t(options::ActivationFunctionType::NONE);
}

std::optional<Op> fusedConvolutionOp(const Op &conv, const Op &epilogue, Value *operand) {
  const std::optional<OpKind> kind = fusedConvolutionKind(conv.kind, epilogue.kind);
  if (!kind)
    return std::nullopt;
  Op fused = conv;
  fused.kind = *kind;
  fused.version = 1;
  fused.operands.resize(3, nullptr);
  if (operand)
    fused.operands.push_back(operand);
  fused.results = epilogue.results;
  fused.intermediates = {conv.results[0]};
  if (epilogue.kind == OpKind::ADD) {
    const EnumAttr *activation = epilogue.attrs.getEnum("fused_activation_function");
    if (!activation)
      return std::nullopt;
    fused.attrs.set("fused_activation_function", *activation);
  }
  if (!referenceAccepts(fused))
    return std::nullopt;
  return fused;
}

void replaceByFused(Graph &graph, Op &conv, size_t epilogueAt, Op fused, std::vector<bool> &erase) {
  const size_t convAt = conv.index;
  Value *convResult = conv.results[0];
  conv = std::move(fused);
  conv.index = unsigned(epilogueAt);
  for (Value *result : conv.results)
    result->producer = &conv;
  convResult->producer = nullptr;
  std::swap(graph.ops[convAt], graph.ops[epilogueAt]);
  graph.ops[convAt]->index = unsigned(convAt);
  erase[convAt] = true; // the epilogue op, now in the convolution's place
}

void eraseOps(Graph &graph, const std::vector<bool> &erase) {
  std::vector<std::unique_ptr<Op>> kept;
  for (size_t i = 0; i < graph.ops.size(); ++i)
    if (!erase[i])
      kept.push_back(std::move(graph.ops[i]));
  graph.ops = std::move(kept);
  for (size_t i = 0; i < graph.ops.size(); ++i)
    graph.ops[i]->index = unsigned(i);
}

} // namespace litec::ir
