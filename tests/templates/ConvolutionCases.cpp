#include "ConvolutionCases.h"

#include <catch2/catch.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace litec::testing::convolution {

using ir::ElementType;
using ir::OpKind;

std::string describe(const Case &c) {
  return fmt::format("{} in {}x{}x{}x{} filter {}x{} out channels {} strides {}x{} dilations {}x{} "
                     "{}{}, {}% zero weights",
                     ir::opKindInfo(c.kind).name, c.batches, c.inH, c.inW, c.inC, c.filterH,
                     c.filterW, c.outC, c.strideH, c.strideW, c.dilationH, c.dilationW,
                     c.same ? "SAME" : "VALID", c.hasBias ? ", bias" : "", int(c.zeros * 100));
}

std::unique_ptr<Run> runCase(const Case &c, Choices &choose, uint32_t seed) {
  const std::optional<ir::FusedConvolution> fusedKinds = ir::fusedConvolution(c.kind);
  const bool isFused = fusedKinds.has_value();
  const ir::FusedConvolution fused =
      fusedKinds.value_or(ir::FusedConvolution{c.kind, c.kind, c.kind});
  auto result = std::make_unique<Run>();
  Run &r = *result;
  r.depthwise = (isFused ? fused.convolution : c.kind) == OpKind::DEPTHWISE_CONV_2D;
  const ir::Shape in{c.batches, c.inH, c.inW, c.inC};
  const ir::Shape filter = r.depthwise ? ir::Shape{1, c.filterH, c.filterW, c.outC}
                                       : ir::Shape{c.outC, c.filterH, c.filterW, c.inC};
  const ir::Shape out{c.batches, outputSize(c.same, c.inH, c.filterH, c.strideH, c.dilationH),
                      outputSize(c.same, c.inW, c.filterW, c.strideW, c.dilationW), c.outC};
  GraphBuilder b(r.module);
  ir::Value &x = b.input("x", ElementType::F32, in);
  std::vector<uint8_t> weights =
      randomElements(choose, ElementType::F32, ir::elementCount(filter).value());
  for (size_t i = 0; i < weights.size(); i += sizeof(float))
    if (c.zeros > 0 && choose.range(0, 999) < int(c.zeros * 1000))
      std::fill_n(weights.begin() + std::ptrdiff_t(i), sizeof(float), uint8_t(0));
  ir::Value &w = b.constant("w", ElementType::F32, filter, std::move(weights));
  std::vector<ir::Value *> operands{&x, &w};
  if (c.hasBias || isFused)
    operands.push_back(&b.constant("bias", ElementType::F32, {c.outC},
                                   randomElements(choose, ElementType::F32, c.outC)));
  if (isFused && fused.epilogue == OpKind::ADD) {
    const int64_t channels = choose.range(0, 1) ? c.outC : choose.range(1, int(c.outC));
    operands.push_back(&b.input("r", ElementType::F32, {c.batches, out[1], out[2], channels}));
  } else if (isFused && fused.epilogue == OpKind::PRELU) {
    const int64_t slopes = choose.range(0, 1) ? c.outC : 1;
    operands.push_back(&b.constant("alpha", ElementType::F32, {slopes},
                                   randomElements(choose, ElementType::F32, slopes)));
  }
  ir::Value &y = b.value("y", ElementType::F32, out);
  std::vector<ir::NamedAttr> attrs{
      {"padding", padding(c.same)},
      {"stride_h", int32_t(c.strideH)},
      {"stride_w", int32_t(c.strideW)},
      {"dilation_h_factor", int32_t(c.dilationH)},
      {"dilation_w_factor", int32_t(c.dilationW)},
      {"fused_activation_function", activation(kActivations[c.activation], c.activation)}};
  if (r.depthwise)
    attrs.push_back({"depth_multiplier", int32_t(c.outC / c.inC)});
  ir::Op &op = b.op(c.kind, operands, {&y}, attrs);
  if (isFused)
    op.intermediates = {&b.value("conv", ElementType::F32, out)};
  b.output(y);
  r.op = &op;
  auto prepared = ir::ops::prepareConvolution(op);
  if (!prepared)
    FAIL(describe(c) << ": " << llvm::toString(prepared.takeError()));
  r.prepared = std::move(*prepared);
  const ReferenceRun run = runReference(r.module, seed);
  r.input = elementsOf<float>(run.inputs[0]);
  if (run.inputs.size() > 1)
    r.extra = elementsOf<float>(run.inputs[1]);
  else if (op.operands.size() > 3)
    r.extra = elementsOf<float>(constantBytes(op, 3));
  r.filter = elementsOf<float>(constantBytes(op, 1));
  r.bias = elementsOf<float>(constantBytes(op, 2));
  r.reference = elementsOf<float>(run.outputs[0]);
  const ir::ops::ConvolutionParams &p = r.prepared.params;
  r.pointwise = !r.depthwise && p.filterH == 1 && p.filterW == 1 && p.strideH == 1 &&
                p.strideW == 1 && p.padTop == 0 && p.padLeft == 0;
  return result;
}

