#include "litec/ir/ops/Concatenation.h"

#include "litec/ir/Shape.h"

namespace litec::ir::ops {

llvm::Expected<PreparedConcatenation> prepareConcatenation(const Op &op) {
  if (op.operands.empty() || op.results.size() != 1)
    return invalid("CONCATENATION needs inputs and one result");
  const Value &output = *op.results[0];
  auto options = optionsOf<options::ConcatenationOptions>(op);
  if (!options)
    return options.takeError();
  if (options->fused_activation_function != options::ActivationFunctionType::NONE)
    return unsupported("CONCATENATION with a fused activation");
  const int64_t rank = int64_t(output.shape.size());
  if (rank == 0 || options->axis < -rank || options->axis >= rank)
    return invalid("CONCATENATION axis " + std::to_string(options->axis) + " is out of range");
  const size_t axis = size_t(normalizedAxis(options->axis, size_t(rank)));
  const int64_t inner = dimensionProduct(output.shape, axis + 1, size_t(rank));
  PreparedConcatenation prepared{};
  ConcatenationParams &p = prepared.params;
  prepared.type = output.type;
  prepared.alongLastAxis = axis + 1 == size_t(rank);
  p.inputs = int32_t(op.operands.size());
  p.outer = int32_t(dimensionProduct(output.shape, 0, axis));
  p.outWidth = int32_t(output.shape[axis] * inner);
  p.outputZeroPoint = zeroPointOf(output);
  const float inverseOutputScale = output.quant.isQuantized() ? 1.f / scaleOf(output) : 1.f;
  bool anyRescaled = false;
  for (const Value *input : op.operands) {
    if (!input || input->type != output.type || input->shape.size() != output.shape.size())
      return unsupported("CONCATENATION with types " + typeList(op));
    p.widths.push_back(int32_t(input->shape[axis] * inner));
    const bool differs = output.quant.isQuantized() && (scaleOf(*input) != scaleOf(output) ||
                                                        zeroPointOf(*input) != zeroPointOf(output));
    if (differs && output.type != ElementType::U8)
      return unsupported("CONCATENATION of " + std::string(elementTypeName(output.type)) +
                         " inputs quantised differently from the output (TFLite rescales only "
                         "uint8)");
    // TFLite's float formula: scale = s_in / s_out, bias = -z_in * scale.
    const float scale = differs ? scaleOf(*input) * inverseOutputScale : 1.f;
    p.rescale.push_back(differs ? 1 : 0);
    p.scales.push_back(scale);
    p.biases.push_back(differs ? float(-zeroPointOf(*input)) * scale : 0.f);
    anyRescaled = anyRescaled || differs;
  }
  if (!anyRescaled) {
    p.rescale.clear();
    p.scales.clear();
    p.biases.clear();
  }
  return prepared;
}

std::optional<ConcatenationSlices> concatenationSlices(const PreparedConcatenation &prepared) {
  const ConcatenationParams &p = prepared.params;
  if (prepared.rescaled() || (p.outer != 1 && !prepared.alongLastAxis))
    return std::nullopt;
  const int64_t elementBytes = int64_t(elementByteSize(prepared.type));
  ConcatenationSlices slices;
  int64_t offset = 0;
  for (int32_t width : p.widths) {
    slices.offsets.push_back(offset);
    offset += int64_t(width) * elementBytes;
  }
  if (p.outer != 1)
    slices.pixelStride = int64_t(p.outWidth) * elementBytes;
  return slices;
}

} // namespace litec::ir::ops
