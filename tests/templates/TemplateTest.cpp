#include "TemplateTest.h"

#include "litec/ir/reference/Interpreter.h"

#include <catch2/catch.hpp>

#include <random>

namespace litec::testing {

ReferenceRun runReference(const ir::Module &module, uint32_t seed, const InputAdjustment &adjust) {
  auto interpreter = ir::reference::Interpreter::create(module);
  if (!interpreter)
    FAIL(
        "the reference interpreter refuses the model: " << llvm::toString(interpreter.takeError()));
  std::mt19937 engine(seed);
  ReferenceRun run;
  const ir::Graph &graph = (*interpreter)->graph();
  for (size_t i = 0; i < graph.inputs.size(); ++i) {
    std::span<uint8_t> bytes = (*interpreter)->inputData(i);
    const ir::Value &input = *graph.inputs[i];
    if (input.type == ir::ElementType::F32) {
      for (size_t k = 0; k + 4 <= bytes.size(); k += 4) {
        const float x = float(double(engine()) / 4294967296.0 * 4 - 2);
        std::memcpy(bytes.data() + k, &x, 4);
      }
    } else {
      for (uint8_t &byte : bytes)
        byte = uint8_t(engine());
    }
    if (adjust)
      adjust(i, bytes);
    run.inputs.emplace_back(bytes.begin(), bytes.end());
  }
  if (auto error = (*interpreter)->invoke())
    FAIL("the reference run fails: " << llvm::toString(std::move(error)));
  for (size_t k = 0; k < graph.outputs.size(); ++k) {
    std::span<const uint8_t> bytes = (*interpreter)->outputData(k);
    run.outputs.emplace_back(bytes.begin(), bytes.end());
  }
  return run;
}

std::vector<uint8_t> randomElements(Choices &choose, ir::ElementType type, int64_t count,
                                    int64_t limit) {
  std::vector<uint8_t> bytes;
  auto append = [&](auto value) {
    const size_t at = bytes.size();
    bytes.resize(at + sizeof(value));
    std::memcpy(bytes.data() + at, &value, sizeof(value));
  };
  for (int64_t i = 0; i < count; ++i) {
    const int64_t bounded = limit ? choose.range(int(-limit), int(limit)) : 0;
    switch (type) {
    case ir::ElementType::F32:
      append(float(choose.uniform(-1, 1)));
      break;
    case ir::ElementType::I8:
      append(limit ? int8_t(bounded) : int8_t(choose.next()));
      break;
    case ir::ElementType::U8:
      append(limit ? uint8_t(bounded + 128) : uint8_t(choose.next()));
      break;
    case ir::ElementType::I16:
      append(limit ? int16_t(bounded) : int16_t(choose.next()));
      break;
    case ir::ElementType::I32:
      append(limit ? int32_t(bounded) : int32_t(choose.next()));
      break;
    default:
      append(limit ? bounded : int64_t(uint64_t(choose.next()) << 32 | choose.next()));
      break;
    }
  }
  return bytes;
}

ir::Quantization weightQuantization(Choices &choose, ir::ElementType type, int64_t channels,
                                    int32_t axis, bool perChannel) {
  ir::Quantization q;
  q.axis = axis;
  const int64_t count = perChannel ? channels : 1;
  for (int64_t c = 0; c < count; ++c) {
    q.scales.push_back(float(choose.uniform(0.002, 0.02)));
    q.zeroPoints.push_back(type == ir::ElementType::U8 ? choose.range(100, 156) : 0);
  }
  return q;
}

ir::Quantization activationQuantization(Choices &choose, ir::ElementType type) {
  switch (type) {
  case ir::ElementType::F32:
    return {};
  case ir::ElementType::I16:
    return perTensor(float(choose.uniform(1e-4, 1e-3)), 0);
  default:
    return perTensor(float(choose.uniform(0.01, 0.1)),
                     choose.range(-40, 40) + (type == ir::ElementType::U8 ? 128 : 0));
  }
}

std::vector<uint8_t> constantBytes(const ir::Op &op, size_t operand) {
  if (operand >= op.operands.size() || !op.operands[operand])
    return {};
  const std::span<const uint8_t> data = op.operands[operand]->data();
  return {data.begin(), data.end()};
}

void buildPad(Choices &choose, ir::Module &module, ir::ElementType type, int rank, bool v2,
              int lastWidth, int lastPadding, std::string &name) {
  GraphBuilder b(module);
  ir::Shape in, out;
  std::vector<int32_t> paddings;
  for (int d = 0; d < rank; ++d) {
    const bool last = d == rank - 1;
    in.push_back(choose.range(1, last ? lastWidth : 4));
    const int before = choose.range(0, last ? lastPadding : 2);
    const int after = choose.range(0, last ? lastPadding : 2);
    paddings.insert(paddings.end(), {before, after});
    out.push_back(in.back() + before + after);
  }
  const bool quantized = type == ir::ElementType::I8 || type == ir::ElementType::U8;
  const ir::Quantization q =
      quantized ? perTensor(0.1f, choose.range(-5, 5) + (type == ir::ElementType::U8 ? 100 : 0))
                : ir::Quantization{};
  ir::Value &x = b.input("x", type, in, q);
  ir::Value &p = b.constant("paddings", ir::ElementType::I32, {rank, 2}, paddings);
  ir::Value &y = b.value("y", type, out, q);
  std::vector<ir::Value *> operands{&x, &p};
  if (v2) {
    std::vector<uint8_t> value(ir::elementByteSize(type), 0);
    value[0] = uint8_t(choose.range(1, 100));
    ir::Value &c = b.value("value", type, {}, q);
    c.setOwnedData(value);
    operands.push_back(&c);
  }
  b.op(v2 ? ir::OpKind::PADV2 : ir::OpKind::PAD, operands, {&y});
  b.output(y);
  name = std::string(ir::elementTypeName(type)) + " " + ir::formatShape(in) + " to " +
         ir::formatShape(out) + (v2 ? " PADV2" : " PAD");
}

} // namespace litec::testing
