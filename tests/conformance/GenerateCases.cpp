// Writes the conformance cases: single-op models over a matrix of parameters (odd sizes, 1x1 and
// large kernels, strides 1-3, both paddings, dilation, every fused activation, per-tensor and
// per-channel quantisation, broadcast shapes), with seeded random weights, quantisation
// parameters and inputs. run_conformance.py runs each with litec and with TFLite.
//
//   litec_conformance_cases OUT_DIR
//
// OUT_DIR/cases.tsv lists one case a line: name, op, output type, output scale; each case has
// OUT_DIR/<name>.tflite and OUT_DIR/<name>.input_<i>.bin.

#include "GraphBuilder.h"
#include "litec/frontend/Writer.h"
#include "litec/ir/ShapeInference.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>

namespace fs = std::filesystem;
using namespace litec;
using ir::ElementType;
using ir::OpKind;
using ir::Shape;
using testing::GraphBuilder;

namespace {
// std::mt19937's sequence is fixed by the standard; the conversions below are ours, so the
// cases are the same on every machine.
class Random {
public:
  explicit Random(uint32_t seed) : engine_(seed) {}
  double unit() { return double(engine_()) / 4294967296.0; }
  double uniform(double lo, double hi) { return lo + (hi - lo) * unit(); }
  int64_t integer(int64_t lo, int64_t hi) {
    return lo + int64_t(engine_() % uint32_t(hi - lo + 1));
  }

private:
  std::mt19937 engine_;
};

const char *kActivations[] = {"NONE", "RELU", "RELU_N1_TO_1", "RELU6"};

ir::EnumAttr activation(int index) {
  return testing::activation(kActivations[index], index == 3 ? 3 : index);
}

struct Quant {
  float scale;
  int32_t zeroPoint;
};

class CaseWriter {
public:
  explicit CaseWriter(fs::path dir) : dir_(std::move(dir)), list_(dir_ / "cases.tsv") {}

  // Writes one case: the module and random data for each of its inputs (floats drawn from
  // [floatLow, floatHigh)), or the raw bytes `fixedInputs` gives for it.
  void write(const std::string &name, ir::Module &module, Random &rng, double floatLow = -2,
             double floatHigh = 2, const std::vector<std::vector<uint8_t>> &fixedInputs = {}) {
    const ir::Graph &graph = module.mainGraph();
    if (auto error = frontend::writeModelFile(module, (dir_ / (name + ".tflite")).string())) {
      std::cerr << name << ": " << llvm::toString(std::move(error)) << "\n";
      std::exit(1);
    }
    for (size_t i = 0; i < graph.inputs.size(); ++i) {
      const fs::path path = dir_ / fmt::format("{}.input_{}.bin", name, i);
      if (i < fixedInputs.size() && !fixedInputs[i].empty()) {
        std::ofstream(path, std::ios::binary)
            .write(reinterpret_cast<const char *>(fixedInputs[i].data()),
                   std::streamsize(fixedInputs[i].size()));
        continue;
      }
      writeInput(path, *graph.inputs[i], rng, floatLow, floatHigh);
    }
    const ir::Value &out = *graph.outputs[0];
    list_ << name << '\t' << graph.ops[0]->displayName() << '\t' << ir::elementTypeName(out.type)
          << '\t' << (out.quant.isQuantized() ? out.quant.scales[0] : 0.f) << '\n';
    ++count_;
  }
  int count() const { return count_; }

private:
  static void writeInput(const fs::path &path, const ir::Value &value, Random &rng, double floatLow,
                         double floatHigh) {
    const int64_t count = *ir::elementCount(value.shape);
    std::ofstream out(path, std::ios::binary);
    for (int64_t i = 0; i < count; ++i) {
      if (value.type == ElementType::F32) {
        float v = float(rng.uniform(floatLow, floatHigh));
        out.write(reinterpret_cast<const char *>(&v), 4);
      } else if (value.type == ElementType::I8) {
        int8_t v = int8_t(rng.integer(-128, 127));
        out.write(reinterpret_cast<const char *>(&v), 1);
      } else if (value.type == ElementType::I16) {
        int16_t v = int16_t(rng.integer(-32768, 32767));
        out.write(reinterpret_cast<const char *>(&v), 2);
      } else if (value.type == ElementType::U8) {
        uint8_t v = uint8_t(rng.integer(0, 255));
        out.write(reinterpret_cast<const char *>(&v), 1);
      } else if (value.type == ElementType::I32) {
        int32_t v = int32_t(rng.integer(-100, 100));
        out.write(reinterpret_cast<const char *>(&v), 4);
      }
    }
  }

