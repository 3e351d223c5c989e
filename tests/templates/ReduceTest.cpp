// templates/generic/Reduce.h against the reference kernels: MEAN, SUM, REDUCE_MAX, REDUCE_MIN
// over every subset of axes of ranks 1 to 4 (negative axes too), float, int8 and int16.

#include "generic/Reduce.h"
#include "TemplateTest.h"
#include "litec/ir/ops/Reduce.h"

#include <catch2/catch.hpp>

using namespace litec;
using ir::ElementType;
using ir::OpKind;

namespace {
template <typename T>
std::string runReduce(const ir::ops::PreparedReduce &prepared, const testing::ReferenceRun &run) {
  const std::vector<T> input = testing::elementsOf<T>(run.inputs[0]);
  std::vector<T> output(run.outputs[0].size() / sizeof(T));
  if constexpr (!std::is_same_v<T, float>)
    if (prepared.quantizedMeanOrSum) {
      std::vector<std::uint32_t> sums(size_t(prepared.params.outputs));
      generic::meanOrSumQuantized<T>(prepared.params, input.data(), sums.data(), output.data());
      return testing::compareOutputs(output, testing::elementsOf<T>(run.outputs[0]));
    }
  {
    using generic::Reduction;
    switch (prepared.reduction) {
    case ir::ops::Reduction::Mean:
      generic::reduceRaw<Reduction::kMean, T>(prepared.params, input.data(), output.data());
      break;
    case ir::ops::Reduction::Sum:
      generic::reduceRaw<Reduction::kSum, T>(prepared.params, input.data(), output.data());
      break;
    case ir::ops::Reduction::Max:
      generic::reduceRaw<Reduction::kMax, T>(prepared.params, input.data(), output.data());
      break;
    case ir::ops::Reduction::Min:
      generic::reduceRaw<Reduction::kMin, T>(prepared.params, input.data(), output.data());
      break;
    }
  }
  return testing::compareOutputs(output, testing::elementsOf<T>(run.outputs[0]), 1e-5);
}
} // namespace

TEST_CASE("reduction templates match the reference kernels", "[templates][reduce]") {
  testing::Choices choose(4);
  int cases = 0;
  for (OpKind kind : {OpKind::MEAN, OpKind::SUM, OpKind::REDUCE_MAX, OpKind::REDUCE_MIN})
    for (ElementType type : {ElementType::F32, ElementType::I8, ElementType::I16})
      for (int rank = 1; rank <= 4; ++rank)
        for (int mask = 1; mask < (1 << rank); ++mask) {
          ir::Shape in, out;
          std::vector<int32_t> axes;
          for (int d = 0; d < rank; ++d) {
            in.push_back(choose.range(1, 5));
            const bool reduced = mask & (1 << d);
            if (reduced)
              axes.push_back(choose.range(0, 1) ? d : d - rank); // negative axes too
            out.push_back(reduced ? 1 : in.back());
          }
          const bool minMax = kind == OpKind::REDUCE_MAX || kind == OpKind::REDUCE_MIN;
          const ir::Quantization qin =
              type == ElementType::F32 ? ir::Quantization{}
              : type == ElementType::I16
                  ? testing::perTensor(float(choose.uniform(1e-4, 1e-3)), 0)
                  : testing::perTensor(float(choose.uniform(0.01, 0.1)), choose.range(-20, 20));
          const ir::Quantization qout =
              minMax || type == ElementType::F32 ? qin
              : type == ElementType::I16
                  ? testing::perTensor(float(choose.uniform(1e-4, 1e-3)), 0)
                  : testing::perTensor(float(choose.uniform(0.01, 0.3)), choose.range(-20, 20));
          ir::Module module;
          testing::GraphBuilder b(module);
          ir::Value &x = b.input("x", type, in, qin);
          ir::Value &a = b.constant("axes", ElementType::I32, {int64_t(axes.size())}, axes);
          ir::Value &y = b.value("y", type, out, qout);
          b.op(kind, {&x, &a}, {&y}, {{"keep_dims", true}});
          b.output(y);
          auto prepared = ir::ops::prepareReduce(*module.mainGraph().ops[0]);
          REQUIRE(static_cast<bool>(prepared));
          const testing::ReferenceRun run = testing::runReference(module, uint32_t(cases));
          INFO(ir::opKindInfo(kind).name << " " << ir::elementTypeName(type) << " "
                                         << ir::formatShape(in) << " mask " << mask);
          const std::string mismatch = type == ElementType::F32 ? runReduce<float>(*prepared, run)
                                       : type == ElementType::I8
                                           ? runReduce<int8_t>(*prepared, run)
                                           : runReduce<int16_t>(*prepared, run);
          CHECK(mismatch == "");
          ++cases;
        }
  CHECK(cases == 4 * 3 * (1 + 3 + 7 + 15));
}
