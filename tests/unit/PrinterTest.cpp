#include "litec/ir/Printer.h"
#include "GraphBuilder.h"

#include <catch2/catch.hpp>

using namespace litec;
using ir::ElementType;
using ir::OpKind;
using litec::testing::GraphBuilder;

TEST_CASE("the printer's text form is stable and escapes names", "[printer]") {
  ir::Module module;
  GraphBuilder b(module);
  ir::Value &x = b.input("in\"put\n*/", ElementType::I8, {1, 4}, testing::perTensor(0.5f, -3));
  ir::Value &y = b.value("y", ElementType::I8, {1, 4}, testing::perTensor(0.25f, 0));
  b.op(OpKind::LEAKY_RELU, {&x}, {&y}, {{"alpha", 0.2}});
  b.output(y);
  std::string text;
  llvm::raw_string_ostream os(text);
  ir::printModule(module, os);
  CHECK(os.str() == "module version 3\n"
                    "graph 0 \"\" (%0) -> (%1) {\n"
                    "  value %0 \"in\\\"put\\x0a*/\" : 1x4xi8 {scale=0.5 zp=-3}\n"
                    "  value %1 \"y\" : 1x4xi8 {scale=0.25 zp=0}\n"
                    "  0: %1 = LEAKY_RELU v1(%0) {alpha = 0.2}\n"
                    "}\n");
}

TEST_CASE("quoted strings contain printable ASCII only", "[printer]") {
  CHECK(ir::quoteString("a\\b") == "\"a\\\\b\"");
  CHECK(ir::quoteString("?\?/") == "\"?\\?/\"");
  CHECK(ir::quoteString(std::string("\xff\x00z", 3)) == "\"\\xff\\x00z\"");
  // "\x0a" followed by "b" would read as one escape: the b is escaped as well.
  CHECK(ir::quoteString("\nb") == "\"\\x0a\\x62\"");
}

TEST_CASE("quantisation is summarised per tensor or per axis", "[printer]") {
  ir::Quantization q;
  CHECK(ir::formatQuantization(q) == "");
  q.scales = {0.5f, 0.25f, 1.0f};
  q.zeroPoints = {0, 0, 0};
  q.axis = 3;
  CHECK(ir::formatQuantization(q) == "per-axis(axis=3, 3 scales in [0.25, 1])");
}
