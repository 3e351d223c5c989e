#include "litec/ir/reference/Interpreter.h"

#include "litec/ir/Printer.h"
#include "litec/ir/ShapeInference.h"
#include "litec/ir/reference/Kernel.h"

#include <algorithm>
#include <cstring>

namespace litec::ir::reference {

namespace {
llvm::Error checkResultShapes(const Op &op) {
  for (const Value *value : op.operands)
    if (value && !value->byteSize())
      return llvm::createStringError(llvm::inconvertibleErrorCode(), "operand %%%u overflows",
                                     value->id);
  auto shapes = inferResultShapes(op);
  if (!shapes)
    return shapes.takeError();
  if (!*shapes)
    return llvm::Error::success();
  if ((*shapes)->size() != op.results.size())
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "has %zu results, its inputs give %zu", op.results.size(),
                                   (*shapes)->size());
  for (size_t i = 0; i < op.results.size(); ++i)
    if ((**shapes)[i] != op.results[i]->shape)
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     "result %%%u has shape %s, its inputs give %s",
                                     op.results[i]->id, formatShape(op.results[i]->shape).c_str(),
                                     formatShape((**shapes)[i]).c_str());
  return llvm::Error::success();
}
} // namespace

Interpreter::Interpreter(const Graph &graph) : graph_(graph) {}
Interpreter::~Interpreter() = default;

llvm::Expected<std::unique_ptr<Interpreter>> Interpreter::create(const Module &module,
                                                                 unsigned graphIndex) {
  if (graphIndex >= module.graphs.size())
    return llvm::createStringError(llvm::inconvertibleErrorCode(), "subgraph %u does not exist",
                                   graphIndex);
  std::unique_ptr<Interpreter> interpreter(new Interpreter(*module.graphs[graphIndex]));
  const Graph &graph = interpreter->graph_;
  interpreter->storage_.resize(graph.values.size());
  interpreter->views_.resize(graph.values.size());
  for (const auto &value : graph.values) {
    if (value->isConstant() && !value->sparsity && !value->isVariable) {
      std::span<const uint8_t> data = value->data();
      // Kernels never write constants; the view is mutable only to share one type.
      interpreter->views_[value->id] = {const_cast<uint8_t *>(data.data()), data.size()};
      continue;
    }
    auto &bytes = interpreter->storage_[value->id];
    bytes.assign(static_cast<size_t>(value->byteSize().value_or(0)), 0);
    interpreter->views_[value->id] = bytes;
  }
  for (const auto &op : graph.ops) {
    // Kernels index tensors by their shapes, so every shape the op's inputs determine must
    // hold, dynamic dimensions or not (the verifier lets those pass).
    if (auto error = checkResultShapes(*op))
      return llvm::createStringError(llvm::inconvertibleErrorCode(), "subgraph %u, op %u (%s): %s",
                                     graphIndex, op->index, opLabel(*op).c_str(),
                                     llvm::toString(std::move(error)).c_str());
    auto kernel = prepareKernel(*op);
    if (!kernel)
      return llvm::createStringError(llvm::inconvertibleErrorCode(), "subgraph %u, op %u (%s): %s",
                                     graphIndex, op->index, opLabel(*op).c_str(),
                                     llvm::toString(kernel.takeError()).c_str());
    interpreter->kernels_.push_back(std::move(*kernel));
  }
  interpreter->reset();
  return interpreter;
}

std::span<uint8_t> Interpreter::inputData(size_t index) {
  return views_[graph_.inputs[index]->id];
}

std::span<const uint8_t> Interpreter::outputData(size_t index) const {
  return views_[graph_.outputs[index]->id];
}

std::span<const uint8_t> Interpreter::valueData(const Value &value) const {
  return views_[value.id];
}

void Interpreter::reset() {
  for (const auto &value : graph_.values) {
    if (!value->isVariable)
      continue;
    auto &bytes = storage_[value->id];
    // A variable starts from its constant initial value when the file gives one; otherwise
    // from zero, which for an int8 tensor is its zero point (as TFLite Micro resets them).
    if (value->isConstant() && value->data().size() == bytes.size())
      std::memcpy(bytes.data(), value->data().data(), bytes.size());
    else if (value->type == ElementType::I8 && !value->quant.zeroPoints.empty())
      std::fill(bytes.begin(), bytes.end(), static_cast<uint8_t>(value->quant.zeroPoints[0]));
    else
      std::fill(bytes.begin(), bytes.end(), 0);
  }
}

llvm::Error Interpreter::invoke() {
  for (size_t i = 0; i < kernels_.size(); ++i) {
    const Op &op = *graph_.ops[i];
    if (auto error = kernels_[i]->run(TensorViews(op, views_)))
      return llvm::createStringError(llvm::inconvertibleErrorCode(), "op %u (%s): %s", op.index,
                                     opLabel(op).c_str(), llvm::toString(std::move(error)).c_str());
  }
  return llvm::Error::success();
}

} // namespace litec::ir::reference
