// Static shape inference against shapes worked out by hand from TFLite's rules.

#include "litec/ir/ShapeInference.h"
#include "GraphBuilder.h"

#include <catch2/catch.hpp>

using namespace litec;
using ir::ElementType;
using ir::OpKind;
using ir::Shape;
using litec::testing::GraphBuilder;

namespace {
struct Fixture {
  ir::Module module;
  GraphBuilder b{module};

  ir::Value &in(Shape shape, ElementType type = ElementType::F32) {
    return b.input("x", type, std::move(shape));
  }
  ir::Value &ints(std::vector<int32_t> values, Shape shape = {}) {
    if (shape.empty())
      shape = {static_cast<int64_t>(values.size())};
    return b.constant("c", ElementType::I32, shape, values);
  }
  ir::Value &weights(Shape shape) {
    std::vector<float> zeros(static_cast<size_t>(*ir::elementCount(shape)), 0.f);
    return b.constant("w", ElementType::F32, shape, zeros);
  }
  // Infers the single result shape of an op; fails the test on an error.
  Shape infer(OpKind kind, std::vector<ir::Value *> operands, std::vector<ir::NamedAttr> attrs = {},
              size_t results = 1) {
    std::vector<ir::Value *> outs;
    for (size_t i = 0; i < results; ++i)
      outs.push_back(&b.value("y", ElementType::F32, {}));
    ir::Op &op = b.op(kind, std::move(operands), outs, std::move(attrs));
    auto shapes = ir::inferResultShapes(op);
    if (!shapes)
      FAIL(llvm::toString(shapes.takeError()));
    REQUIRE(shapes->has_value());
    return (**shapes)[0];
  }
  std::string inferError(OpKind kind, std::vector<ir::Value *> operands,
                         std::vector<ir::NamedAttr> attrs = {}) {
    ir::Op &op =
        b.op(kind, std::move(operands), {&b.value("y", ElementType::F32, {})}, std::move(attrs));
    auto shapes = ir::inferResultShapes(op);
    return shapes ? std::string() : llvm::toString(shapes.takeError());
  }
};

ir::NamedAttr attr(const char *name, ir::AttrValue value) {
  return {name, std::move(value)};
}
} // namespace

TEST_CASE("CONV_2D output size follows SAME/VALID, stride and dilation", "[shape-inference]") {
  Fixture f;
  auto &x = f.in({1, 5, 5, 3});
  auto &w = f.weights({8, 3, 3, 3});
  auto strides2 = [](bool same) {
    return std::vector<ir::NamedAttr>{attr("padding", testing::padding(same)),
                                      attr("stride_w", int64_t(2)), attr("stride_h", int64_t(2))};
  };
  CHECK(f.infer(OpKind::CONV_2D, {&x, &w}, strides2(true)) == Shape{1, 3, 3, 8});
  CHECK(f.infer(OpKind::CONV_2D, {&x, &w}, strides2(false)) == Shape{1, 2, 2, 8});
  // Dilation 2 makes the 3x3 window cover 5x5: one output position with VALID.
  CHECK(f.infer(OpKind::CONV_2D, {&x, &w},
                {attr("padding", testing::padding(false)), attr("stride_w", int64_t(1)),
                 attr("stride_h", int64_t(1)), attr("dilation_w_factor", int64_t(2)),
                 attr("dilation_h_factor", int64_t(2))}) == Shape{1, 1, 1, 8});
  // Grouped convolution: 6 input channels, filters see 3 of them.
  auto &x6 = f.in({1, 4, 4, 6});
  auto &wg = f.weights({8, 1, 1, 3});
  CHECK(f.infer(OpKind::CONV_2D, {&x6, &wg},
                {attr("stride_w", int64_t(1)), attr("stride_h", int64_t(1))}) == Shape{1, 4, 4, 8});
  auto &bad = f.weights({8, 3, 3, 2});
  CHECK_THAT(f.inferError(OpKind::CONV_2D, {&x, &bad},
                          {attr("stride_w", int64_t(1)), attr("stride_h", int64_t(1))}),
             Catch::Contains("not a multiple of filter channels"));
  CHECK_THAT(f.inferError(OpKind::CONV_2D, {&x, &w}), Catch::Contains("must be positive"));
}

