#include "litec/ir/Analysis.h"
#include "litec/ir/OpOptions.h"

#include <algorithm>

namespace litec::ir {

namespace {
int64_t elements(const Value *value) {
  if (!value)
    return 0;
  return elementCount(value->shape).value_or(0);
}

int64_t dim(const Value *value, size_t index) {
  if (!value || index >= value->shape.size())
    return 0;
  return value->shape[index];
}

const Value *operand(const Op &op, size_t index) {
  return index < op.operands.size() ? op.operands[index] : nullptr;
}

const Value *result(const Op &op) {
  return op.results.empty() ? nullptr : op.results.front();
}

// Transposed convolution scatters every input element over a KH x KW x Cout window; weights
// are OHWI for both TFLite's builtin and MediaPipe's Convolution2DTransposeBias.
// The product of the factors, saturated: hostile shapes must not overflow the statistics.
int64_t product(std::initializer_list<int64_t> factors) {
  int64_t result = 1;
  for (int64_t factor : factors)
    result = saturatingMul(result, factor);
  return result;
}

int64_t transposeConvMacs(const Value *input, const Value *weights) {
  return product({elements(input), dim(weights, 0), dim(weights, 1), dim(weights, 2)});
}

int64_t sequenceLstmMacs(const Op &op) {
  const Value *input = operand(op, 0);
  const Value *inputToForget = operand(op, 2);
  const Value *recurrentToForget = operand(op, 6);
  const Value *projection = operand(op, 16);
  if (!input || input->shape.size() != 3)
    return 0;
  int64_t steps = product({input->shape[0], input->shape[1]}); // batch x time, either layout
  int64_t cells = dim(inputToForget, 0);
  int64_t perStep =
      product({4, cells, saturatingAdd(dim(inputToForget, 1), dim(recurrentToForget, 1))});
  if (projection)
    perStep = saturatingAdd(perStep, product({dim(projection, 0), dim(projection, 1)}));
  return product({steps, perStep});
}
} // namespace

int64_t countMacs(const Op &op) {
  const Value *out = result(op);
  switch (convolutionBase(op.kind)) {
  case OpKind::CONV_2D: {
    const Value *filter = operand(op, 1);
    return product({elements(out), dim(filter, 1), dim(filter, 2), dim(filter, 3)});
  }
  case OpKind::DEPTHWISE_CONV_2D: {
    const Value *filter = operand(op, 1);
    return product({elements(out), dim(filter, 1), dim(filter, 2)});
  }
  case OpKind::CONV_3D: {
    const Value *filter = operand(op, 1);
    return product({elements(out), dim(filter, 0), dim(filter, 1), dim(filter, 2), dim(filter, 3)});
  }
  case OpKind::FULLY_CONNECTED:
    return product({elements(out), dim(operand(op, 1), 1)});
  case OpKind::BATCH_MATMUL: {
    const Value *lhs = operand(op, 0);
    if (!lhs || lhs->shape.size() < 2)
      return 0;
    auto options = optionsOf<options::BatchMatMulOptions>(op);
    if (!options) { // the verifier refuses such an op; it counts nothing
      llvm::consumeError(options.takeError());
      return 0;
    }
    return product({elements(out), lhs->shape[lhs->shape.size() - (options->adj_x ? 2 : 1)]});
  }
  case OpKind::TRANSPOSE_CONV:
    return transposeConvMacs(operand(op, 2), operand(op, 1));
  case OpKind::UNIDIRECTIONAL_SEQUENCE_LSTM:
    return sequenceLstmMacs(op);
  case OpKind::SVDF: {
    const Value *input = operand(op, 0);
    const Value *featureWeights = operand(op, 1);
    const Value *timeWeights = operand(op, 2);
    return product({dim(input, 0), dim(featureWeights, 0),
                    saturatingAdd(dim(featureWeights, 1), dim(timeWeights, 1))});
  }
  case OpKind::CUSTOM:
    if (op.family() == OpFamily::TransposeConvolution)
      return transposeConvMacs(operand(op, 0), operand(op, 1));
    return 0;
  default:
    return 0;
  }
}

int64_t weightBytes(const Op &op) {
  int64_t bytes = 0;
  for (const Value *value : op.operands)
    if (value && value->isConstant())
      bytes += static_cast<int64_t>(value->data().size());
  return bytes;
}

ActivationMemory peakActivationMemory(const Graph &graph) {
  if (graph.ops.empty())
    return {};
  const unsigned lastOp = static_cast<unsigned>(graph.ops.size() - 1);
  constexpr unsigned kUnused = ~0u;
  std::vector<unsigned> birth(graph.values.size(), kUnused), death(graph.values.size(), 0);
  auto markUse = [&](const Value *value, unsigned at) {
    if (!value || value->isConstant())
      return;
    birth[value->id] = std::min(birth[value->id], at);
    death[value->id] = std::max(death[value->id], at);
  };
  for (const Value *input : graph.inputs)
    markUse(input, 0);
  for (const auto &value : graph.values)
    if (value->isVariable) {
      markUse(value.get(), 0);
      markUse(value.get(), lastOp);
    }
  for (const auto &op : graph.ops) {
    for (const Value *value : op->operands)
      markUse(value, op->index);
    for (const Value *value : op->results)
      markUse(value, op->index);
  }
  for (const Value *output : graph.outputs)
    markUse(output, lastOp);

  // Sweep over op positions: a value adds its bytes at birth and removes them after death.
  std::vector<int64_t> delta(graph.ops.size() + 1, 0);
  for (const auto &value : graph.values) {
    if (birth[value->id] == kUnused)
      continue;
    int64_t bytes = value->byteSize().value_or(0);
    delta[birth[value->id]] = saturatingAdd(delta[birth[value->id]], bytes);
    delta[death[value->id] + 1] = saturatingAdd(delta[death[value->id] + 1], -bytes);
  }
  ActivationMemory best;
  int64_t live = 0;
  for (unsigned at = 0; at <= lastOp; ++at) {
    live = saturatingAdd(live, delta[at]);
    if (live > best.peakBytes)
      best = {live, at};
  }
  return best;
}

std::map<std::string, int64_t> opHistogram(const Graph &graph) {
  std::map<std::string, int64_t> histogram;
  for (const auto &op : graph.ops)
    ++histogram[op->displayName()];
  return histogram;
}

std::map<std::string, int64_t> parameterBytesByType(const Module &module) {
  std::map<std::string, int64_t> bytes;
  for (const auto &graph : module.graphs)
    for (const auto &value : graph->values)
      if (value->isConstant())
        bytes[std::string(elementTypeName(value->type))] +=
            static_cast<int64_t>(value->data().size()); // bounded by the file size
  return bytes;
}

} // namespace litec::ir
