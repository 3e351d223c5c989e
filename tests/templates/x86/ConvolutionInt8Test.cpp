// templates/x86/Convolution.h's int8 kernels against the reference kernel, built natively twice:
// for AVX2 (8 int32 lanes, VPMADDWD on sign-extended bytes) and for AVX-512 with VNNI (16 lanes,
// VPDPBUSD on unsigned inputs); each build runs where the machine has its instructions. CONV_2D as
// the indirect GEMM on tiles of every vector count (one to eight vectors of lanes per row), with
// the general and the right-shift output stage, and with each pixel's window gathered for 1 to 4
// input channels; DEPTHWISE_CONV_2D with and without gathered input lanes; filters 1x1 to 5x5,
// strides 1 to 3, dilations 1 and 2, per-tensor and per-channel weights, the fused residual ADD,
// every fused activation, each case split into 1, 2, 3 or 7 parts as invoke() splits a layer across
// workers; bit-exact. And the requantization and the quantised ADD lanes against TFLite's
// arithmetic (runtime/FixedPoint.h, QuantizedArithmetic.h).

#include "x86/Convolution.h"

#include "../ConvolutionCases.h"
#include "litec/runtime/FixedPoint.h"
#include "litec/runtime/QuantizedArithmetic.h"

#include <catch2/catch.hpp>

#include <utility>

using namespace litec;
using namespace testing::convolution;
using ir::OpKind;
using runtime::Requantization;

namespace {
using Int8Kernel = void (*)(const Params &, const int8_t *, const int8_t *, const int32_t *,
                            int8_t *, const int8_t *, runtime::Part);

template <int MR, int NR, Requantization R = Requantization::kGeneral, int GatherC = 0,
          int PanelGroup = 0, size_t... Index>
Int8Kernel int8Kernel(int taps, std::index_sequence<Index...>) {
  constexpr Int8Kernel kernels[] = {
      x86::convolutionInt8<MR, NR, kTaps[Index], R, GatherC, PanelGroup, Params>...};
  return kernels[tapsIndex(taps)];
}
Int8Kernel gatheringKernel(int taps, int channels) {
  switch (channels) {
  case 1:
    return int8Kernel<6, 16, Requantization::kGeneral, 1, 0>(taps, TapsSequence());
  case 2:
    return int8Kernel<6, 16, Requantization::kGeneral, 2, 0>(taps, TapsSequence());
  case 3:
    return int8Kernel<6, 16, Requantization::kGeneral, 3, 0>(taps, TapsSequence());
  default:
    return int8Kernel<6, 16, Requantization::kGeneral, 4, 0>(taps, TapsSequence());
  }
}
template <Requantization R, bool Gathered, int... Index>
Int8Kernel depthwiseInt8Kernel(int filterH, int filterW, std::integer_sequence<int, Index...>) {
  constexpr Int8Kernel kernels[] = {
      x86::depthwiseInt8<Index / kMaxFilter + 1, Index % kMaxFilter + 1, R, Gathered, Params>...};
  return kernels[(filterH - 1) * kMaxFilter + filterW - 1];
}
} // namespace

