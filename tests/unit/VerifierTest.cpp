#include "litec/ir/Verifier.h"
#include "GraphBuilder.h"

#include <catch2/catch.hpp>

using namespace litec;
using ir::ElementType;
using ir::OpKind;
using litec::testing::GraphBuilder;

namespace {
std::string verifyError(const ir::Module &module) {
  llvm::Error error = ir::verifyModule(module);
  return error ? llvm::toString(std::move(error)) : std::string();
}

// input 1x4x4x2 -> CONV_2D (3 filters 1x1) -> out
struct ConvModel {
  ir::Module module;
  GraphBuilder b{module};
  ir::Value &x = b.input("x", ElementType::F32, {1, 4, 4, 2});
  ir::Value &w = b.constant("w", ElementType::F32, {3, 1, 1, 2}, std::vector<float>(6, 0.5f));
  ir::Value &y = b.value("y", ElementType::F32, {1, 4, 4, 3});
  ir::Op &conv =
      b.op(OpKind::CONV_2D, {&x, &w}, {&y}, {{"stride_w", int64_t(1)}, {"stride_h", int64_t(1)}});
  ConvModel() { b.output(y); }
};
} // namespace

TEST_CASE("a consistent graph verifies", "[verifier]") {
  ConvModel m;
  CHECK(verifyError(m.module) == "");
}

TEST_CASE("the verifier names the op and what is wrong", "[verifier]") {
  SECTION("result shape differs from the inferred one") {
    ConvModel m;
    m.y.shape = {1, 4, 4, 5};
    CHECK(verifyError(m.module) ==
          "subgraph 0, op 0 (CONV_2D): result %2 has shape [1, 4, 4, 5], its inputs give "
          "[1, 4, 4, 3]");
  }
  SECTION("operand count outside the op table's range") {
    ConvModel m;
    m.conv.operands.resize(1);
    CHECK(verifyError(m.module) == "subgraph 0, op 0 (CONV_2D): has 1 inputs, expected 2..3");
  }
  SECTION("result type does not follow the input") {
    ConvModel m;
    m.y.type = ElementType::I8;
    CHECK_THAT(verifyError(m.module), Catch::Contains("result %2 is i8, input is f32"));
  }
  SECTION("constant bytes do not match the shape") {
    ConvModel m;
    m.w.setOwnedData(std::vector<uint8_t>(7));
    CHECK(verifyError(m.module) ==
          "subgraph 0, tensor 1 \"w\": constant has 7 bytes, shape 3x1x1x2xf32 needs 24");
  }
  SECTION("per-channel scales must match the quantised dimension") {
    ConvModel m;
    m.w.quant.scales = {0.1f, 0.2f};
    m.w.quant.zeroPoints = {0, 0};
    m.w.quant.axis = 0;
    CHECK_THAT(verifyError(m.module),
               Catch::Contains("2 per-channel scales for dimension 0 of size 3"));
  }
  SECTION("a value read before it is produced") {
    ConvModel m;
    ir::Value &late = m.b.value("late", ElementType::F32, {1, 4, 4, 2});
    m.conv.operands[0] = &late;
    CHECK_THAT(verifyError(m.module), Catch::Contains("reads %3 before any op produces it"));
  }
  SECTION("negative dimensions") {
    ConvModel m;
    m.x.shape = {1, -4, 4, 2};
    CHECK_THAT(verifyError(m.module), Catch::Contains("negative dimension -4"));
  }
}
