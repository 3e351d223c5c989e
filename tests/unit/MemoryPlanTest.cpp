// The static memory plan on graphs whose lifetimes are known, and its invariants (no two
// buffers live at the same time share bytes; offsets aligned; arena at least the peak of live
// bytes) on random graphs.

#include "litec/codegen/MemoryPlan.h"
#include "GraphBuilder.h"

#include <catch2/catch.hpp>

#include <random>

using namespace litec;
using ir::ElementType;
using ir::OpKind;
using litec::testing::GraphBuilder;

namespace {
// A CONCATENATION's slices along the last axis of its operands: one after the other (rank 2,
// contiguous), or channel runs in every pixel (rank 4, pixels as far apart as the result's).
codegen::OpMemoryNeeds concatenationNeeds(const ir::Op &op) {
  codegen::OpMemoryNeeds needs;
  const bool channels = op.results[0]->shape.size() == 4;
  int64_t offset = 0;
  for (const ir::Value *operand : op.operands) {
    needs.operandSlices.push_back(offset);
    offset += channels ? operand->shape.back() * 4 : operand->byteSize().value();
  }
  if (channels)
    needs.slicePixelStride = offset;
  return needs;
}

codegen::MemoryPlan plan(const ir::Graph &graph, std::vector<int64_t> scratch = {},
                         bool inPlace = false) {
  std::vector<codegen::OpMemoryNeeds> needs;
  for (const auto &op : graph.ops) {
    codegen::OpMemoryNeeds need =
        op->kind == OpKind::CONCATENATION ? concatenationNeeds(*op) : codegen::OpMemoryNeeds{};
    need.scratchBytes = op->index < scratch.size() ? scratch[op->index] : 0;
    need.inPlace = inPlace && op->kind != OpKind::RESHAPE && op->kind != OpKind::CONCATENATION;
    need.stridedResult = op->kind == OpKind::CONV_2D;
    needs.push_back(need);
  }
  auto planned = codegen::planMemory(graph, needs, 16);
  if (!planned)
    FAIL(llvm::toString(planned.takeError()));
  return *planned;
}

bool isAncestor(const codegen::MemoryPlan &p, size_t ancestor, size_t buffer) {
  for (int b = p.buffers[buffer].parent; b >= 0; b = p.buffers[size_t(b)].parent)
    if (size_t(b) == ancestor)
      return true;
  return false;
}

// Every pair of buffers live at the same step occupies disjoint bytes, but for a buffer placed
// inside another (a concatenation's operand), which lies within its parent's bytes and lifetime.
void checkInvariants(const codegen::MemoryPlan &p) {
  for (size_t i = 0; i < p.buffers.size(); ++i) {
    const codegen::ArenaBuffer &a = p.buffers[i];
    CHECK(a.offset + a.size <= p.arenaSize);
    if (a.parent < 0) {
      CHECK(a.offset % p.alignment == 0);
    } else {
      const codegen::ArenaBuffer &parent = p.buffers[size_t(a.parent)];
      CHECK(a.offset == parent.offset + a.offsetInParent);
      CHECK(a.offsetInParent + a.size <= parent.size);
      CHECK(parent.first <= a.first);
      CHECK(a.last <= parent.last);
    }
    for (size_t j = i + 1; j < p.buffers.size(); ++j) {
      const codegen::ArenaBuffer &b = p.buffers[j];
      if (isAncestor(p, i, j) || isAncestor(p, j, i))
        continue;
      // Channel slices of one tensor interleave, pixel by pixel (their offsets differ within a
      // pixel: checked where they are made).
      if (a.parent >= 0 && a.parent == b.parent && (a.pixelStride || b.pixelStride))
        continue;
      const bool together = a.first <= b.last && b.first <= a.last;
      const bool disjoint = a.offset + a.size <= b.offset || b.offset + b.size <= a.offset;
      CHECK((!together || disjoint));
    }
  }
  CHECK(p.arenaSize >= p.lowerBound);
}
} // namespace

TEST_CASE("a chain of ops needs two buffers", "[memory-plan]") {
  // x -> relu -> a -> relu -> b -> relu -> y, 400 bytes each: two buffers live at any step.
  ir::Module module;
  GraphBuilder g(module);
  ir::Value *previous = &g.input("x", ElementType::F32, {1, 100});
  for (int i = 0; i < 3; ++i) {
    ir::Value &next = g.value("t" + std::to_string(i), ElementType::F32, {1, 100});
    g.op(OpKind::RELU, {previous}, {&next});
    previous = &next;
  }
  g.output(*previous);
  const codegen::MemoryPlan p = plan(module.mainGraph());
  checkInvariants(p);
  CHECK(p.lowerBound == 800);
  CHECK(p.arenaSize == 800);
  // In place, each RELU writes over its input, which dies with it: one buffer for the chain.
  const codegen::MemoryPlan q = plan(module.mainGraph(), {}, true);
  checkInvariants(q);
  CHECK(q.arenaSize == 400);
}

