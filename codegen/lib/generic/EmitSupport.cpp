#include "EmitSupport.h"

#include "litec/ir/reference/Kernel.h"

#include <cstring>

namespace litec::codegen::generic {

std::string activationOf(const ir::Op &op) {
  const ir::EnumAttr *e = op.attrs.getEnum("fused_activation_function");
  return e ? e->valueName : "NONE";
}

llvm::Error floatBounds(LayerContext &layer) {
  ir::FloatRange range{};
  if (!ir::floatActivationRange(activationOf(layer.op()), &range))
    return refuse("fused activation " + activationOf(layer.op()));
  layer.param("float actMin = " + floatLiteral(range.min));
  layer.param("float actMax = " + floatLiteral(range.max));
  return llvm::Error::success();
}

llvm::Error integerBounds(LayerContext &layer, const ir::Value &output) {
  ir::IntRange range{};
  if (!ir::quantizedActivationRange(activationOf(layer.op()), scaleOf(output), zeroPointOf(output),
                                    output.type, &range))
    return refuse("fused activation " + activationOf(layer.op()));
  layer.param("actMin", range.min);
  layer.param("actMax", range.max);
  return llvm::Error::success();
}

llvm::Error channelRescale(LayerContext &layer, const ir::Value &input, const ir::Value &weights,
                           const ir::Value &output, int64_t channels, int32_t channelAxis) {
  const ir::Quantization &q = weights.quant;
  if (!input.quant.isQuantized() || !q.isQuantized() || !output.quant.isQuantized())
    return refuse("a quantised tensor has no scale");
  if (q.isPerChannel() && (q.axis != channelAxis || int64_t(q.scales.size()) != channels))
    return refuse(fmt::format("per-channel weights must have {} scales along dimension {}",
                              channels, channelAxis));
  std::vector<int32_t> multipliers;
  std::vector<int> shifts;
  const size_t count = q.isPerChannel() ? size_t(channels) : 1;
  for (size_t c = 0; c < count; ++c) {
    const ir::QuantizedMultiplier m = ir::quantizeMultiplier(
        double(scaleOf(input)) * double(q.scales[c]) / double(scaleOf(output)));
    multipliers.push_back(m.multiplier);
    shifts.push_back(m.shift);
  }
  layer.param(fmt::format("bool perChannel = {}", q.isPerChannel()));
  layer.param(fmt::format("std::int32_t multipliers[{}] = {}", count, braced(multipliers)));
  layer.param(fmt::format("int shifts[{}] = {}", count, braced(shifts)));
  return llvm::Error::success();
}

std::optional<std::vector<int64_t>> constantInts(const ir::Value *value) {
  if (!value || !value->isConstant() ||
      (value->type != ir::ElementType::I32 && value->type != ir::ElementType::I64))
    return std::nullopt;
  std::span<const uint8_t> data = value->data();
  const size_t size = value->type == ir::ElementType::I32 ? 4 : 8;
  std::vector<int64_t> out;
  for (size_t i = 0; i + size <= data.size(); i += size) {
    if (size == 4) {
      int32_t v;
      std::memcpy(&v, data.data() + i, 4);
      out.push_back(v);
    } else {
      int64_t v;
      std::memcpy(&v, data.data() + i, 8);
      out.push_back(v);
    }
  }
  return out;
}

llvm::Error checkWithReference(const ir::Op &op) {
  auto kernel = ir::reference::prepareKernel(op);
  return kernel ? llvm::Error::success() : kernel.takeError();
}

bool allOfType(const ir::Op &op, ir::ElementType type) {
  for (const ir::Value *v : op.operands)
    if (v && v->type != type)
      return false;
  for (const ir::Value *v : op.results)
    if (v->type != type)
      return false;
  return true;
}

} // namespace litec::codegen::generic

namespace litec::codegen::generic {

std::string elementLiteral(ir::ElementType type, const uint8_t *bytes) {
  auto load = [&](auto zero) {
    decltype(zero) value;
    std::memcpy(&value, bytes, sizeof value);
    return value;
  };
  switch (type) {
  case ir::ElementType::F32:
    return floatLiteral(load(float()));
  case ir::ElementType::I8:
    return fmt::format("{}", load(int8_t()));
  case ir::ElementType::U8:
    return fmt::format("{}", load(uint8_t()));
  case ir::ElementType::I16:
    return fmt::format("{}", load(int16_t()));
  case ir::ElementType::F16:
    return fmt::format("{}", load(uint16_t()));
  case ir::ElementType::I32: {
    const int32_t v = load(int32_t());
    return v == INT32_MIN ? "(-2147483647 - 1)" : fmt::format("{}", v);
  }
  case ir::ElementType::I64: {
    const int64_t v = load(int64_t());
    return v == INT64_MIN ? "(-9223372036854775807LL - 1)" : fmt::format("{}LL", v);
  }
  case ir::ElementType::Bool:
    return *bytes ? "true" : "false";
  }
  return "0";
}

WeightedBias weightedBias(LayerContext &layer, const ir::ops::WeightedTypes &types,
                          size_t biasOperand, const std::vector<int32_t> *folded,
                          int32_t zeroPoint) {
  if (folded)
    return {layer.table("bias", *folded,
                        fmt::format("layer {}: bias with the input zero point {} folded in",
                                    layer.op().index, zeroPoint)),
            "std::int32_t"};
  const std::string type = cppType(types.bias);
  if (types.hasBias)
    return {layer.input(biasOperand), type};
  return {"static_cast<const " + type + " *>(nullptr)", type};
}

} // namespace litec::codegen::generic
