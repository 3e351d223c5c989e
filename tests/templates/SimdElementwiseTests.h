// The kernels beyond convolution that every SIMD target has against the reference kernels,
// written once for all of them: a target's test file defines LITEC_SIMD (its kernels' namespace,
// e.g. neon) and LITEC_SIMD_NAME (a string for the test names), includes its Activations.h,
// Binary.h, Pad.h, Pooling.h, Quantization.h, Reduce.h, Resize.h, Softmax.h and
// TransposeConvolution.h, then this.
//   Binary ops meet every broadcast the collapsed walk can (innermost runs from 1 to 40
// elements, each operand contiguous or repeated); every activation (LOGISTIC and TANH over
// [-60, 60), where the vector e^x meets its clamps); average and max pools (bit-exact); bilinear
// resizing with TFLite's three sample mappings; reductions over neighbouring axes (bit-exact);
// PAD and PADV2 of 1- to 8-byte elements (rows long enough for the vector fills); SOFTMAX (rows
// of 1 to 1100, beta 0.1 to 3); QUANTIZE and DEQUANTIZE between float and int8/uint8 (bit-exact,
// ties, saturation and NaN included); transposed convolutions (both op forms, strides 1 to 3,
// 1 to 9 channels on either side).
// Not #pragma once: each target's test file includes it once, with its own macros.

#include "ConvolutionCases.h"
#include "TemplateTest.h"
#include "litec/ir/ops/Activations.h"
#include "litec/ir/ops/Binary.h"
#include "litec/ir/ops/Pad.h"
#include "litec/ir/ops/Pooling.h"
#include "litec/ir/ops/Quantization.h"
#include "litec/ir/ops/Reduce.h"
#include "litec/ir/ops/Resize.h"
#include "litec/ir/ops/Softmax.h"
#include "litec/ir/ops/TransposeConvolution.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>
#include <limits>

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

// A binary op's result shape (1 to 4 dimensions, the last up to `maxInner` long) and its two
// operands' shapes: each operand keeps a dimension or drops it to 1, one of them keeping each so
// that the two broadcast to the result; with `lowerRank`, the second operand also leaves out the
// leading dimension where the first keeps it.
struct BroadcastShapes {
  ir::Shape out, a, b;
};
inline BroadcastShapes broadcastShapes(testing::Choices &choose, int maxInner, bool lowerRank) {
  const int rank = choose.range(1, 4);
  BroadcastShapes s;
  for (int d = 0; d < rank; ++d)
    s.out.push_back(d == rank - 1 ? choose.range(1, maxInner) : choose.range(1, 5));
  for (int d = 0; d < rank; ++d) {
    const int form = choose.range(0, 2); // 0: both keep it, 1: a repeats, 2: b repeats
    s.a.push_back(form == 1 ? 1 : s.out[size_t(d)]);
    s.b.push_back(form == 2 ? 1 : s.out[size_t(d)]);
  }
  if (lowerRank && s.a[0] == s.out[0])
    s.b.erase(s.b.begin());
  return s;
}

template <runtime::BinaryOp Op, int AStep, int BStep>
void binaryKernel(const ir::ops::BinaryParams &p, const float *a, const float *b, float *out,
                  runtime::Part part) {
  LITEC_SIMD::binaryF32<Op, AStep, BStep>(p, a, b, out, part);
}
template <runtime::BinaryOp Op>
void runBinary(const ir::ops::BinaryParams &p, const float *a, const float *b, float *out,
               runtime::Part part) {
  const int steps = p.aStrides.back() * 2 + p.bStrides.back();
  constexpr void (*kKernels[])(const ir::ops::BinaryParams &, const float *, const float *, float *,
                               runtime::Part) = {binaryKernel<Op, 0, 0>, binaryKernel<Op, 0, 1>,
                                                 binaryKernel<Op, 1, 0>, binaryKernel<Op, 1, 1>};
  kKernels[steps](p, a, b, out, part);
}