  fs::path dir_;
  std::ofstream list_;
  int count_ = 0;
};

std::vector<float> randomFloats(Random &rng, int64_t count, double lo = -1, double hi = 1) {
  std::vector<float> v(static_cast<size_t>(count));
  for (float &x : v)
    x = float(rng.uniform(lo, hi));
  return v;
}

std::vector<int8_t> randomInt8(Random &rng, int64_t count, int lo = -127, int hi = 127) {
  std::vector<int8_t> v(static_cast<size_t>(count));
  for (int8_t &x : v)
    x = int8_t(rng.integer(lo, hi));
  return v;
}

// The output size of a window op (convolution, pooling) along one axis: `extent` is the
// window's dilated size.
int64_t windowOutputSize(int64_t in, int64_t extent, int64_t stride, bool same) {
  return same ? (in + stride - 1) / stride : (in - extent + stride) / stride;
}

Quant randomActivationQuant(Random &rng) {
  return {float(rng.uniform(0.01, 0.1)), int32_t(rng.integer(-20, 20))};
}

ir::Quantization quantOf(Quant q) {
  return testing::perTensor(q.scale, q.zeroPoint);
}

// Weights quantisation: symmetric, per channel along `axis` (or one scale).
ir::Quantization weightsQuant(Random &rng, int64_t channels, int32_t axis, bool perChannel,
                              std::vector<float> *scales) {
  ir::Quantization q;
  const int64_t n = perChannel ? channels : 1;
  for (int64_t c = 0; c < n; ++c) {
    q.scales.push_back(float(rng.uniform(0.002, 0.02)));
    q.zeroPoints.push_back(0);
  }
  q.axis = axis;
  *scales = q.scales;
  return q;
}

// An output scale that puts about three standard deviations of a sum of `terms` products of
// uniform int8 inputs and weights inside the int8 range.
float accumulatorOutputScale(float inputScale, float weightScale, int64_t terms) {
  return inputScale * weightScale * 74.f * 74.f * std::sqrt(float(terms)) * 3.f / 128.f;
}

ir::NamedAttr attr(const char *name, ir::AttrValue value) {
  return {name, std::move(value)};
}

void conv2dCases(CaseWriter &w, Random &rng) {
  struct Geometry {
    int h, w, inC, outC, kh, kw, stride, dilation;
  };
  const Geometry geometries[] = {
      {5, 7, 3, 4, 3, 3, 1, 1},   {9, 9, 2, 3, 1, 1, 1, 1},  {11, 8, 4, 5, 5, 5, 2, 1},
      {7, 7, 3, 2, 3, 3, 3, 1},   {9, 10, 2, 4, 3, 3, 1, 2}, {6, 5, 1, 3, 2, 3, 2, 1},
      {13, 13, 8, 6, 7, 7, 2, 1}, {8, 8, 4, 4, 3, 1, 1, 2},
  };
  int index = 0;
  for (const Geometry &g : geometries)
    for (bool same : {true, false})
      for (bool quantized : {false, true}) {
        const int act = index++ % 4;
        const bool perChannel = quantized && (index % 3 != 0);
        ir::Module module;
        GraphBuilder b(module);
        const int64_t effH = (g.kh - 1) * g.dilation + 1, effW = (g.kw - 1) * g.dilation + 1;
        const int64_t outH = windowOutputSize(g.h, effH, g.stride, same);
        const int64_t outW = windowOutputSize(g.w, effW, g.stride, same);
        if (outH <= 0 || outW <= 0)
          continue;
        const int64_t filterCount = int64_t(g.outC) * g.kh * g.kw * g.inC;
        std::vector<ir::NamedAttr> attrs = {attr("padding", testing::padding(same)),
                                            attr("stride_w", int64_t(g.stride)),
                                            attr("stride_h", int64_t(g.stride)),
                                            attr("dilation_w_factor", int64_t(g.dilation)),
                                            attr("dilation_h_factor", int64_t(g.dilation)),
                                            attr("fused_activation_function", activation(act))};
        const std::string name =
            fmt::format("conv2d_{}_{}x{}x{}_k{}x{}_s{}_d{}_{}_{}{}", quantized ? "i8" : "f32", g.h,
                        g.w, g.inC, g.kh, g.kw, g.stride, g.dilation, same ? "same" : "valid",
                        kActivations[act], perChannel ? "_perchannel" : "");
        if (!quantized) {
          auto &x = b.input("x", ElementType::F32, {1, g.h, g.w, g.inC});
          auto &f = b.constant("w", ElementType::F32, {g.outC, g.kh, g.kw, g.inC},
                               randomFloats(rng, filterCount));
          auto &bias = b.constant("b", ElementType::F32, {g.outC}, randomFloats(rng, g.outC));
          auto &y = b.value("y", ElementType::F32, {1, outH, outW, g.outC});
          b.op(OpKind::CONV_2D, {&x, &f, &bias}, {&y}, attrs);
          b.output(y);
        } else {
          Quant in = randomActivationQuant(rng);
          std::vector<float> scales;
          auto wq = weightsQuant(rng, g.outC, 0, perChannel, &scales);
          auto &x = b.input("x", ElementType::I8, {1, g.h, g.w, g.inC}, quantOf(in));
          auto &f = b.constant("w", ElementType::I8, {g.outC, g.kh, g.kw, g.inC},
                               randomInt8(rng, filterCount), wq);
          ir::Quantization bq;
          std::vector<int32_t> biasValues;
          for (int c = 0; c < g.outC; ++c) {
            bq.scales.push_back(in.scale * scales[perChannel ? c : 0]);
            bq.zeroPoints.push_back(0);
            biasValues.push_back(int32_t(rng.integer(-2000, 2000)));
          }
          auto &bias = b.constant("b", ElementType::I32, {g.outC}, biasValues, bq);
          Quant out{accumulatorOutputScale(in.scale, scales[0], g.kh * g.kw * g.inC),
                    int32_t(rng.integer(-10, 10))};
          auto &y = b.value("y", ElementType::I8, {1, outH, outW, g.outC}, quantOf(out));
          b.op(OpKind::CONV_2D, {&x, &f, &bias}, {&y}, attrs).version = 3;
          b.output(y);
        }
        w.write(name, module, rng);
      }
}

// int8 TRANSPOSE_CONV with per-channel and per-tensor weights, with and without bias, both
// paddings and strides 1-3 (TFLite's int8 kernel takes no fused activation before version 4).
void int8TransposeConvCases(CaseWriter &w, Random &rng) {
  struct Geometry {
    int h, w, inC, outC, kh, kw, stride;
  };
  const Geometry geometries[] = {
      {3, 3, 2, 3, 3, 3, 2}, {4, 5, 3, 2, 2, 2, 1}, {3, 4, 2, 4, 4, 4, 3}};
  int index = 0;
  for (const Geometry &g : geometries)
    for (bool same : {true, false}) {
      const bool perChannel = index % 2 == 0, withBias = index % 3 != 2;
      ++index;
      const int64_t outH = same ? int64_t(g.h) * g.stride : int64_t(g.h - 1) * g.stride + g.kh;
      const int64_t outW = same ? int64_t(g.w) * g.stride : int64_t(g.w - 1) * g.stride + g.kw;
      ir::Module module;
      GraphBuilder b(module);
      Quant in = randomActivationQuant(rng);
      std::vector<float> scales;
      auto wq = weightsQuant(rng, g.outC, 0, perChannel, &scales);
      auto &shape = b.constant("shape", ElementType::I32, {4},
                               std::vector<int32_t>{1, int32_t(outH), int32_t(outW), g.outC});
      auto &f = b.constant("w", ElementType::I8, {g.outC, g.kh, g.kw, g.inC},
                           randomInt8(rng, int64_t(g.outC) * g.kh * g.kw * g.inC), wq);
      auto &x = b.input("x", ElementType::I8, {1, g.h, g.w, g.inC}, quantOf(in));
      std::vector<ir::Value *> operands = {&shape, &f, &x};
      if (withBias) {
        ir::Quantization bq;
        std::vector<int32_t> biasValues;
        for (int c = 0; c < g.outC; ++c) {
          bq.scales.push_back(in.scale * scales[perChannel ? size_t(c) : 0]);
          bq.zeroPoints.push_back(0);
          biasValues.push_back(int32_t(rng.integer(-2000, 2000)));
        }
        operands.push_back(&b.constant("b", ElementType::I32, {g.outC}, biasValues, bq));
      }
      Quant out{accumulatorOutputScale(in.scale, scales[0], g.kh * g.kw * g.inC),
                int32_t(rng.integer(-10, 10))};
      auto &y = b.value("y", ElementType::I8, {1, outH, outW, g.outC}, quantOf(out));
      b.op(OpKind::TRANSPOSE_CONV, operands, {&y},
           {attr("padding", testing::padding(same)), attr("stride_w", int64_t(g.stride)),
            attr("stride_h", int64_t(g.stride))})
          .version = 3;
      b.output(y);
      w.write(fmt::format("transpose_conv_i8_{}x{}x{}_k{}x{}_s{}_{}{}{}", g.h, g.w, g.inC, g.kh,
                          g.kw, g.stride, same ? "same" : "valid", perChannel ? "_perchannel" : "",
                          withBias ? "" : "_nobias"),
              module, rng);
    }
}

void depthwiseCases(CaseWriter &w, Random &rng) {
  struct Geometry {
    int h, w, inC, multiplier, kh, kw, stride, dilation;
  };
  const Geometry geometries[] = {
      {7, 7, 3, 1, 3, 3, 1, 1}, {9, 8, 4, 2, 3, 3, 2, 1},   {11, 11, 2, 1, 5, 5, 1, 1},
      {8, 9, 5, 1, 3, 3, 3, 1}, {10, 10, 3, 1, 3, 3, 1, 2}, {6, 7, 2, 3, 1, 1, 1, 1},
  };
  int index = 0;
  for (const Geometry &g : geometries)
    for (bool same : {true, false})
      for (bool quantized : {false, true}) {
        const int act = index++ % 4;
        const int outC = g.inC * g.multiplier;
        const int64_t effH = (g.kh - 1) * g.dilation + 1, effW = (g.kw - 1) * g.dilation + 1;
        const int64_t outH = windowOutputSize(g.h, effH, g.stride, same);
        const int64_t outW = windowOutputSize(g.w, effW, g.stride, same);
        if (outH <= 0 || outW <= 0)
          continue;
        ir::Module module;
        GraphBuilder b(module);
        std::vector<ir::NamedAttr> attrs = {attr("padding", testing::padding(same)),
                                            attr("stride_w", int64_t(g.stride)),
                                            attr("stride_h", int64_t(g.stride)),
                                            attr("depth_multiplier", int64_t(g.multiplier)),
                                            attr("dilation_w_factor", int64_t(g.dilation)),
                                            attr("dilation_h_factor", int64_t(g.dilation)),
                                            attr("fused_activation_function", activation(act))};
        const std::string name =
            fmt::format("depthwise_{}_{}x{}x{}_m{}_k{}x{}_s{}_d{}_{}_{}", quantized ? "i8" : "f32",
                        g.h, g.w, g.inC, g.multiplier, g.kh, g.kw, g.stride, g.dilation,
                        same ? "same" : "valid", kActivations[act]);
        const int64_t filterCount = int64_t(g.kh) * g.kw * outC;
        if (!quantized) {
          auto &x = b.input("x", ElementType::F32, {1, g.h, g.w, g.inC});
          auto &f = b.constant("w", ElementType::F32, {1, g.kh, g.kw, outC},
                               randomFloats(rng, filterCount));
          auto &bias = b.constant("b", ElementType::F32, {outC}, randomFloats(rng, outC));
          auto &y = b.value("y", ElementType::F32, {1, outH, outW, outC});
          b.op(OpKind::DEPTHWISE_CONV_2D, {&x, &f, &bias}, {&y}, attrs).version =
              g.dilation > 1 ? 2 : 1;
          b.output(y);
        } else {
          Quant in = randomActivationQuant(rng);
          std::vector<float> scales;
          auto wq = weightsQuant(rng, outC, 3, true, &scales);
          auto &x = b.input("x", ElementType::I8, {1, g.h, g.w, g.inC}, quantOf(in));
          auto &f = b.constant("w", ElementType::I8, {1, g.kh, g.kw, outC},
                               randomInt8(rng, filterCount), wq);
          ir::Quantization bq;
          std::vector<int32_t> biasValues;
          for (int c = 0; c < outC; ++c) {
            bq.scales.push_back(in.scale * scales[c]);
            bq.zeroPoints.push_back(0);
            biasValues.push_back(int32_t(rng.integer(-500, 500)));
          }
          auto &bias = b.constant("b", ElementType::I32, {outC}, biasValues, bq);
          Quant out{accumulatorOutputScale(in.scale, scales[0], g.kh * g.kw),
                    int32_t(rng.integer(-10, 10))};
          auto &y = b.value("y", ElementType::I8, {1, outH, outW, outC}, quantOf(out));
          b.op(OpKind::DEPTHWISE_CONV_2D, {&x, &f, &bias}, {&y}, attrs).version = 3;
          b.output(y);
        }
        w.write(name, module, rng);
      }
}

void fullyConnectedCases(CaseWriter &w, Random &rng) {
  struct Geometry {
    Shape input;
    int units;
    bool keepDims;
  };
  const Geometry geometries[] = {{{1, 7}, 5, false},     {{3, 16}, 9, false}, {{2, 3, 10}, 4, true},
                                 {{2, 3, 10}, 4, false}, {{1, 64}, 1, false}, {{4, 33}, 17, false}};
  int index = 0;
  for (const Geometry &g : geometries)
    for (bool quantized : {false, true})
      for (bool withBias : {true, false}) {
        const int act = index++ % 4;
        const int64_t depth = g.input.back();
        const int64_t rows = *ir::elementCount(g.input) / depth;
        Shape out = g.keepDims ? g.input : Shape{rows, g.units};
        if (g.keepDims)
          out.back() = g.units;
        ir::Module module;
        GraphBuilder b(module);
        std::vector<ir::NamedAttr> attrs = {attr("keep_num_dims", g.keepDims),
                                            attr("fused_activation_function", activation(act))};
        const std::string name = fmt::format(
            "fully_connected_{}_{}_u{}{}{}_{}", quantized ? "i8" : "f32", ir::formatShape(g.input),
            g.units, g.keepDims ? "_keepdims" : "", withBias ? "" : "_nobias", kActivations[act]);
        if (!quantized) {
          auto &x = b.input("x", ElementType::F32, g.input);
          auto &f = b.constant("w", ElementType::F32, {g.units, depth},
                               randomFloats(rng, g.units * depth));
          ir::Value *bias =
              withBias ? &b.constant("b", ElementType::F32, {g.units}, randomFloats(rng, g.units))
                       : nullptr;
          auto &y = b.value("y", ElementType::F32, out);
          b.op(OpKind::FULLY_CONNECTED, {&x, &f, bias}, {&y}, attrs).version = g.keepDims ? 5 : 1;
          b.output(y);
        } else {
          Quant in = randomActivationQuant(rng);
          std::vector<float> scales;
          auto wq = weightsQuant(rng, g.units, 0, false, &scales);
          auto &x = b.input("x", ElementType::I8, g.input, quantOf(in));
          auto &f = b.constant("w", ElementType::I8, {g.units, depth},
                               randomInt8(rng, g.units * depth), wq);
          ir::Value *bias = nullptr;
          if (withBias) {
            std::vector<int32_t> values;
            for (int u = 0; u < g.units; ++u)
              values.push_back(int32_t(rng.integer(-3000, 3000)));
            bias = &b.constant("b", ElementType::I32, {g.units}, values,
                               testing::perTensor(in.scale * scales[0], 0));
          }
          Quant o{accumulatorOutputScale(in.scale, scales[0], depth),
                  int32_t(rng.integer(-10, 10))};
          auto &y = b.value("y", ElementType::I8, out, quantOf(o));
          b.op(OpKind::FULLY_CONNECTED, {&x, &f, bias}, {&y}, attrs).version = g.keepDims ? 5 : 4;
          b.output(y);
        }
        w.write(name, module, rng);
      }
}

void poolCases(CaseWriter &w, Random &rng) {
  struct Geometry {
    int h, w, c, fh, fw, stride;
  };
  const Geometry geometries[] = {{8, 8, 3, 2, 2, 2},
                                 {7, 9, 2, 3, 3, 2},
                                 {10, 10, 4, 3, 3, 1},
                                 {5, 7, 1, 5, 5, 3},
                                 {6, 6, 3, 1, 1, 1}};
  int index = 0;
  for (OpKind kind : {OpKind::AVERAGE_POOL_2D, OpKind::MAX_POOL_2D})
    for (const Geometry &g : geometries)
      for (bool same : {true, false})
        for (bool quantized : {false, true}) {
          const int act = index++ % 4;
          const int64_t outH = windowOutputSize(g.h, g.fh, g.stride, same);
          const int64_t outW = windowOutputSize(g.w, g.fw, g.stride, same);
          ir::Module module;
          GraphBuilder b(module);
          std::vector<ir::NamedAttr> attrs = {attr("padding", testing::padding(same)),
                                              attr("stride_w", int64_t(g.stride)),
                                              attr("stride_h", int64_t(g.stride)),
                                              attr("filter_width", int64_t(g.fw)),
                                              attr("filter_height", int64_t(g.fh)),
                                              attr("fused_activation_function", activation(act))};
          const std::string name = fmt::format(
              "{}_{}_{}x{}x{}_f{}x{}_s{}_{}_{}",
              kind == OpKind::MAX_POOL_2D ? "max_pool" : "average_pool", quantized ? "i8" : "f32",
              g.h, g.w, g.c, g.fh, g.fw, g.stride, same ? "same" : "valid", kActivations[act]);
          const ElementType type = quantized ? ElementType::I8 : ElementType::F32;
          ir::Quantization q = quantized ? quantOf(randomActivationQuant(rng)) : ir::Quantization{};
          auto &x = b.input("x", type, {1, g.h, g.w, g.c}, q);
          auto &y = b.value("y", type, {1, outH, outW, g.c}, q);
          b.op(kind, {&x}, {&y}, attrs).version = quantized ? 2 : 1;
          b.output(y);
          w.write(name, module, rng);
        }
}

struct StridedSliceCase {
  Shape in;
  std::vector<int32_t> begin, end, strides;
  int beginMask, endMask, ellipsisMask, newAxisMask, shrinkMask;
};

void writeStridedSliceCase(CaseWriter &w, Random &rng, const StridedSliceCase &s, bool quantized) {
  ir::Module module;
  GraphBuilder b(module);
  const ElementType type = quantized ? ElementType::I8 : ElementType::F32;
  ir::Quantization q = quantized ? quantOf(randomActivationQuant(rng)) : ir::Quantization{};
  auto &x = b.input("x", type, s.in, q);
  const int64_t n = int64_t(s.begin.size());
  auto &begin = b.constant("begin", ElementType::I32, {n}, s.begin);
  auto &end = b.constant("end", ElementType::I32, {n}, s.end);
  auto &strides = b.constant("strides", ElementType::I32, {n}, s.strides);
  auto &y = b.value("y", type, {}, q);
  ir::Op &op = b.op(OpKind::STRIDED_SLICE, {&x, &begin, &end, &strides}, {&y},
                    {attr("begin_mask", int64_t(s.beginMask)), attr("end_mask", int64_t(s.endMask)),
                     attr("ellipsis_mask", int64_t(s.ellipsisMask)),
                     attr("new_axis_mask", int64_t(s.newAxisMask)),
                     attr("shrink_axis_mask", int64_t(s.shrinkMask))});
  op.version = quantized ? 2 : 1;
  y.shape = (**ir::inferResultShapes(op))[0];
  b.output(y);
  w.write(fmt::format("strided_slice_{}_{}_b{}_e{}_s{}_masks{}.{}.{}.{}.{}",
                      quantized ? "i8" : "f32", ir::formatShape(s.in), fmt::join(s.begin, "."),
                      fmt::join(s.end, "."), fmt::join(s.strides, "."), s.beginMask, s.endMask,
                      s.ellipsisMask, s.newAxisMask, s.shrinkMask),
          module, rng);
}

void binaryCases(CaseWriter &w, Random &rng) {
  const std::pair<Shape, Shape> shapes[] = {{{2, 3, 4}, {2, 3, 4}},
                                            {{1, 5, 5, 3}, {3}},
                                            {{4, 1, 3}, {1, 5, 1}},
                                            {{7}, {}},
                                            {{2, 1, 3, 1, 2, 2}, {1, 4, 1, 5, 1, 2}}};
  int index = 0;
  for (OpKind kind : {OpKind::ADD, OpKind::MUL})
    for (const auto &[lhs, rhs] : shapes)
      for (bool quantized : {false, true}) {
        const int act = index++ % 4;
        const Shape out = *ir::broadcastShapes(lhs, rhs);
        ir::Module module;
        GraphBuilder b(module);
        const ElementType type = quantized ? ElementType::I8 : ElementType::F32;
        Quant qa = randomActivationQuant(rng), qb = randomActivationQuant(rng);
        Quant qo{kind == OpKind::ADD ? (qa.scale + qb.scale) * 1.5f : qa.scale * qb.scale * 128.f,
                 int32_t(rng.integer(-10, 10))};
        auto &a = b.input("a", type, lhs, quantized ? quantOf(qa) : ir::Quantization{});
        auto &c = b.input("b", type, rhs, quantized ? quantOf(qb) : ir::Quantization{});
        auto &y = b.value("y", type, out, quantized ? quantOf(qo) : ir::Quantization{});
        b.op(kind, {&a, &c}, {&y}, {attr("fused_activation_function", activation(act))}).version =
            lhs.size() > 4 || rhs.size() > 4 ? 4 : (quantized ? 2 : 1);
        b.output(y);
        w.write(fmt::format("{}_{}_{}_by_{}_{}", kind == OpKind::ADD ? "add" : "mul",
                            quantized ? "i8" : "f32", ir::formatShape(lhs),
                            lhs.empty() || rhs.empty() ? "scalar" : ir::formatShape(rhs),
                            kActivations[act]),
                module, rng);
      }
}

// int16 ADD and SUB with general scales (pot_scale_int16 false): symmetric, zero point 0.
void int16AddCases(CaseWriter &w, Random &rng) {
  const std::pair<Shape, Shape> shapes[] = {
      {{2, 3, 4}, {2, 3, 4}}, {{1, 5, 5, 3}, {3}}, {{4, 1, 3}, {1, 5, 1}}};
  int index = 0;
  for (OpKind kind : {OpKind::ADD, OpKind::SUB})
    for (const auto &[lhs, rhs] : shapes) {
      const int act = index++ % 4;
      const Shape out = *ir::broadcastShapes(lhs, rhs);
      ir::Module module;
      GraphBuilder b(module);
      const float sa = float(rng.uniform(1e-4, 1e-3)), sb = float(rng.uniform(1e-4, 1e-3));
      auto &a = b.input("a", ElementType::I16, lhs, testing::perTensor(sa, 0));
      auto &c = b.input("b", ElementType::I16, rhs, testing::perTensor(sb, 0));
      auto &y = b.value("y", ElementType::I16, out, testing::perTensor((sa + sb) * 1.1f, 0));
      b.op(kind, {&a, &c}, {&y},
           {attr("fused_activation_function", activation(act)), attr("pot_scale_int16", false)})
          .version = kind == OpKind::ADD ? 3 : 4;
      b.output(y);
      w.write(fmt::format("{}_i16_{}_by_{}_{}", kind == OpKind::ADD ? "add" : "sub",
                          ir::formatShape(lhs), ir::formatShape(rhs), kActivations[act]),
              module, rng);
    }
}

// int16 ADD and SUB with power-of-two scales and pot_scale_int16 (its default): TFLite's
// shift-only kernel, one input on the output's scale and the other on a finer one.
void int16PowerOfTwoAddCases(CaseWriter &w, Random &rng) {
  const std::tuple<int, int, int> exponents[] = {{-12, -14, -12}, {-10, -10, -10}, {-15, -11, -11}};
  int index = 0;
  for (OpKind kind : {OpKind::ADD, OpKind::SUB})
    for (const auto &[ea, eb, eo] : exponents) {
      const int act = index++ % 4;
      ir::Module module;
      GraphBuilder b(module);
      const Shape shape{2, 3, 5};
      auto &a = b.input("a", ElementType::I16, shape, testing::perTensor(std::ldexp(1.f, ea), 0));
      auto &c = b.input("b", ElementType::I16, shape, testing::perTensor(std::ldexp(1.f, eb), 0));
      auto &y = b.value("y", ElementType::I16, shape, testing::perTensor(std::ldexp(1.f, eo), 0));
      b.op(kind, {&a, &c}, {&y}, {attr("fused_activation_function", activation(act))}).version =
          kind == OpKind::ADD ? 3 : 4;
      b.output(y);
      w.write(fmt::format("{}_i16_pot_2x3x5_exp{}_{}_exp{}_to_exp{}_{}",
                          kind == OpKind::ADD ? "add" : "sub", ea,
                          kind == OpKind::ADD ? "plus" : "minus", eb, eo, kActivations[act]),
              module, rng);
    }
}

// int16 LOGISTIC and TANH (output scale 2^-15) with input scales on TFLite's multiplier path,
// fine to coarse, including powers of two it does not shift (2^-11 for LOGISTIC, 2^-10). On the
// shift-only scales (2^-12; 2^-11 for TANH) the npm runtime's optimised kernels switch to
// gemmlowp's polynomial while TFLite's reference kernels keep the table: the integer LSTM models
// check those bit-exactly against TFLite Micro, the unit tests against the exact functions.
void int16SigmoidalCases(CaseWriter &w, Random &rng) {
  for (OpKind kind : {OpKind::LOGISTIC, OpKind::TANH})
    for (float scale : {kind == OpKind::LOGISTIC ? std::ldexp(1.f, -11) : std::ldexp(1.f, -10),
                        3.1e-4f, 1.7e-3f, 4.6e-5f}) {
      ir::Module module;
      GraphBuilder b(module);
      auto &x = b.input("x", ElementType::I16, {3, 40}, testing::perTensor(scale, 0));
      auto &y = b.value("y", ElementType::I16, {3, 40}, testing::perTensor(1.f / 32768, 0));
      b.op(kind, {&x}, {&y}).version = 3;
      b.output(y);
      w.write(fmt::format("{}_i16_3x40_scale{}", ir::opKindInfo(kind).name, scale), module, rng);
    }
}

// int16 SOFTMAX (output scale 2^-15): TFLite's exp and reciprocal tables, over input scales
// whose differences span a few units to the table's whole [-10, 0] and beyond, and two betas.
void int16SoftmaxCases(CaseWriter &w, Random &rng) {
  const std::tuple<Shape, float, float> cases[] = {{{2, 10}, 1e-4f, 1.f},
                                                   {{1, 3, 17}, 3.3e-4f, 1.f},
                                                   {{4, 6}, 1.2e-3f, 0.5f},
                                                   {{3, 33}, 5e-5f, 2.f}};
  for (const auto &[shape, scale, beta] : cases) {
    ir::Module module;
    GraphBuilder b(module);
    auto &x = b.input("x", ElementType::I16, shape, testing::perTensor(scale, 0));
    auto &y = b.value("y", ElementType::I16, shape, testing::perTensor(1.f / 32768, 0));
    b.op(OpKind::SOFTMAX, {&x}, {&y}, {attr("beta", double(beta))}).version = 3;
    b.output(y);
    w.write(fmt::format("softmax_i16_{}_scale{}_beta{}", ir::formatShape(shape), scale, beta),
            module, rng);
  }
}

// Quantised forms of element-wise ops: int8 PRELU (per-element and broadcast slopes), int8
// SQUARED_DIFFERENCE, int8 RSQRT and int16 MUL.
void quantizedElementwiseCases(CaseWriter &w, Random &rng) {
  const std::pair<Shape, Shape> shapes[] = {
      {{2, 3, 4}, {2, 3, 4}}, {{1, 4, 4, 3}, {3}}, {{4, 1, 3}, {1, 5, 1}}};
  for (const auto &[lhs, rhs] : shapes) {
    const Shape out = *ir::broadcastShapes(lhs, rhs);
    {
      ir::Module module;
      GraphBuilder b(module);
      auto &a = b.input("a", ElementType::I8, lhs, quantOf(randomActivationQuant(rng)));
      auto &c = b.input("b", ElementType::I8, rhs, quantOf(randomActivationQuant(rng)));
      auto &y = b.value("y", ElementType::I8, out, quantOf(randomActivationQuant(rng)));
      b.op(OpKind::SQUARED_DIFFERENCE, {&a, &c}, {&y}).version = 2;
      b.output(y);
      w.write(
          fmt::format("squared_difference_i8_{}_by_{}", ir::formatShape(lhs), ir::formatShape(rhs)),
          module, rng);
    }
    {
      ir::Module module;
      GraphBuilder b(module);
      const float sa = float(rng.uniform(1e-4, 1e-3)), sb = float(rng.uniform(1e-4, 1e-3));
      auto &a = b.input("a", ElementType::I16, lhs, testing::perTensor(sa, 0));
      auto &c = b.input("b", ElementType::I16, rhs, testing::perTensor(sb, 0));
      auto &y = b.value("y", ElementType::I16, out, testing::perTensor(sa * sb * 4000.f, 0));
      b.op(OpKind::MUL, {&a, &c}, {&y}).version = 5;
      b.output(y);
      w.write(fmt::format("mul_i16_{}_by_{}", ir::formatShape(lhs), ir::formatShape(rhs)), module,
              rng);
    }
    if (out == lhs) {
      ir::Module module;
      GraphBuilder b(module);
      auto &x = b.input("x", ElementType::I8, lhs, quantOf(randomActivationQuant(rng)));
      auto &alpha = b.constant(
          "alpha", ElementType::I8, rhs, randomInt8(rng, *ir::elementCount(rhs)),
          testing::perTensor(float(rng.uniform(0.002, 0.01)), int32_t(rng.integer(-10, 10))));
      auto &y = b.value("y", ElementType::I8, out, quantOf(randomActivationQuant(rng)));
      // Version 1: the oracle's TFLite registers only PRELU version 1, whose kernel runs int8.
      b.op(OpKind::PRELU, {&x, &alpha}, {&y}).version = 1;
      b.output(y);
      w.write(fmt::format("prelu_i8_{}_by_{}", ir::formatShape(lhs), ir::formatShape(rhs)), module,
              rng);
    }
  }
  for (float scale : {0.01f, 0.05f}) {
    ir::Module module;
    GraphBuilder b(module);
    auto &x = b.input("x", ElementType::I8, {4, 9}, testing::perTensor(scale, -128));
    auto &y = b.value("y", ElementType::I8, {4, 9}, quantOf(randomActivationQuant(rng)));
    b.op(OpKind::RSQRT, {&x}, {&y}).version = 2;
    b.output(y);
    w.write(fmt::format("rsqrt_i8_4x9_scale{}", scale), module, rng);
  }
}

// Shape-only ops: RESHAPE (a shape tensor with -1, and the new_shape option alone), SQUEEZE
// (listed and negative axes, and every unit axis), EXPAND_DIMS (positive and negative axes).
void reshapeCases(CaseWriter &w, Random &rng) {
  for (ElementType type : {ElementType::F32, ElementType::I8}) {
    const ir::Quantization q =
        type == ElementType::F32 ? ir::Quantization{} : quantOf(randomActivationQuant(rng));
    const std::string t(ir::elementTypeName(type));
    {
      ir::Module module;
      GraphBuilder b(module);
      auto &x = b.input("x", type, {2, 3, 4}, q);
      auto &shape = b.constant("shape", ElementType::I32, {2}, std::vector<int32_t>{-1, 6});
      auto &y = b.value("y", type, {4, 6}, q);
      b.op(OpKind::RESHAPE, {&x, &shape}, {&y});
      b.output(y);
      w.write("reshape_" + t + "_2x3x4_to_minus1x6", module, rng);
    }
    {
      ir::Module module;
      GraphBuilder b(module);
      auto &x = b.input("x", type, {2, 3, 4}, q);
      auto &y = b.value("y", type, {6, 4}, q);
      b.op(OpKind::RESHAPE, {&x}, {&y}, {attr("new_shape", std::vector<int64_t>{6, 4})});
      b.output(y);
      w.write("reshape_" + t + "_2x3x4_to_6x4_option", module, rng);
    }
    for (const auto &[dims, out] : {std::pair{std::vector<int64_t>{0, -2}, Shape{3, 5}},
                                    std::pair{std::vector<int64_t>{}, Shape{3, 5}},
                                    std::pair{std::vector<int64_t>{-4}, Shape{3, 1, 5}}}) {
      ir::Module module;
      GraphBuilder b(module);
      auto &x = b.input("x", type, {1, 3, 1, 5}, q);
      auto &y = b.value("y", type, out, q);
      b.op(OpKind::SQUEEZE, {&x}, {&y}, {attr("squeeze_dims", dims)});
      b.output(y);
      w.write(fmt::format("squeeze_{}_1x3x1x5_dims_{}", t,
                          dims.empty() ? "all" : fmt::format("{}", fmt::join(dims, "_"))),
              module, rng);
    }
    for (int32_t axis : {0, 2, -1}) {
      ir::Module module;
      GraphBuilder b(module);
      auto &x = b.input("x", type, {3, 5}, q);
      auto &a = b.constant("axis", ElementType::I32, {}, std::vector<int32_t>{axis});
      Shape out{3, 5};
      out.insert(out.begin() + (axis < 0 ? axis + 3 : axis), 1);
      auto &y = b.value("y", type, out, q);
      b.op(OpKind::EXPAND_DIMS, {&x, &a}, {&y});
      b.output(y);
      w.write(fmt::format("expand_dims_{}_3x5_axis{}", t, axis), module, rng);
    }
  }
}

// STRIDED_SLICE with an ellipsis and new axes (alone, together, with shrunk axes, and a new
// axis at the ellipsis' own position, which has no effect).
void stridedSliceMaskCases(CaseWriter &w, Random &rng) {
  const StridedSliceCase specs[] = {{{2, 3, 4, 5}, {0, 0}, {0, 3}, {1, 2}, 0, 0, 1, 0, 0},
                                    {{3, 4}, {0, 1, 0}, {0, 3, 4}, {1, 1, 1}, 0, 0, 0, 1, 0},
                                    {{2, 3, 4}, {1, 0, 0}, {2, 0, 0}, {1, 1, 1}, 0, 0, 2, 4, 0},
                                    {{2, 3, 4, 5}, {1, 0, 2}, {2, 0, 3}, {1, 1, 1}, 0, 0, 2, 0, 5},
                                    {{3, 4}, {0, 1}, {0, 3}, {1, 1}, 0, 0, 1, 1, 0},
                                    {{4, 6}, {0, 5, 0}, {0, 0, 0}, {1, -2, 1}, 0, 0, 0, 5, 0}};
  for (bool quantized : {false, true})
    for (const StridedSliceCase &s : specs)
      writeStridedSliceCase(w, rng, s, quantized);
}

void softmaxCases(CaseWriter &w, Random &rng) {
  const Shape shapes[] = {{1, 10}, {3, 7}, {2, 2, 16}, {1, 1000}};
  for (const Shape &shape : shapes)
    for (double beta : {1.0, 0.5})
      for (bool quantized : {false, true}) {
        ir::Module module;
        GraphBuilder b(module);
        const ElementType type = quantized ? ElementType::I8 : ElementType::F32;
        auto &x = b.input(
            "x", type, shape,
            quantized ? quantOf({float(rng.uniform(0.02, 0.2)), int32_t(rng.integer(-10, 10))})
                      : ir::Quantization{});
        auto &y = b.value("y", type, shape,
                          quantized ? testing::perTensor(1.f / 256, -128) : ir::Quantization{});
        b.op(OpKind::SOFTMAX, {&x}, {&y}, {attr("beta", beta)}).version = quantized ? 2 : 1;
        b.output(y);
        w.write(fmt::format("softmax_{}_{}_beta{}", quantized ? "i8" : "f32",
                            ir::formatShape(shape), beta),
                module, rng);
      }
}

// Shape-only and element-wise float ops.
void simpleCases(CaseWriter &w, Random &rng) {
  for (OpKind kind : {OpKind::RELU, OpKind::RELU6, OpKind::RELU_N1_TO_1, OpKind::RELU_0_TO_1,
                      OpKind::LOGISTIC, OpKind::TANH, OpKind::HARD_SWISH})
    for (const Shape &shape : {Shape{5}, Shape{2, 3, 7}}) {
      ir::Module module;
      GraphBuilder b(module);
      auto &x = b.input("x", ElementType::F32, shape);
      auto &y = b.value("y", ElementType::F32, shape);
      b.op(kind, {&x}, {&y});
      b.output(y);
      w.write(fmt::format("{}_f32_{}", ir::opKindInfo(kind).name, ir::formatShape(shape)), module,
              rng);
    }
  // Quantised HARD_SWISH: input scales from fine to coarse, so that the reluish multiplier's
  // exponent takes both signs; outputs cover [-0.375, max input].
  for (ElementType type : {ElementType::I8, ElementType::U8})
    for (double inputScale : {0.004, 0.03, 0.09}) {
      ir::Module module;
      GraphBuilder b(module);
      const int32_t offset = type == ElementType::U8 ? 128 : 0;
      const Shape shape{2, 5, 9};
      auto &x =
          b.input("x", type, shape,
                  testing::perTensor(float(inputScale), offset + int32_t(rng.integer(-20, 20))));
      const double outMax = 127 * inputScale;
      auto &y = b.value(
          "y", type, shape,
          testing::perTensor(float((outMax + 0.375) / 255),
                             offset - 128 + int32_t(std::lround(0.375 * 255 / (outMax + 0.375)))));
      b.op(OpKind::HARD_SWISH, {&x}, {&y});
      b.output(y);
      w.write(fmt::format("hard_swish_{}_{}_scale{}", type == ElementType::U8 ? "u8" : "i8",
                          ir::formatShape(shape), inputScale),
              module, rng);
    }
  for (bool quantized : {false, true}) {
    const ElementType type = quantized ? ElementType::I8 : ElementType::F32;
    const std::vector<std::pair<std::vector<int32_t>, Shape>> perms = {
        {{1, 0}, {3, 5}},
        {{0, 3, 1, 2}, {2, 3, 4, 5}},
        {{2, 0, 1}, {4, 3, 2}},
        {{4, 3, 2, 1, 0}, {2, 1, 3, 2, 2}}};
    for (const auto &[perm, shape] : perms) {
      ir::Module module;
      GraphBuilder b(module);
      ir::Quantization q = quantized ? quantOf(randomActivationQuant(rng)) : ir::Quantization{};
      auto &x = b.input("x", type, shape, q);
      auto &p = b.constant("perm", ElementType::I32, {int64_t(perm.size())}, perm);
      Shape out;
      for (int32_t d : perm)
        out.push_back(shape[size_t(d)]);
      auto &y = b.value("y", type, out, q);
      b.op(OpKind::TRANSPOSE, {&x, &p}, {&y}).version = perm.size() > 4 ? 5 : 2;
      b.output(y);
      w.write(fmt::format("transpose_{}_{}_perm{}", quantized ? "i8" : "f32",
                          ir::formatShape(shape), fmt::join(perm, "")),
              module, rng);
    }
    const std::vector<std::pair<std::vector<int32_t>, Shape>> pads = {
        {{0, 0, 1, 2, 2, 1, 0, 0}, {1, 4, 5, 2}}, {{1, 1, 0, 3}, {3, 4}}, {{2, 0}, {5}}};
    for (OpKind kind : {OpKind::PAD, OpKind::PADV2})
      for (const auto &[padding, shape] : pads) {
        ir::Module module;
        GraphBuilder b(module);
        ir::Quantization q = quantized ? quantOf(randomActivationQuant(rng)) : ir::Quantization{};
        auto &x = b.input("x", type, shape, q);
        auto &p = b.constant("pad", ElementType::I32, {int64_t(shape.size()), 2}, padding);
        Shape out = shape;
        for (size_t d = 0; d < shape.size(); ++d)
          out[d] += padding[2 * d] + padding[2 * d + 1];
        std::vector<ir::Value *> operands = {&x, &p};
        if (kind == OpKind::PADV2) {
          if (quantized)
            operands.push_back(&b.constant("v", ElementType::I8, {},
                                           std::vector<int8_t>{int8_t(rng.integer(-100, 100))}, q));
          else
            operands.push_back(&b.constant("v", ElementType::F32, {},
                                           std::vector<float>{float(rng.uniform(-3, 3))}));
        }
        auto &y = b.value("y", type, out, q);
        b.op(kind, operands, {&y}).version = quantized ? 2 : 1;
        b.output(y);
        w.write(fmt::format("{}_{}_{}", kind == OpKind::PAD ? "pad" : "padv2",
                            quantized ? "i8" : "f32", ir::formatShape(shape)),
                module, rng);
      }
    const std::vector<std::tuple<Shape, std::vector<int32_t>, bool>> means = {
        {{1, 7, 7, 8}, {1, 2}, true},
        {{2, 3, 4}, {-1}, false},
        {{3, 4, 5}, {0, 2}, true},
        {{2, 5, 3, 2}, {1}, false}};
    for (const auto &[shape, axes, keep] : means) {
      ir::Module module;
      GraphBuilder b(module);
      ir::Quantization q = quantized ? quantOf(randomActivationQuant(rng)) : ir::Quantization{};
      auto &x = b.input("x", type, shape, q);
      auto &a = b.constant("axes", ElementType::I32, {int64_t(axes.size())}, axes);
      Shape out;
      for (size_t d = 0; d < shape.size(); ++d) {
        bool reduced = false;
        for (int32_t axis : axes)
          reduced |= size_t(axis < 0 ? axis + int32_t(shape.size()) : axis) == d;
        if (!reduced)
          out.push_back(shape[d]);
        else if (keep)
          out.push_back(1);
      }
      auto &y = b.value("y", type, out, q);
      b.op(OpKind::MEAN, {&x, &a}, {&y}, {attr("keep_dims", keep)}).version = quantized ? 2 : 1;
      b.output(y);
      w.write(fmt::format("mean_{}_{}_axes{}{}", quantized ? "i8" : "f32", ir::formatShape(shape),
                          fmt::join(axes, ""), keep ? "_keep" : ""),
              module, rng);
    }
    for (int axis : {0, 1, -1}) {
      ir::Module module;
      GraphBuilder b(module);
      ir::Quantization q = quantized ? quantOf(randomActivationQuant(rng)) : ir::Quantization{};
      Shape s1 = {2, 3, 4}, s2 = {2, 3, 4};
      const size_t d = size_t(axis < 0 ? axis + 3 : axis);
      s2[d] = 5;
      Shape out = s1;
      out[d] += 5;
      auto &x1 = b.input("x1", type, s1, q);
      auto &x2 = b.input("x2", type, s2, q);
      auto &y = b.value("y", type, out, q);
      b.op(OpKind::CONCATENATION, {&x1, &x2}, {&y}, {attr("axis", int64_t(axis))}).version =
          quantized ? 2 : 1;
      b.output(y);
      w.write(fmt::format("concatenation_{}_axis{}", quantized ? "i8" : "f32", axis), module, rng);
    }
  }
}

void resizeAndRearrangeCases(CaseWriter &w, Random &rng) {
  const std::tuple<Shape, int64_t, int64_t> sizes[] = {
      {{1, 4, 5, 3}, 8, 10}, {{2, 3, 3, 2}, 7, 5}, {{1, 6, 6, 1}, 3, 4}};
  for (ElementType type : {ElementType::F32, ElementType::I8, ElementType::I16, ElementType::U8})
    for (const auto &[shape, h, wd] : sizes)
      for (int mode = 0; mode < 3; ++mode) {
        const bool alignCorners = mode == 1, halfPixel = mode == 2;
        ir::Module module;
        GraphBuilder b(module);
        // Resizing keeps the quantisation: TFLite interpolates the raw values.
        const ir::Quantization q =
            type == ElementType::F32   ? ir::Quantization{}
            : type == ElementType::I16 ? testing::perTensor(float(rng.uniform(1e-4, 1e-3)), 0)
            : type == ElementType::U8
                ? testing::perTensor(float(rng.uniform(0.01, 0.05)), int32_t(rng.integer(100, 150)))
                : quantOf(randomActivationQuant(rng));
        auto &x = b.input("x", type, shape, q);
        auto &size = b.constant("size", ElementType::I32, {2},
                                std::vector<int32_t>{int32_t(h), int32_t(wd)});
        auto &y = b.value("y", type, {shape[0], h, wd, shape[3]}, q);
        b.op(OpKind::RESIZE_BILINEAR, {&x, &size}, {&y},
             {attr("align_corners", alignCorners), attr("half_pixel_centers", halfPixel)})
            .version = type == ElementType::I16                             ? 4
                       : halfPixel                                          ? 3
                       : type == ElementType::I8 || type == ElementType::U8 ? 2
                                                                            : 1;
        b.output(y);
        w.write(fmt::format("resize_bilinear_{}_{}_to_{}x{}{}", ir::elementTypeName(type),
                            ir::formatShape(shape), h, wd,
                            alignCorners ? "_align_corners"
                            : halfPixel  ? "_half_pixel"
                                         : ""),
                module, rng);
      }
  for (int block : {2, 3})
    for (bool toSpace : {true, false}) {
      ir::Module module;
      GraphBuilder b(module);
      Shape deep = {1, 2, 3, int64_t(block * block * 2)}, wide = {1, 2 * block, 3 * block, 2};
      auto &x = b.input("x", ElementType::F32, toSpace ? deep : wide);
      auto &y = b.value("y", ElementType::F32, toSpace ? wide : deep);
      b.op(toSpace ? OpKind::DEPTH_TO_SPACE : OpKind::SPACE_TO_DEPTH, {&x}, {&y},
           {attr("block_size", int64_t(block))});
      b.output(y);
      w.write(fmt::format("{}_f32_block{}", toSpace ? "depth_to_space" : "space_to_depth", block),
              module, rng);
    }
}

void transposeConvCases(CaseWriter &w, Random &rng) {
  struct Geometry {
    int h, w, inC, outC, kh, kw, stride;
  };
  const Geometry geometries[] = {
      {3, 3, 2, 3, 3, 3, 2}, {4, 5, 3, 2, 2, 2, 2}, {5, 5, 1, 4, 3, 3, 1}, {3, 4, 2, 2, 4, 4, 3}};
  for (const Geometry &g : geometries)
    for (bool same : {true, false})
      for (bool withBias : {true, false}) {
        const int64_t outH = same ? int64_t(g.h) * g.stride : int64_t(g.h - 1) * g.stride + g.kh;
        const int64_t outW = same ? int64_t(g.w) * g.stride : int64_t(g.w - 1) * g.stride + g.kw;
        ir::Module module;
        GraphBuilder b(module);
        auto &shape = b.constant("shape", ElementType::I32, {4},
                                 std::vector<int32_t>{1, int32_t(outH), int32_t(outW), g.outC});
        auto &f = b.constant("w", ElementType::F32, {g.outC, g.kh, g.kw, g.inC},
                             randomFloats(rng, int64_t(g.outC) * g.kh * g.kw * g.inC));
        auto &x = b.input("x", ElementType::F32, {1, g.h, g.w, g.inC});
        ir::Value *bias =
            withBias ? &b.constant("b", ElementType::F32, {g.outC}, randomFloats(rng, g.outC))
                     : nullptr;
        auto &y = b.value("y", ElementType::F32, {1, outH, outW, g.outC});
        std::vector<ir::Value *> operands = {&shape, &f, &x};
        if (bias)
          operands.push_back(bias);
        b.op(OpKind::TRANSPOSE_CONV, operands, {&y},
             {attr("padding", testing::padding(same)), attr("stride_w", int64_t(g.stride)),
              attr("stride_h", int64_t(g.stride))})
            .version = withBias ? 3 : 1;
        b.output(y);
        w.write(fmt::format("transpose_conv_f32_{}x{}x{}_k{}x{}_s{}_{}{}", g.h, g.w, g.inC, g.kh,
                            g.kw, g.stride, same ? "same" : "valid", withBias ? "" : "_nobias"),
                module, rng);
      }
}

void quantizeCases(CaseWriter &w, Random &rng) {
  for (const Shape &shape : {Shape{1, 16}, Shape{2, 3, 5}}) {
    Quant q = randomActivationQuant(rng);
    {
      ir::Module module;
      GraphBuilder b(module);
      auto &x = b.input("x", ElementType::F32, shape);
      auto &y = b.value("y", ElementType::I8, shape, quantOf(q));
      b.op(OpKind::QUANTIZE, {&x}, {&y}).version = 2;
      b.output(y);
      w.write(fmt::format("quantize_f32_to_i8_{}", ir::formatShape(shape)), module, rng);
    }
    {
      ir::Module module;
      GraphBuilder b(module);
      auto &x = b.input("x", ElementType::I8, shape, quantOf(q));
      auto &y = b.value("y", ElementType::F32, shape);
      b.op(OpKind::DEQUANTIZE, {&x}, {&y}).version = 2;
      b.output(y);
      w.write(fmt::format("dequantize_i8_to_f32_{}", ir::formatShape(shape)), module, rng);
    }
    {
      ir::Module module;
      GraphBuilder b(module);
      auto &x = b.input("x", ElementType::I8, shape, quantOf(q));
      auto &y = b.value("y", ElementType::I8, shape, quantOf(randomActivationQuant(rng)));
      b.op(OpKind::QUANTIZE, {&x}, {&y}).version = 2;
      b.output(y);
      w.write(fmt::format("quantize_i8_to_i8_{}", ir::formatShape(shape)), module, rng);
    }
  }
}
// Unary and binary float element-wise ops, and int8 MAXIMUM / MINIMUM.
void elementwiseCases(CaseWriter &w, Random &rng) {
  for (OpKind kind : {OpKind::RSQRT, OpKind::SQRT, OpKind::LOG, OpKind::EXP, OpKind::ABS,
                      OpKind::NEG, OpKind::FLOOR, OpKind::CEIL, OpKind::ROUND, OpKind::SQUARE,
                      OpKind::SIN, OpKind::COS, OpKind::LEAKY_RELU}) {
    ir::Module module;
    GraphBuilder b(module);
    auto &x = b.input("x", ElementType::F32, {3, 7});
    auto &y = b.value("y", ElementType::F32, {3, 7});
    std::vector<ir::NamedAttr> attrs;
    if (kind == OpKind::LEAKY_RELU)
      attrs.push_back(attr("alpha", 0.2));
    b.op(kind, {&x}, {&y}, attrs);
    b.output(y);
    const bool positive = kind == OpKind::RSQRT || kind == OpKind::SQRT || kind == OpKind::LOG;
    w.write(fmt::format("{}_f32_3x7", ir::opKindInfo(kind).name), module, rng, positive ? 0.1 : -3,
            3);
  }
  const std::pair<Shape, Shape> shapes[] = {
      {{2, 3, 4}, {2, 3, 4}}, {{1, 4, 4, 3}, {3}}, {{4, 1, 3}, {1, 5, 1}}};
  int index = 0;
  for (OpKind kind : {OpKind::SUB, OpKind::DIV, OpKind::MAXIMUM, OpKind::MINIMUM,
                      OpKind::SQUARED_DIFFERENCE, OpKind::PRELU, OpKind::POW})
    for (const auto &[lhs, rhs] : shapes) {
      // PRELU's slope must broadcast to the input's shape, which the output keeps.
      if (kind == OpKind::PRELU && *ir::broadcastShapes(lhs, rhs) != lhs)
        continue;
      ir::Module module;
      GraphBuilder b(module);
      auto &a = b.input("a", ElementType::F32, lhs);
      auto &c = b.input("b", ElementType::F32, rhs);
      auto &y = b.value("y", ElementType::F32, *ir::broadcastShapes(lhs, rhs));
      std::vector<ir::NamedAttr> attrs;
      const bool fused = kind == OpKind::SUB || kind == OpKind::DIV;
      const int act = index++ % 4;
      if (fused)
        attrs.push_back(attr("fused_activation_function", activation(act)));
      b.op(kind, {&a, &c}, {&y}, attrs);
      b.output(y);
      w.write(fmt::format("{}_f32_{}_by_{}{}", ir::opKindInfo(kind).name, ir::formatShape(lhs),
                          ir::formatShape(rhs), fused ? std::string("_") + kActivations[act] : ""),
              module, rng, kind == OpKind::DIV || kind == OpKind::POW ? 0.5 : -2, 2);
    }
  // The TFLite runtime used as the oracle has no quantised RELU_N1_TO_1 or RELU_0_TO_1 (both
  // share RELU's QuantizedReluX maths, checked by the template tests).
  for (OpKind kind : {OpKind::RELU, OpKind::RELU6})
    for (ElementType type : {ElementType::I8, ElementType::U8}) {
      ir::Module module;
      GraphBuilder b(module);
      const int32_t zp = type == ElementType::U8 ? 128 : 0;
      auto &x = b.input(
          "x", type, {3, 8},
          testing::perTensor(float(rng.uniform(0.02, 0.08)), zp + int32_t(rng.integer(-20, 20))));
      auto &y = b.value(
          "y", type, {3, 8},
          testing::perTensor(float(rng.uniform(0.01, 0.05)), zp + int32_t(rng.integer(-20, 20))));
      b.op(kind, {&x}, {&y}).version = 2;
      b.output(y);
      w.write(fmt::format("{}_{}_3x8", ir::opKindInfo(kind).name, ir::elementTypeName(type)),
              module, rng);
    }
  for (OpKind kind : {OpKind::LOGISTIC, OpKind::TANH, OpKind::LEAKY_RELU})
    for (float inputScale : {0.02f, 0.08f}) {
      ir::Module module;
      GraphBuilder b(module);
      auto &x = b.input("x", ElementType::I8, {4, 9},
                        testing::perTensor(inputScale, int32_t(rng.integer(-20, 20))));
      ir::Quantization out = kind == OpKind::LOGISTIC ? testing::perTensor(1.f / 256, -128)
                             : kind == OpKind::TANH   ? testing::perTensor(1.f / 128, 0)
                                                      : quantOf(randomActivationQuant(rng));
      auto &y = b.value("y", ElementType::I8, {4, 9}, out);
      std::vector<ir::NamedAttr> attrs;
      if (kind == OpKind::LEAKY_RELU)
        attrs.push_back(attr("alpha", 0.1));
      b.op(kind, {&x}, {&y}, attrs).version = 2;
      b.output(y);
      w.write(fmt::format("{}_i8_4x9_scale{}", ir::opKindInfo(kind).name, inputScale), module, rng);
    }
  for (const auto &[lhs, rhs] : shapes) {
    ir::Module module;
    GraphBuilder b(module);
    Quant qa = randomActivationQuant(rng), qb = randomActivationQuant(rng);
    auto &a = b.input("a", ElementType::I8, lhs, quantOf(qa));
    auto &c = b.input("b", ElementType::I8, rhs, quantOf(qb));
    auto &y = b.value("y", ElementType::I8, *ir::broadcastShapes(lhs, rhs),
                      quantOf({(qa.scale + qb.scale) * 1.5f, int32_t(rng.integer(-10, 10))}));
    b.op(OpKind::SUB, {&a, &c}, {&y}).version = 2;
    b.output(y);
    w.write(fmt::format("SUB_i8_{}_by_{}", ir::formatShape(lhs), ir::formatShape(rhs)), module,
            rng);
  }
  for (OpKind kind : {OpKind::MAXIMUM, OpKind::MINIMUM}) {
    ir::Module module;
    GraphBuilder b(module);
    auto q = quantOf(randomActivationQuant(rng));
    auto &a = b.input("a", ElementType::I8, {2, 5, 3}, q);
    auto &c = b.input("b", ElementType::I8, {5, 1}, q);
    auto &y = b.value("y", ElementType::I8, {2, 5, 3}, q);
    b.op(kind, {&a, &c}, {&y}).version = 2;
    b.output(y);
    w.write(fmt::format("{}_i8_2x5x3_by_5x1", ir::opKindInfo(kind).name), module, rng);
  }
}

// Slicing, splitting, packing, gathering, casting, arg max/min, mirror padding, reductions,
// nearest-neighbour resizing and batch matrix products.
void dataMovementCases(CaseWriter &w, Random &rng) {
  const StridedSliceCase slices[] = {{{10}, {1}, {8}, {3}, 0, 0, 0, 0, 0},
                                     {{5, 6}, {4, -1}, {0, 0}, {-1, -2}, 0, 0, 0, 0, 0},
                                     {{4, 5, 6}, {1, 0, 2}, {3, 5, 6}, {1, 2, 2}, 0, 2, 0, 0, 0},
                                     {{3, 4}, {1, 0}, {2, 4}, {1, 1}, 0, 0, 0, 0, 1},
                                     {{6, 6, 3}, {-3, 1, 0}, {0, 5, 3}, {1, 1, 1}, 4, 1, 0, 0, 0}};
  for (bool quantized : {false, true})
    for (const StridedSliceCase &s : slices)
      writeStridedSliceCase(w, rng, s, quantized);
  {
    ir::Module module;
    GraphBuilder b(module);
    auto &x = b.input("x", ElementType::F32, {4, 5, 6});
    auto &begin = b.constant("begin", ElementType::I32, {3}, std::vector<int32_t>{1, 0, 2});
    auto &size = b.constant("size", ElementType::I32, {3}, std::vector<int32_t>{2, -1, 3});
    auto &y = b.value("y", ElementType::F32, {2, 5, 3});
    b.op(OpKind::SLICE, {&x, &begin, &size}, {&y});
    b.output(y);
    w.write("slice_f32_4x5x6", module, rng);
  }
  for (int axis : {0, 1, -1}) {
    const Shape in = {6, 4, 6};
    const size_t d = size_t(axis < 0 ? axis + 3 : axis);
    {
      ir::Module module;
      GraphBuilder b(module);
      auto &a = b.constant("axis", ElementType::I32, {}, std::vector<int32_t>{axis});
      auto &x = b.input("x", ElementType::F32, in);
      Shape piece = in;
      piece[d] /= 2;
      auto &y0 = b.value("y0", ElementType::F32, piece);
      auto &y1 = b.value("y1", ElementType::F32, piece);
      b.op(OpKind::SPLIT, {&a, &x}, {&y0, &y1}, {attr("num_splits", int64_t(2))});
      b.output(y0);
      b.output(y1);
      w.write(fmt::format("split_f32_6x4x6_axis{}", axis), module, rng);
    }
    {
      ir::Module module;
      GraphBuilder b(module);
      auto &x = b.input("x", ElementType::F32, in);
      auto &sizes = b.constant("sizes", ElementType::I32, {2}, std::vector<int32_t>{1, -1});
      auto &a = b.constant("axis", ElementType::I32, {}, std::vector<int32_t>{axis});
      Shape p0 = in, p1 = in;
      p0[d] = 1;
      p1[d] = in[d] - 1;
      auto &y0 = b.value("y0", ElementType::F32, p0);
      auto &y1 = b.value("y1", ElementType::F32, p1);
      b.op(OpKind::SPLIT_V, {&x, &sizes, &a}, {&y0, &y1}, {attr("num_splits", int64_t(2))});
      b.output(y1);
      w.write(fmt::format("split_v_f32_6x4x6_axis{}", axis), module, rng);
    }
    {
      ir::Module module;
      GraphBuilder b(module);
      const Shape piece = {3, 4};
      auto &x0 = b.input("x0", ElementType::F32, piece);
      auto &x1 = b.input("x1", ElementType::F32, piece);
      auto &x2 = b.input("x2", ElementType::F32, piece);
      Shape out = piece;
      out.insert(out.begin() + (axis < 0 ? axis + 3 : axis), 3);
      auto &y = b.value("y", ElementType::F32, out);
      b.op(OpKind::PACK, {&x0, &x1, &x2}, {&y},
           {attr("values_count", int64_t(3)), attr("axis", int64_t(axis))});
      b.output(y);
      w.write(fmt::format("pack_f32_3x4_axis{}", axis), module, rng);
    }
    {
      ir::Module module;
      GraphBuilder b(module);
      auto &x = b.input("x", ElementType::F32, {2, 3, 4});
      Shape piece = {2, 3, 4};
      const int64_t count = piece[d];
      piece.erase(piece.begin() + int64_t(d));
      std::vector<ir::Value *> outs;
      for (int64_t i = 0; i < count; ++i)
        outs.push_back(&b.value(fmt::format("y{}", i), ElementType::F32, piece));
      b.op(OpKind::UNPACK, {&x}, outs, {attr("num", count), attr("axis", int64_t(axis))});
      b.output(*outs.back());
      w.write(fmt::format("unpack_f32_2x3x4_axis{}", axis), module, rng);
    }
  }
  const std::tuple<Shape, Shape, int, int> gathers[] = {
      {{5, 3}, {4}, 0, 0}, {{2, 6, 3}, {2, 2}, 1, 0}, {{3, 4}, {3, 2}, 1, 1}, {{4, 5}, {}, -1, 0}};
  for (const auto &[params, indexShape, axis, batchDims] : gathers) {
    ir::Module module;
    GraphBuilder b(module);
    auto &x = b.input("x", ElementType::F32, params);
    const int64_t axisSize = params[size_t(axis < 0 ? axis + int(params.size()) : axis)];
    std::vector<int32_t> indices(size_t(*ir::elementCount(indexShape)));
    for (int32_t &i : indices)
      i = int32_t(rng.integer(0, axisSize - 1));
    auto &idx = b.constant("idx", ElementType::I32, indexShape, indices);
    auto &y = b.value("y", ElementType::F32, {});
    ir::Op &op = b.op(OpKind::GATHER, {&x, &idx}, {&y},
                      {attr("axis", int64_t(axis)), attr("batch_dims", int64_t(batchDims))});
    y.shape = (**ir::inferResultShapes(op))[0];
    b.output(y);
    w.write(fmt::format("gather_f32_{}_idx{}_axis{}_batch{}", ir::formatShape(params),
                        indexShape.empty() ? "scalar" : ir::formatShape(indexShape), axis,
                        batchDims),
            module, rng);
  }
  const std::pair<ElementType, ElementType> casts[] = {{ElementType::F32, ElementType::I32},
                                                       {ElementType::I32, ElementType::F32},
                                                       {ElementType::I8, ElementType::I32}};
  for (const auto &[from, to] : casts) {
    ir::Module module;
    GraphBuilder b(module);
    auto &x = b.input("x", from, {4, 5});
    auto &y = b.value("y", to, {4, 5});
    b.op(OpKind::CAST, {&x}, {&y});
    b.output(y);
    w.write(fmt::format("cast_{}_to_{}", ir::elementTypeName(from), ir::elementTypeName(to)),
            module, rng, -50, 50);
  }
  for (OpKind kind : {OpKind::ARG_MAX, OpKind::ARG_MIN})
    for (int axis : {0, 2, -1}) {
      ir::Module module;
      GraphBuilder b(module);
      auto &x = b.input("x", ElementType::F32, {3, 4, 5});
      auto &a = b.constant("axis", ElementType::I32, {1}, std::vector<int32_t>{axis});
      auto &y = b.value("y", ElementType::I32, {});
      ir::Op &op =
          b.op(kind, {&x, &a}, {&y}, {attr("output_type", ir::EnumAttr{"TensorType", "INT32", 2})});
      y.shape = (**ir::inferResultShapes(op))[0];
      b.output(y);
      w.write(fmt::format("{}_f32_3x4x5_axis{}", ir::opKindInfo(kind).name, axis), module, rng);
    }
  for (bool symmetric : {false, true}) {
    ir::Module module;
    GraphBuilder b(module);
    auto &x = b.input("x", ElementType::F32, {1, 4, 5, 2});
    auto &p =
        b.constant("pad", ElementType::I32, {4, 2}, std::vector<int32_t>{0, 0, 2, 1, 1, 3, 0, 0});
    auto &y = b.value("y", ElementType::F32, {1, 7, 9, 2});
    b.op(OpKind::MIRROR_PAD, {&x, &p}, {&y},
         {attr("mode", ir::EnumAttr{"MirrorPadMode", symmetric ? "SYMMETRIC" : "REFLECT",
                                    symmetric ? 1 : 0})});
    b.output(y);
    w.write(fmt::format("mirror_pad_f32_{}", symmetric ? "symmetric" : "reflect"), module, rng);
  }
  for (OpKind kind : {OpKind::SUM, OpKind::REDUCE_MAX, OpKind::REDUCE_MIN})
    for (bool quantized : {false, true})
      for (bool keep : {false, true}) {
        ir::Module module;
        GraphBuilder b(module);
        const ElementType type = quantized ? ElementType::I8 : ElementType::F32;
        Quant in = randomActivationQuant(rng);
        ir::Quantization qi = quantized ? quantOf(in) : ir::Quantization{};
        ir::Quantization qo = qi;
        if (quantized && kind == OpKind::SUM)
          qo = quantOf({in.scale * 8, int32_t(rng.integer(-10, 10))});
        auto &x = b.input("x", type, {2, 4, 3}, qi);
        auto &a = b.constant("axes", ElementType::I32, {2}, std::vector<int32_t>{0, -1});
        auto &y = b.value("y", type, keep ? Shape{1, 4, 1} : Shape{4}, qo);
        b.op(kind, {&x, &a}, {&y}, {attr("keep_dims", keep)}).version = quantized ? 2 : 1;
        b.output(y);
        w.write(fmt::format("{}_{}_2x4x3_axes0.-1{}", ir::opKindInfo(kind).name,
                            quantized ? "i8" : "f32", keep ? "_keep" : ""),
                module, rng);
      }
  for (int mode = 0; mode < 3; ++mode) {
    ir::Module module;
    GraphBuilder b(module);
    auto &x = b.input("x", ElementType::F32, {1, 3, 5, 2});
    auto &size = b.constant("size", ElementType::I32, {2}, std::vector<int32_t>{7, 4});
    auto &y = b.value("y", ElementType::F32, {1, 7, 4, 2});
    b.op(OpKind::RESIZE_NEAREST_NEIGHBOR, {&x, &size}, {&y},
         {attr("align_corners", mode == 1), attr("half_pixel_centers", mode == 2)})
        .version = mode == 2 ? 3 : 1;
    b.output(y);
    w.write(fmt::format("resize_nearest_neighbor_f32_1x3x5x2_to_7x4{}", mode == 1 ? "_align_corners"
                                                                        : mode == 2 ? "_half_pixel"
                                                                                    : ""),
            module, rng);
  }
  const std::tuple<Shape, Shape, bool, bool> products[] = {{{2, 3, 4}, {2, 4, 5}, false, false},
                                                           {{3, 4, 2}, {4, 5}, true, false},
                                                           {{1, 3, 4}, {2, 5, 4}, false, true},
                                                           {{2, 1, 2, 3}, {3, 3, 2}, false, false}};
  for (const auto &[lhs, rhs, adjX, adjY] : products) {
    ir::Module module;
    GraphBuilder b(module);
    auto &l = b.input("l", ElementType::F32, lhs);
    auto &r = b.input("r", ElementType::F32, rhs);
    auto &y = b.value("y", ElementType::F32, {});
    ir::Op &op =
        b.op(OpKind::BATCH_MATMUL, {&l, &r}, {&y}, {attr("adj_x", adjX), attr("adj_y", adjY)});
    y.shape = (**ir::inferResultShapes(op))[0];
    b.output(y);
    w.write(fmt::format("batch_matmul_f32_{}_x_{}{}{}", ir::formatShape(lhs), ir::formatShape(rhs),
                        adjX ? "_adjx" : "", adjY ? "_adjy" : ""),
            module, rng);
  }
}
// 16x8: int16 activations (zero point 0), int8 weights, int64 bias.
void sixteenByEightCases(CaseWriter &w, Random &rng) {
  auto int16Quant = [&](float scale) { return testing::perTensor(scale, 0); };
  auto outputScale = [](float in, float weight, int64_t terms) {
    return in * weight * 18900.f * 74.f * std::sqrt(float(terms)) * 3.f / 32768.f;
  };
  auto biasFor = [&](GraphBuilder &b, float in, const std::vector<float> &scales,
                     int64_t channels) {
    ir::Quantization bq;
    std::vector<int64_t> values;
    for (int64_t c = 0; c < channels; ++c) {
      bq.scales.push_back(in * scales[scales.size() == 1 ? 0 : size_t(c)]);
      bq.zeroPoints.push_back(0);
      values.push_back(rng.integer(-200000, 200000));
    }
    return &b.constant("b", ElementType::I64, {channels}, values, bq);
  };
  int index = 0;
  for (bool same : {true, false})
    for (int stride : {1, 2}) {
      const int act = index++ % 4;
      {
        ir::Module module;
        GraphBuilder b(module);
        const float in = float(rng.uniform(1e-4, 5e-4));
        std::vector<float> scales;
        auto wq = weightsQuant(rng, 4, 0, true, &scales);
        auto &x = b.input("x", ElementType::I16, {1, 7, 6, 3}, int16Quant(in));
        auto &f = b.constant("w", ElementType::I8, {4, 3, 3, 3}, randomInt8(rng, 108), wq);
        auto *bias = biasFor(b, in, scales, 4);
        const int64_t outH = windowOutputSize(7, 3, stride, same);
        const int64_t outW = windowOutputSize(6, 3, stride, same);
        auto &y = b.value("y", ElementType::I16, {1, outH, outW, 4},
                          int16Quant(outputScale(in, scales[0], 27)));
        b.op(OpKind::CONV_2D, {&x, &f, bias}, {&y},
             {attr("padding", testing::padding(same)), attr("stride_w", int64_t(stride)),
              attr("stride_h", int64_t(stride)),
              attr("fused_activation_function", activation(act))})
            .version = 4;
        b.output(y);
        w.write(fmt::format("conv2d_i16x8_7x6x3_k3x3_s{}_{}_{}", stride, same ? "same" : "valid",
                            kActivations[act]),
                module, rng);
      }
      {
        ir::Module module;
        GraphBuilder b(module);
        const float in = float(rng.uniform(1e-4, 5e-4));
        std::vector<float> scales;
        auto wq = weightsQuant(rng, 6, 3, true, &scales);
        auto &x = b.input("x", ElementType::I16, {1, 8, 7, 3}, int16Quant(in));
        auto &f = b.constant("w", ElementType::I8, {1, 3, 3, 6}, randomInt8(rng, 54), wq);
        auto *bias = biasFor(b, in, scales, 6);
        const int64_t outH = windowOutputSize(8, 3, stride, same);
        const int64_t outW = windowOutputSize(7, 3, stride, same);
        auto &y = b.value("y", ElementType::I16, {1, outH, outW, 6},
                          int16Quant(outputScale(in, scales[0], 9)));
        b.op(OpKind::DEPTHWISE_CONV_2D, {&x, &f, bias}, {&y},
             {attr("padding", testing::padding(same)), attr("stride_w", int64_t(stride)),
              attr("stride_h", int64_t(stride)), attr("depth_multiplier", int64_t(2)),
              attr("fused_activation_function", activation(act))})
            .version = 5;
        b.output(y);
        w.write(fmt::format("depthwise_i16x8_8x7x3_m2_k3x3_s{}_{}_{}", stride,
                            same ? "same" : "valid", kActivations[act]),
                module, rng);
      }
      {
        ir::Module module;
        GraphBuilder b(module);
        const float in = float(rng.uniform(1e-4, 5e-4));
        std::vector<float> scales;
        auto wq = weightsQuant(rng, 5, 0, false, &scales);
        const int64_t depth = 10 + 7 * stride + (same ? 1 : 0);
        auto &x = b.input("x", ElementType::I16, {2, depth}, int16Quant(in));
        auto &f = b.constant("w", ElementType::I8, {5, depth}, randomInt8(rng, 5 * depth), wq);
        auto *bias = biasFor(b, in, scales, 5);
        auto &y =
            b.value("y", ElementType::I16, {2, 5}, int16Quant(outputScale(in, scales[0], depth)));
        b.op(OpKind::FULLY_CONNECTED, {&x, &f, bias}, {&y},
             {attr("fused_activation_function", activation(act))})
            .version = 7;
        b.output(y);
        w.write(fmt::format("fully_connected_i16x8_2x{}_u5_{}", depth, kActivations[act]), module,
                rng);
      }
    }
  // TRANSPOSE_CONV 16x8 (per-channel weights, int64 bias), stride 2, both paddings.
  for (bool same : {true, false}) {
    ir::Module module;
    GraphBuilder b(module);
    const float in = float(rng.uniform(1e-4, 5e-4));
    std::vector<float> scales;
    auto wq = weightsQuant(rng, 3, 0, true, &scales);
    const int64_t outH = same ? 8 : 9, outW = same ? 10 : 11;
    auto &shape = b.constant("shape", ElementType::I32, {4},
                             std::vector<int32_t>{1, int32_t(outH), int32_t(outW), 3});
    auto &f = b.constant("w", ElementType::I8, {3, 3, 3, 2}, randomInt8(rng, 54), wq);
    auto &x = b.input("x", ElementType::I16, {1, 4, 5, 2}, int16Quant(in));
    auto *bias = biasFor(b, in, scales, 3);
    auto &y = b.value("y", ElementType::I16, {1, outH, outW, 3},
                      int16Quant(outputScale(in, scales[0], 18)));
    b.op(OpKind::TRANSPOSE_CONV, {&shape, &f, &x, bias}, {&y},
         {attr("padding", testing::padding(same)), attr("stride_w", int64_t(2)),
          attr("stride_h", int64_t(2))})
        .version = 3;
    b.output(y);
    w.write(fmt::format("transpose_conv_i16x8_4x5x2_k3x3_s2_{}", same ? "same" : "valid"), module,
            rng);
  }
}
// uint8: asymmetric activations and weights, int32 bias, per-tensor.
// uint8 DIV (TFLite's fixed-point reciprocal; the npm runtime has no int8 DIV, whose kernel is
// the same template): plain and broadcast divisors, every fused activation. The numerators
// include the zero point and its neighbours (tiny quotients, where TFLite's final shift goes
// beyond 31 bits); the divisors avoid the raw value 0, which TFLite refuses, and their zero
// point (a division by zero).
void uint8DivCases(CaseWriter &w, Random &rng) {
  const std::pair<Shape, Shape> shapes[] = {
      {{2, 3, 4}, {2, 3, 4}}, {{2, 3, 4}, {4}}, {{3, 1, 5}, {1, 4, 1}}, {{2, 12}, {2, 12}}};
  int index = 0;
  for (const auto &[lhs, rhs] : shapes) {
    const int act = index++ % 4;
    const int32_t za = int32_t(rng.integer(0, 255)), zb = int32_t(rng.integer(1, 254));
    ir::Module module;
    GraphBuilder b(module);
    const float sa = float(rng.uniform(0.01, 0.1)), sb = float(rng.uniform(0.01, 0.1));
    auto &a = b.input("a", ElementType::U8, lhs, testing::perTensor(sa, za));
    auto &d = b.input("b", ElementType::U8, rhs, testing::perTensor(sb, zb));
    const Shape out = *ir::broadcastShapes(lhs, rhs);
    auto &y =
        b.value("y", ElementType::U8, out,
                testing::perTensor(float(rng.uniform(0.02, 0.3)), int32_t(rng.integer(0, 255))));
    b.op(OpKind::DIV, {&a, &d}, {&y}, {attr("fused_activation_function", activation(act))})
        .version = 2;
    b.output(y);
    std::vector<uint8_t> numerators(size_t(*ir::elementCount(lhs))), divisors;
    for (size_t i = 0; i < numerators.size(); ++i)
      numerators[i] = uint8_t(i % 4 == 0 ? std::clamp<int64_t>(za + rng.integer(-2, 2), 0, 255)
                                         : rng.integer(0, 255));
    for (int64_t i = 0; i < *ir::elementCount(rhs); ++i) {
      int64_t v = rng.integer(1, 255);
      while (v == zb)
        v = rng.integer(1, 255);
      divisors.push_back(uint8_t(v));
    }
    w.write(fmt::format("div_u8_{}_by_{}_{}", ir::formatShape(lhs), ir::formatShape(rhs),
                        kActivations[act]),
            module, rng, -2, 2, {numerators, divisors});
  }
}

void uint8Cases(CaseWriter &w, Random &rng) {
  auto u8Quant = [&](float scale) {
    return testing::perTensor(scale, int32_t(rng.integer(100, 150)));
  };
  auto weights = [&](int64_t count) {
    std::vector<uint8_t> v(static_cast<size_t>(count));
    for (uint8_t &x : v)
      x = uint8_t(rng.integer(0, 255));
    return v;
  };
  auto bias = [&](GraphBuilder &b, float scale, int64_t n) {
    std::vector<int32_t> v;
    for (int64_t i = 0; i < n; ++i)
      v.push_back(int32_t(rng.integer(-2000, 2000)));
    return &b.constant("b", ElementType::I32, {n}, v, testing::perTensor(scale, 0));
  };
  // Concatenation of inputs quantised differently: TFLite rescales each uint8 input. Five
  // inputs, because the npm runtime's XNNPACK takes concatenations of two to four inputs and
  // copies them without rescaling (a bug of that build; its own kernel, used for five, agrees
  // with this one bit for bit).
  for (int inputs : {5, 6})
    for (int axis : {1, -1}) {
      ir::Module module;
      GraphBuilder b(module);
      std::vector<ir::Value *> operands;
      for (int k = 0; k < inputs; ++k)
        operands.push_back(&b.input(fmt::format("x{}", k), ElementType::U8, {2, 3, 4},
                                    u8Quant(float(rng.uniform(0.01, 0.05)))));
      const Shape out = axis == 1 ? Shape{2, 3 * inputs, 4} : Shape{2, 3, 4 * inputs};
      auto &y = b.value("y", ElementType::U8, out, u8Quant(float(rng.uniform(0.02, 0.04))));
      b.op(OpKind::CONCATENATION, operands, {&y}, {attr("axis", int64_t(axis))});
      b.output(y);
      w.write(fmt::format("concatenation_u8_rescaled_{}_inputs_axis{}", inputs, axis), module, rng);
    }
  int index = 0;
  for (bool same : {true, false})
    for (int stride : {1, 2}) {
      const int act = index++ % 4;
      const float in = float(rng.uniform(0.01, 0.05)), ws = float(rng.uniform(0.002, 0.02));
      {
        ir::Module module;
        GraphBuilder b(module);
        auto &x = b.input("x", ElementType::U8, {1, 7, 8, 3}, u8Quant(in));
        auto &f = b.constant("w", ElementType::U8, {4, 3, 3, 3}, weights(108), u8Quant(ws));
        const int64_t outH = windowOutputSize(7, 3, stride, same);
        const int64_t outW = windowOutputSize(8, 3, stride, same);
        auto &y = b.value("y", ElementType::U8, {1, outH, outW, 4},
                          u8Quant(accumulatorOutputScale(in, ws, 27)));
        b.op(OpKind::CONV_2D, {&x, &f, bias(b, in * ws, 4)}, {&y},
             {attr("padding", testing::padding(same)), attr("stride_w", int64_t(stride)),
              attr("stride_h", int64_t(stride)),
              attr("fused_activation_function", activation(act))});
        b.output(y);
        w.write(fmt::format("conv2d_u8_7x8x3_k3x3_s{}_{}_{}", stride, same ? "same" : "valid",
                            kActivations[act]),
                module, rng);
      }
      {
        ir::Module module;
        GraphBuilder b(module);
        auto &x = b.input("x", ElementType::U8, {1, 8, 7, 2}, u8Quant(in));
        auto &f = b.constant("w", ElementType::U8, {1, 3, 3, 4}, weights(36), u8Quant(ws));
        const int64_t outH = windowOutputSize(8, 3, stride, same);
        const int64_t outW = windowOutputSize(7, 3, stride, same);
        auto &y = b.value("y", ElementType::U8, {1, outH, outW, 4},
                          u8Quant(accumulatorOutputScale(in, ws, 9)));
        b.op(OpKind::DEPTHWISE_CONV_2D, {&x, &f, bias(b, in * ws, 4)}, {&y},
             {attr("padding", testing::padding(same)), attr("stride_w", int64_t(stride)),
              attr("stride_h", int64_t(stride)), attr("depth_multiplier", int64_t(2)),
              attr("fused_activation_function", activation(act))});
        b.output(y);
        w.write(fmt::format("depthwise_u8_8x7x2_m2_k3x3_s{}_{}_{}", stride, same ? "same" : "valid",
                            kActivations[act]),
                module, rng);
      }
      {
        ir::Module module;
        GraphBuilder b(module);
        const int64_t outH = same ? 4 * stride : 3 * stride + 3;
        const int64_t outW = same ? 5 * stride : 4 * stride + 3;
        auto &shape = b.constant("shape", ElementType::I32, {4},
                                 std::vector<int32_t>{1, int32_t(outH), int32_t(outW), 3});
        auto &f = b.constant("w", ElementType::U8, {3, 3, 3, 2}, weights(54), u8Quant(ws));
        auto &x = b.input("x", ElementType::U8, {1, 4, 5, 2}, u8Quant(in));
        auto &y = b.value("y", ElementType::U8, {1, outH, outW, 3},
                          u8Quant(accumulatorOutputScale(in, ws, 18)));
        b.op(OpKind::TRANSPOSE_CONV, {&shape, &f, &x, bias(b, in * ws, 3)}, {&y},
             {attr("padding", testing::padding(same)), attr("stride_w", int64_t(stride)),
              attr("stride_h", int64_t(stride))})
            .version = 3;
        b.output(y);
        w.write(fmt::format("transpose_conv_u8_4x5x2_k3x3_s{}_{}", stride, same ? "same" : "valid"),
                module, rng);
      }
      {
        ir::Module module;
        GraphBuilder b(module);
        const int64_t depth = 9 + 4 * stride + (same ? 1 : 0);
        auto &x = b.input("x", ElementType::U8, {3, depth}, u8Quant(in));
        auto &f = b.constant("w", ElementType::U8, {6, depth}, weights(6 * depth), u8Quant(ws));
        auto &y =
            b.value("y", ElementType::U8, {3, 6}, u8Quant(accumulatorOutputScale(in, ws, depth)));
        b.op(OpKind::FULLY_CONNECTED, {&x, &f, bias(b, in * ws, 6)}, {&y},
             {attr("fused_activation_function", activation(act))});
        b.output(y);
        w.write(fmt::format("fully_connected_u8_3x{}_u6_{}", depth, kActivations[act]), module,
                rng);
      }
      for (OpKind kind : {OpKind::AVERAGE_POOL_2D, OpKind::MAX_POOL_2D}) {
        ir::Module module;
        GraphBuilder b(module);
        auto q = u8Quant(in);
        auto &x = b.input("x", ElementType::U8, {1, 7, 9, 3}, q);
        const int64_t outH = windowOutputSize(7, 3, stride, same);
        const int64_t outW = windowOutputSize(9, 3, stride, same);
        auto &y = b.value("y", ElementType::U8, {1, outH, outW, 3}, q);
        b.op(kind, {&x}, {&y},
             {attr("padding", testing::padding(same)), attr("stride_w", int64_t(stride)),
              attr("stride_h", int64_t(stride)), attr("filter_width", int64_t(3)),
              attr("filter_height", int64_t(3)),
              attr("fused_activation_function", activation(act))});
        b.output(y);
        w.write(fmt::format("{}_u8_7x9x3_f3x3_s{}_{}_{}",
                            kind == OpKind::MAX_POOL_2D ? "max_pool" : "average_pool", stride,
                            same ? "same" : "valid", kActivations[act]),
                module, rng);
      }
      {
        ir::Module module;
        GraphBuilder b(module);
        auto &x = b.input("x", ElementType::U8, {2, 11}, u8Quant(float(rng.uniform(0.02, 0.2))));
        auto &y = b.value("y", ElementType::U8, {2, 11}, testing::perTensor(1.f / 256, 0));
        b.op(OpKind::SOFTMAX, {&x}, {&y}, {attr("beta", stride == 1 ? 1.0 : 0.5)});
        b.output(y);
        w.write(
            fmt::format("softmax_u8_2x11_beta{}_{}", stride == 1 ? "1" : "0.5", same ? "a" : "b"),
            module, rng);
      }
      for (OpKind kind : {OpKind::ADD, OpKind::MUL}) {
        ir::Module module;
        GraphBuilder b(module);
        const float sa = float(rng.uniform(0.01, 0.05)), sb = float(rng.uniform(0.01, 0.05));
        auto &a = b.input("a", ElementType::U8, {2, 3, 4}, u8Quant(sa));
        auto &c =
            b.input("b", ElementType::U8, stride == 1 ? Shape{4} : Shape{2, 3, 4}, u8Quant(sb));
        auto &y = b.value("y", ElementType::U8, {2, 3, 4},
                          u8Quant(kind == OpKind::ADD ? (sa + sb) * 1.5f : sa * sb * 128.f));
        b.op(kind, {&a, &c}, {&y}, {attr("fused_activation_function", activation(act))});
        b.output(y);
        w.write(fmt::format("{}_u8_2x3x4_{}_{}", kind == OpKind::ADD ? "add" : "mul",
                            stride == 1 ? "by_4" : "same_shape", kActivations[act]),
                module, rng);
      }
    }
}
// Float UNIDIRECTIONAL_SEQUENCE_LSTM: plain, CIFG, peephole, projection, layer norm,
// time-major, cell and projection clipping.
void lstmCases(CaseWriter &w, Random &rng) {
  struct Variant {
    const char *name;
    int batches, steps, inputs, cells, outputs;
    bool cifg, peephole, projection, layerNorm, timeMajor;
    double cellClip, projClip;
  };
  const Variant variants[] = {
      {"plain", 1, 4, 3, 5, 5, false, false, false, false, false, 0, 0},
      {"batch2_time_major", 2, 3, 4, 6, 6, false, false, false, false, true, 0, 0},
      {"cifg", 1, 5, 3, 4, 4, true, false, false, false, false, 0, 0},
      {"peephole_clip", 2, 4, 3, 5, 5, false, true, false, false, false, 0.5, 0},
      {"projection", 1, 4, 4, 6, 3, false, false, true, false, false, 0, 0.3},
      {"layer_norm", 1, 3, 3, 5, 5, false, false, false, true, false, 0, 0},
  };
  for (const Variant &v : variants) {
    ir::Module module;
    GraphBuilder b(module);
    const Shape inShape =
        v.timeMajor ? Shape{v.steps, v.batches, v.inputs} : Shape{v.batches, v.steps, v.inputs};
    auto &x = b.input("x", ElementType::F32, inShape);
    auto matrix = [&](const char *name, int64_t rows, int64_t cols) {
      return &b.constant(name, ElementType::F32, {rows, cols},
                         randomFloats(rng, rows * cols, -0.5, 0.5));
    };
    auto vector = [&](const char *name, int64_t n) {
      return &b.constant(name, ElementType::F32, {n}, randomFloats(rng, n, -0.5, 0.5));
    };
    std::vector<ir::Value *> operands(24, nullptr);
    operands[0] = &x;
    for (int gate = 0; gate < 4; ++gate) {
      if (gate == 0 && v.cifg)
        continue;
      operands[size_t(1 + gate)] = matrix("wx", v.cells, v.inputs);
      operands[size_t(5 + gate)] = matrix("wh", v.cells, v.outputs);
      operands[size_t(12 + gate)] = vector("bias", v.cells);
      if (v.layerNorm)
        operands[size_t(20 + gate)] = vector("norm", v.cells);
    }
    if (v.peephole) {
      if (!v.cifg)
        operands[9] = vector("wci", v.cells);
      operands[10] = vector("wcf", v.cells);
      operands[11] = vector("wco", v.cells);
    }
    if (v.projection) {
      operands[16] = matrix("proj", v.outputs, v.cells);
      operands[17] = vector("proj_bias", v.outputs);
    }
    auto &hidden = b.value("hidden", ElementType::F32, {v.batches, v.outputs});
    hidden.isVariable = true;
    auto &cell = b.value("cell", ElementType::F32, {v.batches, v.cells});
    cell.isVariable = true;
    operands[18] = &hidden;
    operands[19] = &cell;
    const Shape outShape =
        v.timeMajor ? Shape{v.steps, v.batches, v.outputs} : Shape{v.batches, v.steps, v.outputs};
    auto &y = b.value("y", ElementType::F32, outShape);
    b.op(OpKind::UNIDIRECTIONAL_SEQUENCE_LSTM, operands, {&y},
         {attr("fused_activation_function", testing::activation("TANH", 4)),
          attr("time_major", v.timeMajor), attr("cell_clip", v.cellClip),
          attr("proj_clip", v.projClip)});
    b.output(y);
    w.write(fmt::format("lstm_f32_{}", v.name), module, rng);
  }
}
// Float SVDF: rank 1 and 2, with and without bias, fused activations; run three times.
void svdfCases(CaseWriter &w, Random &rng) {
  struct Variant {
    int batches, inputs, units, rank, memory;
    bool bias;
    int activationIndex;
  };
  const Variant variants[] = {
      {1, 6, 4, 1, 5, true, 0}, {2, 5, 3, 2, 4, true, 1}, {1, 8, 5, 1, 3, false, 3}};
  for (const Variant &v : variants) {
    ir::Module module;
    GraphBuilder b(module);
    const int64_t filters = int64_t(v.units) * v.rank;
    auto &x = b.input("x", ElementType::F32, {v.batches, v.inputs});
    auto &features = b.constant("features", ElementType::F32, {filters, v.inputs},
                                randomFloats(rng, filters * v.inputs, -0.5, 0.5));
    auto &time = b.constant("time", ElementType::F32, {filters, v.memory},
                            randomFloats(rng, filters * v.memory, -0.5, 0.5));
    ir::Value *bias =
        v.bias ? &b.constant("bias", ElementType::F32, {v.units}, randomFloats(rng, v.units))
               : nullptr;
    auto &state = b.value("state", ElementType::F32, {v.batches, filters * v.memory});
    state.isVariable = true;
    auto &y = b.value("y", ElementType::F32, {v.batches, v.units});
    b.op(OpKind::SVDF, {&x, &features, &time, bias, &state}, {&y},
         {attr("rank", int64_t(v.rank)),
          attr("fused_activation_function", activation(v.activationIndex))});
    b.output(y);
    w.write(fmt::format("svdf_f32_b{}_i{}_u{}_r{}_m{}{}_{}", v.batches, v.inputs, v.units, v.rank,
                        v.memory, v.bias ? "" : "_nobias", kActivations[v.activationIndex]),
            module, rng);
  }
}
} // namespace

