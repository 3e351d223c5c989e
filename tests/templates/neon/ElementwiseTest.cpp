// The NEON kernels beyond convolution against the reference kernels, built on the host through
// SIMDe (LITEC_NEON_SIMDE): binary ops, activations, pools and bilinear resizing through the
// cases every SIMD target shares (../SimdElementwiseTests.h); here reductions over neighbouring
// axes, PAD and PADV2 of 1- to 8-byte elements (rows long enough for the 16-byte fills), SOFTMAX
// (rows of 1 to 1100, beta 0.1 to 3), QUANTIZE and DEQUANTIZE between float and int8/uint8
// (bit-exact, ties, saturation and NaN included), and transposed convolutions (both op forms,
// strides 1 to 3, 1 to 9 channels on either side). The same kernels run on ARM through generated
// code in the codegen.neon.elementwise test.

#include "neon/Activations.h"
#include "neon/Binary.h"
#include "neon/Pad.h"
#include "neon/Pooling.h"
#include "neon/Quantization.h"
#include "neon/Reduce.h"
#include "neon/Resize.h"
#include "neon/Softmax.h"
#include "neon/TransposeConvolution.h"

#define LITEC_SIMD neon
#define LITEC_SIMD_NAME "neon"
#include "../SimdElementwiseTests.h"

#include "../TemplateTest.h"
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

using namespace litec;
using ir::ElementType;
using ir::OpKind;

using simd_elementwise::FloatRun;
using simd_elementwise::kActivations;
using simd_elementwise::scaledBy;

TEST_CASE("neon transposed convolutions match the reference kernel",
          "[neon][transpose-convolution]") {
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
      neon::transposeConvolutionF32(prepared->params, input.data(), filter.data(),
                                    hasBias ? biasData.data() : nullptr, result.data());
      CHECK(testing::compareOutputs(result, testing::elementsOf<float>(run.outputs[0]), 1e-6) ==
            "");
      ++runs;
    }
  CHECK(runs == 32);
}

TEST_CASE("neon reductions match the reference kernels", "[neon][reduce]") {
  testing::Choices choose(26);
  using neon::ReduceOp;
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
      auto kernel = reduction == ReduceOp::kMean  ? neon::reduceF32<ReduceOp::kMean>
                    : reduction == ReduceOp::kSum ? neon::reduceF32<ReduceOp::kSum>
                    : reduction == ReduceOp::kMax ? neon::reduceF32<ReduceOp::kMax>
                                                  : neon::reduceF32<ReduceOp::kMin>;
      kernel(int(run->outer), int(run->reduced), int(run->inner), reference.input.data(),
             result.data());
      CHECK(testing::compareOutputs(result, reference.output) == ""); // the reference's bits
      ++runs;
    }
  CHECK(runs > 40);
  CHECK(runs + refused == 4 * 12);
}

TEST_CASE("neon quantisation kernels are bit-exact with the reference kernels",
          "[neon][quantization]") {
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
          neon::quantizeF32(p, reinterpret_cast<const float *>(in),
                            reinterpret_cast<int8_t *>(result.data()));
        else if (quantize)
          neon::quantizeF32(p, reinterpret_cast<const float *>(in), result.data());
        else if (type == ElementType::I8)
          neon::dequantizeF32(p, reinterpret_cast<const int8_t *>(in),
                              reinterpret_cast<float *>(result.data()));
        else
          neon::dequantizeF32(p, in, reinterpret_cast<float *>(result.data()));
        CHECK(result == run.outputs[0]);
        ++runs;
      }
  CHECK(runs == 32);
}

TEST_CASE("neon softmax matches the reference kernel", "[neon][softmax]") {
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
    neon::softmaxF32(prepared->params, run.input.data(), result.data());
    // The vector e^x and the sum in four lanes: within 1e-6 of the output's range.
    CHECK(testing::compareOutputs(result, run.output, 1e-6) == "");
    ++runs;
  }
  CHECK(runs == 24);
}

TEST_CASE("neon pad matches the reference kernel", "[neon][pad]") {
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
          neon::pad<T>(prepared->params, input.data(), value, output.data());
          return testing::compareOutputs(output, testing::elementsOf<T>(run.outputs[0]));
        });
        CHECK(mismatch == "");
        ++cases;
      }
  CHECK(cases == 4 * 5 * 2);
}
