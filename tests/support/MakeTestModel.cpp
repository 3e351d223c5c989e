// Writes small models built in code for the lit tests: `make-test-model KIND OUT`.
//   hostile   tensor names, a custom code, a signature key and a description made of what
//             breaks naive printers and code emitters: "*/", newlines, quotes, backslashes,
//             "??/", bytes that are not UTF-8, and a 5000-character name.

#include "GraphBuilder.h"
#include "litec/frontend/Writer.h"

#include <iostream>
#include <string>

using namespace litec;
using litec::testing::GraphBuilder;

namespace {
void buildHostile(ir::Module &module) {
  module.description = "desc */ \"quoted\" \\ \n#include <evil>";
  GraphBuilder b(module);
  ir::Value &x = b.input("in */ \n\"x\" \\ ?\?/", ir::ElementType::F32, {1, 4});
  ir::Value &y =
      b.value(std::string("bad utf8 \xff\xfe\xc3\x28 end"), ir::ElementType::F32, {1, 4});
  b.op(ir::OpKind::RELU, {&x}, {&y});
  ir::Value &z = b.value(std::string(5000, 'n'), ir::ElementType::F32, {1, 4});
  ir::Op &custom = b.op(ir::OpKind::CUSTOM, {&y}, {&z});
  custom.customCode = "Op\"*/\n\xff";
  b.output(z);
  module.signatures.push_back({"key\n*/", 0, {{"in\"", x.id}}, {{"out\\", z.id}}});
}
} // namespace

int main(int argc, char **argv) {
  if (argc != 3 || std::string(argv[1]) != "hostile") {
    std::cerr << "usage: make-test-model hostile OUT\n";
    return 2;
  }
  ir::Module module;
  buildHostile(module);
  if (auto error = frontend::writeModelFile(module, argv[2])) {
    std::cerr << llvm::toString(std::move(error)) << "\n";
    return 1;
  }
  return 0;
}
