#include "litec/ir/ops/Svdf.h"

#include "litec/ir/Shape.h"

#include <fmt/format.h>

namespace litec::ir::ops {

llvm::Expected<PreparedSvdf> prepareSvdf(const Op &op) {
  if (op.kind != OpKind::SVDF)
    return invalid("not SVDF");
  if (op.operands.size() < 5 || !op.operands[0] || !op.operands[1] || !op.operands[2] ||
      op.results.size() != 1)
    return invalid("SVDF needs an input, feature and time weights and one result");
  if (!op.operands[4] || !op.operands[4]->isVariable)
    return unsupported("SVDF without a variable activation state as input 4");
  auto options = optionsOf<options::SVDFOptions>(op);
  if (!options)
    return options.takeError();
  const Value &input = *op.operands[0], &features = *op.operands[1], &time = *op.operands[2],
              &state = *op.operands[4], &output = *op.results[0];
  const Value *bias = op.operands[3];
  if (input.shape.size() != 2 || features.shape.size() != 2 || time.shape.size() != 2 ||
      state.shape.size() != 2 || output.shape.size() != 2)
    return invalid("SVDF input, weights, state and output must be matrices");
  PreparedSvdf prepared{};
  prepared.hasBias = bias != nullptr;
  SvdfParams &p = prepared.params;
  p.batches = int32_t(input.shape[0]);
  p.inputs = int32_t(input.shape[1]);
  p.filters = int32_t(features.shape[0]);
  p.rank = options->rank;
  p.units = p.rank > 0 ? p.filters / p.rank : 0;
  p.memory = int32_t(time.shape[1]);
  if (p.rank <= 0 || p.filters % p.rank != 0 || features.shape[1] != p.inputs ||
      time.shape[0] != p.filters || state.shape[0] != p.batches ||
      state.shape[1] != int64_t(p.memory) * p.filters || output.shape[0] != p.batches ||
      output.shape[1] != p.units ||
      (bias && elementCount(bias->shape) != std::optional<int64_t>(p.units)))
    return invalid(fmt::format("SVDF shapes do not agree: input {}, features {}, time {}, "
                               "state {}, output {}, rank {}",
                               formatShape(input.shape), formatShape(features.shape),
                               formatShape(time.shape), formatShape(state.shape),
                               formatShape(output.shape), p.rank));
  using T = ElementType;
  if (input.type == T::F32 && features.type == T::F32 && time.type == T::F32 &&
      state.type == T::F32 && output.type == T::F32 && (!bias || bias->type == T::F32)) {
    auto range = floatActivation(options->fused_activation_function);
    if (!range)
      return range.takeError();
    prepared.isFloat = true;
    p.floatRange = *range;
    return prepared;
  }
  if (input.type != T::I8 || features.type != T::I8 || output.type != T::I8 ||
      time.type != state.type || (state.type != T::I16 && state.type != T::I8) ||
      (bias && bias->type != T::I32))
    return unsupported("SVDF with types " + typeList(op));
  for (auto [value, what] :
       {std::pair{&input, "input"}, std::pair{&features, "feature weights"},
        std::pair{&time, "time weights"}, std::pair{&state, "state"}, std::pair{&output, "output"}})
    if (auto error = requireQuantized(*value, what))
      return error;
  prepared.stateType = state.type;
  p.inputZeroPoint = zeroPointOf(input);
  p.stateZeroPoint = zeroPointOf(state);
  p.outputZeroPoint = zeroPointOf(output);
  // TFLite Micro forms both scales in float before widening them to double.
  p.feature = quantizeMultiplier(double(scaleOf(input) * scaleOf(features) / scaleOf(state)));
  p.output = quantizeMultiplier(double(scaleOf(state) * scaleOf(time) / scaleOf(output)));
  return prepared;
}

} // namespace litec::ir::ops
