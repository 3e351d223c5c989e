// The optimising passes change no answer: random small graphs (convolutions, depthwise
// convolutions, additions, activations, HARD_SWISH, PRELU, PADs, pools and RESHAPEs in chains, with
// random shapes, paddings, strides, quantisations and extra readers) give the reference
// interpreter's outputs bit for bit with the default pipeline and at -O0.

#include "TemplateTest.h"
#include "litec/ir/passes/Pipeline.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

using namespace litec;
using ir::ElementType;
using ir::OpKind;

namespace {
constexpr const char *kActivations[] = {"NONE", "RELU", "RELU_N1_TO_1", "RELU6"};
constexpr OpKind kActivationOps[] = {OpKind::RELU, OpKind::RELU_N1_TO_1, OpKind::RELU6};

struct Builder {
  testing::Choices &choose;
  testing::GraphBuilder b;
  ElementType type;
  int names = 0;

  ir::Quantization quant() {
    return type == ElementType::F32 ? ir::Quantization{}
                                    : testing::activationQuantization(choose, type);
  }
  std::string name() { return "t" + std::to_string(names++); }

  // A CONV_2D or DEPTHWISE_CONV_2D of `x` with `outC` channels (depthwise: multiplier 1 or the
  // channels of x), kernel 1 or 3, stride 1 or 2, SAME or VALID, no activation.
  ir::Value &convolution(ir::Value &x, int64_t outC, bool depthwise, int kernel, int stride,
                         bool same) {
    const int64_t inC = x.shape[3];
    const ir::Shape filter =
        depthwise ? ir::Shape{1, kernel, kernel, outC} : ir::Shape{outC, kernel, kernel, inC};
    const bool quantized = type != ElementType::F32;
    const ElementType biasType = quantized ? ElementType::I32 : ElementType::F32;
    ir::Value &w = b.constant(
        name(), type, filter,
        testing::randomElements(choose, type, ir::elementCount(filter).value()),
        quantized ? testing::weightQuantization(choose, type, outC, depthwise ? 3 : 0, true)
                  : ir::Quantization{});
    ir::Value &bias =
        b.constant(name(), biasType, {outC}, testing::randomElements(choose, biasType, outC, 3000));
    auto size = [&](int64_t in) {
      return same ? (in + stride - 1) / stride : (in - kernel) / stride + 1;
    };
    ir::Value &y = b.value(name(), type, {1, size(x.shape[1]), size(x.shape[2]), outC}, quant());
    std::vector<ir::NamedAttr> attrs{{"padding", testing::padding(same)},
                                     {"stride_h", int64_t(stride)},
                                     {"stride_w", int64_t(stride)}};
    if (depthwise)
      attrs.push_back({"depth_multiplier", int64_t(outC / inC)});
    b.op(depthwise ? OpKind::DEPTHWISE_CONV_2D : OpKind::CONV_2D, {&x, &w, &bias}, {&y}, attrs);
    return y;
  }

  // Maybe an activation op after `x`: its result keeps x's quantisation two times in three (the
  // fusable case), else gets its own.
  ir::Value &maybeActivation(ir::Value &x) {
    const int which = choose.range(0, 3);
    if (which == 0)
      return x;
    ir::Value &y = b.value(name(), type, x.shape, choose.range(0, 2) ? x.quant : quant());
    b.op(kActivationOps[which - 1], {&x}, {&y});
    return y;
  }

  // An activation (as maybeActivation), a HARD_SWISH or a PRELU with one slope per channel or one
  // for all (fuse-epilogues), or nothing, after `x`.
  ir::Value &maybeEpilogue(ir::Value &x) {
    switch (choose.range(0, 3)) {
    case 0:
      return maybeActivation(x);
    case 1: {
      ir::Value &y = b.value(name(), type, x.shape, quant());
      b.op(OpKind::HARD_SWISH, {&x}, {&y});
      return y;
    }
    case 2: {
      const int64_t channels = choose.range(0, 3) ? x.shape[3] : 1;
      const ir::Shape shape = choose.range(0, 1) ? ir::Shape{channels} : ir::Shape{1, 1, channels};
      ir::Value &slopes =
          b.constant(name(), type, shape, testing::randomElements(choose, type, channels), quant());
      ir::Value &y = b.value(name(), type, x.shape, quant());
      b.op(OpKind::PRELU, {&x, &slopes}, {&y});
      return y;
    }
    default:
      return x;
    }
  }