template <runtime::Activation Op>
void activationKernel(const ir::ops::ActivationParams &p, const float *in, float *out) {
  LITEC_SIMD::activationF32<Op>(p, in, out);
}

TEST_CASE(LITEC_SIMD_NAME " binary kernels match the reference kernels", "[binary]") {
  testing::Choices choose(21);
  using runtime::BinaryOp;
  using Kernel =
      void (*)(const ir::ops::BinaryParams &, const float *, const float *, float *, runtime::Part);
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
      const BroadcastShapes shapes = broadcastShapes(choose, 40, variant % 4 == 3);
      const ir::Shape &out = shapes.out, &a = shapes.a, &b = shapes.b;
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
      // Split as invoke() splits a layer across workers: each part writes its own elements.
      const int parts = testing::convolution::kPartCounts[runs % 4];
      INFO(parts << " parts");
      testing::convolution::runInParts(parts, [&](runtime::Part part) {
        kernel(p, first.data(), second.data(), result.data(), part);
      });
      CHECK(testing::compareOutputs(result, testing::elementsOf<float>(run.outputs[0]), 1e-6) ==
            "");
      ++runs;
    }
  CHECK(runs == 8 * 16);
  CHECK(repeated > 10); // the repeated-operand runs were met
}

template <bool Subtract, int AStep, int BStep>
void addInt8Kernel(const ir::ops::BinaryParams &p, const int8_t *a, const int8_t *b, int8_t *out,
                   runtime::Part part) {
  LITEC_SIMD::addInt8<Subtract, AStep, BStep>(p, a, b, out, part);
}
template <bool Subtract>
void runAddInt8(const ir::ops::BinaryParams &p, const int8_t *a, const int8_t *b, int8_t *out,
                runtime::Part part) {
  const int steps = p.aStrides.back() * 2 + p.bStrides.back();
  constexpr void (*kKernels[])(const ir::ops::BinaryParams &, const int8_t *, const int8_t *,
                               int8_t *, runtime::Part) = {
      addInt8Kernel<Subtract, 0, 0>, addInt8Kernel<Subtract, 0, 1>, addInt8Kernel<Subtract, 1, 0>,
      addInt8Kernel<Subtract, 1, 1>};
  kKernels[steps](p, a, b, out, part);
}