int main(int argc, char **argv) {
  if (argc != 2) {
    std::cerr << "usage: litec_conformance_cases OUT_DIR\n";
    return 2;
  }
  fs::create_directories(argv[1]);
  CaseWriter writer(argv[1]);
  Random rng(20261125);
  conv2dCases(writer, rng);
  depthwiseCases(writer, rng);
  fullyConnectedCases(writer, rng);
  poolCases(writer, rng);
  binaryCases(writer, rng);
  softmaxCases(writer, rng);
  simpleCases(writer, rng);
  resizeAndRearrangeCases(writer, rng);
  transposeConvCases(writer, rng);
  quantizeCases(writer, rng);
  elementwiseCases(writer, rng);
  dataMovementCases(writer, rng);
  sixteenByEightCases(writer, rng);
  uint8Cases(writer, rng);
  lstmCases(writer, rng);
  svdfCases(writer, rng);
  int16AddCases(writer, rng);
  stridedSliceMaskCases(writer, rng);
  int16PowerOfTwoAddCases(writer, rng);
  int16SigmoidalCases(writer, rng);
  uint8DivCases(writer, rng);
  int16SoftmaxCases(writer, rng);
  int8TransposeConvCases(writer, rng);
  quantizedElementwiseCases(writer, rng);
  reshapeCases(writer, rng);
  std::cout << "wrote " << writer.count() << " cases to " << argv[1] << "\n";
  return 0;
}
