#include "litec/ir/Verifier.h"

#include "litec/ir/Printer.h"
#include "litec/ir/QuantizationMath.h"
#include "litec/ir/ShapeInference.h"

#include <fmt/format.h>

#include <cmath>

namespace litec::ir {

namespace {
llvm::Error valueError(unsigned graphIndex, const Value &value, const std::string &what) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), "subgraph %u, tensor %u %s: %s",
                                 graphIndex, value.id, quoteString(value.name).c_str(),
                                 what.c_str());
}

llvm::Error opError(unsigned graphIndex, const Op &op, const std::string &what) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), "subgraph %u, op %u (%s): %s",
                                 graphIndex, op.index, opLabel(op).c_str(), what.c_str());
}

std::string checkQuantization(const Value &value) {
  const Quantization &q = value.quant;
  if (!q.isQuantized())
    return "";
  if (!q.zeroPoints.empty() && q.zeroPoints.size() != q.scales.size())
    return fmt::format("{} scales but {} zero points", q.scales.size(), q.zeroPoints.size());
  for (float scale : q.scales)
    if (!std::isfinite(scale) || scale < 0)
      return fmt::format("quantisation scale {} is not a finite non-negative number", scale);
  // A zero point is a value of the element type (integer kernels subtract it in 32 bits).
  if (isInteger(value.type)) {
    const int64_t lo = integerMin(value.type), hi = integerMax(value.type);
    for (int64_t zeroPoint : q.zeroPoints)
      if (zeroPoint < lo || zeroPoint > hi)
        return fmt::format("zero point {} is outside the range of {}", zeroPoint,
                           elementTypeName(value.type));
  }
  if (q.isPerChannel()) {
    if (q.axis < 0 || static_cast<size_t>(q.axis) >= value.shape.size())
      return fmt::format("quantized_dimension {} is outside rank {}", q.axis, value.shape.size());
    if (value.shape[static_cast<size_t>(q.axis)] != static_cast<int64_t>(q.scales.size()))
      return fmt::format("{} per-channel scales for dimension {} of size {}", q.scales.size(),
                         q.axis, value.shape[static_cast<size_t>(q.axis)]);
  }
  return "";
}

std::string checkValue(const Value &value) {
  for (int64_t dim : value.shape)
    if (dim < 0)
      return fmt::format("negative dimension {} in shape [{}]", dim, fmt::join(value.shape, ", "));
  std::optional<int64_t> bytes = value.byteSize();
  if (!bytes)
    return fmt::format("shape [{}] overflows", fmt::join(value.shape, ", "));
  if (value.isConstant() && !value.sparsity && static_cast<int64_t>(value.data().size()) != *bytes)
    return fmt::format("constant has {} bytes, shape {} needs {}", value.data().size(),
                       formatValueType(value), *bytes);
  return checkQuantization(value);
}

std::string checkOpTypes(const Op &op) {
  const Value *first = op.operands.empty() ? nullptr : op.operands[0];
  if (op.kind == OpKind::SPLIT && op.operands.size() > 1)
    first = op.operands[1];
  if (first && hasTrait(op.kind, OpTrait::SameType))
    for (const Value *result : op.results)
      if (result->type != first->type)
        return fmt::format("result %{} is {}, input is {}", result->id,
                           elementTypeName(result->type), elementTypeName(first->type));
  if (hasTrait(op.kind, OpTrait::Comparison) && !op.results.empty() &&
      op.results[0]->type != ElementType::Bool)
    return "a comparison must produce a bool tensor";
  switch (op.kind) {
  case OpKind::DEQUANTIZE:
    if (!op.results.empty() && !isFloat(op.results[0]->type))
      return "DEQUANTIZE must produce a float tensor";
    break;
  case OpKind::QUANTIZE:
    if (!op.results.empty() && !op.results[0]->quant.isQuantized())
      return "QUANTIZE must produce a quantised tensor";
    break;
  default:
    break;
  }
  return "";
}