TEST_CASE("reshapes alias their input and scratch lives for its op", "[memory-plan]") {
  ir::Module module;
  GraphBuilder g(module);
  ir::Value &x = g.input("x", ElementType::F32, {2, 8});
  ir::Value &shape = g.constant("s", ElementType::I32, {1}, std::vector<int32_t>{16});
  ir::Value &flat = g.value("flat", ElementType::F32, {16});
  g.op(OpKind::RESHAPE, {&x, &shape}, {&flat});
  ir::Value &y = g.value("y", ElementType::F32, {16});
  g.op(OpKind::RELU, {&flat}, {&y});
  g.output(y);
  const codegen::MemoryPlan p = plan(module.mainGraph(), {0, 48});
  checkInvariants(p);
  CHECK(p.offsetOf(x) == p.offsetOf(flat));
  CHECK(!p.inArena(shape));
  REQUIRE(p.scratchOfOp[1] >= 0);
  CHECK(p.buffers[size_t(p.scratchOfOp[1])].first == 1);
  CHECK(p.buffers[size_t(p.scratchOfOp[1])].last == 1);
  // x (aliased by flat) is read by op 1, whose output and scratch are live with it.
  CHECK(p.arenaSize == 64 + 64 + 48);
}

TEST_CASE("variables are never shared", "[memory-plan]") {
  ir::Module module;
  GraphBuilder g(module);
  ir::Value &x = g.input("x", ElementType::F32, {1, 4});
  ir::Value &state = g.value("state", ElementType::F32, {1, 4});
  state.isVariable = true;
  ir::Value &y = g.value("y", ElementType::F32, {1, 4});
  g.op(OpKind::ADD, {&x, &state}, {&y});
  ir::Value &z = g.value("z", ElementType::F32, {1, 4});
  g.op(OpKind::RELU, {&y}, {&z});
  g.output(z);
  const codegen::MemoryPlan p = plan(module.mainGraph());
  checkInvariants(p);
  const codegen::ArenaBuffer &b = p.buffers[size_t(p.bufferOfValue[state.id])];
  CHECK(b.first == 0);
  CHECK(b.last == 2);
}

TEST_CASE("random graphs keep the plan's invariants", "[memory-plan]") {
  std::mt19937 rng(7);
  for (int trial = 0; trial < 50; ++trial) {
    ir::Module module;
    GraphBuilder g(module);
    std::vector<ir::Value *> live = {&g.input("x", ElementType::F32, {1, 1 + int(rng() % 64)})};
    const int ops = 2 + int(rng() % 20);
    for (int i = 0; i < ops; ++i) {
      ir::Value *a = live[rng() % live.size()];
      ir::Value &out = g.value("v" + std::to_string(i), ElementType::F32, a->shape);
      if (rng() % 4 == 0) {
        // A concatenation of two or three live values, or of a value and itself.
        std::vector<ir::Value *> parts{a, live[rng() % live.size()]};
        if (rng() % 2)
          parts.push_back(live[rng() % live.size()]);
        int64_t width = 0;
        for (ir::Value *part : parts)
          width += part->shape[1];
        ir::Value &joined = g.value("c" + std::to_string(i), ElementType::F32, {1, width});
        g.op(OpKind::CONCATENATION, parts, {&joined});
        live.push_back(&joined);
        continue;
      }
      if (rng() % 3 == 0) {
        ir::Value *b = live[rng() % live.size()];
        g.op(OpKind::ADD, {a, b->shape == a->shape ? b : a}, {&out});
      } else {
        g.op(OpKind::RELU, {a}, {&out});
      }
      live.push_back(&out);
    }
    g.output(*live.back());
    std::vector<int64_t> scratch;
    for (int i = 0; i < ops; ++i)
      scratch.push_back(rng() % 4 == 0 ? int64_t(rng() % 200) : 0);
    checkInvariants(plan(module.mainGraph(), scratch));
    checkInvariants(plan(module.mainGraph(), scratch, true));
  }
}