  // Quantised, two times in three: a QUANTIZE of x to its own scale with the zero point moved
  // by up to 20 or kept (merge-requantize), or to another scale.
  ir::Value &maybeRequantize(ir::Value &x) {
    if (type == ElementType::F32 || choose.range(0, 2) == 0)
      return x;
    ir::Quantization q = x.quant;
    if (choose.range(0, 3) == 0)
      q.scales[0] *= float(choose.uniform(0.5, 2.0));
    else if (choose.range(0, 3) != 0) // else the same quantisation: a copy
      q.zeroPoints[0] = std::clamp<int64_t>(q.zeroPoints[0] + choose.range(-20, 20), -128, 127);
    ir::Value &y = b.value(name(), type, x.shape, q);
    b.op(OpKind::QUANTIZE, {&x}, {&y});
    return y;
  }

  // A PAD of x's height and width (top, bottom, left, right) with the data's zero (0.0 or the
  // zero point).
  ir::Value &pad(ir::Value &x, std::array<int32_t, 4> sides) {
    const std::vector<int32_t> sizes{0, 0, sides[0], sides[1], sides[2], sides[3], 0, 0};
    ir::Value &paddings = b.constant(name(), ElementType::I32, {4, 2}, sizes);
    ir::Value &y = b.value(name(), type,
                           {x.shape[0], x.shape[1] + sides[0] + sides[1],
                            x.shape[2] + sides[2] + sides[3], x.shape[3]},
                           x.quant);
    b.op(OpKind::PAD, {&x, &paddings}, {&y});
    return y;
  }
  // A PAD by 0 to 2 on each side one time in `odds`; x itself otherwise.
  ir::Value &maybePad(ir::Value &x, int odds) {
    if (choose.range(1, odds) != 1)
      return x;
    std::array<int32_t, 4> sides{};
    for (int32_t &side : sides)
      side = int32_t(choose.range(0, 2));
    return pad(x, sides);
  }

  // A MAX_POOL_2D or AVERAGE_POOL_2D of x, window 2 or 3 (at most x's size), stride 1 or 2,
  // SAME or VALID.
  ir::Value &pool(ir::Value &x) {
    const bool max = choose.range(0, 1), same = choose.range(0, 1);
    const int64_t filter = std::min<int64_t>({choose.range(2, 3), x.shape[1], x.shape[2]});
    const int64_t stride = choose.range(1, 2);
    auto size = [&](int64_t in) {
      return same ? (in + stride - 1) / stride : (in - filter) / stride + 1;
    };
    ir::Value &y =
        b.value(name(), type, {1, size(x.shape[1]), size(x.shape[2]), x.shape[3]}, x.quant);
    b.op(max ? OpKind::MAX_POOL_2D : OpKind::AVERAGE_POOL_2D, {&x}, {&y},
         {{"padding", testing::padding(same)},
          {"stride_h", stride},
          {"stride_w", stride},
          {"filter_height", filter},
          {"filter_width", filter},
          {"fused_activation_function", testing::activation("NONE", 0)}});
    return y;
  }