llvm::Error verifyOp(const Op &op, unsigned graphIndex, const Graph &graph,
                     const std::vector<bool> &available) {
  if (op.kind != OpKind::CUSTOM) {
    const OpKindInfo &info = opKindInfo(op.kind);
    int inputs = static_cast<int>(op.operands.size());
    int outputs = static_cast<int>(op.results.size());
    if ((info.minInputs >= 0 && inputs < info.minInputs) ||
        (info.maxInputs >= 0 && inputs > info.maxInputs))
      return opError(
          graphIndex, op,
          fmt::format("has {} inputs, expected {}..{}", inputs, info.minInputs,
                      info.maxInputs < 0 ? std::string("n") : std::to_string(info.maxInputs)));
    if ((info.minOutputs >= 0 && outputs < info.minOutputs) ||
        (info.maxOutputs >= 0 && outputs > info.maxOutputs))
      return opError(graphIndex, op, fmt::format("has {} outputs", outputs));
  }
  for (const Value *value : op.operands) {
    if (!value)
      continue;
    if (value->id >= graph.values.size() || graph.values[value->id].get() != value)
      return opError(graphIndex, op, "refers to a value of another graph");
    if (!available[value->id])
      return opError(graphIndex, op, fmt::format("reads %{} before any op produces it", value->id));
  }
  for (const Value *value : op.results)
    if (!value || value->producer != &op)
      return opError(graphIndex, op, "result is not owned by the op");
  if (std::string problem = checkOpTypes(op); !problem.empty())
    return opError(graphIndex, op, problem);

  auto inferred = inferResultShapes(op);
  if (!inferred)
    return opError(graphIndex, op, llvm::toString(inferred.takeError()));
  if (*inferred) {
    const std::vector<Shape> &shapes = **inferred;
    if (shapes.size() != op.results.size())
      return opError(
          graphIndex, op,
          fmt::format("has {} results, its inputs give {}", op.results.size(), shapes.size()));
    for (size_t i = 0; i < shapes.size(); ++i) {
      const Value &result = *op.results[i];
      if (!result.isDynamic() && shapes[i] != result.shape)
        return opError(graphIndex, op,
                       fmt::format("result %{} has shape [{}], its inputs give [{}]", result.id,
                                   fmt::join(result.shape, ", "), fmt::join(shapes[i], ", ")));
    }
  }
  return llvm::Error::success();
}
} // namespace

llvm::Error verifyGraph(const Graph &graph, unsigned graphIndex) {
  std::vector<bool> available(graph.values.size(), false);
  for (const auto &value : graph.values) {
    if (std::string problem = checkValue(*value); !problem.empty())
      return valueError(graphIndex, *value, problem);
    available[value->id] = value->isConstant() || value->isVariable;
  }
  for (const Value *input : graph.inputs)
    available[input->id] = true;
  for (const auto &op : graph.ops) {
    if (auto error = verifyOp(*op, graphIndex, graph, available))
      return error;
    for (const Value *result : op->results) {
      if (result->isConstant())
        return opError(graphIndex, *op, fmt::format("writes constant %{}", result->id));
      available[result->id] = true;
    }
  }
  for (const Value *output : graph.outputs)
    if (!available[output->id])
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     "subgraph %u: output %%%u is never produced", graphIndex,
                                     output->id);
  return llvm::Error::success();
}

llvm::Error verifyModule(const Module &module) {
  if (module.graphs.empty())
    return llvm::createStringError(llvm::inconvertibleErrorCode(), "model: has no subgraphs");
  for (size_t i = 0; i < module.graphs.size(); ++i)
    if (auto error = verifyGraph(*module.graphs[i], static_cast<unsigned>(i)))
      return error;
  for (const Signature &signature : module.signatures) {
    if (signature.graphIndex >= module.graphs.size())
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     "signature %s: subgraph %u does not exist",
                                     quoteString(signature.key).c_str(), signature.graphIndex);
    size_t count = module.graphs[signature.graphIndex]->values.size();
    for (const auto *list : {&signature.inputs, &signature.outputs})
      for (const SignatureTensor &tensor : *list)
        if (tensor.valueId >= count)
          return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                         "signature %s: tensor %u does not exist",
                                         quoteString(signature.key).c_str(), tensor.valueId);
  }
  return llvm::Error::success();
}

} // namespace litec::ir