TEST_CASE("x86 int8 convolution microkernels are bit-exact with the reference kernel",
          "[templates][x86][convolution]") {
  testing::Choices choose(43);
  int runs = 0, rightShiftRuns = 0, gatherRuns = 0;
  for (OpKind base : {OpKind::CONV_2D, OpKind::DEPTHWISE_CONV_2D})
    for (int variant = 0; variant < 60; ++variant) {
      const std::unique_ptr<Int8Run> c = runInt8Case(base, variant, choose, uint32_t(3000 + runs));
      INFO(c->description);
      const Params &p = c->p;
      const int32_t *bias = c->bias.empty() ? nullptr : c->bias.data();
      const bool rightShift = runtime::requantizationOf(p) == Requantization::kRightShift;
      rightShiftRuns += rightShift;
      const int parts = kPartCounts[runs % 4];
      INFO(parts << " parts");
      // Runs `kernel` in the parts on `weights` and `stage`: bit-exact.
      auto checkKernel = [&](const std::string &name, Int8Kernel kernel, const int8_t *weights,
                             const std::vector<int32_t> &stage) {
        std::vector<int8_t> output(c->reference.size());
        runInParts(parts, [&](runtime::Part part) {
          kernel(p, c->input.data(), weights, stage.data(), output.data(), c->extraData(), part);
        });
        INFO(name);
        CHECK(testing::compareOutputs(output, c->reference) == "");
      };
      if (c->depthwise) {
        constexpr int kPanel = x86::kDepthwiseInt8Panel;
        std::vector<int32_t> stage(size_t(runtime::convolutionInt8StageWords(p, kPanel)));
        runtime::packConvolutionStageInt8(p, kPanel, bias, stage.data());
        const int fh = int(c->filterH), fw = int(c->filterW);
        // The kernels that read input lanes in place where the depth multiplier is 1; the
        // gathering kernel for every multiplier.
        const bool inPlace = p.depthMultiplier == 1;
        if (inPlace)
          checkKernel(
              "general requantization",
              depthwiseInt8Kernel<Requantization::kGeneral, false>(fh, fw, FilterSequence()),
              c->filter.data(), stage);
        checkKernel("input lanes gathered",
                    depthwiseInt8Kernel<Requantization::kGeneral, true>(fh, fw, FilterSequence()),
                    c->filter.data(), stage);
        if (inPlace && rightShift)
          checkKernel(
              "right-shift requantization",
              depthwiseInt8Kernel<Requantization::kRightShift, false>(fh, fw, FilterSequence()),
              c->filter.data(), stage);
      } else {
        const int taps = int(c->filterH * c->filterW);
        std::vector<int32_t> unsignedBias(size_t(p.outC));
        runtime::unsignedInputBiases(p, c->filter.data(), bias, unsignedBias.data());
        // Packs the weights (of `view`) and the stage table for panels of nr channels.
        auto pack = [&](const Params &view, int nr, std::vector<int8_t> &packed,
                        std::vector<int32_t> &stage) {
          packed.assign(size_t(runtime::convolutionInt8PackedBytes(view, nr)), 0);
          runtime::packConvolutionWeightsInt8(view, nr, c->filter.data(), packed.data());
          stage.assign(
              size_t(runtime::convolutionInt8StageWords(p, nr, runtime::kInt8StageFieldsUnsigned)),
              0);
          runtime::packConvolutionStageInt8(p, nr, bias, stage.data(), unsignedBias.data());
        };
        std::vector<int8_t> packed;
        std::vector<int32_t> stage;
        if (runtime::gathersWindows(p)) {
          ++gatherRuns;
          pack(runtime::gatheredView(p), 16, packed, stage);
          checkKernel("6x16, windows gathered", gatheringKernel(taps, int(c->inC)), packed.data(),
                      stage);
        }
        // One to eight vectors of lanes per row, in either build.
        const std::pair<int, std::pair<const char *, Int8Kernel>> kernels[] = {
            {16, {"4x16", int8Kernel<4, 16>(taps, TapsSequence())}},
            // The right-shift output stage where the case allows it.
            {32,
             {rightShift ? "3x32, right-shift requantization" : "3x32",
              rightShift ? int8Kernel<3, 32, Requantization::kRightShift>(taps, TapsSequence())
                         : int8Kernel<3, 32>(taps, TapsSequence())}},
            {48, {"8x48", int8Kernel<8, 48>(taps, TapsSequence())}},
            {64, {"6x64", int8Kernel<6, 64>(taps, TapsSequence())}},
            // Cache blocking (x86::panelGroup): one panel a group, two groups above 16 channels.
            {16,
             {"4x16, panels in groups of 1",
              int8Kernel<4, 16, Requantization::kGeneral, 0, 1>(taps, TapsSequence())}}};
        for (const auto &[nr, named] : kernels) {
          pack(p, nr, packed, stage);
          checkKernel(named.first, named.second, packed.data(), stage);
        }
      }
      ++runs;
    }
  CHECK(runs == 120);
  CHECK(rightShiftRuns >= 30);
  CHECK(gatherRuns >= 10);
}

TEST_CASE("x86 requantization is TFLite's MultiplyByQuantizedMultiplier",
          "[templates][x86][convolution]") {
  int mismatches = 0, checked = 0;
  requantizationTrials([&](int32_t x, int32_t multiplier, int shift, int trial) {
    const int left = shift > 0 ? shift : 0, right = shift > 0 ? 0 : -shift;
    const int32_t expected = runtime::multiplyByQuantizedMultiplier(x, multiplier, shift);
    int32_t lanes[x86::I32::kLanes];
    const auto lane = [&](x86::I32::V v) {
      std::memcpy(lanes, &v, sizeof lanes);
      return lanes[trial % x86::I32::kLanes];
    };
    const x86::Requantizer<> general(x86::I32::broadcast(multiplier), x86::I32::broadcast(left),
                                     x86::I32::broadcast(right));
    mismatches += lane(general(x86::I32::broadcast(x))) != expected;
    if (shift < 0) {
      const x86::Requantizer<Requantization::kRightShift> rightOnly(
          x86::I32::broadcast(multiplier), x86::I32::zero(), x86::I32::broadcast(right));
      mismatches += lane(rightOnly(x86::I32::broadcast(x))) != expected;
      const x86::RightShiftRequantizer oneRounding(x86::I32::broadcast(multiplier),
                                                   x86::I32::zero(), x86::I32::broadcast(right));
      mismatches += lane(oneRounding(x86::I32::broadcast(x))) != expected;
    }
    ++checked;
  });
  CHECK(checked == kRequantizationTrials);
  CHECK(mismatches == 0);
}

