// templates/generic/Binary.h against the reference kernels: every binary op with every type it
// takes, same shapes and broadcasts of ranks 0 to 6 (lower-rank operands, repeated dimensions on
// either side), every fused activation, int16 ADD/SUB with power-of-two scales.

#include "generic/Binary.h"
#include "TemplateTest.h"
#include "litec/ir/ops/Binary.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <map>

using namespace litec;
using ir::ElementType;
using ir::OpKind;
using ir::ops::BinaryKind;

namespace {
template <runtime::BinaryOp Op>
void floatOp(const ir::ops::BinaryParams &p, const float *a, const float *b, float *out) {
  generic::binaryFloat<Op>(p, a, b, out);
}

void runFloat(const ir::ops::PreparedBinary &prepared, const float *a, const float *b, float *out) {
  using runtime::BinaryOp;
  constexpr void (*kOps[])(const ir::ops::BinaryParams &, const float *, const float *,
                           float *) = {floatOp<BinaryOp::kAdd>,
                                       floatOp<BinaryOp::kSub>,
                                       floatOp<BinaryOp::kMul>,
                                       floatOp<BinaryOp::kDiv>,
                                       floatOp<BinaryOp::kMaximum>,
                                       floatOp<BinaryOp::kMinimum>,
                                       floatOp<BinaryOp::kSquaredDifference>,
                                       floatOp<BinaryOp::kPow>,
                                       floatOp<BinaryOp::kPrelu>};
  kOps[int(prepared.op)](prepared.params, a, b, out);
}

template <typename T>
std::string runBinary(const ir::ops::PreparedBinary &prepared, const testing::ReferenceRun &run) {
  const std::vector<T> a = testing::elementsOf<T>(run.inputs[0]),
                       b = testing::elementsOf<T>(run.inputs[1]);
  std::vector<T> out(run.outputs[0].size() / sizeof(T));
  const ir::ops::BinaryParams &p = prepared.params;
  if constexpr (std::is_same_v<T, float>) {
    runFloat(prepared, a.data(), b.data(), out.data());
    return testing::compareOutputs(out, testing::elementsOf<T>(run.outputs[0]), 1e-6);
  } else {
    switch (prepared.kind) {
    case BinaryKind::RawMinMax:
      if (prepared.op == runtime::BinaryOp::kMaximum)
        generic::minMaxRaw<true>(p, a.data(), b.data(), out.data());
      else
        generic::minMaxRaw<false>(p, a.data(), b.data(), out.data());
      break;
    default:
      if constexpr (sizeof(T) <= 2) {
        switch (prepared.kind) {
        case BinaryKind::QuantizedAdd:
          generic::addQuantized(p, a.data(), b.data(), out.data());
          break;
        case BinaryKind::QuantizedMul:
          generic::mulQuantized(p, a.data(), b.data(), out.data());
          break;
        case BinaryKind::QuantizedDiv:
          if (generic::divQuantized(p, a.data(), b.data(), out.data()) != runtime::Status::kOk)
            return "the template refuses a divisor the reference took";
          break;
        case BinaryKind::QuantizedPrelu:
          generic::preluQuantized(p, a.data(), b.data(), out.data());
          break;
        default:
          if constexpr (std::is_same_v<T, int16_t>) {
            if (prepared.kind == BinaryKind::Int16PowerOfTwoAdd)
              generic::addInt16PowerOfTwo(p, a.data(), b.data(), out.data());
          } else if constexpr (std::is_same_v<T, int8_t>) {
            if (prepared.kind == BinaryKind::Int8SquaredDifference)
              generic::squaredDifferenceInt8(p, a.data(), b.data(), out.data());
          }
          break;
        }
      }
      break;
    }
    return testing::compareOutputs(out, testing::elementsOf<T>(run.outputs[0]));
  }
}

// The result's shape and two operand shapes that broadcast to it: each operand drops some
// leading dimensions or has some set to 1, or has the full shape.
struct Shapes {
  ir::Shape a, b, out;
};
Shapes broadcastShapes(testing::Choices &choose, int rank) {
  Shapes s;
  for (int d = 0; d < rank; ++d)
    s.out.push_back(choose.range(1, rank > 4 ? 2 : 4));
  auto operand = [&] {
    if (choose.range(0, 2) == 0)
      return s.out;
    ir::Shape shape(s.out.begin() + choose.range(0, rank), s.out.end());
    for (int64_t &dim : shape)
      if (choose.range(0, 2) == 0)
        dim = 1;
    return shape;
  };
  s.a = operand();
  s.b = operand();
  // One operand keeps each dimension of the result, so that the two broadcast to it.
  for (int d = 0; d < rank; ++d) {
    const size_t fromEnd = size_t(rank - d);
    const bool inA = s.a.size() >= fromEnd && s.a[s.a.size() - fromEnd] == s.out[size_t(d)];
    const bool inB = s.b.size() >= fromEnd && s.b[s.b.size() - fromEnd] == s.out[size_t(d)];
    if (!inA && !inB) {
      while (s.a.size() < fromEnd)
        s.a.insert(s.a.begin(), 1);
      s.a[s.a.size() - fromEnd] = s.out[size_t(d)];
    }
  }
  return s;
}

struct Case {
  OpKind kind;
  ElementType type;
};

ir::Quantization quantFor(testing::Choices &choose, ElementType type) {
  switch (type) {
  case ElementType::I8:
    return testing::perTensor(float(choose.uniform(0.005, 0.1)), choose.range(-40, 40));
  case ElementType::U8:
    return testing::perTensor(float(choose.uniform(0.005, 0.1)), choose.range(90, 170));
  case ElementType::I16:
    return testing::perTensor(float(choose.uniform(1e-4, 3e-3)), 0);
  default:
    return {};
  }
}
} // namespace