  ir::Value &add(ir::Value &lhs, ir::Value &rhs) {
    ir::Value &y = b.value(name(), type, lhs.shape, quant());
    const int fused = choose.range(0, 4) == 0 ? choose.range(1, 3) : 0;
    b.op(OpKind::ADD, {&lhs, &rhs}, {&y},
         {{"fused_activation_function", testing::activation(kActivations[fused], fused)}});
    return y;
  }
};

// One random graph, the same for the same seed.
void buildGraph(ir::Module &module, uint32_t seed, ElementType type) {
  testing::Choices choose(seed);
  Builder g{choose, testing::GraphBuilder(module), type};
  const int64_t h = choose.range(3, 9), w = choose.range(3, 9), c = choose.range(1, 5);
  ir::Value *input = &g.b.input("x", type, {1, h, w, c}, g.quant());
  if (type != ElementType::F32 && choose.range(0, 1)) {
    // A DEQUANTIZE and a QUANTIZE back to the same quantisation (cancel-inverse-pairs).
    ir::Value &f = g.b.value(g.name(), ElementType::F32, input->shape);
    g.b.op(OpKind::DEQUANTIZE, {input}, {&f});
    ir::Value &q = g.b.value(g.name(), type, input->shape, input->quant);
    g.b.op(OpKind::QUANTIZE, {&f}, {&q});
    input = &q;
  }
  // A PAD in front of the first convolution one time in two (fold-pads).
  ir::Value &x = g.maybePad(*input, 2);
  const int kernel = choose.range(0, 1) ? 3 : 1, stride = choose.range(1, 2);
  const bool same = choose.range(0, 1);
  const int64_t outC = choose.range(1, 6);
  ir::Value &a = g.convolution(x, outC, false, kernel, stride, same);
  ir::Value &a2 = g.maybeEpilogue(a);
  // The depthwise convolution keeps a2's size: SAME, or VALID after a PAD of one on each side.
  ir::Value &d = choose.range(0, 2) == 0
                     ? g.convolution(g.pad(a2, {1, 1, 1, 1}), outC, true, 3, 1, false)
                     : g.convolution(a2, outC, true, 3, 1, true);
  ir::Value &d2 = g.maybeActivation(d);
  ir::Value &s = g.add(a2, d2);
  ir::Value &s2 = g.maybeActivation(s);
  // A 1x1 convolution and an ADD of a residual: s2 itself, or s2 with zero channels appended by
  // a PAD when the convolution widens it.
  const int64_t wideC = outC + choose.range(0, 3);
  ir::Value &r = g.convolution(s2, wideC, false, 1, 1, false);
  ir::Value *residual = &s2;
  if (wideC > outC) {
    ir::Value &paddings =
        g.b.constant(g.name(), ElementType::I32, {4, 2},
                     std::vector<int32_t>{0, 0, 0, 0, 0, 0, 0, int32_t(wideC - outC)});
    residual = &g.b.value(g.name(), type, r.shape, s2.quant);
    g.b.op(OpKind::PAD, {&s2, &paddings}, {residual});
  }
  ir::Value &t = choose.range(0, 1) ? g.add(*residual, r) : g.add(r, *residual);
  ir::Value &t2 = g.maybeActivation(g.maybeRequantize(t));
  if (choose.range(0, 1)) {
    // Flattened and back by two RESHAPEs (collapse-reshapes), read by the graph.
    const int64_t count = ir::elementCount(t2.shape).value();
    ir::Value &flatShape =
        g.b.constant(g.name(), ElementType::I32, {1}, std::vector<int32_t>{int32_t(count)});
    ir::Value &flat = g.b.value(g.name(), type, {count}, t2.quant);
    g.b.op(OpKind::RESHAPE, {&t2, &flatShape}, {&flat});
    std::vector<int32_t> dims(t2.shape.begin(), t2.shape.end());
    ir::Value &backShape = g.b.constant(g.name(), ElementType::I32, {4}, dims);
    ir::Value &back = g.b.value(g.name(), type, t2.shape, t2.quant);
    g.b.op(OpKind::RESHAPE, {&flat, &backShape}, {&back});
    g.b.output(back);
  } else {
    g.b.output(t2);
  }
  // A pool of a padded intermediate result (the padding folds where the padded zeros cannot
  // change the pool's answer).
  if (choose.range(0, 1))
    g.b.output(g.pool(g.maybePad(a2, 1)));
  // Another reader of an intermediate result: the graph itself, or a second activation.
  switch (choose.range(0, 3)) {
  case 0:
    g.b.output(a);
    break;
  case 1:
    g.b.output(g.maybeActivation(d));
    break;
  default:
    break;
  }
}
} // namespace

TEST_CASE("optimised graphs give the -O0 graph's outputs bit for bit", "[passes]") {
  int64_t fused = 0, residuals = 0, epilogues = 0, merged = 0, bypassed = 0, pads = 0, reshapes = 0;
  int cases = 0;
  for (ElementType type : {ElementType::F32, ElementType::I8})
    for (uint32_t seed = 1; seed <= 150; ++seed) {
      ir::Module plain, optimised;
      buildGraph(plain, seed, type);
      buildGraph(optimised, seed, type);
      auto pipeline = ir::buildPipeline({});
      REQUIRE(static_cast<bool>(pipeline));
      INFO(ir::elementTypeName(type) << " seed " << seed);
      if (auto error = pipeline->run(optimised))
        FAIL(llvm::toString(std::move(error)));
      fused += pipeline->statistics().get("fuse-activations", "fused");
      residuals += pipeline->statistics().get("fuse-residual-add", "fused");
      epilogues += pipeline->statistics().get("fuse-epilogues", "fused");
      merged += pipeline->statistics().get("merge-requantize", "merged");
      bypassed += pipeline->statistics().get("cancel-inverse-pairs", "bypassed");
      pads += pipeline->statistics().get("fold-pads", "folded");
      reshapes += pipeline->statistics().get("collapse-reshapes", "collapsed");
      const testing::ReferenceRun expected = testing::runReference(plain, seed);
      const testing::ReferenceRun actual = testing::runReference(optimised, seed);
      REQUIRE(actual.outputs.size() == expected.outputs.size());
      for (size_t k = 0; k < expected.outputs.size(); ++k)
        CHECK(actual.outputs[k] == expected.outputs[k]);
      ++cases;
    }
  // The graphs are built to offer the passes work: most of them must have taken some.
  CHECK(fused > cases / 2);
  CHECK(residuals > cases / 4);
  CHECK(epilogues > cases / 8); // one graph in two offers one
  CHECK(merged > cases / 20);   // int8 graphs whose ADD's clamps a zero point move keeps
  CHECK(bypassed > cases / 8);  // int8 graphs, one in two
  CHECK(pads > cases / 2);
  CHECK(reshapes > cases / 4); // one graph in two
}

