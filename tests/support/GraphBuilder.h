#pragma once

// Builds IR graphs in code for tests: single-op models with chosen shapes, types, quantisation
// and attributes, which the .tflite writer turns into real model files.

#include "litec/ir/Graph.h"

#include <cstring>
#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

namespace litec::testing {

class GraphBuilder {
public:
  explicit GraphBuilder(ir::Module &module);

  ir::Graph &graph() { return graph_; }

  ir::Value &input(std::string name, ir::ElementType type, ir::Shape shape,
                   ir::Quantization quant = {});
  ir::Value &value(std::string name, ir::ElementType type, ir::Shape shape,
                   ir::Quantization quant = {});
  template <typename T>
  ir::Value &constant(std::string name, ir::ElementType type, ir::Shape shape,
                      const std::vector<T> &elements, ir::Quantization quant = {}) {
    ir::Value &v = value(std::move(name), type, std::move(shape), std::move(quant));
    std::vector<uint8_t> bytes(elements.size() * sizeof(T));
    if (!bytes.empty())
      std::memcpy(bytes.data(), elements.data(), bytes.size());
    v.setOwnedData(std::move(bytes));
    return v;
  }

  // Adds an op whose attributes start at the schema defaults, then take `attrs`.
  ir::Op &op(ir::OpKind kind, std::vector<ir::Value *> operands, std::vector<ir::Value *> results,
             std::vector<ir::NamedAttr> attrs = {});
  void output(ir::Value &value) { graph_.outputs.push_back(&value); }

private:
  ir::Graph &graph_;
};

ir::Quantization perTensor(float scale, int64_t zeroPoint);
ir::EnumAttr padding(bool same);
ir::EnumAttr activation(const char *name, int64_t value);

} // namespace litec::testing