TEST_CASE("binary templates match the reference kernels", "[templates][binary]") {
  testing::Choices choose(11);
  std::vector<Case> cases;
  using T = ElementType;
  for (OpKind kind : {OpKind::ADD, OpKind::SUB, OpKind::MUL, OpKind::DIV, OpKind::MAXIMUM,
                      OpKind::MINIMUM, OpKind::SQUARED_DIFFERENCE, OpKind::POW, OpKind::PRELU})
    cases.push_back({kind, T::F32});
  for (T type : {T::I8, T::U8, T::I16}) {
    for (OpKind kind :
         {OpKind::ADD, OpKind::MUL, OpKind::DIV, OpKind::PRELU, OpKind::MAXIMUM, OpKind::MINIMUM})
      cases.push_back({kind, type});
    if (type != T::U8)
      cases.push_back({OpKind::SUB, type});
  }
  cases.push_back({OpKind::SQUARED_DIFFERENCE, T::I8});
  for (T type : {T::I32, T::I64})
    for (OpKind kind : {OpKind::MAXIMUM, OpKind::MINIMUM})
      cases.push_back({kind, type});
  const char *activations[] = {"NONE", "RELU", "RELU_N1_TO_1", "RELU6"};
  int runs = 0;
  std::map<BinaryKind, int> kinds;
  for (const Case &c : cases)
    for (int variant = 0; variant < 14; ++variant) {
      const int rank = variant < 7 ? variant : choose.range(0, 4);
      Shapes s = broadcastShapes(choose, rank);
      const bool fused = c.kind == OpKind::ADD || c.kind == OpKind::SUB || c.kind == OpKind::MUL ||
                         c.kind == OpKind::DIV;
      const int activation = fused ? variant % 4 : 0;
      const bool minMax = c.kind == OpKind::MAXIMUM || c.kind == OpKind::MINIMUM;
      ir::Quantization qa = quantFor(choose, c.type), qb = quantFor(choose, c.type),
                       qout = quantFor(choose, c.type);
      if (minMax)
        qb = qout = qa; // raw comparisons need one quantisation
      // int16 ADD and SUB: every other variant on power-of-two scales, one input on the
      // output's scale, same shapes.
      const bool powerOfTwo =
          c.type == T::I16 && (c.kind == OpKind::ADD || c.kind == OpKind::SUB) && variant % 2;
      if (powerOfTwo) {
        s.a = s.b = s.out;
        const float outScale = std::ldexp(1.f, -choose.range(8, 12));
        const float finer = outScale / float(1 << choose.range(0, 3));
        const bool firstFiner = choose.range(0, 1);
        qout = testing::perTensor(outScale, 0);
        qa = testing::perTensor(firstFiner ? finer : outScale, 0);
        qb = testing::perTensor(firstFiner ? outScale : finer, 0);
      }
      if (c.kind == OpKind::SQUARED_DIFFERENCE && c.type == T::I8)
        qout = testing::perTensor(float(choose.uniform(0.2, 1.0)), choose.range(-20, 20));
      ir::Module module;
      testing::GraphBuilder b(module);
      ir::Value &x = b.input("a", c.type, s.a, qa);
      ir::Value &y = b.input("b", c.type, s.b, qb);
      ir::Value &z = b.value("out", c.type, s.out, qout);
      std::vector<ir::NamedAttr> attrs;
      if (fused)
        attrs.push_back({"fused_activation_function",
                         testing::activation(activations[activation], activation)});
      b.op(c.kind, {&x, &y}, {&z}, attrs);
      b.output(z);
      auto prepared = ir::ops::prepareBinary(*module.mainGraph().ops[0]);
      INFO(ir::opKindInfo(c.kind).name << " " << ir::elementTypeName(c.type) << " variant "
                                       << variant << " activation " << activations[activation]);
      REQUIRE(static_cast<bool>(prepared));
      CHECK((prepared->kind == BinaryKind::Int16PowerOfTwoAdd) == powerOfTwo);
      ++kinds[prepared->kind];
      // A quantised divisor stays off raw 0 and off its zero point.
      const int64_t divisorZero = qb.zeroPoints.empty() ? 0 : qb.zeroPoints[0];
      auto adjust = [&](size_t input, std::span<uint8_t> bytes) {
        if (input != 1 || c.kind != OpKind::DIV || c.type == T::F32)
          return;
        testing::withElementType(c.type, [&](auto zero) {
          using E = decltype(zero);
          for (size_t k = 0; k + sizeof(E) <= bytes.size(); k += sizeof(E)) {
            E v;
            std::memcpy(&v, bytes.data() + k, sizeof(E));
            while (v == 0 || int64_t(v) == divisorZero)
              v = E(v + 1);
            std::memcpy(bytes.data() + k, &v, sizeof(E));
          }
        });
      };
      const testing::ReferenceRun run = testing::runReference(module, uint32_t(runs), adjust);
      const std::string mismatch = testing::withElementType(
          c.type, [&](auto zero) { return runBinary<decltype(zero)>(*prepared, run); });
      CHECK(mismatch == "");
      ++runs;
    }
  CHECK(runs == int(cases.size()) * 14);
  // Every kernel of the family ran.
  CHECK(kinds.size() == 8);
}
