#include "GraphBuilder.h"

#include "litec/frontend/Options.h"

#include <stdexcept>

namespace litec::testing {

GraphBuilder::GraphBuilder(ir::Module &module) : graph_(module.addGraph()) {}

ir::Value &GraphBuilder::value(std::string name, ir::ElementType type, ir::Shape shape,
                               ir::Quantization quant) {
  ir::Value &v = graph_.addValue();
  v.name = std::move(name);
  v.type = type;
  v.shape = std::move(shape);
  v.quant = std::move(quant);
  return v;
}

ir::Value &GraphBuilder::input(std::string name, ir::ElementType type, ir::Shape shape,
                               ir::Quantization quant) {
  ir::Value &v = value(std::move(name), type, std::move(shape), std::move(quant));
  graph_.inputs.push_back(&v);
  return v;
}

ir::Op &GraphBuilder::op(ir::OpKind kind, std::vector<ir::Value *> operands,
                         std::vector<ir::Value *> results, std::vector<ir::NamedAttr> attrs) {
  ir::Op &op = graph_.addOp(kind);
  auto defaults = frontend::defaultOptions(kind);
  if (!defaults)
    throw std::runtime_error(llvm::toString(defaults.takeError()));
  op.attrs = std::move(*defaults);
  for (ir::NamedAttr &attr : attrs)
    op.attrs.set(attr.name, std::move(attr.value));
  op.operands = std::move(operands);
  op.results = std::move(results);
  for (ir::Value *result : op.results)
    result->producer = &op;
  return op;
}

ir::Quantization perTensor(float scale, int64_t zeroPoint) {
  ir::Quantization q;
  q.scales = {scale};
  q.zeroPoints = {zeroPoint};
  return q;
}

ir::EnumAttr padding(bool same) {
  return {"Padding", same ? "SAME" : "VALID", same ? 0 : 1};
}

ir::EnumAttr activation(const char *name, int64_t value) {
  return {"ActivationFunctionType", name, value};
}

} // namespace litec::testing