namespace {
// A float constant of `count` values in [0.5, 2) or [-1, 1), as bytes.
ir::Value &affineConstant(testing::GraphBuilder &b, testing::Choices &choose, const char *name,
                          int64_t count, bool scale) {
  std::vector<float> values(static_cast<size_t>(count));
  for (float &v : values)
    v = scale ? 0.5f + 1.5f * float(choose.range(0, 1000)) / 1000.f
              : float(choose.range(-1000, 1000)) / 1000.f;
  return b.constant(name, ElementType::F32, {count}, values);
}

// A CONV_2D, DEPTHWISE_CONV_2D or FULLY_CONNECTED, then a MUL and an ADD by constants (scalar
// or per channel, either operand order), the ADD with a random activation.
void buildAffineGraph(ir::Module &module, uint32_t seed) {
  testing::Choices choose(seed);
  Builder g{choose, testing::GraphBuilder(module), ElementType::F32};
  const int kind = choose.range(0, 2);
  const int64_t c = choose.range(1, 6);
  ir::Value *y = nullptr;
  if (kind < 2) {
    ir::Value &x = g.b.input("x", ElementType::F32,
                             {1, choose.range(3, 7), choose.range(3, 7), kind == 1 ? c : 3});
    y = &g.convolution(x, c, kind == 1, choose.range(0, 1) ? 3 : 1, choose.range(1, 2),
                       choose.range(0, 1));
  } else {
    const int64_t depth = choose.range(1, 9);
    ir::Value &x = g.b.input("x", ElementType::F32, {2, depth});
    ir::Value &w = g.b.constant("w", ElementType::F32, {c, depth},
                                testing::randomElements(choose, ElementType::F32, c * depth));
    ir::Value &bias = g.b.constant("b", ElementType::F32, {c},
                                   testing::randomElements(choose, ElementType::F32, c));
    y = &g.b.value("fc", ElementType::F32, {2, c});
    g.b.op(OpKind::FULLY_CONNECTED, {&x, &w, &bias}, {y},
           {{"fused_activation_function", testing::activation("NONE", 0)}});
  }
  ir::Value &s = affineConstant(g.b, choose, "s", choose.range(0, 1) ? c : 1, true);
  ir::Value &scaled = g.b.value("scaled", ElementType::F32, y->shape);
  g.b.op(OpKind::MUL, {y, &s}, {&scaled},
         {{"fused_activation_function", testing::activation("NONE", 0)}});
  ir::Value &d = affineConstant(g.b, choose, "d", choose.range(0, 1) ? c : 1, false);
  ir::Value &shifted = g.b.value("shifted", ElementType::F32, y->shape);
  const int act = choose.range(0, 3);
  g.b.op(OpKind::ADD,
         choose.range(0, 1) ? std::vector<ir::Value *>{&scaled, &d}
                            : std::vector<ir::Value *>{&d, &scaled},
         {&shifted}, {{"fused_activation_function", testing::activation(kActivations[act], act)}});
  g.b.output(shifted);
}
} // namespace