TEST_CASE(LITEC_SIMD_NAME " int8 ADD and SUB are bit-exact with the reference kernels",
          "[binary]") {
  testing::Choices choose(26);
  int runs = 0, repeated = 0;
  for (const OpKind kind : {OpKind::ADD, OpKind::SUB})
    for (int variant = 0; variant < 24; ++variant) {
      const BroadcastShapes shapes = broadcastShapes(choose, 70, variant % 4 == 3);
      const ir::Shape &out = shapes.out, &a = shapes.a, &b = shapes.b;
      const int activation = variant % 4;
      ir::Module module;
      testing::GraphBuilder builder(module);
      ir::Value &x = builder.input("a", ElementType::I8, a,
                                   testing::activationQuantization(choose, ElementType::I8));
      ir::Value &y = builder.input("b", ElementType::I8, b,
                                   testing::activationQuantization(choose, ElementType::I8));
      ir::Value &z = builder.value("out", ElementType::I8, out,
                                   testing::activationQuantization(choose, ElementType::I8));
      builder.op(kind, {&x, &y}, {&z},
                 {{"fused_activation_function",
                   testing::activation(kActivations[activation], activation)}});
      builder.output(z);
      auto prepared = ir::ops::prepareBinary(*module.mainGraph().ops[0]);
      INFO(ir::opKindInfo(kind).name << " " << ir::formatShape(a) << " by " << ir::formatShape(b)
                                     << " " << kActivations[activation] << " "
                                     << (prepared ? "" : llvm::toString(prepared.takeError())));
      REQUIRE(static_cast<bool>(prepared));
      REQUIRE(prepared->kind == ir::ops::BinaryKind::QuantizedAdd);
      const ir::ops::BinaryParams &p = prepared->params;
      REQUIRE((p.aStrides.back() <= 1 && p.bStrides.back() <= 1));
      repeated += p.aStrides.back() == 0 || p.bStrides.back() == 0;
      const testing::ReferenceRun run = testing::runReference(module, uint32_t(runs));
      std::vector<int8_t> result(size_t(p.count));
      const int parts = testing::convolution::kPartCounts[runs % 4];
      INFO(parts << " parts");
      testing::convolution::runInParts(parts, [&](runtime::Part part) {
        const auto *first = reinterpret_cast<const int8_t *>(run.inputs[0].data());
        const auto *second = reinterpret_cast<const int8_t *>(run.inputs[1].data());
        if (kind == OpKind::SUB)
          runAddInt8<true>(p, first, second, result.data(), part);
        else
          runAddInt8<false>(p, first, second, result.data(), part);
      });
      CHECK(testing::compareOutputs(result, testing::elementsOf<int8_t>(run.outputs[0])) == "");
      ++runs;
    }
  CHECK(runs == 2 * 24);
  CHECK(repeated > 10);
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
        const int parts = testing::convolution::kPartCounts[runs % 4];
        INFO(parts << " parts");
        testing::convolution::runInParts(parts, [&](runtime::Part part) {
          if (isMax)
            LITEC_SIMD::poolF32<true>(prepared->params, run.input.data(), result.data(), part);
          else
            LITEC_SIMD::poolF32<false>(prepared->params, run.input.data(), result.data(), part);
        });
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
      const int parts = testing::convolution::kPartCounts[runs % 4];
      INFO(parts << " parts");
      testing::convolution::runInParts(parts, [&](runtime::Part part) {
        LITEC_SIMD::resizeBilinearF32(prepared->params, run.input.data(), result.data(), part);
      });
      CHECK(testing::compareOutputs(result, run.output, 1e-6) == "");
      ++runs;
    }
  CHECK(runs == 24);
}