std::vector<float> denseResult(const Run &run, int stride,
                               const std::function<void(float *)> &write) {
  const int outC = run.prepared.params.outC;
  const int64_t pixels = int64_t(run.reference.size()) / outC;
  std::vector<float> strided(size_t(pixels * stride), -7.f);
  write(strided.data());
  std::vector<float> dense(run.reference.size());
  for (int64_t pixel = 0; pixel < pixels; ++pixel) {
    for (int c = 0; c < outC; ++c)
      dense[size_t(pixel * outC + c)] = strided[size_t(pixel * stride + c)];
    for (int c = outC; c < stride; ++c)
      if (strided[size_t(pixel * stride + c)] != -7.f)
        dense[0] = 1e30f; // wrote past its channels: fails the comparison
  }
  return dense;
}

std::vector<Case> plainCases(Choices &choose) {
  std::vector<Case> cases;
  for (OpKind kind : {OpKind::CONV_2D, OpKind::DEPTHWISE_CONV_2D})
    for (int variant = 0; variant < 40; ++variant) {
      Case c{};
      c.kind = kind;
      c.same = variant % 2;
      c.strideH = choose.range(1, 3);
      c.strideW = variant % 5 == 0 ? c.strideH : choose.range(1, 3);
      c.dilationH = variant % 4 == 3 ? 2 : 1;
      c.dilationW = variant % 6 == 5 ? 2 : 1;
      c.activation = variant % 4;
      c.filterH = choose.range(1, kMaxFilter);
      c.filterW = variant % 3 == 0 ? c.filterH : choose.range(1, kMaxFilter);
      c.inH = (c.filterH - 1) * c.dilationH + choose.range(1, 9);
      c.inW = (c.filterW - 1) * c.dilationW + choose.range(1, 9);
      // Channels below, at and past the tile widths (4, 8, 16 and remainders).
      c.inC = choose.range(1, 21);
      // Every fifth depthwise case with a depth multiplier (2, 3, 4 or 8).
      const int multiplier = variant % 5 == 4 ? std::array{2, 3, 4, 8}[variant % 4] : 1;
      if (kind == OpKind::DEPTHWISE_CONV_2D && multiplier > 1)
        c.inC = choose.range(1, 5);
      c.outC = kind == OpKind::DEPTHWISE_CONV_2D ? c.inC * multiplier : choose.range(1, 27);
      c.batches = choose.range(1, 2);
      c.hasBias = variant % 7 != 3;
      cases.push_back(c);
    }
  return cases;
}

