#include "litec/ir/ops/Binary.h"

#include "litec/ir/Shape.h"

#include <fmt/format.h>

#include <cmath>

namespace litec::ir::ops {

namespace {
std::optional<runtime::BinaryOp> floatOp(OpKind kind) {
  using runtime::BinaryOp;
  switch (kind) {
  case OpKind::ADD:
    return BinaryOp::kAdd;
  case OpKind::SUB:
    return BinaryOp::kSub;
  case OpKind::MUL:
    return BinaryOp::kMul;
  case OpKind::DIV:
    return BinaryOp::kDiv;
  case OpKind::MAXIMUM:
    return BinaryOp::kMaximum;
  case OpKind::MINIMUM:
    return BinaryOp::kMinimum;
  case OpKind::SQUARED_DIFFERENCE:
    return BinaryOp::kSquaredDifference;
  case OpKind::POW:
    return BinaryOp::kPow;
  case OpKind::PRELU:
    return BinaryOp::kPrelu;
  default:
    return std::nullopt;
  }
}

bool sameQuantization(const Value &a, const Value &b) {
  return scaleOf(a) == scaleOf(b) && zeroPointOf(a) == zeroPointOf(b);
}

llvm::Error requireAllQuantized(const Op &op) {
  for (const Value *v : op.operands)
    if (auto error = requireQuantized(*v, "operand"))
      return error;
  return requireQuantized(*op.results[0], "result");
}

// pot_scale_int16 of ADD's or SUB's options (true unless the converter cleared it).
llvm::Expected<bool> powerOfTwoScales(const Op &op) {
  if (op.kind == OpKind::ADD) {
    auto options = optionsOf<options::AddOptions>(op);
    if (!options)
      return options.takeError();
    return options->pot_scale_int16;
  }
  auto options = optionsOf<options::SubOptions>(op);
  if (!options)
    return options.takeError();
  return options->pot_scale_int16;
}

// The quantised ADD/SUB: TFLite's general kernel, or its shift-only int16 one.
llvm::Error prepareQuantizedAdd(const Op &op, PreparedBinary &prepared,
                                options::ActivationFunctionType activation) {
  const Value &a = *op.operands[0], &b = *op.operands[1], &out = *op.results[0];
  BinaryParams &p = prepared.params;
  const std::string name = opName(op);
  const bool int16 = a.type == ElementType::I16;
  p.subtract = op.kind == OpKind::SUB;
  auto range = quantizedActivation(activation, out);
  if (!range)
    return range.takeError();
  p.intRange = *range;
  if (int16) {
    if (zeroPointOf(a) != 0 || zeroPointOf(b) != 0 || zeroPointOf(out) != 0)
      return unsupported("int16 " + name + " with a non-zero zero point");
    auto pot = powerOfTwoScales(op);
    if (!pot)
      return pot.takeError();
    const std::optional<int> log2A = checkedLog2(scaleOf(a)), log2B = checkedLog2(scaleOf(b)),
                             log2Out = checkedLog2(scaleOf(out));
    if (*pot && log2A && log2B && log2Out) {
      const int shift1 = *log2A - *log2Out, shift2 = *log2B - *log2Out;
      if (a.shape != b.shape || a.shape != out.shape)
        return unsupported("int16 " + name + " with power-of-two scales and broadcasting");
      if (shift1 > 0 || shift2 > 0 || (shift1 != 0 && shift2 != 0))
        return unsupported("int16 " + name +
                           " with power-of-two scales needs one input on the output's scale and "
                           "the other on a finer one");
      prepared.kind = BinaryKind::Int16PowerOfTwoAdd;
      p.shiftFirst = shift1 != 0;
      p.rightShift = p.shiftFirst ? -shift1 : -shift2;
      return llvm::Error::success();
    }
  }
  prepared.kind = BinaryKind::QuantizedAdd;
  // Headroom for the rescaled inputs: 20 bits above an 8-bit value, 15 above a 16-bit one.
  p.leftShift = int16 ? 15 : 20;
  const double twiceMaxInputScale = 2 * double(std::max(scaleOf(a), scaleOf(b)));
  p.input1 = quantizeMultiplier(double(scaleOf(a)) / twiceMaxInputScale);
  p.input2 = quantizeMultiplier(double(scaleOf(b)) / twiceMaxInputScale);
  p.output =
      quantizeMultiplier(twiceMaxInputScale / (double(1 << p.leftShift) * double(scaleOf(out))));
  if (p.input1.shift > 0 || p.input2.shift > 0 || p.output.shift > 0)
    return unsupported("quantised " + name + " whose rescaling multipliers exceed one");
  return llvm::Error::success();
}
// The walk over the result as few dimensions as it can be: dimensions of size 1 dropped, and
// each dimension merged into the next where both operands step through the pair as through one
// dimension (both contiguous, both repeated, or one of each the same way). A 1x64x64x16 result
// times a 1x1x1x16 operand becomes 4096 x 16 with strides {0, 1}: the kernels' innermost loop
// then reads each operand contiguously (stride 1) or repeats one value (stride 0).
void collapseBroadcast(const Shape &out, const std::vector<int64_t> &aStrides,
                       const std::vector<int64_t> &bStrides, BinaryParams &p) {
  for (size_t d = 0; d < out.size(); ++d) {
    if (out[d] == 1)
      continue;
    const int32_t size = int32_t(out[d]), a = int32_t(aStrides[d]), b = int32_t(bStrides[d]);
    if (!p.outShape.empty() && p.aStrides.back() == a * size && p.bStrides.back() == b * size) {
      p.outShape.back() *= size;
      p.aStrides.back() = a;
      p.bStrides.back() = b;
      continue;
    }
    p.outShape.push_back(size);
    p.aStrides.push_back(a);
    p.bStrides.push_back(b);
  }
  if (p.outShape.empty()) { // a single element
    p.outShape = {1};
    p.aStrides = {0};
    p.bStrides = {0};
  }
  p.rank = int32_t(p.outShape.size());
}
} // namespace

llvm::Expected<PreparedBinary> prepareBinary(const Op &op) {
  const std::optional<runtime::BinaryOp> fop = floatOp(op.kind);
  if (!fop)
    return invalid("not a binary element-wise op");
  if (op.operands.size() != 2 || !op.operands[0] || !op.operands[1] || op.results.size() != 1)
    return invalid(opName(op) + " needs two operands and one result");
  const Value &a = *op.operands[0], &b = *op.operands[1], &out = *op.results[0];
  const std::string name = opName(op);
  if (out.shape.size() > size_t(kMaxBroadcastRank))
    return unsupported(name + " broadcasting above " + std::to_string(kMaxBroadcastRank) +
                       " dimensions");
  const std::optional<Shape> broadcast = broadcastShapes(a.shape, b.shape);
  if (!broadcast || *broadcast != out.shape)
    return invalid(name + " operand shapes do not broadcast to the result's");
  auto activation = fusedActivationOf(op);
  if (!activation)
    return activation.takeError();
  PreparedBinary prepared{};
  prepared.op = *fop;
  prepared.type = a.type;
  BinaryParams &p = prepared.params;
  p.count = int32_t(elementCount(out.shape).value_or(0));
  p.sameShape = a.shape == out.shape && b.shape == out.shape;
  collapseBroadcast(out.shape, broadcastStrides(a.shape, out.shape),
                    broadcastStrides(b.shape, out.shape), p);
  if (allOfType(op, ElementType::F32)) {
    auto range = floatActivation(*activation);
    if (!range)
      return range.takeError();
    prepared.kind = BinaryKind::Float;
    p.floatRange = *range;
    return prepared;
  }
  using T = ElementType;
  const bool sameTypes = a.type == b.type && a.type == out.type;
  const bool quantizedType = a.type == T::I8 || a.type == T::U8 || a.type == T::I16;
  if ((op.kind == OpKind::MAXIMUM || op.kind == OpKind::MINIMUM) && sameTypes &&
      sameQuantization(a, out) && sameQuantization(b, out) &&
      (quantizedType || a.type == T::I32 || a.type == T::I64)) {
    prepared.kind = BinaryKind::RawMinMax;
    return prepared;
  }
  const bool addable =
      op.kind == OpKind::ADD ? quantizedType : (a.type == T::I8 || a.type == T::I16);
  if (!sameTypes || !quantizedType ||
      ((op.kind == OpKind::ADD || op.kind == OpKind::SUB) && !addable) || op.kind == OpKind::POW ||
      op.kind == OpKind::MAXIMUM || op.kind == OpKind::MINIMUM ||
      (op.kind == OpKind::SQUARED_DIFFERENCE && a.type != T::I8))
    return unsupported(name + " with types " + typeList(op));
  if (auto error = requireAllQuantized(op))
    return error;
  p.input1Offset = -zeroPointOf(a);
  p.input2Offset = -zeroPointOf(b);
  p.outputOffset = zeroPointOf(out);
  switch (op.kind) {
  case OpKind::ADD:
  case OpKind::SUB:
    if (auto error = prepareQuantizedAdd(op, prepared, *activation))
      return error;
    return prepared;
  case OpKind::MUL: {
    auto range = quantizedActivation(*activation, out);
    if (!range)
      return range.takeError();
    prepared.kind = BinaryKind::QuantizedMul;
    p.intRange = *range;
    p.output = quantizeMultiplier(double(scaleOf(a)) * double(scaleOf(b)) / double(scaleOf(out)));
    return prepared;
  }
  case OpKind::DIV: {
    auto range = quantizedActivation(*activation, out);
    if (!range)
      return range.takeError();
    prepared.kind = BinaryKind::QuantizedDiv;
    p.intRange = *range;
    // TFLite forms scale1 / (scale2 * scale_out) in float before widening it.
    p.output = quantizeMultiplier(double(scaleOf(a) / (scaleOf(b) * scaleOf(out))));
    return prepared;
  }
  case OpKind::PRELU:
    prepared.kind = BinaryKind::QuantizedPrelu;
    p.intRange = fullRange(out);
    // TFLite forms both ratios in float before widening them.
    p.positive = quantizeMultiplier(double(scaleOf(a) / scaleOf(out)));
    p.output = quantizeMultiplier(double(scaleOf(a) * scaleOf(b) / scaleOf(out)));
    return prepared;
  default: { // int8 SQUARED_DIFFERENCE
    // TFLite's common scale is twice the larger input scale (a float), and its output
    // multiplier divides by 2^14 times the output scale, also formed in float.
    const double twiceMax = double(2 * std::max(scaleOf(a), scaleOf(b)));
    p.output = quantizeMultiplier(twiceMax * twiceMax / double(float(1 << 14) * scaleOf(out)));
    if (p.output.shift > 0)
      return unsupported("int8 SQUARED_DIFFERENCE whose output scale is below (2 max(s_a, "
                         "s_b))^2 / 2^14 (TFLite requires a multiplier below one)");
    prepared.kind = BinaryKind::Int8SquaredDifference;
    p.intRange = fullRange(out);
    p.input1 = quantizeMultiplier(double(scaleOf(a)) / twiceMax);
    p.input2 = quantizeMultiplier(double(scaleOf(b)) / twiceMax);
    return prepared;
  }
  }
}

} // namespace litec::ir::ops
