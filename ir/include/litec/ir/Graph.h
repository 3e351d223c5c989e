#pragma once

#include "litec/ir/Attribute.h"
#include "litec/ir/ElementType.h"
#include "litec/ir/OpKind.h"
#include "litec/ir/Quantization.h"
#include "litec/ir/Shape.h"
#include "litec/ir/Sparsity.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace litec::ir {

class Op;

// A tensor of the graph: an input, a constant, a variable (state kept across invokes), or the
// result of an op. Constant bytes usually point into the mapped model file (no copy); values
// made in code own theirs.
class Value {
public:
  unsigned id = 0; // index in the graph's value list (the tensor index in the file)
  std::string name;
  ElementType type = ElementType::F32;
  Shape shape;
  // The file's shape_signature: -1 marks a dimension whose size is only known at run time.
  // Empty when the file gives none.
  std::vector<int64_t> shapeSignature;
  Quantization quant;
  std::optional<Sparsity> sparsity;
  bool isVariable = false;
  Op *producer = nullptr;

  bool isConstant() const { return hasData_; }
  std::span<const uint8_t> data() const { return data_; }
  // Points at bytes owned by someone who outlives the graph (the module's file buffer).
  void setBorrowedData(std::span<const uint8_t> bytes);
  void setOwnedData(std::vector<uint8_t> bytes);

  bool isDynamic() const;
  std::vector<bool> dynamicDims() const;
  // Bytes of the dense tensor; nullopt if it overflows.
  std::optional<int64_t> byteSize() const;

private:
  std::span<const uint8_t> data_;
  std::vector<uint8_t> ownedData_;
  bool hasData_ = false;
};

class Op {
public:
  unsigned index = 0; // position in execution order
  OpKind kind = OpKind::CUSTOM;
  int32_t version = 1;
  std::string customCode; // for OpKind::CUSTOM
  std::vector<uint8_t> customOptions;
  std::vector<Value *> operands; // nullptr for an absent optional operand
  std::vector<Value *> results;
  std::vector<Value *> intermediates;
  AttrDict attrs;

  // "CONV_2D", or "CUSTOM:<code>" for a custom op (as the model names it; not escaped).
  std::string displayName() const;
  // The family whose preparation, reference kernel and emitters handle this op (OpKinds.def's
  // FAMILY column; for CUSTOM, by custom code).
  OpFamily family() const;
};

// One subgraph: values and ops in execution order.
class Graph {
public:
  std::string name;
  std::vector<std::unique_ptr<Value>> values;
  std::vector<std::unique_ptr<Op>> ops;
  std::vector<Value *> inputs;
  std::vector<Value *> outputs;

  Value &addValue();
  Op &addOp(OpKind kind);
};

struct SignatureTensor {
  std::string name;
  unsigned valueId = 0;
};

struct Signature {
  std::string key;
  unsigned graphIndex = 0;
  std::vector<SignatureTensor> inputs;
  std::vector<SignatureTensor> outputs;
};

struct MetadataEntry {
  std::string name;
  std::vector<uint8_t> bytes;
};

// A whole model: its subgraphs (0 is the entry point), signatures and metadata. Holds the file
// contents alive for constants that point into them.
class Module {
public:
  uint32_t schemaVersion = 3;
  std::string description;
  std::vector<std::unique_ptr<Graph>> graphs;
  std::vector<Signature> signatures;
  std::vector<MetadataEntry> metadata;
  std::shared_ptr<const void> storage; // keeps borrowed constant bytes alive
  std::vector<std::string> warnings;   // what the importer accepted but wants a reader to know

  Graph &addGraph();
  Graph &mainGraph() { return *graphs.front(); }
  const Graph &mainGraph() const { return *graphs.front(); }
};

} // namespace litec::ir
