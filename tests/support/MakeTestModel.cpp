// Makes models for the tests:
//   make-test-model hostile OUT
//       tensor names, a custom code, a signature key and a description made of what breaks
//       naive printers and code emitters: "*/", newlines, quotes, backslashes, "??/", bytes
//       that are not UTF-8, and a 5000-character name.
//   make-test-model hostile-compilable OUT
//       the same names on a graph that code generation can compile (RELU, then an ADD of a
//       constant with a hostile name instead of the custom op).
//   make-test-model builtin-transpose-conv IN OUT
//       IN with every MediaPipe Convolution2DTransposeBias rewritten as TFLite's TRANSPOSE_CONV
//       (version 3: output shape, weights, input, bias), the same computation, so that the
//       TFLite runtime, which lacks the custom op, can serve as the oracle for such models.
//   make-test-model single-op IN OP OUT
//       the op at index OP of IN's graph 0 alone: its constant operands kept, its other operands
//       the graph's inputs (each once, in operand order), its results the outputs; prints the
//       value ids in IN of those inputs and outputs ("inputs 3 7" and "outputs 9" lines), so
//       that a test can feed the op the values a run of IN computed.
//   make-test-model MODEL OUT
//       one of the small models of TestModels.h (small-int8, small-float, stateful-svdf, ...),
//       for the tests that need a model but no particular one.
//   make-test-model list
//       the names of those models, one a line.

#include "GraphBuilder.h"
#include "TestModels.h"
#include "litec/frontend/Options.h"
#include "litec/frontend/Reader.h"
#include "litec/frontend/Writer.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>

#include <iostream>
#include <string>

using namespace litec;
using litec::testing::GraphBuilder;

namespace {
void buildHostile(ir::Module &module, bool compilable) {
  module.description = "desc */ \"quoted\" \\ \n#include <evil>";
  GraphBuilder b(module);
  ir::Value &x = b.input("in */ \n\"x\" \\ ?\?/", ir::ElementType::F32, {1, 4});
  ir::Value &y =
      b.value(std::string("bad utf8 \xff\xfe\xc3\x28 end"), ir::ElementType::F32, {1, 4});
  b.op(ir::OpKind::RELU, {&x}, {&y});
  ir::Value &z = b.value(std::string(5000, 'n'), ir::ElementType::F32, {1, 4});
  if (compilable) {
    ir::Value &c = b.constant("const */ \\\n?\?/", ir::ElementType::F32, {4},
                              std::vector<float>{1, -2, 3.5f, 0.25f});
    b.op(ir::OpKind::ADD, {&y, &c}, {&z});
  } else {
    ir::Op &custom = b.op(ir::OpKind::CUSTOM, {&y}, {&z});
    custom.customCode = "Op\"*/\n\xff";
  }
  b.output(z);
  module.signatures.push_back({"key\n*/", 0, {{"in\"", x.id}}, {{"out\\", z.id}}});
}

// Replaces each Convolution2DTransposeBias op by TRANSPOSE_CONV in place.
llvm::Error rewriteTransposeConvolutions(ir::Module &module) {
  for (auto &graph : module.graphs) {
    for (auto &op : graph->ops) {
      if (op->kind != ir::OpKind::CUSTOM || op->customCode != "Convolution2DTransposeBias")
        continue;
      if (op->customOptions.size() != 12 || op->operands.size() != 3 || op->results.size() != 1)
        return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                       "op %u: unexpected Convolution2DTransposeBias", op->index);
      int32_t options[3];
      std::memcpy(options, op->customOptions.data(), 12);
      ir::Value &shape = graph->addValue();
      shape.name = op->results[0]->name + "/output_shape";
      shape.type = ir::ElementType::I32;
      shape.shape = {4};
      std::vector<int32_t> dims(op->results[0]->shape.begin(), op->results[0]->shape.end());
      std::vector<uint8_t> bytes(16);
      std::memcpy(bytes.data(), dims.data(), 16);
      shape.setOwnedData(std::move(bytes));
      auto attrs = frontend::defaultOptions(ir::OpKind::TRANSPOSE_CONV);
      if (!attrs)
        return attrs.takeError();
      const bool same = options[0] == 1; // TFLite's C enum: 1 SAME, 2 VALID
      attrs->set("padding", ir::EnumAttr{"Padding", same ? "SAME" : "VALID", same ? 0 : 1});
      attrs->set("stride_w", int64_t(options[1]));
      attrs->set("stride_h", int64_t(options[2]));
      op->kind = ir::OpKind::TRANSPOSE_CONV;
      op->version = 3;
      op->customCode.clear();
      op->customOptions.clear();
      op->attrs = std::move(*attrs);
      op->operands = {&shape, op->operands[1], op->operands[0], op->operands[2]};
    }
  }
  return llvm::Error::success();
}