TEST_CASE("DEPTHWISE_CONV_2D multiplies channels", "[shape-inference]") {
  Fixture f;
  auto &x = f.in({1, 7, 7, 4});
  auto &w = f.weights({1, 3, 3, 8});
  CHECK(f.infer(OpKind::DEPTHWISE_CONV_2D, {&x, &w},
                {attr("stride_w", int64_t(1)), attr("stride_h", int64_t(1))}) == Shape{1, 7, 7, 8});
  CHECK(f.infer(OpKind::DEPTHWISE_CONV_2D, {&x, &w},
                {attr("padding", testing::padding(false)), attr("stride_w", int64_t(3)),
                 attr("stride_h", int64_t(2))}) == Shape{1, 3, 2, 8});
}

TEST_CASE("pooling windows", "[shape-inference]") {
  Fixture f;
  auto &x = f.in({1, 7, 8, 16});
  CHECK(f.infer(OpKind::MAX_POOL_2D, {&x},
                {attr("padding", testing::padding(false)), attr("stride_w", int64_t(2)),
                 attr("stride_h", int64_t(2)), attr("filter_width", int64_t(2)),
                 attr("filter_height", int64_t(2))}) == Shape{1, 3, 4, 16});
  CHECK(f.infer(OpKind::AVERAGE_POOL_2D, {&x},
                {attr("stride_w", int64_t(2)), attr("stride_h", int64_t(2)),
                 attr("filter_width", int64_t(3)), attr("filter_height", int64_t(3))}) ==
        Shape{1, 4, 4, 16});
}

TEST_CASE("FULLY_CONNECTED flattens unless keep_num_dims", "[shape-inference]") {
  Fixture f;
  auto &x = f.in({2, 3, 4});
  auto &w = f.weights({5, 4});
  CHECK(f.infer(OpKind::FULLY_CONNECTED, {&x, &w}) == Shape{6, 5});
  CHECK(f.infer(OpKind::FULLY_CONNECTED, {&x, &w}, {attr("keep_num_dims", true)}) ==
        Shape{2, 3, 5});
  auto &w7 = f.weights({5, 7});
  CHECK_THAT(f.inferError(OpKind::FULLY_CONNECTED, {&x, &w7}),
             Catch::Contains("does not split into rows of 7"));
}

TEST_CASE("shape-only ops", "[shape-inference]") {
  Fixture f;
  auto &x = f.in({2, 3, 4});
  CHECK(f.infer(OpKind::RESHAPE, {&x, &f.ints({-1, 4})}) == Shape{6, 4});
  CHECK_THAT(f.inferError(OpKind::RESHAPE, {&x, &f.ints({5, 5})}),
             Catch::Contains("25 elements, input has 24"));
  auto &y = f.in({1, 3, 1, 2});
  CHECK(f.infer(OpKind::SQUEEZE, {&y}) == Shape{3, 2});
  CHECK(f.infer(OpKind::SQUEEZE, {&y}, {attr("squeeze_dims", std::vector<int64_t>{-2})}) ==
        Shape{1, 3, 2});
  CHECK(f.infer(OpKind::EXPAND_DIMS, {&x, &f.ints({-1})}) == Shape{2, 3, 4, 1});
  auto &image = f.in({1, 224, 224, 3});
  CHECK(f.infer(OpKind::TRANSPOSE, {&image, &f.ints({0, 3, 1, 2})}) == Shape{1, 3, 224, 224});
  auto &a = f.in({1, 2, 3});
  auto &c = f.in({1, 2, 5});
  CHECK(f.infer(OpKind::CONCATENATION, {&a, &c}, {attr("axis", int64_t(-1))}) == Shape{1, 2, 8});
  auto &p = f.in({1, 4, 4, 3});
  CHECK(f.infer(OpKind::PAD, {&p, &f.ints({0, 0, 1, 1, 2, 3, 0, 0}, {4, 2})}) == Shape{1, 6, 9, 3});
  CHECK(f.infer(OpKind::DEPTH_TO_SPACE, {&f.in({1, 2, 2, 8})}, {attr("block_size", int64_t(2))}) ==
        Shape{1, 4, 4, 2});
  CHECK(f.infer(OpKind::SPACE_TO_DEPTH, {&f.in({1, 4, 6, 2})}, {attr("block_size", int64_t(2))}) ==
        Shape{1, 2, 3, 8});
  CHECK(f.infer(OpKind::RESIZE_BILINEAR, {&p, &f.ints({8, 10})}) == Shape{1, 8, 10, 3});
}

