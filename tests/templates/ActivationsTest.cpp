// templates/generic/Activations.h against the reference kernels: every activation on float,
// the RELU family and HARD_SWISH on int8 and uint8, int8 LEAKY_RELU, LOGISTIC and TANH on int8
// and on int16 (power-of-two input scales, which take TFLite's shift-only path, included).

#include "generic/Activations.h"
#include "TemplateTest.h"
#include "litec/ir/ops/Activations.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <map>

using namespace litec;
using ir::ElementType;
using ir::OpKind;
using ir::ops::ActivationKind;

namespace {
template <runtime::Activation Op>
void floatOp(const ir::ops::ActivationParams &p, const float *in, float *out) {
  generic::activationFloat<Op>(p, in, out);
}

template <typename T>
std::string runActivation(const ir::ops::PreparedActivation &prepared,
                          const testing::ReferenceRun &run) {
  const std::vector<T> in = testing::elementsOf<T>(run.inputs[0]);
  std::vector<T> out(in.size());
  const ir::ops::ActivationParams &p = prepared.params;
  const bool isTanh = prepared.op == runtime::Activation::kTanh;
  if constexpr (std::is_same_v<T, float>) {
    using runtime::Activation;
    constexpr void (*kOps[])(const ir::ops::ActivationParams &, const float *, float *) = {
        floatOp<Activation::kRelu>,      floatOp<Activation::kRelu6>,
        floatOp<Activation::kReluN1To1>, floatOp<Activation::kRelu0To1>,
        floatOp<Activation::kLogistic>,  floatOp<Activation::kTanh>,
        floatOp<Activation::kHardSwish>, floatOp<Activation::kLeakyRelu>};
    kOps[int(prepared.op)](p, in.data(), out.data());
    return testing::compareOutputs(out, testing::elementsOf<T>(run.outputs[0]), 1e-6);
  } else {
    switch (prepared.kind) {
    case ActivationKind::QuantizedRelu:
      generic::reluQuantized(p, in.data(), out.data());
      break;
    case ActivationKind::QuantizedHardSwish:
      if constexpr (sizeof(T) == 1)
        generic::hardSwishQuantized(p, in.data(), out.data());
      break;
    case ActivationKind::Int8LeakyRelu:
    case ActivationKind::Int8Sigmoidal:
      if constexpr (std::is_same_v<T, int8_t>) {
        if (prepared.kind == ActivationKind::Int8LeakyRelu)
          generic::leakyReluInt8(p, in.data(), out.data());
        else if (isTanh)
          generic::sigmoidalInt8<true>(p, in.data(), out.data());
        else
          generic::sigmoidalInt8<false>(p, in.data(), out.data());
      }
      break;
    case ActivationKind::Int16Sigmoidal:
      if constexpr (std::is_same_v<T, int16_t>) {
        if (isTanh)
          generic::sigmoidalInt16<true>(p, in.data(), out.data());
        else
          generic::sigmoidalInt16<false>(p, in.data(), out.data());
      }
      break;
    case ActivationKind::Float:
      return "a float kernel for integers";
    }
    return testing::compareOutputs(out, testing::elementsOf<T>(run.outputs[0]));
  }
}

struct Case {
  OpKind kind;
  ElementType type;
};
} // namespace

TEST_CASE("activation templates match the reference kernels", "[templates][activations]") {
  testing::Choices choose(13);
  using T = ElementType;
  const OpKind all[] = {OpKind::RELU,     OpKind::RELU6, OpKind::RELU_N1_TO_1, OpKind::RELU_0_TO_1,
                        OpKind::LOGISTIC, OpKind::TANH,  OpKind::HARD_SWISH,   OpKind::LEAKY_RELU};
  std::vector<Case> cases;
  for (OpKind kind : all)
    cases.push_back({kind, T::F32});
  for (T type : {T::I8, T::U8})
    for (OpKind kind : {OpKind::RELU, OpKind::RELU6, OpKind::RELU_N1_TO_1, OpKind::RELU_0_TO_1,
                        OpKind::HARD_SWISH})
      cases.push_back({kind, type});
  for (OpKind kind : {OpKind::LEAKY_RELU, OpKind::LOGISTIC, OpKind::TANH})
    cases.push_back({kind, T::I8});
  for (OpKind kind : {OpKind::LOGISTIC, OpKind::TANH})
    cases.push_back({kind, T::I16});
  std::map<ActivationKind, int> kinds;
  int runs = 0;
  for (const Case &c : cases)
    for (int variant = 0; variant < 8; ++variant) {
      const ir::Shape shape{choose.range(1, 4), choose.range(1, 33)};
      ir::Quantization qin, qout;
      const bool sigmoidal = c.kind == OpKind::LOGISTIC || c.kind == OpKind::TANH;
      if (c.type == T::I8 || c.type == T::U8) {
        const int32_t offset = c.type == T::U8 ? 128 : 0;
        qin = testing::perTensor(float(choose.uniform(0.005, 0.2)), choose.range(-60, 60) + offset);
        qout =
            testing::perTensor(float(choose.uniform(0.005, 0.2)), choose.range(-60, 60) + offset);
        if (sigmoidal)
          qout = c.kind == OpKind::TANH ? testing::perTensor(1.f / 128, 0)
                                        : testing::perTensor(1.f / 256, -128);
      } else if (c.type == T::I16) {
        // Every other variant on a power-of-two input scale: 2^-12 and, for TANH, 2^-11 take
        // TFLite's shift-only path.
        const float scale = variant % 2 ? std::ldexp(1.f, -choose.range(11, 12))
                                        : float(choose.uniform(1e-4, 1e-3));
        qin = testing::perTensor(scale, 0);
        qout = testing::perTensor(std::ldexp(1.f, -15), 0);
      }
      ir::Module module;
      testing::GraphBuilder b(module);
      ir::Value &x = b.input("x", c.type, shape, qin);
      ir::Value &y = b.value("y", c.type, shape, qout);
      std::vector<ir::NamedAttr> attrs;
      if (c.kind == OpKind::LEAKY_RELU)
        attrs.push_back({"alpha", float(choose.uniform(-0.5, 1.5))});
      b.op(c.kind, {&x}, {&y}, attrs);
      b.output(y);
      auto prepared = ir::ops::prepareActivation(*module.mainGraph().ops[0]);
      INFO(ir::opKindInfo(c.kind).name << " " << ir::elementTypeName(c.type) << " variant "
                                       << variant);
      REQUIRE(static_cast<bool>(prepared));
      ++kinds[prepared->kind];
      const testing::ReferenceRun run = testing::runReference(module, uint32_t(runs));
      const std::string mismatch = testing::withElementType(
          c.type, [&](auto zero) { return runActivation<decltype(zero)>(*prepared, run); });
      CHECK(mismatch == "");
      ++runs;
    }
  CHECK(runs == int(cases.size()) * 8);
  CHECK(kinds.size() == 6);
}
