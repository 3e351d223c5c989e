// The float element-wise kernels that every SIMD target has (binary ops, activations, pooling,
// bilinear resizing) against the reference kernels, written once for all of them: a target's
// test file defines LITEC_SIMD (its kernels' namespace, e.g. neon) and LITEC_SIMD_NAME (a string
// for the test names), includes its Activations.h, Binary.h, Pooling.h and Resize.h, then this.
//   Binary ops meet every broadcast the collapsed walk can (innermost runs from 1 to 40
// elements, each operand contiguous or repeated); every activation (LOGISTIC and TANH over
// [-60, 60), where the vector e^x meets its clamps); average and max pools (bit-exact); bilinear
// resizing with TFLite's three sample mappings.
// Not #pragma once: each target's test file includes it once, with its own macros.

#include "TemplateTest.h"
#include "litec/ir/ops/Activations.h"
#include "litec/ir/ops/Binary.h"
#include "litec/ir/ops/Pooling.h"
#include "litec/ir/ops/Resize.h"

#include <catch2/catch.hpp>

#include <cstring>

#if !defined(LITEC_SIMD) || !defined(LITEC_SIMD_NAME)
#error "define LITEC_SIMD and LITEC_SIMD_NAME before including SimdElementwiseTests.h"
#endif

namespace simd_elementwise {
using namespace litec;
using ir::ElementType;
using ir::OpKind;

const char *kActivations[] = {"NONE", "RELU", "RELU_N1_TO_1", "RELU6"};

// Float data of the reference run: its first input and its output.
struct FloatRun {
  std::vector<float> input, output;
  explicit FloatRun(const testing::ReferenceRun &run)
      : input(testing::elementsOf<float>(run.inputs[0])),
        output(testing::elementsOf<float>(run.outputs[0])) {}
};

// Every float input scaled by `factor` (the reference draws from [-2, 2)).
inline testing::InputAdjustment scaledBy(float factor) {
  return [factor](size_t, std::span<uint8_t> bytes) {
    for (size_t k = 0; k + 4 <= bytes.size(); k += 4) {
      float v;
      std::memcpy(&v, bytes.data() + k, 4);
      v *= factor;
      std::memcpy(bytes.data() + k, &v, 4);
    }
  };
}

template <runtime::BinaryOp Op, int AStep, int BStep>
void binaryKernel(const ir::ops::BinaryParams &p, const float *a, const float *b, float *out) {
  LITEC_SIMD::binaryF32<Op, AStep, BStep>(p, a, b, out);
}
template <runtime::BinaryOp Op>
void runBinary(const ir::ops::BinaryParams &p, const float *a, const float *b, float *out) {
  const int steps = p.aStrides.back() * 2 + p.bStrides.back();
  constexpr void (*kKernels[])(const ir::ops::BinaryParams &, const float *, const float *,
                               float *) = {binaryKernel<Op, 0, 0>, binaryKernel<Op, 0, 1>,
                                           binaryKernel<Op, 1, 0>, binaryKernel<Op, 1, 1>};
  kKernels[steps](p, a, b, out);
}

template <runtime::Activation Op>
void activationKernel(const ir::ops::ActivationParams &p, const float *in, float *out) {
  LITEC_SIMD::activationF32<Op>(p, in, out);
}

TEST_CASE(LITEC_SIMD_NAME " binary kernels match the reference kernels", "[binary]") {
  testing::Choices choose(21);
  using runtime::BinaryOp;
  using Kernel = void (*)(const ir::ops::BinaryParams &, const float *, const float *, float *);
  const std::pair<OpKind, Kernel> ops[] = {
      {OpKind::ADD, runBinary<BinaryOp::kAdd>},
      {OpKind::SUB, runBinary<BinaryOp::kSub>},
      {OpKind::MUL, runBinary<BinaryOp::kMul>},
      {OpKind::DIV, runBinary<BinaryOp::kDiv>},
      {OpKind::MAXIMUM, runBinary<BinaryOp::kMaximum>},
      {OpKind::MINIMUM, runBinary<BinaryOp::kMinimum>},
      {OpKind::SQUARED_DIFFERENCE, runBinary<BinaryOp::kSquaredDifference>},
      {OpKind::PRELU, runBinary<BinaryOp::kPrelu>}};
  int runs = 0, repeated = 0;
  for (const auto &[kind, kernel] : ops)
    for (int variant = 0; variant < 16; ++variant) {
      // The result's shape; each operand keeps a dimension, drops it to 1 or (leading) leaves it
      // out, and one of them keeps each dimension so that the two broadcast to the result.
      const int rank = choose.range(1, 4);
      ir::Shape out, a, b;
      for (int d = 0; d < rank; ++d)
        out.push_back(d == rank - 1 ? choose.range(1, 40) : choose.range(1, 5));
      for (int d = 0; d < rank; ++d) {
        const int form = choose.range(0, 2); // 0: both keep it, 1: a repeats, 2: b repeats
        a.push_back(form == 1 ? 1 : out[size_t(d)]);
        b.push_back(form == 2 ? 1 : out[size_t(d)]);
      }
      if (variant % 4 == 3 && a[0] == out[0]) // a lower-rank second operand
        b.erase(b.begin());
      const bool fused =
          kind == OpKind::ADD || kind == OpKind::SUB || kind == OpKind::MUL || kind == OpKind::DIV;
      const int activation = fused ? variant % 4 : 0;
      ir::Module module;
      testing::GraphBuilder builder(module);
      ir::Value &x = builder.input("a", ElementType::F32, a);
      ir::Value &y = builder.input("b", ElementType::F32, b);
      ir::Value &z = builder.value("out", ElementType::F32, out);
      std::vector<ir::NamedAttr> attrs;
      if (fused)
        attrs.push_back({"fused_activation_function",
                         testing::activation(kActivations[activation], activation)});
      builder.op(kind, {&x, &y}, {&z}, attrs);
      builder.output(z);
      auto prepared = ir::ops::prepareBinary(*module.mainGraph().ops[0]);
      INFO(ir::opKindInfo(kind).name << " " << ir::formatShape(a) << " by " << ir::formatShape(b)
                                     << " " << kActivations[activation] << " "
                                     << (prepared ? "" : llvm::toString(prepared.takeError())));
      REQUIRE(static_cast<bool>(prepared));
      const ir::ops::BinaryParams &p = prepared->params;
      REQUIRE((p.aStrides.back() <= 1 && p.bStrides.back() <= 1));
      repeated += p.aStrides.back() == 0 || p.bStrides.back() == 0;
      const testing::ReferenceRun run = testing::runReference(module, uint32_t(runs));
      const std::vector<float> first = testing::elementsOf<float>(run.inputs[0]),
                               second = testing::elementsOf<float>(run.inputs[1]);
      std::vector<float> result(size_t(p.count));
      kernel(p, first.data(), second.data(), result.data());
      CHECK(testing::compareOutputs(result, testing::elementsOf<float>(run.outputs[0]), 1e-6) ==
            "");
      ++runs;
    }
  CHECK(runs == 8 * 16);
  CHECK(repeated > 10); // the repeated-operand runs were met
}

TEST_CASE(LITEC_SIMD_NAME " activation kernels match the reference kernels", "[activations]") {
  testing::Choices choose(22);
  using runtime::Activation;
  using Kernel = void (*)(const ir::ops::ActivationParams &, const float *, float *);
  const std::pair<OpKind, Kernel> ops[] = {
      {OpKind::RELU, activationKernel<Activation::kRelu>},
      {OpKind::RELU6, activationKernel<Activation::kRelu6>},
      {OpKind::RELU_N1_TO_1, activationKernel<Activation::kReluN1To1>},
      {OpKind::RELU_0_TO_1, activationKernel<Activation::kRelu0To1>},
      {OpKind::LOGISTIC, activationKernel<Activation::kLogistic>},
      {OpKind::TANH, activationKernel<Activation::kTanh>},
      {OpKind::HARD_SWISH, activationKernel<Activation::kHardSwish>},
      {OpKind::LEAKY_RELU, activationKernel<Activation::kLeakyRelu>}};
  int runs = 0;
  for (const auto &[kind, kernel] : ops)
    for (int variant = 0; variant < 6; ++variant) {
      const ir::Shape shape{choose.range(1, 3), choose.range(1, 70)};
      ir::Module module;
      testing::GraphBuilder builder(module);
      ir::Value &x = builder.input("x", ElementType::F32, shape);
      ir::Value &y = builder.value("y", ElementType::F32, shape);
      std::vector<ir::NamedAttr> attrs;
      if (kind == OpKind::LEAKY_RELU)
        attrs.push_back({"alpha", float(choose.uniform(0.01, 0.5))});
      builder.op(kind, {&x}, {&y}, attrs);
      builder.output(y);
      auto prepared = ir::ops::prepareActivation(*module.mainGraph().ops[0]);
      INFO(ir::opKindInfo(kind).name << " " << ir::formatShape(shape));
      REQUIRE(static_cast<bool>(prepared));
      const bool sigmoidal = kind == OpKind::LOGISTIC || kind == OpKind::TANH;
      const FloatRun run(
          testing::runReference(module, uint32_t(runs), scaledBy(sigmoidal ? 30.f : 4.f)));
      std::vector<float> result(run.output.size());
      kernel(prepared->params, run.input.data(), result.data());
      // The vector e^x is within 3e-7 of the output's range of libm's.
      CHECK(testing::compareOutputs(result, run.output, sigmoidal ? 3e-7 : 0) == "");
      ++runs;
    }
  CHECK(runs == 8 * 6);
}

TEST_CASE(LITEC_SIMD_NAME " pooling kernels match the reference kernels", "[pooling]") {
  testing::Choices choose(23);
  int runs = 0;
  for (bool isMax : {false, true})
    for (bool same : {true, false})
      for (int variant = 0; variant < 12; ++variant) {
        const int h = choose.range(1, 13), w = choose.range(1, 13), c = choose.range(1, 19);
        const int fh = choose.range(1, 5), fw = choose.range(1, 5);
        const int sh = choose.range(1, 3), sw = choose.range(1, 3);
        const int outH = same ? (h + sh - 1) / sh : (h - fh + sh) / sh;
        const int outW = same ? (w + sw - 1) / sw : (w - fw + sw) / sw;
        if (outH <= 0 || outW <= 0)
          continue;
        const int act = variant % 4;
        ir::Module module;
        testing::GraphBuilder builder(module);
        ir::Value &x = builder.input("x", ElementType::F32, {choose.range(1, 2), h, w, c});
        ir::Value &y = builder.value("y", ElementType::F32, {x.shape[0], outH, outW, c});
        builder.op(isMax ? OpKind::MAX_POOL_2D : OpKind::AVERAGE_POOL_2D, {&x}, {&y},
                   {{"padding", testing::padding(same)},
                    {"stride_h", int64_t(sh)},
                    {"stride_w", int64_t(sw)},
                    {"filter_height", int64_t(fh)},
                    {"filter_width", int64_t(fw)},
                    {"fused_activation_function", testing::activation(kActivations[act], act)}});
        builder.output(y);
        auto prepared = ir::ops::preparePooling(*module.mainGraph().ops[0]);
        INFO((isMax ? "max " : "average ")
             << h << "x" << w << "x" << c << " filter " << fh << "x" << fw << " stride " << sh
             << "x" << sw << (same ? " SAME " : " VALID ") << kActivations[act]);
        REQUIRE(static_cast<bool>(prepared));
        const FloatRun run(testing::runReference(module, uint32_t(runs)));
        std::vector<float> result(run.output.size());
        if (isMax)
          LITEC_SIMD::poolF32<true>(prepared->params, run.input.data(), result.data());
        else
          LITEC_SIMD::poolF32<false>(prepared->params, run.input.data(), result.data());
        CHECK(testing::compareOutputs(result, run.output) == ""); // the reference's bits
        ++runs;
      }
  CHECK(runs > 35);
}

TEST_CASE(LITEC_SIMD_NAME " bilinear resizing matches the reference kernel", "[resize]") {
  testing::Choices choose(24);
  int runs = 0;
  for (int corners = 0; corners < 3; ++corners) // neither, align_corners, half_pixel_centers
    for (int variant = 0; variant < 8; ++variant) {
      const bool align = corners == 1, half = corners == 2;
      const int inH = choose.range(1, 9), inW = choose.range(1, 9);
      const int outH = choose.range(1, 17), outW = choose.range(1, 17);
      const int depth = choose.range(1, 21);
      ir::Module module;
      testing::GraphBuilder builder(module);
      ir::Value &x = builder.input("x", ElementType::F32, {choose.range(1, 2), inH, inW, depth});
      ir::Value &size =
          builder.constant("size", ElementType::I32, {2}, std::vector<int32_t>{outH, outW});
      ir::Value &y = builder.value("y", ElementType::F32, {x.shape[0], outH, outW, depth});
      builder
          .op(OpKind::RESIZE_BILINEAR, {&x, &size}, {&y},
              {{"align_corners", align}, {"half_pixel_centers", half}})
          .version = 3;
      builder.output(y);
      auto prepared = ir::ops::prepareResize(*module.mainGraph().ops[0]);
      INFO(inH << "x" << inW << "x" << depth << " -> " << outH << "x" << outW
               << (align ? " align_corners" : "") << (half ? " half_pixel" : ""));
      REQUIRE(static_cast<bool>(prepared));
      const FloatRun run(testing::runReference(module, uint32_t(runs)));
      std::vector<float> result(run.output.size());
      LITEC_SIMD::resizeBilinearF32(prepared->params, run.input.data(), result.data());
      CHECK(testing::compareOutputs(result, run.output, 1e-6) == "");
      ++runs;
    }
  CHECK(runs == 24);
}

} // namespace simd_elementwise
