#include "litec/ir/Analysis.h"
#include "GraphBuilder.h"

#include <catch2/catch.hpp>

using namespace litec;
using ir::ElementType;
using ir::OpKind;
using litec::testing::GraphBuilder;

TEST_CASE("MACs of convolutions and fully connected layers", "[analysis]") {
  ir::Module module;
  GraphBuilder b(module);
  ir::Value &x = b.input("x", ElementType::F32, {1, 8, 8, 4});
  ir::Value &w = b.constant("w", ElementType::F32, {16, 3, 3, 4}, std::vector<float>(576));
  ir::Value &y = b.value("y", ElementType::F32, {1, 8, 8, 16});
  ir::Op &conv = b.op(OpKind::CONV_2D, {&x, &w}, {&y});
  // 64 positions x 16 filters x (3 x 3 x 4) taps.
  CHECK(ir::countMacs(conv) == 64 * 16 * 36);
  CHECK(ir::weightBytes(conv) == 576 * 4);

  ir::Value &dw = b.constant("dw", ElementType::F32, {1, 3, 3, 16}, std::vector<float>(144));
  ir::Value &z = b.value("z", ElementType::F32, {1, 8, 8, 16});
  CHECK(ir::countMacs(b.op(OpKind::DEPTHWISE_CONV_2D, {&y, &dw}, {&z})) == 64 * 16 * 9);
  // The fused forms count as the convolution they keep (their epilogue adds no MACs).
  ir::Value &r = b.value("residual", ElementType::F32, {1, 8, 8, 16});
  CHECK(ir::countMacs(b.op(OpKind::LITEC_CONV_2D_RESIDUAL, {&x, &w, nullptr, &r},
                           {&b.value("fused", ElementType::F32, {1, 8, 8, 16})})) == 64 * 16 * 36);

  ir::Value &fw = b.constant("fw", ElementType::F32, {10, 1024}, std::vector<float>(10240));
  ir::Value &out = b.value("out", ElementType::F32, {1, 10});
  CHECK(ir::countMacs(b.op(OpKind::FULLY_CONNECTED, {&z, &fw}, {&out})) == 10240);
  CHECK(ir::countMacs(b.op(OpKind::RELU, {&out}, {&b.value("r", ElementType::F32, {1, 10})})) == 0);
}

TEST_CASE("peak activation memory follows lifetimes in op order", "[analysis]") {
  // a(100 B) -> op0 -> b(200 B) -> op1 -> c(40 B); op2 reads a and c -> d(4 B).
  ir::Module module;
  GraphBuilder g(module);
  ir::Value &a = g.input("a", ElementType::I8, {100});
  ir::Value &bv = g.value("b", ElementType::I8, {200});
  ir::Value &c = g.value("c", ElementType::I8, {40});
  ir::Value &d = g.value("d", ElementType::I32, {1});
  g.op(OpKind::CUSTOM, {&a}, {&bv});
  g.op(OpKind::CUSTOM, {&bv}, {&c});
  g.op(OpKind::CUSTOM, {&a, &c}, {&d});
  g.output(d);
  ir::ActivationMemory memory = ir::peakActivationMemory(g.graph());
  // During op1: a (still needed by op2) + b + c.
  CHECK(memory.peakBytes == 340);
  CHECK(memory.peakOpIndex == 1);
}
