// The reference interpreter on small graphs whose outputs were worked out by hand.

#include "litec/ir/reference/Interpreter.h"
#include "GraphBuilder.h"

#include <catch2/catch.hpp>

#include <cstring>

using namespace litec;
using ir::ElementType;
using ir::OpKind;
using litec::testing::GraphBuilder;

namespace {
template <typename T> std::vector<T> runOnce(const ir::Module &module, const std::vector<T> &in) {
  auto interpreter = ir::reference::Interpreter::create(module);
  if (!interpreter)
    FAIL(llvm::toString(interpreter.takeError()));
  std::span<uint8_t> input = (*interpreter)->inputData(0);
  REQUIRE(input.size() == in.size() * sizeof(T));
  std::memcpy(input.data(), in.data(), input.size());
  if (auto error = (*interpreter)->invoke())
    FAIL(llvm::toString(std::move(error)));
  std::span<const uint8_t> output = (*interpreter)->outputData(0);
  std::vector<T> out(output.size() / sizeof(T));
  std::memcpy(out.data(), output.data(), output.size());
  return out;
}

ir::NamedAttr stride(const char *name, int64_t v) {
  return {name, v};
}
} // namespace

TEST_CASE("float CONV_2D with SAME padding, stride 2, bias and RELU", "[interpreter]") {
  // 1x3x3x1 input 1..9, one 2x2 filter of ones, stride 2, SAME: output 2x2, padding after.
  ir::Module module;
  GraphBuilder b(module);
  auto &x = b.input("x", ElementType::F32, {1, 3, 3, 1});
  auto &w = b.constant("w", ElementType::F32, {1, 2, 2, 1}, std::vector<float>{1, 1, 1, 1});
  auto &bias = b.constant("b", ElementType::F32, {1}, std::vector<float>{-13});
  auto &y = b.value("y", ElementType::F32, {1, 2, 2, 1});
  b.op(OpKind::CONV_2D, {&x, &w, &bias}, {&y},
       {stride("stride_w", 2),
        stride("stride_h", 2),
        {"fused_activation_function", testing::activation("RELU", 1)}});
  b.output(y);
  // Windows: {1,2,4,5}=12, {3,6}=9, {7,8}=15, {9}=9; minus 13, then RELU.
  CHECK(runOnce<float>(module, {1, 2, 3, 4, 5, 6, 7, 8, 9}) == std::vector<float>{0, 0, 2, 0});
}

TEST_CASE("int8 FULLY_CONNECTED rounds and clamps as TFLite", "[interpreter]") {
  // in scale 0.5 zp -1, weights scale 0.25 zp 0, out scale 1 zp 3: multiplier 0.125.
  ir::Module module;
  GraphBuilder b(module);
  auto &x = b.input("x", ElementType::I8, {1, 2}, testing::perTensor(0.5f, -1));
  auto &w = b.constant("w", ElementType::I8, {2, 2}, std::vector<int8_t>{4, 8, -100, -100},
                       testing::perTensor(0.25f, 0));
  auto &bias = b.constant("b", ElementType::I32, {2}, std::vector<int32_t>{2, 0},
                          testing::perTensor(0.125f, 0));
  auto &y = b.value("y", ElementType::I8, {1, 2}, testing::perTensor(1.f, 3));
  b.op(OpKind::FULLY_CONNECTED, {&x, &w, &bias}, {&y});
  b.output(y);
  // Unit 0: 4*(1+1) + 8*(2+1) + 2 = 34 -> 34 * 0.125 = 4.25 -> 4, + 3 = 7.
  // Unit 1: -100*2 - 100*3 = -500 -> -62.5 -> -63 (the final shift rounds ties away from
  // zero), + 3 = -60.
  CHECK(runOnce<int8_t>(module, {1, 2}) == std::vector<int8_t>{7, -60});
}

TEST_CASE("int8 ADD with broadcasting", "[interpreter]") {
  // Same scale 0.5 everywhere, zero points 0: a plain sum, saturating at 127.
  ir::Module module;
  GraphBuilder b(module);
  auto &x = b.input("x", ElementType::I8, {2, 2}, testing::perTensor(0.5f, 0));
  auto &c = b.constant("c", ElementType::I8, {2}, std::vector<int8_t>{10, 100},
                       testing::perTensor(0.5f, 0));
  auto &y = b.value("y", ElementType::I8, {2, 2}, testing::perTensor(0.5f, 0));
  b.op(OpKind::ADD, {&x, &c}, {&y});
  b.output(y);
  CHECK(runOnce<int8_t>(module, {1, 2, -3, 40}) == std::vector<int8_t>{11, 102, 7, 127});
}

