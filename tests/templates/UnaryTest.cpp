// templates/generic/Unary.h against the reference kernels: every float op over odd sizes (half
// values for ROUND included), int8 RSQRT over every input at or above the zero point.

#include "generic/Unary.h"
#include "TemplateTest.h"
#include "litec/ir/ops/Unary.h"

#include <catch2/catch.hpp>

using namespace litec;
using ir::ElementType;
using ir::OpKind;

namespace {
template <runtime::UnaryOp Op>
void floatOp(const ir::ops::UnaryParams &p, const float *in, float *out) {
  generic::unaryFloat<Op>(p, in, out);
}

void runFloat(const ir::ops::PreparedUnary &prepared, const float *in, float *out) {
  using runtime::UnaryOp;
  constexpr void (*kOps[])(const ir::ops::UnaryParams &, const float *, float *) = {
      floatOp<UnaryOp::kRsqrt>,  floatOp<UnaryOp::kSqrt>, floatOp<UnaryOp::kExp>,
      floatOp<UnaryOp::kLog>,    floatOp<UnaryOp::kAbs>,  floatOp<UnaryOp::kNeg>,
      floatOp<UnaryOp::kFloor>,  floatOp<UnaryOp::kCeil>, floatOp<UnaryOp::kRound>,
      floatOp<UnaryOp::kSquare>, floatOp<UnaryOp::kSin>,  floatOp<UnaryOp::kCos>};
  kOps[int(prepared.op)](prepared.params, in, out);
}
} // namespace

TEST_CASE("unary templates match the reference kernels", "[templates][unary]") {
  testing::Choices choose(12);
  int runs = 0;
  for (OpKind kind :
       {OpKind::RSQRT, OpKind::SQRT, OpKind::EXP, OpKind::LOG, OpKind::ABS, OpKind::NEG,
        OpKind::FLOOR, OpKind::CEIL, OpKind::ROUND, OpKind::SQUARE, OpKind::SIN, OpKind::COS})
    for (ElementType type : {ElementType::F32, ElementType::I8}) {
      if (type == ElementType::I8 && kind != OpKind::RSQRT)
        continue;
      for (int variant = 0; variant < 6; ++variant) {
        const ir::Shape shape{choose.range(1, 3), choose.range(1, 37)};
        const bool int8 = type == ElementType::I8;
        const int32_t zeroPoint = choose.range(-128, 20);
        ir::Module module;
        testing::GraphBuilder b(module);
        ir::Value &x =
            b.input("x", type, shape,
                    int8 ? testing::perTensor(float(choose.uniform(0.01, 0.2)), zeroPoint)
                         : ir::Quantization{});
        ir::Value &y = b.value(
            "y", type, shape,
            int8 ? testing::perTensor(float(choose.uniform(0.01, 0.2)), choose.range(-50, 50))
                 : ir::Quantization{});
        b.op(kind, {&x}, {&y});
        b.output(y);
        auto prepared = ir::ops::prepareUnary(*module.mainGraph().ops[0]);
        INFO(ir::opKindInfo(kind).name << " " << ir::elementTypeName(type) << " variant "
                                       << variant);
        REQUIRE(static_cast<bool>(prepared));
        // int8 RSQRT is defined from the zero point up; ROUND sees exact halves.
        auto adjust = [&](size_t, std::span<uint8_t> bytes) {
          for (size_t k = 0; k < bytes.size(); k += int8 ? 1 : 4) {
            if (int8) {
              int8_t v = int8_t(bytes[k]);
              if (v < zeroPoint)
                bytes[k] = uint8_t(int8_t(zeroPoint + (zeroPoint - v) % (128 - zeroPoint)));
            } else if (kind == OpKind::ROUND && k % 8 == 0) {
              const float half = float(int(bytes[k]) - 128) + 0.5f;
              std::memcpy(bytes.data() + k, &half, 4);
            }
          }
        };
        const testing::ReferenceRun run = testing::runReference(module, uint32_t(runs), adjust);
        std::string mismatch;
        if (int8) {
          const std::vector<int8_t> in = testing::elementsOf<int8_t>(run.inputs[0]);
          std::vector<int8_t> out(in.size());
          CHECK(generic::rsqrtInt8(prepared->params, in.data(), out.data()) ==
                runtime::Status::kOk);
          mismatch = testing::compareOutputs(out, testing::elementsOf<int8_t>(run.outputs[0]));
        } else {
          const std::vector<float> in = testing::elementsOf<float>(run.inputs[0]);
          std::vector<float> out(in.size());
          runFloat(*prepared, in.data(), out.data());
          mismatch = testing::compareOutputs(out, testing::elementsOf<float>(run.outputs[0]), 1e-6);
        }
        CHECK(mismatch == "");
        ++runs;
      }
    }
  CHECK(runs == 13 * 6);
}

TEST_CASE("int8 RSQRT below the zero point is an invalid input", "[templates][unary]") {
  struct {
    int32_t count = 3, inputZeroPoint = 0, outputZeroPoint = 0;
    runtime::QuantizedMultiplier rescale{1 << 30, 1};
  } p;
  const int8_t in[] = {4, 0, -1};
  int8_t out[3];
  CHECK(generic::rsqrtInt8(p, in, out) == runtime::Status::kInvalidInput);
  CHECK(out[1] == 127);
}