TEST_CASE(LITEC_SIMD_NAME " transposed convolutions match the reference kernel",
          "[transpose-convolution]") {
  testing::Choices choose(25);
  int runs = 0;
  for (const bool custom : {false, true})
    for (int variant = 0; variant < 16; ++variant) {
      const bool same = variant % 2, hasBias = custom || variant % 3 != 2;
      const int strideH = choose.range(1, 3), strideW = choose.range(1, 3);
      const int64_t filterH = choose.range(1, 4), filterW = choose.range(1, 5);
      const int64_t inH = choose.range(1, 6), inW = choose.range(1, 6);
      auto outputSize = [&](int64_t in, int64_t filter, int stride) {
        const int64_t first = same ? (in - 1) * stride + 1 : (in - 1) * stride + filter;
        return first + choose.range(0, stride - 1);
      };
      const int64_t batches = choose.range(1, 2), inC = choose.range(1, 9),
                    outC = choose.range(1, 9);
      const ir::Shape in{batches, inH, inW, inC}, w{outC, filterH, filterW, inC};
      const ir::Shape out{batches, outputSize(inH, filterH, strideH),
                          outputSize(inW, filterW, strideW), outC};
      ir::Module module;
      testing::GraphBuilder builder(module);
      ir::Value &x = builder.input("x", ElementType::F32, in);
      ir::Value &weights = builder.constant(
          "w", ElementType::F32, w,
          testing::randomElements(choose, ElementType::F32, ir::elementCount(w).value_or(0)));
      ir::Value *bias = nullptr;
      if (hasBias)
        bias = &builder.constant("bias", ElementType::F32, {outC},
                                 testing::randomElements(choose, ElementType::F32, outC));
      ir::Value &y = builder.value("y", ElementType::F32, out);
      const int activation = custom ? 0 : variant % 4;
      if (custom) {
        ir::Op &op = builder.op(OpKind::CUSTOM, {&x, &weights, bias}, {&y});
        op.customCode = "Convolution2DTransposeBias";
        const int32_t options[3] = {same ? 1 : 2, strideW, strideH};
        op.customOptions.resize(sizeof options);
        std::memcpy(op.customOptions.data(), options, sizeof options);
      } else {
        const std::vector<int32_t> shape(out.begin(), out.end());
        ir::Value &outputShape = builder.constant("shape", ElementType::I32, {4}, shape);
        std::vector<ir::Value *> operands{&outputShape, &weights, &x};
        if (bias)
          operands.push_back(bias);
        builder.op(OpKind::TRANSPOSE_CONV, operands, {&y},
                   {{"padding", testing::padding(same)},
                    {"stride_h", int32_t(strideH)},
                    {"stride_w", int32_t(strideW)},
                    {"fused_activation_function",
                     testing::activation(kActivations[activation], activation)}});
      }
      builder.output(y);
      const ir::Op &op = *module.mainGraph().ops[0];
      auto prepared = ir::ops::prepareTransposeConvolution(op);
      INFO((custom ? "Convolution2DTransposeBias " : "TRANSPOSE_CONV ")
           << "in " << ir::formatShape(in) << " weights " << ir::formatShape(w) << " out "
           << ir::formatShape(out) << " variant " << variant);
      REQUIRE(static_cast<bool>(prepared));
      const testing::ReferenceRun run = testing::runReference(module, uint32_t(runs));
      const std::vector<float> input = testing::elementsOf<float>(run.inputs[0]);
      const std::vector<float> filter =
          testing::elementsOf<float>(testing::constantBytes(op, prepared->operands.weights));
      const std::vector<float> biasData =
          hasBias ? testing::elementsOf<float>(testing::constantBytes(op, prepared->operands.bias))
                  : std::vector<float>();
      std::vector<float> result(size_t(prepared->params.outCount));
      LITEC_SIMD::transposeConvolutionF32(prepared->params, input.data(), filter.data(),
                                          hasBias ? biasData.data() : nullptr, result.data());
      CHECK(testing::compareOutputs(result, testing::elementsOf<float>(run.outputs[0]), 1e-6) ==
            "");
      ++runs;
    }
  CHECK(runs == 32);
}