std::vector<Case> fusedCases(Choices &choose) {
  std::vector<Case> cases;
  for (OpKind kind : {OpKind::LITEC_CONV_2D_RESIDUAL, OpKind::LITEC_DEPTHWISE_CONV_2D_RESIDUAL,
                      OpKind::LITEC_CONV_2D_PRELU, OpKind::LITEC_DEPTHWISE_CONV_2D_PRELU,
                      OpKind::LITEC_CONV_2D_HARD_SWISH, OpKind::LITEC_DEPTHWISE_CONV_2D_HARD_SWISH})
    for (int variant = 0; variant < 8; ++variant) {
      const bool depthwise = ir::fusedConvolution(kind)->convolution == OpKind::DEPTHWISE_CONV_2D;
      Case c{};
      c.kind = kind;
      c.same = variant % 2;
      c.strideH = c.strideW = choose.range(1, 2);
      c.dilationH = c.dilationW = 1;
      // The residual ADD carries the activation; the convolution inside has none.
      c.activation = ir::fusedConvolution(kind)->epilogue == OpKind::ADD ? variant % 4 : 0;
      c.filterH = c.filterW = variant < 4 ? 3 : choose.range(1, 5);
      c.inH = c.filterH + choose.range(0, 6);
      c.inW = c.filterW + choose.range(0, 6);
      c.inC = choose.range(1, 19);
      c.outC = depthwise ? c.inC : choose.range(1, 19);
      c.batches = 1;
      c.hasBias = true;
      cases.push_back(c);
    }
  return cases;
}

std::vector<Case> sparseCases(Choices &choose, int maxChannels) {
  std::vector<Case> cases;
  for (OpKind kind : {OpKind::CONV_2D, OpKind::LITEC_CONV_2D_RESIDUAL, OpKind::LITEC_CONV_2D_PRELU,
                      OpKind::LITEC_CONV_2D_HARD_SWISH})
    for (int variant = 0; variant < 12; ++variant) {
      Case c{};
      c.kind = kind;
      c.same = variant % 2;
      c.strideH = c.strideW = c.dilationH = c.dilationW = 1;
      c.filterH = c.filterW = 1;
      // The residual ADD carries the activation; the convolution inside has none.
      c.activation =
          kind == OpKind::LITEC_CONV_2D_RESIDUAL || kind == OpKind::CONV_2D ? variant % 4 : 0;
      // Pixel counts around the tiles of 8 and 16 (and a short last block), channels around the
      // vector width and the groups of four, and once far more input channels.
      c.inH = choose.range(1, 7);
      c.inW = choose.range(1, 9);
      c.inC = variant == 11 ? choose.range(300, maxChannels) : choose.range(1, 70);
      c.outC = choose.range(1, 37);
      c.batches = choose.range(1, 2);
      c.hasBias = variant % 5 != 2;
      // All zeros, the sparse models' 70%, fewer, none.
      c.zeros = std::array{1.0, 0.7, 0.9, 0.3, 0.0, 0.7}[variant % 6];
      cases.push_back(c);
    }
  return cases;
}