TEST_CASE("int8 AVERAGE_POOL_2D divides with rounding half away from zero", "[interpreter]") {
  ir::Module module;
  GraphBuilder b(module);
  auto q = testing::perTensor(1.f, 0);
  auto &x = b.input("x", ElementType::I8, {1, 2, 2, 1}, q);
  auto &y = b.value("y", ElementType::I8, {1, 1, 1, 1}, q);
  b.op(OpKind::AVERAGE_POOL_2D, {&x}, {&y},
       {stride("stride_w", 1),
        stride("stride_h", 1),
        stride("filter_width", 2),
        stride("filter_height", 2),
        {"padding", testing::padding(false)}});
  b.output(y);
  CHECK(runOnce<int8_t>(module, {1, 2, 2, 1}) == std::vector<int8_t>{2});      // 6/4 = 1.5 -> 2
  CHECK(runOnce<int8_t>(module, {-1, -2, -2, -1}) == std::vector<int8_t>{-2}); // -1.5 -> -2
  CHECK(runOnce<int8_t>(module, {1, 1, 1, 2}) == std::vector<int8_t>{1});      // 1.25 -> 1
}

TEST_CASE("PAD, TRANSPOSE and float MEAN move and reduce values", "[interpreter]") {
  ir::Module module;
  GraphBuilder b(module);
  auto &x = b.input("x", ElementType::F32, {2, 3});
  auto &pads = b.constant("p", ElementType::I32, {2, 2}, std::vector<int32_t>{0, 1, 1, 0});
  auto &padded = b.value("padded", ElementType::F32, {3, 4});
  b.op(OpKind::PAD, {&x, &pads}, {&padded});
  auto &perm = b.constant("perm", ElementType::I32, {2}, std::vector<int32_t>{1, 0});
  auto &transposed = b.value("t", ElementType::F32, {4, 3});
  b.op(OpKind::TRANSPOSE, {&padded, &perm}, {&transposed});
  auto &axis = b.constant("axis", ElementType::I32, {1}, std::vector<int32_t>{1});
  auto &mean = b.value("mean", ElementType::F32, {4});
  b.op(OpKind::MEAN, {&transposed, &axis}, {&mean});
  b.output(mean);
  // padded = [[0,1,2,3],[0,4,5,6],[0,0,0,0]]; transposed rows are its columns.
  CHECK(runOnce<float>(module, {1, 2, 3, 4, 5, 6}) == std::vector<float>{0, 5.f / 3, 7.f / 3, 3});
}

TEST_CASE("float SOFTMAX sums to one along the last dimension", "[interpreter]") {
  ir::Module module;
  GraphBuilder b(module);
  auto &x = b.input("x", ElementType::F32, {1, 3});
  auto &y = b.value("y", ElementType::F32, {1, 3});
  b.op(OpKind::SOFTMAX, {&x}, {&y}, {{"beta", 1.0}});
  b.output(y);
  std::vector<float> out = runOnce<float>(module, {0.f, std::log(2.f), std::log(5.f)});
  CHECK(out[0] == Approx(1.0 / 8));
  CHECK(out[1] == Approx(2.0 / 8));
  CHECK(out[2] == Approx(5.0 / 8));
}

TEST_CASE("SVDF state persists across invokes until reset", "[interpreter]") {
  // One filter over 1 input, memory 2, time weights [1, 10]: output = 1 * previous + 10 * now.
  ir::Module module;
  GraphBuilder b(module);
  auto &x = b.input("x", ElementType::F32, {1, 1});
  auto &features = b.constant("f", ElementType::F32, {1, 1}, std::vector<float>{1});
  auto &time = b.constant("t", ElementType::F32, {1, 2}, std::vector<float>{1, 10});
  auto &bias = b.constant("b", ElementType::F32, {1}, std::vector<float>{0});
  auto &state = b.value("state", ElementType::F32, {1, 2});
  state.isVariable = true;
  auto &y = b.value("y", ElementType::F32, {1, 1});
  b.op(OpKind::SVDF, {&x, &features, &time, &bias, &state}, {&y}, {{"rank", int64_t(1)}});
  b.output(y);
  auto interpreter = ir::reference::Interpreter::create(module);
  REQUIRE(static_cast<bool>(interpreter));
  auto step = [&](float in) {
    std::memcpy((*interpreter)->inputData(0).data(), &in, 4);
    if (auto error = (*interpreter)->invoke())
      FAIL(llvm::toString(std::move(error)));
    float out;
    std::memcpy(&out, (*interpreter)->outputData(0).data(), 4);
    return out;
  };
  CHECK(step(1) == 10); // state [0, 1]
  CHECK(step(2) == 21); // state [1, 2]
  CHECK(step(3) == 32); // state [2, 3]
  (*interpreter)->reset();
  CHECK(step(1) == 10);
}