TEST_CASE(LITEC_SIMD_NAME " reductions match the reference kernels", "[reduce]") {
  testing::Choices choose(26);
  using LITEC_SIMD::ReduceOp;
  const std::pair<OpKind, ReduceOp> ops[] = {{OpKind::MEAN, ReduceOp::kMean},
                                             {OpKind::SUM, ReduceOp::kSum},
                                             {OpKind::REDUCE_MAX, ReduceOp::kMax},
                                             {OpKind::REDUCE_MIN, ReduceOp::kMin}};
  int runs = 0, refused = 0;
  for (const auto &[kind, reduction] : ops)
    for (int variant = 0; variant < 12; ++variant) {
      // Rank 1 to 4; the reduced axes a run [first, last] or, every fourth variant, the two
      // ends (not neighbours when a kept dimension between them is above 1).
      const int rank = choose.range(1, 4);
      ir::Shape in;
      for (int d = 0; d < rank; ++d)
        in.push_back(d == rank - 1 ? choose.range(1, 37) : choose.range(1, 6));
      std::vector<int32_t> axes;
      if (variant % 4 == 3 && rank > 2) {
        axes = {0, rank - 1};
      } else {
        const int first = choose.range(0, rank - 1), last = choose.range(first, rank - 1);
        for (int d = first; d <= last; ++d)
          axes.push_back(d);
      }
      ir::Shape out = in;
      for (int32_t axis : axes)
        out[size_t(axis)] = 1;
      ir::Module module;
      testing::GraphBuilder builder(module);
      ir::Value &x = builder.input("x", ElementType::F32, in);
      ir::Value &a = builder.constant("axes", ElementType::I32, {int64_t(axes.size())}, axes);
      ir::Value &y = builder.value("y", ElementType::F32, out);
      builder.op(kind, {&x, &a}, {&y}, {{"keep_dims", true}});
      builder.output(y);
      auto prepared = ir::ops::prepareReduce(*module.mainGraph().ops[0]);
      INFO(ir::opKindInfo(kind).name << " " << ir::formatShape(in) << " variant " << variant);
      REQUIRE(static_cast<bool>(prepared));
      const std::optional<ir::ops::ReducedRun> run = ir::ops::reducedRun(prepared->params);
      if (!run) {
        ++refused;
        continue;
      }
      const FloatRun reference(testing::runReference(module, uint32_t(runs)));
      std::vector<float> result(reference.output.size());
      auto kernel = reduction == ReduceOp::kMean  ? LITEC_SIMD::reduceF32<ReduceOp::kMean>
                    : reduction == ReduceOp::kSum ? LITEC_SIMD::reduceF32<ReduceOp::kSum>
                    : reduction == ReduceOp::kMax ? LITEC_SIMD::reduceF32<ReduceOp::kMax>
                                                  : LITEC_SIMD::reduceF32<ReduceOp::kMin>;
      kernel(int(run->outer), int(run->reduced), int(run->inner), reference.input.data(),
             result.data());
      CHECK(testing::compareOutputs(result, reference.output) == ""); // the reference's bits
      ++runs;
    }
  CHECK(runs > 40);
  CHECK(runs + refused == 4 * 12);
}

TEST_CASE(LITEC_SIMD_NAME " quantisation kernels are bit-exact with the reference kernels",
          "[quantization]") {
  testing::Choices choose(31);
  int runs = 0;
  for (ElementType type : {ElementType::I8, ElementType::U8})
    for (bool quantize : {true, false})
      for (int variant = 0; variant < 8; ++variant) {
        const ir::Shape shape{choose.range(1, 3), choose.range(1, 45)};
        const ir::Quantization q = testing::activationQuantization(choose, type);
        ir::Module module;
        testing::GraphBuilder builder(module);
        ir::Value &x = quantize ? builder.input("x", ElementType::F32, shape)
                                : builder.input("x", type, shape, q);
        ir::Value &y = quantize ? builder.value("y", type, shape, q)
                                : builder.value("y", ElementType::F32, shape);
        builder.op(quantize ? OpKind::QUANTIZE : OpKind::DEQUANTIZE, {&x}, {&y}, {});
        builder.output(y);
        auto prepared = ir::ops::prepareQuantization(*module.mainGraph().ops[0]);
        INFO((quantize ? "QUANTIZE to " : "DEQUANTIZE from ")
             << ir::elementTypeName(type) << " " << ir::formatShape(shape));
        REQUIRE(static_cast<bool>(prepared));
        const float scale = q.scales[0];
        // Float inputs over twice the type's range, every fifth an exact tie (k + 1/2) x scale,
        // and a NaN and infinities among them.
        const testing::InputAdjustment adjust = [&](size_t, std::span<uint8_t> bytes) {
          if (!quantize)
            return;
          for (size_t k = 0; k + 4 <= bytes.size(); k += 4) {
            float v;
            std::memcpy(&v, bytes.data() + k, 4);
            v *= 128.f * scale;
            if (k / 4 % 5 == 1)
              v = (std::floor(v / scale) + 0.5f) * scale;
            if (k / 4 == 7)
              v = std::numeric_limits<float>::quiet_NaN();
            if (k / 4 == 9 || k / 4 == 11)
              v = (k / 4 == 9 ? 1.f : -1.f) * std::numeric_limits<float>::infinity();
            std::memcpy(bytes.data() + k, &v, 4);
          }
        };
        const testing::ReferenceRun run = testing::runReference(module, uint32_t(runs), adjust);
        std::vector<uint8_t> result(run.outputs[0].size());
        const ir::ops::QuantizationParams &p = prepared->params;
        const auto *in = run.inputs[0].data();
        if (quantize && type == ElementType::I8)
          LITEC_SIMD::quantizeF32(p, reinterpret_cast<const float *>(in),
                                  reinterpret_cast<int8_t *>(result.data()));
        else if (quantize)
          LITEC_SIMD::quantizeF32(p, reinterpret_cast<const float *>(in), result.data());
        else if (type == ElementType::I8)
          LITEC_SIMD::dequantizeF32(p, reinterpret_cast<const int8_t *>(in),
                                    reinterpret_cast<float *>(result.data()));
        else
          LITEC_SIMD::dequantizeF32(p, in, reinterpret_cast<float *>(result.data()));
        CHECK(result == run.outputs[0]);
        ++runs;
      }
  CHECK(runs == 32);
}

