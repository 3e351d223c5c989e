#pragma once

// Helpers the generic target's layer emitters share: refusals, literal lists, activation bounds,
// quantised multipliers.

#include "litec/codegen/LayerContext.h"
#include "litec/ir/QuantizationMath.h"
#include "litec/ir/ops/Params.h"

#include <llvm/Support/Error.h>

#include <fmt/format.h>

#include <optional>
#include <string>
#include <vector>

namespace litec::codegen::generic {

inline llvm::Error refuse(const std::string &why) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), why);
}

// "{1, 2, 3}" for a braced initializer.
template <typename T> std::string braced(const std::vector<T> &values) {
  std::string text;
  for (const T &v : values)
    text += fmt::format("{}{}", text.empty() ? "" : ", ", v);
  return "{" + text + "}";
}

inline float scaleOf(const ir::Value &v) {
  return v.quant.scales.empty() ? 0.f : v.quant.scales[0];
}
inline int32_t zeroPointOf(const ir::Value &v) {
  return v.quant.zeroPoints.empty() ? 0 : int32_t(v.quant.zeroPoints[0]);
}

// The fused activation's name ("NONE" when the op has none).
std::string activationOf(const ir::Op &op);

// The op's float bounds as parameters actMin / actMax, or the refusal.
llvm::Error floatBounds(LayerContext &layer);
// The op's integer bounds on `output` as parameters actMin / actMax, or the refusal.
llvm::Error integerBounds(LayerContext &layer, const ir::Value &output);

// Per-channel (or one) multipliers and shifts of input_scale * weight_scale[c] / output_scale,
// as parameter arrays `multipliers` and `shifts` and the parameter `perChannel`.
llvm::Error channelRescale(LayerContext &layer, const ir::Value &input, const ir::Value &weights,
                           const ir::Value &output, int64_t channels, int32_t channelAxis);

// The elements of a constant int32 or int64 tensor; nullopt when it is not one.
std::optional<std::vector<int64_t>> constantInts(const ir::Value *value);

// Prepares the reference interpreter's kernel for the op: the generic target accepts what the
// interpreter accepts (shapes, types, constant operands), with the interpreter's reasons.
llvm::Error checkWithReference(const ir::Op &op);

// The bias argument of a quantised weighted kernel and its C++ element type: the folded bias
// as a constant table when the preparation offers one (`folded`, with the zero point it
// folds), else the op's bias operand `biasOperand` or a typed null pointer.
struct WeightedBias {
  std::string expression, type;
};
WeightedBias weightedBias(LayerContext &layer, const ir::ops::WeightedTypes &types,
                          size_t biasOperand, const std::vector<int32_t> *folded,
                          int32_t zeroPoint);

// One element of `type` at `bytes` as a C++ literal ("0.5f", "-3").
std::string elementLiteral(ir::ElementType type, const uint8_t *bytes);

// Whether every operand and result of the op has type `type` (absent operands ignored).
bool allOfType(const ir::Op &op, ir::ElementType type);

} // namespace litec::codegen::generic
