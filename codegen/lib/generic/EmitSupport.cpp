#include "EmitSupport.h"

#include "litec/codegen/ParamWriter.h"

#include <cstring>

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

void emitAxisGather(LayerContext &layer, const ir::ops::AxisGatherParams &params,
                    ir::ElementType type) {
  writeParams(layer, params);
  layer.require("Slicing.h");
  layer.statement(fmt::format("litec::generic::gatherAxes<{}>({}{{}}, {}, {});", cppType(type),
                              layer.paramsName(), layer.input(0), layer.output(0)));
}

} // namespace litec::codegen::generic