TEST_CASE("reductions, gathers, slices and splits", "[shape-inference]") {
  Fixture f;
  auto &x = f.in({1, 7, 7, 32});
  CHECK(f.infer(OpKind::MEAN, {&x, &f.ints({1, 2})}) == Shape{1, 32});
  CHECK(f.infer(OpKind::MEAN, {&x, &f.ints({-3, 2})}, {attr("keep_dims", true)}) ==
        Shape{1, 1, 1, 32});
  CHECK(f.infer(OpKind::ARG_MAX, {&x, &f.ints({3})}) == Shape{1, 7, 7});
  auto &params = f.in({2, 5, 3});
  auto &indices = f.b.input("i", ElementType::I32, {4});
  CHECK(f.infer(OpKind::GATHER, {&params, &indices}, {attr("axis", int64_t(1))}) == Shape{2, 4, 3});
  auto &v = f.in({10});
  // Elements 1, 4, 7.
  CHECK(f.infer(OpKind::STRIDED_SLICE, {&v, &f.ints({1}), &f.ints({8}), &f.ints({3})}) == Shape{3});
  // Backwards from 4 down to (excluding) 0: 4, 3, 2, 1.
  CHECK(f.infer(OpKind::STRIDED_SLICE, {&v, &f.ints({4}), &f.ints({0}), &f.ints({-1})}) ==
        Shape{4});
  auto &m = f.in({3, 4});
  CHECK(f.infer(OpKind::STRIDED_SLICE, {&m, &f.ints({1, 0}), &f.ints({2, 4}), &f.ints({1, 1})},
                {attr("shrink_axis_mask", int64_t(1))}) == Shape{4});
  CHECK(f.infer(OpKind::SLICE, {&m, &f.ints({1, 1}), &f.ints({-1, 2})}) == Shape{2, 2});
  auto &s = f.in({1, 4, 4, 6});
  CHECK(f.infer(OpKind::SPLIT, {&f.ints({3}), &s}, {attr("num_splits", int64_t(3))}, 3) ==
        Shape{1, 4, 4, 2});
  CHECK(f.infer(OpKind::SPLIT_V, {&s, &f.ints({1, -1}), &f.ints({-1})}, {}, 2) ==
        Shape{1, 4, 4, 1});
  CHECK(f.infer(OpKind::PACK, {&m, &m}, {attr("axis", int64_t(1))}) == Shape{3, 2, 4});
  CHECK(f.infer(OpKind::UNPACK, {&m}, {attr("axis", int64_t(0))}, 3) == Shape{4});
}

TEST_CASE("binary ops broadcast; matrix products contract", "[shape-inference]") {
  Fixture f;
  auto &a = f.in({1, 8, 8, 16});
  auto &bias = f.in({16});
  CHECK(f.infer(OpKind::ADD, {&a, &bias}) == Shape{1, 8, 8, 16});
  auto &c = f.in({3, 16});
  CHECK_THAT(f.inferError(OpKind::MUL, {&a, &c}), Catch::Contains("do not broadcast"));
  auto &lhs = f.in({2, 3, 4});
  auto &rhs = f.in({4, 5});
  CHECK(f.infer(OpKind::BATCH_MATMUL, {&lhs, &rhs}) == Shape{2, 3, 5});
  auto &lhsT = f.in({2, 4, 3});
  CHECK(f.infer(OpKind::BATCH_MATMUL, {&lhsT, &rhs}, {attr("adj_x", true)}) == Shape{2, 3, 5});
}

TEST_CASE("shapes computed at run time are not guessed", "[shape-inference]") {
  Fixture f;
  auto &x = f.in({2, 3, 4});
  auto &shape = f.b.input("shape", ElementType::I32, {2});
  ir::Op &op = f.b.op(OpKind::RESHAPE, {&x, &shape}, {&f.b.value("y", ElementType::F32, {6, 4})});
  auto shapes = ir::inferResultShapes(op);
  REQUIRE(static_cast<bool>(shapes));
  CHECK_FALSE(shapes->has_value());
}
