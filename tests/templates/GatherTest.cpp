// templates/generic/Gather.h against the reference kernel: every axis, batch_dims, int32 and
// int64 indices, and an index out of range refused.

#include "generic/Gather.h"
#include "TemplateTest.h"
#include "litec/ir/ops/Gather.h"

#include <catch2/catch.hpp>

using namespace litec;
using ir::ElementType;

TEST_CASE("gather templates match the reference kernel", "[templates][gather]") {
  testing::Choices choose(13);
  int cases = 0;
  for (ElementType indexType : {ElementType::I32, ElementType::I64})
    for (int rank = 1; rank <= 3; ++rank)
      for (int axis = 0; axis < rank; ++axis)
        for (int batchDims = 0; batchDims <= axis; ++batchDims) {
          ir::Shape params;
          for (int d = 0; d < rank; ++d)
            params.push_back(choose.range(1, 4));
          ir::Shape indicesShape(params.begin(), params.begin() + batchDims);
          indicesShape.push_back(choose.range(1, 3));
          ir::Shape out(params.begin(), params.begin() + axis);
          out.insert(out.end(), indicesShape.begin() + batchDims, indicesShape.end());
          out.insert(out.end(), params.begin() + axis + 1, params.end());
          const int64_t indexCount = *ir::elementCount(indicesShape);
          ir::Module module;
          testing::GraphBuilder b(module);
          ir::Value &x = b.input("x", ElementType::F32, params);
          ir::Value *indices;
          if (indexType == ElementType::I32) {
            std::vector<int32_t> v;
            for (int64_t i = 0; i < indexCount; ++i)
              v.push_back(choose.range(0, int(params[size_t(axis)]) - 1));
            indices = &b.constant("indices", indexType, indicesShape, v);
          } else {
            std::vector<int64_t> v;
            for (int64_t i = 0; i < indexCount; ++i)
              v.push_back(choose.range(0, int(params[size_t(axis)]) - 1));
            indices = &b.constant("indices", indexType, indicesShape, v);
          }
          ir::Value &y = b.value("y", ElementType::F32, out);
          b.op(ir::OpKind::GATHER, {&x, indices}, {&y},
               {{"axis", int64_t(axis)}, {"batch_dims", int64_t(batchDims)}});
          b.output(y);
          auto prepared = ir::ops::prepareGather(*module.mainGraph().ops[0]);
          REQUIRE(static_cast<bool>(prepared));
          const testing::ReferenceRun run = testing::runReference(module, uint32_t(cases));
          const std::vector<float> input = testing::elementsOf<float>(run.inputs[0]);
          std::vector<float> output(run.outputs[0].size() / 4);
          const std::span<const uint8_t> indexBytes = indices->data();
          runtime::Status status;
          if (indexType == ElementType::I32)
            status = generic::gather<float>(
                prepared->params, input.data(),
                testing::elementsOf<int32_t>(
                    std::vector<uint8_t>(indexBytes.begin(), indexBytes.end()))
                    .data(),
                output.data());
          else
            status = generic::gather<float>(
                prepared->params, input.data(),
                testing::elementsOf<int64_t>(
                    std::vector<uint8_t>(indexBytes.begin(), indexBytes.end()))
                    .data(),
                output.data());
          INFO("rank " << rank << " axis " << axis << " batch_dims " << batchDims);
          CHECK(status == runtime::Status::kOk);
          CHECK(testing::compareOutputs(output, testing::elementsOf<float>(run.outputs[0])) == "");
          ++cases;
        }
  CHECK(cases == 2 * (1 + 3 + 6));

  const ir::ops::GatherParams p{1, 1, 3, 1, 1};
  const float params[3] = {1, 2, 3};
  float out[1];
  const int32_t bad[1] = {3};
  CHECK(generic::gather<float>(p, params, bad, out) == runtime::Status::kIndexOutOfRange);
}
