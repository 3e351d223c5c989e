// The IR's text form reads back: print -> read -> print gives the same text, and malformed
// text is refused with the line, the column and what is wrong.

#include "litec/frontend/TextReader.h"
#include "GraphBuilder.h"
#include "TestModels.h"
#include "litec/ir/Printer.h"
#include "litec/ir/Verifier.h"

#include <catch2/catch.hpp>

using namespace litec;
using ir::ElementType;
using ir::OpKind;
using litec::testing::GraphBuilder;

namespace {
std::string printed(const ir::Module &module) {
  std::string text;
  llvm::raw_string_ostream os(text);
  ir::printModule(module, os);
  return os.str();
}

std::string readError(std::string_view text) {
  auto module = frontend::readModuleText(text);
  REQUIRE_FALSE(static_cast<bool>(module));
  return llvm::toString(module.takeError());
}
} // namespace

TEST_CASE("printed IR reads back as the same module", "[text-reader]") {
  for (const char *name :
       {"small-int8", "small-float", "stateful-svdf", "unusual-outputs", "zero-elements"}) {
    INFO(name);
    ir::Module module;
    testing::findTestModel(name)(module);
    // Constants longer than the printer lists are shortened to what it prints in full.
    for (auto &value : module.mainGraph().values)
      if (value->isConstant() && value->data().size() > 16 * ir::elementByteSize(value->type)) {
        std::vector<uint8_t> bytes(value->data().begin(), value->data().end());
        value->shape = {int64_t(bytes.size() / ir::elementByteSize(value->type))};
        value->setOwnedData(std::move(bytes));
      }
    const std::string text = printed(module);
    if (text.find("bytes]") != std::string::npos)
      continue; // a constant over 16 elements remains: not printed in full
    auto read = frontend::readModuleText(text);
    REQUIRE(static_cast<bool>(read));
    CHECK(printed(**read) == text);
  }
}

TEST_CASE("every printed construct reads back", "[text-reader]") {
  ir::Module module;
  module.description = "with \"quotes\" and \\ and \x01";
  GraphBuilder b(module);
  ir::Quantization perAxis;
  perAxis.scales = {0.5f, 0.25f};
  perAxis.zeroPoints = {0, 0};
  perAxis.axis = 0;
  ir::Value &x = b.input("x", ElementType::I8, {1, 2}, testing::perTensor(0.125f, -3));
  ir::Value &w =
      b.constant("w", ElementType::I8, {2, 2}, std::vector<int8_t>{1, -128, 127, 0}, perAxis);
  ir::Value &flags = b.constant("flags", ElementType::Bool, {2}, std::vector<uint8_t>{1, 0});
  ir::Value &wide =
      b.constant("wide", ElementType::I64, {1}, std::vector<int64_t>{int64_t(1) << 60});
  ir::Value &state = b.value("state", ElementType::F32, {1, 3});
  state.isVariable = true;
  ir::Value &y = b.value("y", ElementType::I8, {1, 2}, testing::perTensor(0.5f, 1));
  ir::Value &z = b.value("z", ElementType::I8, {1, 2}, testing::perTensor(0.5f, 1));
  b.op(OpKind::FULLY_CONNECTED, {&x, &w, nullptr}, {&y},
       {{"fused_activation_function", testing::activation("RELU6", 3)}, {"keep_num_dims", true}})
      .version = 4;
  ir::Op &custom = b.op(OpKind::CUSTOM, {&y, &flags, &wide, &state}, {&z});
  custom.customCode = "My\nOp";
  custom.customOptions = {0x01, 0xab, 0x00};
  b.output(z);
  module.signatures.push_back({"serve", 0, {{"in", x.id}}, {{"out", z.id}}});
  const std::string text = printed(module);
  auto read = frontend::readModuleText(text);
  REQUIRE(static_cast<bool>(read));
  CHECK(printed(**read) == text);
  const ir::Graph &graph = (*read)->mainGraph();
  CHECK(graph.values[4]->isVariable);
  CHECK(graph.values[1]->quant.isPerChannel());
  CHECK(graph.ops[1]->customCode == "My\nOp");
  CHECK(graph.ops[1]->customOptions == std::vector<uint8_t>{0x01, 0xab, 0x00});
  CHECK(graph.ops[0]->operands[2] == nullptr);
  CHECK(graph.ops[0]->attrs.getBool("keep_num_dims") == true);
}

TEST_CASE("attributes left out take the schema's defaults", "[text-reader]") {
  auto read = frontend::readModuleText("module version 3\n"
                                       "graph 0 \"\" (%0) -> (%1) {\n"
                                       "  value %0 \"x\" : 1x4x4x1xf32\n"
                                       "  value %1 \"y\" : 1x2x2x1xf32\n"
                                       "  0: %1 = MAX_POOL_2D v1(%0) {filter_width = 2, "
                                       "filter_height = 2, stride_w = 2, stride_h = 2}\n"
                                       "}\n");
  REQUIRE(static_cast<bool>(read));
  const ir::Op &op = *(*read)->mainGraph().ops[0];
  CHECK(op.attrs.getEnum("padding")->valueName == "SAME");
  CHECK(op.attrs.getInt("filter_width") == 2);
  CHECK_FALSE(static_cast<bool>(ir::verifyModule(**read)));
}

TEST_CASE("malformed IR text is refused with where and what", "[text-reader]") {
  const std::string head = "module version 3\ngraph 0 \"\" (%0) -> (%1) {\n"
                           "  value %0 \"x\" : 1x4xf32\n  value %1 \"y\" : 1x4xf32\n";
  CHECK(readError(head + "  0: %1 = FROB v1(%0)\n}\n") ==
        "line 5, column 11: 'FROB' is not an operator");
  CHECK(readError(head + "  0: %1 = RELU v1(%7)\n}\n") == "line 5, column 19: %7 is not declared");
  CHECK(readError(head + "  0: %1 = LEAKY_RELU v1(%0) {beta = 2}\n}\n") ==
        "line 5, column 30: LEAKY_RELU has no attribute 'beta' (LeakyReluOptions defines them)");
  CHECK(readError(head + "  0: %1 = LEAKY_RELU v1(%0) {alpha = big}\n}\n") ==
        "line 5, column 38: expected a number, found 'big'");
  CHECK(readError("module version 3\ngraph 0 \"\" () -> () {\n"
                  "  const %0 \"w\" : 64xf32 [256 bytes]\n}\n") ==
        "line 3, column 25: the data of constant %0 (256 bytes) is not printed: read this model "
        "from its .tflite file");
  CHECK(readError("module version 3\ngraph 0 \"\" () -> () {\n"
                  "  const %0 \"w\" : 3xf32 = [1, 2]\n}\n") ==
        "line 3, column 32: constant %0 has 2 elements, its shape needs 3");
  CHECK(readError("module version 3\ngraph 0 \"\" () -> () {\n  value %1 \"w\" : f32\n}\n") ==
        "line 3, column 9: value %1 where %0 comes next (values are declared in order)");
  CHECK(readError("module version 3\ngraph 0 \"\" (%0) -> () {\n  value %0 \"x\" : 1x4xq9\n}\n") ==
        "line 3, column 18: '1x4xq9' is not a type (dimensions joined by x, then an element type "
        "such as f32 or i8)");
  CHECK(readError("module version 3\n") == "line 2, column 1: the module has no graph");
}
