// Writer and reader together: a module written as .tflite and read back is the same module.

#include "GraphBuilder.h"
#include "ModuleCompare.h"
#include "litec/frontend/Reader.h"
#include "litec/frontend/Writer.h"

#include <catch2/catch.hpp>

using namespace litec;
using ir::ElementType;
using ir::OpKind;
using litec::testing::GraphBuilder;

namespace {
std::unique_ptr<ir::Module> readBytes(const std::vector<uint8_t> &bytes, std::string *error) {
  auto buffer = llvm::MemoryBuffer::getMemBufferCopy(
      llvm::StringRef(reinterpret_cast<const char *>(bytes.data()), bytes.size()));
  auto module = frontend::readModelBuffer(std::move(buffer));
  if (!module) {
    *error = llvm::toString(module.takeError());
    return nullptr;
  }
  return std::move(*module);
}

std::unique_ptr<ir::Module> roundTrip(const ir::Module &module) {
  auto bytes = frontend::writeModel(module);
  REQUIRE(static_cast<bool>(bytes));
  std::string error;
  auto back = readBytes(*bytes, &error);
  INFO(error);
  REQUIRE(back);
  return back;
}

// Exercises every part of the format the writer produces: per-channel quantisation, sparse
// constants, variables, optional inputs, large operator codes, the second options union,
// custom ops, signatures and metadata.
void buildRichModule(ir::Module &module) {
  module.description = "built in a test";
  GraphBuilder b(module);
  ir::Value &x = b.input("x", ElementType::I8, {1, 6, 6, 3}, testing::perTensor(0.5f, 1));
  x.shapeSignature = {-1, 6, 6, 3};
  ir::Quantization perChannel;
  perChannel.scales = {0.1f, 0.2f};
  perChannel.zeroPoints = {0, 0};
  perChannel.axis = 0;
  ir::Value &w =
      b.constant("w", ElementType::I8, {2, 3, 3, 3}, std::vector<int8_t>(54, 7), perChannel);
  ir::Value &bias = b.constant("bias", ElementType::I32, {2}, std::vector<int32_t>{5, -5});
  ir::Value &y = b.value("y", ElementType::I8, {1, 3, 3, 2}, testing::perTensor(0.25f, -2));
  y.shapeSignature = {-1, 3, 3, 2};
  b.op(OpKind::CONV_2D, {&x, &w, &bias}, {&y},
       {{"stride_w", int64_t(2)},
        {"stride_h", int64_t(2)},
        {"fused_activation_function", testing::activation("RELU6", 3)}})
      .version = 3;

  ir::Value &g = b.value("gelu", ElementType::I8, {1, 3, 3, 2}, testing::perTensor(0.25f, -2));
  b.op(OpKind::GELU, {&y}, {&g}, {{"approximate", true}});

  ir::Value &sparse = b.constant("sparse", ElementType::F32, {2, 2}, std::vector<float>{1, 2});
  ir::Sparsity sparsity;
  sparsity.traversalOrder = {0, 1};
  sparsity.dimensions = {{false, 2, {}, {}, 4, 4}, {true, 0, {0, 1, 2}, {0, 1}, 2, 1}};
  sparse.sparsity = sparsity;
  ir::Value &dense = b.value("dense", ElementType::F32, {2, 2});
  b.op(OpKind::DENSIFY, {&sparse}, {&dense});

  ir::Value &state = b.value("state", ElementType::F32, {2, 2});
  state.isVariable = true;
  ir::Value &padded = b.value("padded", ElementType::F32, {4, 4});
  b.op(OpKind::STABLEHLO_PAD, {&dense, &state}, {&padded},
       {{"edge_padding_low", std::vector<int64_t>{1, 1}},
        {"edge_padding_high", std::vector<int64_t>{1, 1}}});

  ir::Value &custom = b.value("custom", ElementType::F32, {4, 4});
  ir::Op &op = b.op(OpKind::CUSTOM, {&padded, nullptr}, {&custom});
  op.customCode = "MyOp";
  op.customOptions = {1, 2, 3, 4, 0, 0, 0, 0, 9, 9, 9, 9};
  b.output(g);
  b.output(custom);

  module.signatures.push_back({"serving_default", 0, {{"image", 0}}, {{"score", g.id}}});
  module.metadata.push_back({"min_runtime_version", {'1', '.', '1', '4', 0}});
}
} // namespace

TEST_CASE("read(write(module)) gives the same module", "[roundtrip]") {
  ir::Module module;
  buildRichModule(module);
  auto back = roundTrip(module);
  CHECK(testing::describeDifference(module, *back) == "");
  // And writing again gives the same bytes: the writer is deterministic.
  auto first = frontend::writeModel(module);
  auto second = frontend::writeModel(*back);
  REQUIRE(static_cast<bool>(first));
  REQUIRE(static_cast<bool>(second));
  CHECK(*first == *second);
}

TEST_CASE("large operator codes keep 127 in the legacy field", "[roundtrip]") {
  ir::Module module;
  buildRichModule(module);
  auto back = roundTrip(module);
  CHECK(back->mainGraph().ops[1]->kind == OpKind::GELU);
  CHECK(back->mainGraph().ops[1]->attrs.getBool("approximate") == true);
  CHECK(back->mainGraph().ops[3]->attrs.getInts("edge_padding_low") != nullptr);
}

TEST_CASE("the reader rejects bad bytes with a clear error", "[reader]") {
  ir::Module module;
  buildRichModule(module);
  auto bytes = frontend::writeModel(module);
  REQUIRE(static_cast<bool>(bytes));
  std::string error;

  SECTION("too small") {
    CHECK_FALSE(readBytes({1, 2, 3}, &error));
    CHECK(error == "header: file is 3 bytes, too small for a flatbuffer");
  }
  SECTION("wrong identifier") {
    std::vector<uint8_t> copy = *bytes;
    copy[4] = 'X';
    copy[7] = 0x01;
    CHECK_FALSE(readBytes(copy, &error));
    CHECK(error ==
          "header: not a TFLite model: file identifier is \"XFL\\x01\", expected \"TFL3\"");
  }
  SECTION("truncated") {
    std::vector<uint8_t> copy(bytes->begin(), bytes->begin() + bytes->size() / 2);
    CHECK_FALSE(readBytes(copy, &error));
    CHECK_THAT(error, Catch::StartsWith("verifier: not a valid TFLite flatbuffer"));
  }
  SECTION("constant size does not match its shape") {
    module.mainGraph().values[2]->setOwnedData({1, 2, 3});
    auto bad = frontend::writeModel(module);
    REQUIRE(static_cast<bool>(bad));
    CHECK_FALSE(readBytes(*bad, &error));
    CHECK(error == "subgraph 0, tensor 2 \"bias\": constant has 3 bytes, shape 2xi32 needs 8");
  }
}

TEST_CASE("the writer rejects attributes its options table does not have", "[writer]") {
  ir::Module module;
  GraphBuilder b(module);
  ir::Value &x = b.input("x", ElementType::F32, {4});
  ir::Value &y = b.value("y", ElementType::F32, {4});
  b.op(OpKind::SOFTMAX, {&x}, {&y}, {{"bogus", int64_t(1)}});
  b.output(y);
  auto bytes = frontend::writeModel(module);
  REQUIRE_FALSE(static_cast<bool>(bytes));
  CHECK(llvm::toString(bytes.takeError()) ==
        "subgraph 0, op 0 (SOFTMAX): SoftmaxOptions has no field bogus");
}