// The one-rounding form where TFLite's two roundings meet ties: multipliers at and near 2^30
// (the high multiply's ties: odd x), every x of a dense range, every right shift; each lane with
// its own x, and lanes with their own multipliers and shifts.
TEST_CASE("x86 one-rounding requantization keeps both of TFLite's roundings",
          "[templates][x86][convolution]") {
  constexpr int L = x86::I32::kLanes;
  int mismatches = 0, checked = 0;
  const auto check = [&](const int32_t(&x)[L], const int32_t(&m)[L], const int32_t(&e)[L]) {
    x86::I32::V xv, mv, ev;
    std::memcpy(&xv, x, sizeof xv);
    std::memcpy(&mv, m, sizeof mv);
    std::memcpy(&ev, e, sizeof ev);
    int32_t out[L];
    const x86::I32::V z = x86::RightShiftRequantizer(mv, x86::I32::zero(), ev)(xv);
    std::memcpy(out, &z, sizeof out);
    for (int i = 0; i < L; ++i, ++checked)
      mismatches += out[i] != runtime::multiplyByQuantizedMultiplier(x[i], m[i], -e[i]);
  };
  const int32_t multipliers[] = {1 << 30, (1 << 30) + 1, (1 << 30) + 3, INT32_MAX};
  for (int shift = 1; shift <= 31; ++shift)
    for (int32_t multiplier : multipliers)
      for (int32_t base = -4096; base < 4096; base += L) {
        int32_t x[L], m[L], e[L];
        for (int i = 0; i < L; ++i) {
          // Around 0, and around the ties of the right shift (multiples of 2^(shift - 1)).
          x[i] = base + i;
          if (base % 3 == 0 && shift < 20)
            x[i] = (base + i) * (1 << (shift - 1));
          m[i] = multiplier;
          e[i] = shift;
        }
        check(x, m, e);
      }
  testing::Choices choose(11);
  for (int trial = 0; trial < 2000; ++trial) {
    int32_t x[L], m[L], e[L];
    for (int i = 0; i < L; ++i) {
      x[i] = int32_t(choose.next()) >> choose.range(0, 30);
      m[i] = int32_t(choose.range(1 << 30, INT32_MAX));
      e[i] = int32_t(choose.range(1, 31));
    }
    if (trial == 0)
      x[0] = INT32_MIN, x[1] = INT32_MAX;
    check(x, m, e);
  }
  CHECK(checked > 100000);
  CHECK(mismatches == 0);
}

TEST_CASE("x86 quantised ADD lanes are TFLite's int8 ADD", "[templates][x86][convolution]") {
  testing::Choices choose(9);
  int mismatches = 0;
  for (int trial = 0; trial < 200; ++trial) {
    runtime::AddRescale r{};
    r.input1Offset = int32_t(choose.range(-127, 128));
    r.input2Offset = int32_t(choose.range(-127, 128));
    r.leftShift = 20;
    r.input1 = {int32_t(choose.range(1 << 30, 0x7fffffff)), -int(choose.range(0, 12))};
    r.input2 = {int32_t(choose.range(1 << 30, 0x7fffffff)), -int(choose.range(0, 12))};
    r.output = {int32_t(choose.range(1 << 30, 0x7fffffff)), -int(choose.range(10, 24))};
    r.outputOffset = int32_t(choose.range(-128, 127));
    r.range = {-128, 127};
    const x86::QuantizedAddLanes add(r);
    int32_t a[x86::I32::kLanes], b[x86::I32::kLanes], got[x86::I32::kLanes];
    for (int j = 0; j < x86::I32::kLanes; ++j) {
      a[j] = int32_t(choose.range(-128, 127));
      b[j] = int32_t(choose.range(-128, 127));
    }
    const x86::I32::V sum = add(x86::I32::load(a), x86::I32::load(b));
    std::memcpy(got, &sum, sizeof got);
    for (int j = 0; j < x86::I32::kLanes; ++j)
      mismatches += got[j] != runtime::quantizedAdd(r, a[j], b[j]);
  }
  CHECK(mismatches == 0);
}