TEST_CASE("affine folding stays within float rounding", "[passes]") {
  int64_t folded = 0;
  double worst = 0;
  for (uint32_t seed = 1; seed <= 100; ++seed) {
    ir::Module plain, optimised;
    buildAffineGraph(plain, seed);
    buildAffineGraph(optimised, seed);
    auto pipeline = ir::buildPipeline({});
    REQUIRE(static_cast<bool>(pipeline));
    INFO("seed " << seed);
    if (auto error = pipeline->run(optimised))
      FAIL(llvm::toString(std::move(error)));
    folded += pipeline->statistics().get("fold-affine", "folded");
    const auto expected = testing::elementsOf<float>(testing::runReference(plain, seed).outputs[0]);
    const auto actual =
        testing::elementsOf<float>(testing::runReference(optimised, seed).outputs[0]);
    CHECK(testing::compareOutputs(actual, expected, 1e-5) == "");
    float lo = expected[0], hi = expected[0];
    for (float v : expected) {
      lo = std::min(lo, v);
      hi = std::max(hi, v);
    }
    for (size_t i = 0; i < expected.size(); ++i)
      worst = std::max(worst, std::abs(double(actual[i]) - expected[i]) /
                                  (hi > lo ? double(hi - lo) : 1.0));
  }
  CHECK(folded == 200); // every MUL and every ADD
  // The measured difference, for the README (ctest -V shows it).
  std::printf("fold-affine: largest difference %.3g of the output range over 100 graphs\n", worst);
}

// A DEPTHWISE_CONV_2D of a one-channel input (depth multiplier 1 to 9, windows up to 6 x 5,
// strides, dilation, SAME or VALID, an activation), float or int8 with per-channel weights.
void buildOneChannelDepthwise(ir::Module &module, uint32_t seed, ElementType type) {
  testing::Choices choose(seed);
  Builder g{choose, testing::GraphBuilder(module), type};
  const bool quantized = type != ElementType::F32;
  const int64_t m = choose.range(1, 9), kh = choose.range(1, 6), kw = choose.range(1, 5);
  const int stride = choose.range(1, 2), dilation = choose.range(1, 2);
  const bool same = choose.range(0, 1);
  const int64_t inH = kh * dilation + choose.range(0, 6), inW = kw * dilation + choose.range(0, 6);
  ir::Value &x = g.b.input("x", type, {1, inH, inW, 1}, g.quant());
  const ir::Shape filter{1, kh, kw, m};
  ir::Value &w = g.b.constant(
      "w", type, filter, testing::randomElements(choose, type, ir::elementCount(filter).value()),
      quantized ? testing::weightQuantization(choose, type, m, 3, true) : ir::Quantization{});
  const ElementType biasType = quantized ? ElementType::I32 : ElementType::F32;
  ir::Value &bias =
      g.b.constant("b", biasType, {m}, testing::randomElements(choose, biasType, m, 3000));
  auto size = [&](int64_t in, int64_t k) {
    const int64_t effective = (k - 1) * dilation + 1;
    return same ? (in + stride - 1) / stride : (in - effective + stride) / stride;
  };
  ir::Value &y = g.b.value("y", type, {1, size(inH, kh), size(inW, kw), m}, g.quant());
  const int act = choose.range(0, 3);
  g.b.op(OpKind::DEPTHWISE_CONV_2D, {&x, &w, &bias}, {&y},
         {{"padding", testing::padding(same)},
          {"stride_h", int64_t(stride)},
          {"stride_w", int64_t(stride)},
          {"dilation_h_factor", int64_t(dilation)},
          {"dilation_w_factor", int64_t(dilation)},
          {"depth_multiplier", m},
          {"fused_activation_function", testing::activation(kActivations[act], act)}})
      .version = quantized ? 3 : 2;
  g.b.output(y);
}

TEST_CASE("a depthwise convolution of one channel is its CONV_2D bit for bit", "[passes]") {
  for (ElementType type : {ElementType::F32, ElementType::I8}) {
    int64_t converted = 0;
    for (uint32_t seed = 1; seed <= 40; ++seed) {
      ir::Module plain, optimised;
      buildOneChannelDepthwise(plain, seed, type);
      buildOneChannelDepthwise(optimised, seed, type);
      auto pipeline = ir::buildPassList({"depthwise-as-convolution"});
      REQUIRE(static_cast<bool>(pipeline));
      INFO(ir::elementTypeName(type) << " seed " << seed);
      if (auto error = pipeline->run(optimised))
        FAIL(llvm::toString(std::move(error)));
      converted += pipeline->statistics().get("depthwise-as-convolution", "converted");
      CHECK(optimised.mainGraph().ops[0]->kind == OpKind::CONV_2D);
      CHECK(testing::runReference(optimised, seed).outputs[0] ==
            testing::runReference(plain, seed).outputs[0]);
    }
    CHECK(converted == 40);
  }
}