TEST_CASE(LITEC_SIMD_NAME " softmax matches the reference kernel", "[softmax]") {
  testing::Choices choose(37);
  int runs = 0;
  for (int variant = 0; variant < 24; ++variant) {
    const int64_t depth = variant % 6 == 5 ? choose.range(900, 1100) : choose.range(1, 40);
    const ir::Shape shape{choose.range(1, 4), depth};
    ir::Module module;
    testing::GraphBuilder builder(module);
    ir::Value &x = builder.input("x", ElementType::F32, shape);
    ir::Value &y = builder.value("y", ElementType::F32, shape);
    builder.op(OpKind::SOFTMAX, {&x}, {&y}, {{"beta", float(choose.uniform(0.1, 3))}});
    builder.output(y);
    auto prepared = ir::ops::prepareSoftmax(*module.mainGraph().ops[0]);
    INFO(ir::formatShape(shape));
    REQUIRE(static_cast<bool>(prepared));
    // Inputs over [-40, 40): differences whose e^x reach far below the maximum's.
    const FloatRun run(testing::runReference(module, uint32_t(runs), scaledBy(20.f)));
    std::vector<float> result(run.output.size());
    LITEC_SIMD::softmaxF32(prepared->params, run.input.data(), result.data());
    // The vector e^x and the sum in four lanes: within 1e-6 of the output's range.
    CHECK(testing::compareOutputs(result, run.output, 1e-6) == "");
    ++runs;
  }
  CHECK(runs == 24);
}

TEST_CASE(LITEC_SIMD_NAME " pad matches the reference kernel", "[pad]") {
  testing::Choices choose(43);
  int cases = 0;
  for (ElementType type : {ElementType::F32, ElementType::I8, ElementType::I16, ElementType::I64})
    for (int rank = 0; rank <= 4; ++rank)
      for (bool v2 : {false, true}) {
        ir::Module module;
        std::string name;
        testing::buildPad(choose, module, type, rank, v2, 40, 20, name);
        auto prepared = ir::ops::preparePad(*module.mainGraph().ops[0]);
        REQUIRE(static_cast<bool>(prepared));
        const testing::ReferenceRun run = testing::runReference(module, uint32_t(cases));
        INFO(name);
        const std::string mismatch = testing::withElementType(type, [&](auto zero) {
          using T = decltype(zero);
          const std::vector<T> input = testing::elementsOf<T>(run.inputs[0]);
          std::vector<T> output(run.outputs[0].size() / sizeof(T));
          T value;
          std::memcpy(&value, prepared->padValue.data(), sizeof(T));
          LITEC_SIMD::pad<T>(prepared->params, input.data(), value, output.data());
          return testing::compareOutputs(output, testing::elementsOf<T>(run.outputs[0]));
        });
        CHECK(mismatch == "");
        ++cases;
      }
  CHECK(cases == 4 * 5 * 2);
}

} // namespace simd_elementwise