std::unique_ptr<Int8Run> runInt8Case(OpKind base, int variant, Choices &choose, uint32_t seed) {
  auto run = std::make_unique<Int8Run>();
  const bool depthwise = base == OpKind::DEPTHWISE_CONV_2D;
  const bool residual = variant % 5 == 2;
  const OpKind kind = !residual   ? base
                      : depthwise ? OpKind::LITEC_DEPTHWISE_CONV_2D_RESIDUAL
                                  : OpKind::LITEC_CONV_2D_RESIDUAL;
  const bool same = variant % 2, hasBias = variant % 5 != 4;
  const bool perChannel = variant % 3 != 0;
  const int strideH = choose.range(1, 3), strideW = choose.range(1, 3);
  const int dilation = variant % 7 == 6 ? 2 : 1;
  const int64_t filterH = choose.range(1, kMaxFilter), filterW = choose.range(1, kMaxFilter);
  // Wide enough rows for the depthwise kernels' blocks of 4 interior pixels.
  const int64_t inH = (filterH - 1) * dilation + choose.range(1, 8);
  const int64_t inW = (filterW - 1) * dilation + choose.range(1, depthwise ? 14 : 8);
  const int multiplier =
      depthwise && variant % 7 == 3 ? std::array{2, 3, 4, 8, 16}[variant % 5] : 1;
  const int64_t inC =
      multiplier > 1 || (!depthwise && variant % 4 == 1) ? choose.range(1, 4) : choose.range(1, 35);
  const int64_t outC = depthwise ? inC * multiplier : choose.range(1, 27);
  const int64_t batches = choose.range(1, 2);
  const ir::Shape in{batches, inH, inW, inC};
  const ir::Shape filter =
      depthwise ? ir::Shape{1, filterH, filterW, outC} : ir::Shape{outC, filterH, filterW, inC};
  const ir::Shape out{batches, outputSize(same, inH, filterH, strideH, dilation),
                      outputSize(same, inW, filterW, strideW, dilation), outC};
  GraphBuilder b(run->module);
  ir::Value &x = b.input("x", ElementType::I8, in, activationQuantization(choose, ElementType::I8));
  std::vector<uint8_t> weights =
      randomElements(choose, ElementType::I8, ir::elementCount(filter).value());
  if (!depthwise && variant % 2 == 0) {
    for (uint8_t &byte : weights)
      byte = byte == 0x80 ? 0x81 : byte;
    weights[0] = 0x81;
    weights[weights.size() - 1] = 0x7f;
  }
  ir::Value &w =
      b.constant("w", ElementType::I8, filter, weights,
                 weightQuantization(choose, ElementType::I8, outC, depthwise ? 3 : 0, perChannel));
  std::vector<ir::Value *> operands{&x, &w};
  if (hasBias)
    operands.push_back(&b.constant("bias", ElementType::I32, {outC},
                                   randomElements(choose, ElementType::I32, outC, 3000)));
  if (residual)
    operands.push_back(
        &b.input("r", ElementType::I8, out, activationQuantization(choose, ElementType::I8)));
  ir::Value &y =
      b.value("y", ElementType::I8, out, activationQuantization(choose, ElementType::I8));
  std::vector<ir::NamedAttr> attrs{
      {"padding", padding(same)},
      {"stride_h", int32_t(strideH)},
      {"stride_w", int32_t(strideW)},
      {"dilation_h_factor", int32_t(dilation)},
      {"dilation_w_factor", int32_t(dilation)},
      {"fused_activation_function", activation(kActivations[variant % 4], variant % 4)}};
  if (depthwise)
    attrs.push_back({"depth_multiplier", int32_t(multiplier)});
  ir::Op &op = b.op(kind, operands, {&y}, attrs);
  if (residual)
    op.intermediates = {
        &b.value("conv", ElementType::I8, out, activationQuantization(choose, ElementType::I8))};
  b.output(y);
  run->description =
      fmt::format("{} in {} filter {} out {} variant {}", ir::opKindInfo(kind).name,
                  ir::formatShape(in), ir::formatShape(filter), ir::formatShape(out), variant);
  auto prepared = ir::ops::prepareConvolution(op);
  INFO(run->description);
  if (!prepared)
    FAIL(llvm::toString(prepared.takeError()));
  run->p = prepared->folded ? *prepared->folded : prepared->params;
  REQUIRE(run->p.inputOffset == 0);
  if (prepared->folded)
    run->bias = prepared->foldedBias;
  else if (hasBias)
    run->bias = elementsOf<int32_t>(constantBytes(op, 2));
  const ReferenceRun reference = runReference(run->module, seed);
  run->op = &op;
  run->depthwise = depthwise;
  run->residual = residual;
  run->filterH = filterH;
  run->filterW = filterW;
  run->inC = inC;
  run->filter = elementsOf<int8_t>(constantBytes(op, 1));
  run->input = elementsOf<int8_t>(reference.inputs[0]);
  if (residual)
    run->extra = elementsOf<int8_t>(reference.inputs[1]);
  run->reference = elementsOf<int8_t>(reference.outputs[0]);
  return run;
}

} // namespace litec::testing::convolution
