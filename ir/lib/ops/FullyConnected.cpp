#include "litec/ir/ops/FullyConnected.h"

#include "litec/ir/Shape.h"

#include <fmt/format.h>

namespace litec::ir::ops {

namespace {
int64_t unitOf(const Shape &weights, int64_t index) {
  return weights[1] > 0 ? index / weights[1] : 0;
}
} // namespace

llvm::Expected<PreparedFullyConnected> prepareFullyConnected(const Op &op) {
  if (op.kind != OpKind::FULLY_CONNECTED)
    return invalid("not FULLY_CONNECTED");
  auto types = weightedTypes(op);
  if (!types)
    return types.takeError();
  auto options = optionsOf<options::FullyConnectedOptions>(op);
  if (!options)
    return options.takeError();
  if (options->weights_format != options::FullyConnectedOptionsWeightsFormat::DEFAULT)
    return unsupported("FULLY_CONNECTED with weights_format " +
                       std::string(options::enumName(options->weights_format)));
  const Value &input = *op.operands[0], &weights = *op.operands[1], &output = *op.results[0];
  if (weights.shape.size() != 2)
    return invalid("FULLY_CONNECTED weights must be 2-D, are " + formatShape(weights.shape));
  PreparedFullyConnected prepared{};
  prepared.types = *types;
  FullyConnectedParams &p = prepared.params;
  p.units = int32_t(weights.shape[0]);
  p.depth = int32_t(weights.shape[1]);
  const int64_t inputs = elementCount(input.shape).value_or(0);
  if (p.depth <= 0 ? inputs != 0 : inputs % p.depth != 0)
    return invalid(fmt::format("FULLY_CONNECTED input {} does not split into rows of depth {}",
                               formatShape(input.shape), p.depth));
  p.rows = p.depth > 0 ? int32_t(inputs / p.depth) : 0;
  if (elementCount(output.shape) != std::optional<int64_t>(int64_t(p.rows) * p.units))
    return invalid(fmt::format("FULLY_CONNECTED output {} does not hold {} rows of {} units",
                               formatShape(output.shape), p.rows, p.units));
  if (types->hasBias &&
      elementCount(op.operands[2]->shape) != std::optional<int64_t>(int64_t(p.units)))
    return invalid(fmt::format("FULLY_CONNECTED bias has {} elements for {} units",
                               elementCount(op.operands[2]->shape).value_or(-1), p.units));
  auto stage = outputStage(types->isFloat, options->fused_activation_function, input, weights,
                           output, p.units, 0);
  if (!stage)
    return stage.takeError();
  setOutputStage(p, std::move(*stage));
  if (types->isFloat)
    return prepared;
  if (auto bias = foldInputZeroPoint(op, *types, p.units, unitOf)) {
    prepared.folded = p;
    prepared.folded->inputOffset = 0;
    prepared.foldedBias = std::move(*bias);
  }
  return prepared;
}

} // namespace litec::ir::ops
