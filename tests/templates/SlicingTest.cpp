// templates/generic/Slicing.h against the reference kernels: SLICE and STRIDED_SLICE (negative
// strides, masks), MIRROR_PAD (both modes), SPLIT, SPLIT_V, UNPACK and PACK along every axis.

#include "generic/Slicing.h"
#include "TemplateTest.h"
#include "litec/ir/ops/MirrorPad.h"
#include "litec/ir/ops/Slicing.h"

#include <catch2/catch.hpp>

using namespace litec;
using ir::ElementType;

namespace {
std::string runGather(const ir::ops::AxisGatherParams &p, ElementType type,
                      const testing::ReferenceRun &run) {
  return testing::withElementType(type, [&](auto zero) {
    using T = decltype(zero);
    const std::vector<T> input = testing::elementsOf<T>(run.inputs[0]);
    std::vector<T> output(run.outputs[0].size() / sizeof(T));
    generic::gatherAxes<T>(p, input.data(), output.data());
    return testing::compareOutputs(output, testing::elementsOf<T>(run.outputs[0]));
  });
}
} // namespace

TEST_CASE("slice templates match the reference kernels", "[templates][slicing]") {
  testing::Choices choose(10);
  int cases = 0;
  for (ElementType type : {ElementType::F32, ElementType::I8, ElementType::I64})
    for (int rank = 1; rank <= 4; ++rank)
      for (int variant = 0; variant < 6; ++variant) {
        const bool strided = variant % 2;
        ir::Shape in, out;
        std::vector<int32_t> begin, second, strides;
        for (int d = 0; d < rank; ++d) {
          const int n = choose.range(1, 6);
          in.push_back(n);
          const int first = choose.range(0, n - 1);
          if (!strided) {
            const int size = choose.range(0, 1) ? -1 : choose.range(1, n - first);
            begin.push_back(first);
            second.push_back(size);
            out.push_back(size == -1 ? n - first : size);
            continue;
          }
          const int step = choose.range(0, 1) ? choose.range(1, 2) : -choose.range(1, 2);
          const int end = step > 0 ? choose.range(first + 1, n) : choose.range(-1, first - 1);
          begin.push_back(first);
          second.push_back(end < 0 ? -n - 1 : end); // an end before the start, as TFLite writes it
          strides.push_back(step);
          const int span = step > 0 ? end - first : first - end;
          out.push_back((span + std::abs(step) - 1) / std::abs(step));
        }
        ir::Module module;
        testing::GraphBuilder b(module);
        ir::Value &x = b.input("x", type, in);
        ir::Value &bv = b.constant("begin", ElementType::I32, {rank}, begin);
        ir::Value &sv = b.constant("end", ElementType::I32, {rank}, second);
        ir::Value &y = b.value("y", type, out);
        if (strided) {
          ir::Value &st = b.constant("strides", ElementType::I32, {rank}, strides);
          b.op(ir::OpKind::STRIDED_SLICE, {&x, &bv, &sv, &st}, {&y});
        } else {
          b.op(ir::OpKind::SLICE, {&x, &bv, &sv}, {&y});
        }
        b.output(y);
        auto prepared = ir::ops::prepareSlice(*module.mainGraph().ops[0]);
        INFO((strided ? "STRIDED_SLICE " : "SLICE ")
             << ir::formatShape(in) << " -> " << ir::formatShape(out));
        REQUIRE(static_cast<bool>(prepared));
        const testing::ReferenceRun run = testing::runReference(module, uint32_t(cases));
        CHECK(runGather(prepared->params, type, run) == "");
        ++cases;
      }
  CHECK(cases == 3 * 4 * 6);
}

TEST_CASE("mirror pad templates match the reference kernels", "[templates][mirror-pad]") {
  testing::Choices choose(11);
  int cases = 0;
  for (bool symmetric : {false, true})
    for (int rank = 1; rank <= 4; ++rank)
      for (int variant = 0; variant < 5; ++variant) {
        ir::Shape in, out;
        std::vector<int32_t> paddings;
        for (int d = 0; d < rank; ++d) {
          const int n = choose.range(1, 5);
          const int most = symmetric ? n : n - 1; // what each mode's mirror allows
          const int before = choose.range(0, most), after = choose.range(0, most);
          in.push_back(n);
          paddings.insert(paddings.end(), {before, after});
          out.push_back(n + before + after);
        }
        ir::Module module;
        testing::GraphBuilder b(module);
        ir::Value &x = b.input("x", ElementType::F32, in);
        ir::Value &p = b.constant("paddings", ElementType::I32, {rank, 2}, paddings);
        ir::Value &y = b.value("y", ElementType::F32, out);
        b.op(ir::OpKind::MIRROR_PAD, {&x, &p}, {&y},
             {{"mode", ir::EnumAttr{"MirrorPadMode", symmetric ? "SYMMETRIC" : "REFLECT",
                                    symmetric ? 1 : 0}}});
        b.output(y);
        auto prepared = ir::ops::prepareMirrorPad(*module.mainGraph().ops[0]);
        REQUIRE(static_cast<bool>(prepared));
        const testing::ReferenceRun run = testing::runReference(module, uint32_t(cases));
        INFO((symmetric ? "SYMMETRIC " : "REFLECT ") << ir::formatShape(in));
        CHECK(runGather(prepared->params, ElementType::F32, run) == "");
        ++cases;
      }
  CHECK(cases == 2 * 4 * 5);
}