TEST_CASE("producers write straight into their slice of a concatenation", "[memory-plan]") {
  // x -> relu a (1x5); x -> relu b (1x3); concat(a, b) -> j; concat(j, c) -> k, where
  // c = relu(a2) is read again after k; y = relu(k). a and b go into j's bytes, j into k's; c
  // stays where it is (read later), and x (a graph input) is never moved.
  ir::Module module;
  GraphBuilder g(module);
  ir::Value &x = g.input("x", ElementType::F32, {1, 5});
  ir::Value &a = g.value("a", ElementType::F32, {1, 5});
  g.op(OpKind::RELU, {&x}, {&a});
  ir::Value &b = g.value("b", ElementType::F32, {1, 3});
  ir::Value &x3 = g.value("x3", ElementType::F32, {1, 3});
  ir::Value &begin = g.constant("begin", ElementType::I32, {2}, std::vector<int32_t>{0, 0});
  ir::Value &size = g.constant("size", ElementType::I32, {2}, std::vector<int32_t>{1, 3});
  g.op(OpKind::SLICE, {&x, &begin, &size}, {&x3});
  g.op(OpKind::RELU, {&x3}, {&b});
  ir::Value &j = g.value("j", ElementType::F32, {1, 8});
  g.op(OpKind::CONCATENATION, {&a, &b}, {&j});
  ir::Value &c = g.value("c", ElementType::F32, {1, 5});
  g.op(OpKind::RELU, {&x}, {&c});
  ir::Value &k = g.value("k", ElementType::F32, {1, 18});
  g.op(OpKind::CONCATENATION, {&j, &c, &x}, {&k});
  ir::Value &y = g.value("y", ElementType::F32, {1, 18});
  g.op(OpKind::RELU, {&k}, {&y});
  ir::Value &z = g.value("z", ElementType::F32, {1, 5});
  g.op(OpKind::RELU, {&c}, {&z});
  g.output(y);
  g.output(z);
  const codegen::MemoryPlan p = plan(module.mainGraph());
  checkInvariants(p);
  CHECK(p.offsetOf(a) == p.offsetOf(k));
  CHECK(p.offsetOf(b) == p.offsetOf(k) + 20);
  CHECK(p.offsetOf(j) == p.offsetOf(k));
  CHECK(p.offsetOf(c) != p.offsetOf(k) + 32);
  CHECK(p.offsetOf(x) != p.offsetOf(k) + 52);
  // k's bytes are reserved from a's producer on.
  CHECK(p.buffers[size_t(p.bufferOfValue[k.id])].first == 0);
}

TEST_CASE("convolutions write straight into their channels of a concatenation", "[memory-plan]") {
  // x (1x2x2x3) -> CONV_2D a (2 channels), CONV_2D b (1), RELU c (3, read again later);
  // concat(a, b, c) along the channels -> j (6 per pixel, 24 bytes). a and b are written as
  // channel slices of j; c, from a RELU that cannot write strided and read later, is copied.
  ir::Module module;
  GraphBuilder g(module);
  ir::Value &x = g.input("x", ElementType::F32, {1, 2, 2, 3});
  ir::Value &w2 = g.constant("w2", ElementType::F32, {2, 1, 1, 3}, std::vector<float>(6, 1.f));
  ir::Value &w1 = g.constant("w1", ElementType::F32, {1, 1, 1, 3}, std::vector<float>(3, 1.f));
  ir::Value &a = g.value("a", ElementType::F32, {1, 2, 2, 2});
  g.op(OpKind::CONV_2D, {&x, &w2}, {&a});
  ir::Value &b = g.value("b", ElementType::F32, {1, 2, 2, 1});
  g.op(OpKind::CONV_2D, {&x, &w1}, {&b});
  ir::Value &c = g.value("c", ElementType::F32, {1, 2, 2, 3});
  g.op(OpKind::RELU, {&x}, {&c});
  ir::Value &j = g.value("j", ElementType::F32, {1, 2, 2, 6});
  g.op(OpKind::CONCATENATION, {&a, &b, &c}, {&j});
  ir::Value &y = g.value("y", ElementType::F32, {1, 2, 2, 3});
  g.op(OpKind::RELU, {&c}, {&y});
  g.output(j);
  g.output(y);
  const codegen::MemoryPlan p = plan(module.mainGraph());
  checkInvariants(p);
  CHECK(p.offsetOf(a) == p.offsetOf(j));
  CHECK(p.pixelStrideOf(a) == 24);
  CHECK(p.offsetOf(b) == p.offsetOf(j) + 8);
  CHECK(p.pixelStrideOf(b) == 24);
  CHECK(p.pixelStrideOf(c) == 0);
  CHECK(p.pixelStrideOf(j) == 0);
  // a's last pixel ends where j's last pixel's second channel does: 3 strides and 2 floats.
  CHECK(p.buffers[size_t(p.bufferOfValue[a.id])].size == 3 * 24 + 8);
}

TEST_CASE("tensors with no elements take no arena bytes", "[memory-plan]") {
  // empty (0x3) -> relu -> e (0x3), beside x (1x4) -> relu -> y: only x and y take bytes.
  ir::Module module;
  GraphBuilder g(module);
  ir::Value &empty = g.input("empty", ElementType::F32, {0, 3});
  ir::Value &x = g.input("x", ElementType::F32, {1, 4});
  ir::Value &e = g.value("e", ElementType::F32, {0, 3});
  ir::Value &y = g.value("y", ElementType::F32, {1, 4});
  g.op(OpKind::RELU, {&empty}, {&e});
  g.op(OpKind::RELU, {&x}, {&y});
  g.output(e);
  g.output(y);
  const codegen::MemoryPlan p = plan(module.mainGraph());
  checkInvariants(p);
  CHECK(p.inArena(empty));
  CHECK(p.inArena(e));
  CHECK(p.buffers[size_t(p.bufferOfValue[empty.id])].size == 0);
  CHECK(p.buffers[size_t(p.bufferOfValue[e.id])].size == 0);
  CHECK(p.arenaSize == 32);
  CHECK(p.lowerBound == 32);
}