// The op at `index` of `source`'s graph 0 as a model of its own (see the usage above).
llvm::Expected<std::unique_ptr<ir::Module>> singleOp(const ir::Module &source, unsigned index,
                                                     std::ostream &ids) {
  const ir::Graph &from = source.mainGraph();
  if (index >= from.ops.size())
    return llvm::createStringError(llvm::inconvertibleErrorCode(), "no op %u (the graph has %zu)",
                                   index, from.ops.size());
  const ir::Op &op = *from.ops[index];
  auto module = std::make_unique<ir::Module>();
  module->storage = source.storage;
  ir::Graph &graph = module->addGraph();
  graph.name = "single op";
  std::map<const ir::Value *, ir::Value *> copies;
  const auto copy = [&](const ir::Value *value) -> ir::Value * {
    if (!value)
      return nullptr;
    auto found = copies.find(value);
    if (found != copies.end())
      return found->second;
    ir::Value &made = graph.addValue();
    made.name = value->name;
    made.type = value->type;
    made.shape = value->shape;
    made.quant = value->quant;
    made.sparsity = value->sparsity;
    if (value->isConstant())
      made.setOwnedData(std::vector<uint8_t>(value->data().begin(), value->data().end()));
    copies[value] = &made;
    return &made;
  };
  ir::Op &made = graph.addOp(op.kind);
  made.version = op.version;
  made.customCode = op.customCode;
  made.customOptions = op.customOptions;
  made.attrs = op.attrs;
  ids << "inputs";
  for (const ir::Value *operand : op.operands) {
    const bool fresh = operand && !copies.count(operand);
    made.operands.push_back(copy(operand));
    if (fresh && !operand->isConstant()) {
      graph.inputs.push_back(made.operands.back());
      ids << " " << operand->id;
    }
  }
  ids << "\noutputs";
  for (const ir::Value *result : op.results) {
    made.results.push_back(copy(result));
    made.results.back()->producer = &made;
    graph.outputs.push_back(made.results.back());
    ids << " " << result->id;
  }
  for (const ir::Value *intermediate : op.intermediates)
    made.intermediates.push_back(copy(intermediate));
  ids << "\n";
  return module;
}

int fail(llvm::Error error) {
  std::cerr << "make-test-model: " << llvm::toString(std::move(error)) << "\n";
  return 1;
}
} // namespace

int main(int argc, char **argv) {
  const std::string mode = argc > 1 ? argv[1] : "";
  if (mode == "builtin-transpose-conv" && argc == 4) {
    auto module = frontend::readModelFile(argv[2]);
    if (!module)
      return fail(module.takeError());
    if (auto error = rewriteTransposeConvolutions(**module))
      return fail(std::move(error));
    if (auto error = frontend::writeModelFile(**module, argv[3]))
      return fail(std::move(error));
    return 0;
  }
  if (mode == "single-op" && argc == 5) {
    auto module = frontend::readModelFile(argv[2]);
    if (!module)
      return fail(module.takeError());
    auto single = singleOp(**module, unsigned(std::strtoul(argv[3], nullptr, 10)), std::cout);
    if (!single)
      return fail(single.takeError());
    if (auto error = frontend::writeModelFile(**single, argv[4]))
      return fail(std::move(error));
    return 0;
  }
  if (mode == "list" && argc == 2) {
    std::string names = litec::testing::testModelNames();
    std::replace(names.begin(), names.end(), '|', '\n');
    std::cout << names << "\n";
    return 0;
  }
  const litec::testing::ModelBuilder builder = litec::testing::findTestModel(mode);
  if ((mode != "hostile" && mode != "hostile-compilable" && !builder) || argc != 3) {
    std::cerr << "usage: make-test-model hostile|hostile-compilable|"
              << litec::testing::testModelNames()
              << " OUT | builtin-transpose-conv IN OUT | single-op IN OP OUT | list\n";
    return 2;
  }
  ir::Module module;
  if (builder)
    builder(module);
  else
    buildHostile(module, mode == "hostile-compilable");
  if (auto error = frontend::writeModelFile(module, argv[2])) {
    std::cerr << llvm::toString(std::move(error)) << "\n";
    return 1;
  }
  return 0;
}