TEST_CASE("split and pack templates match the reference kernels", "[templates][slicing]") {
  testing::Choices choose(12);
  int cases = 0;
  for (ir::OpKind kind :
       {ir::OpKind::SPLIT, ir::OpKind::SPLIT_V, ir::OpKind::UNPACK, ir::OpKind::PACK})
    for (int rank = 1; rank <= 4; ++rank)
      for (int axis = -rank; axis < rank; ++axis) {
        const size_t a = size_t(axis < 0 ? axis + rank : axis);
        const int pieces = choose.range(1, 3);
        ir::Shape whole;
        for (int d = 0; d < rank; ++d)
          whole.push_back(choose.range(1, 4));
        std::vector<ir::Shape> parts;
        std::vector<int32_t> sizes;
        if (kind == ir::OpKind::UNPACK || kind == ir::OpKind::PACK) {
          whole[a] = pieces;
          ir::Shape part = whole;
          part.erase(part.begin() + int(a));
          parts.assign(size_t(pieces), part);
        } else {
          int64_t total = 0;
          for (int k = 0; k < pieces; ++k) {
            ir::Shape part = whole;
            part[a] = kind == ir::OpKind::SPLIT ? 2 : choose.range(0, 3);
            total += part[a];
            sizes.push_back(int32_t(part[a]));
            parts.push_back(part);
          }
          whole[a] = total;
        }
        ir::Module module;
        testing::GraphBuilder b(module);
        const bool pack = kind == ir::OpKind::PACK;
        std::vector<ir::Value *> pieceValues;
        ir::Value *data = nullptr;
        if (!pack)
          data = &b.input("x", ElementType::I16, whole);
        for (int k = 0; k < pieces; ++k)
          pieceValues.push_back(
              pack ? &b.input("p" + std::to_string(k), ElementType::I16, parts[size_t(k)])
                   : &b.value("p" + std::to_string(k), ElementType::I16, parts[size_t(k)]));
        if (pack)
          data = &b.value("y", ElementType::I16, whole);
        ir::Value &axisValue =
            b.constant("axis", ElementType::I32, {1}, std::vector<int32_t>{axis});
        if (kind == ir::OpKind::SPLIT)
          b.op(kind, {&axisValue, data}, pieceValues, {{"num_splits", int64_t(pieces)}});
        else if (kind == ir::OpKind::SPLIT_V)
          b.op(kind, {data, &b.constant("sizes", ElementType::I32, {pieces}, sizes), &axisValue},
               pieceValues, {{"num_splits", int64_t(pieces)}});
        else if (pack)
          b.op(kind, pieceValues, {data},
               {{"values_count", int64_t(pieces)}, {"axis", int64_t(axis)}});
        else
          b.op(kind, {data}, pieceValues, {{"num", int64_t(pieces)}, {"axis", int64_t(axis)}});
        for (ir::Value *v : pack ? std::vector<ir::Value *>{data} : pieceValues)
          b.output(*v);
        auto prepared = ir::ops::prepareChunks(*module.mainGraph().ops[0]);
        INFO(ir::opKindInfo(kind).name << " " << ir::formatShape(whole) << " axis " << axis);
        REQUIRE(static_cast<bool>(prepared));
        const testing::ReferenceRun run = testing::runReference(module, uint32_t(cases));
        if (prepared->split) {
          std::vector<std::vector<unsigned char>> outputs;
          std::vector<unsigned char *> pointers;
          for (const std::vector<uint8_t> &o : run.outputs)
            outputs.emplace_back(o.size() + 1);
          for (auto &o : outputs)
            pointers.push_back(o.data());
          generic::splitChunks(prepared->params, run.inputs[0].data(), pointers.data());
          for (size_t k = 0; k < outputs.size(); ++k) {
            outputs[k].pop_back();
            CHECK(outputs[k] ==
                  std::vector<unsigned char>(run.outputs[k].begin(), run.outputs[k].end()));
          }
        } else {
          std::vector<const unsigned char *> pointers;
          for (const std::vector<uint8_t> &i : run.inputs)
            pointers.push_back(i.data());
          std::vector<unsigned char> output(run.outputs[0].size());
          generic::joinChunks(prepared->params, pointers.data(), output.data());
          CHECK(output == std::vector<unsigned char>(run.outputs[0].begin(), run.outputs[0].end()));
        }
        ++cases;
      }
  CHECK(cases == 4 * (2 + 4 + 6 + 8));
}