TEST_CASE("an op without a kernel is a clear error", "[interpreter]") {
  ir::Module module;
  GraphBuilder b(module);
  auto &x = b.input("x", ElementType::F32, {2});
  auto &y = b.value("y", ElementType::F32, {2});
  b.op(OpKind::RFFT2D, {&x}, {&y});
  b.output(y);
  auto interpreter = ir::reference::Interpreter::create(module);
  REQUIRE_FALSE(static_cast<bool>(interpreter));
  CHECK(llvm::toString(interpreter.takeError()) ==
        "subgraph 0, op 0 (RFFT2D): the reference interpreter has no kernel for this operator yet");
}

TEST_CASE("shapes the verifier lets pass as dynamic are still checked before running",
          "[interpreter]") {
  // The result claims 1x8 but its inputs give 1x4; marking it dynamic hides that from the
  // verifier, not from the interpreter, whose kernels index by shape.
  ir::Module module;
  GraphBuilder b(module);
  auto &x = b.input("x", ElementType::F32, {1, 4});
  auto &y = b.value("y", ElementType::F32, {1, 8});
  y.shapeSignature = {-1, 8};
  b.op(OpKind::RELU, {&x}, {&y});
  b.output(y);
  auto interpreter = ir::reference::Interpreter::create(module);
  REQUIRE_FALSE(static_cast<bool>(interpreter));
  CHECK(llvm::toString(interpreter.takeError()) ==
        "subgraph 0, op 0 (RELU): result %1 has shape 1x8, its inputs give 1x4");
}

TEST_CASE("int8 kernels refuse weights without quantisation parameters", "[interpreter]") {
  ir::Module module;
  GraphBuilder b(module);
  auto &x = b.input("x", ElementType::I8, {1, 2}, testing::perTensor(0.5f, 0));
  auto &w = b.constant("w", ElementType::I8, {3, 2}, std::vector<int8_t>(6, 1));
  auto &y = b.value("y", ElementType::I8, {1, 3}, testing::perTensor(1.f, 0));
  b.op(OpKind::FULLY_CONNECTED, {&x, &w}, {&y});
  b.output(y);
  auto interpreter = ir::reference::Interpreter::create(module);
  REQUIRE_FALSE(static_cast<bool>(interpreter));
  CHECK_THAT(llvm::toString(interpreter.takeError()),
             Catch::Contains("the weights %1 has no quantisation parameters"));
}

TEST_CASE("int8 DIV divides and refuses a zero divisor", "[interpreter]") {
  // a scale 0.5, b scale 0.25 (zero point 2), out scale 1: 3.0 / 0.5 = 6, -2.0 / 1.0 = -2.
  ir::Module module;
  GraphBuilder b(module);
  auto &x = b.input("x", ElementType::I8, {2}, testing::perTensor(0.5f, 0));
  auto &d = b.constant("d", ElementType::I8, {2}, std::vector<int8_t>{4, 6},
                       testing::perTensor(0.25f, 2));
  auto &y = b.value("y", ElementType::I8, {2}, testing::perTensor(1.f, 0));
  b.op(OpKind::DIV, {&x, &d}, {&y});
  b.output(y);
  CHECK(runOnce<int8_t>(module, {6, -4}) == std::vector<int8_t>{6, -2});

  // A divisor equal to its zero point is a division by zero: an error, not a value.
  d.setOwnedData({2, 6});
  auto interpreter = ir::reference::Interpreter::create(module);
  if (!interpreter)
    FAIL(llvm::toString(interpreter.takeError()));
  llvm::Error error = (*interpreter)->invoke();
  REQUIRE(bool(error));
  CHECK_THAT(llvm::toString(std::move(error)), Catch::Contains("division by zero"));
}
