// Include guards, not #pragma once: every generated model carries its own copy of these
// headers, and an application including two models must see one definition.
#ifndef LITEC_RUNTIME_OPERATORS_H
#define LITEC_RUNTIME_OPERATORS_H

// Which function a kernel applies: chosen by the compiler's preparation
// (litec/ir/ops/), read by the kernels as a template argument. `name` spells an enumerator for
// generated code ("kExp"). C++17, no heap.

#include <cstdint>

namespace litec::runtime {

// Float unary math (the Unary family).
enum class UnaryOp {
  kRsqrt,
  kSqrt,
  kExp,
  kLog,
  kAbs,
  kNeg,
  kFloor,
  kCeil,
  kRound,
  kSquare,
  kSin,
  kCos
};
// Float activations (the Activations family).
enum class Activation {
  kRelu,
  kRelu6,
  kReluN1To1,
  kRelu0To1,
  kLogistic,
  kTanh,
  kHardSwish,
  kLeakyRelu
};
// Float binary ops with broadcasting (the Binary family); PRELU's second operand is its slope.
enum class BinaryOp {
  kAdd,
  kSub,
  kMul,
  kDiv,
  kMaximum,
  kMinimum,
  kSquaredDifference,
  kPow,
  kPrelu
};

// The cell and hidden activation of a float LSTM (its fused_activation_function).
// What a fused convolution applies to its result (ir/ops/Convolution.h).
enum class ConvolutionEpilogue : std::int32_t { kNone, kResidual, kPrelu, kHardSwish };

enum class LstmActivation { kNone, kRelu, kRelu6, kReluN1To1, kTanh };

constexpr const char *name(UnaryOp op) {
  constexpr const char *kNames[] = {"kRsqrt", "kSqrt", "kExp",   "kLog",    "kAbs", "kNeg",
                                    "kFloor", "kCeil", "kRound", "kSquare", "kSin", "kCos"};
  return kNames[static_cast<int>(op)];
}
constexpr const char *name(Activation op) {
  constexpr const char *kNames[] = {"kRelu",     "kRelu6", "kReluN1To1", "kRelu0To1",
                                    "kLogistic", "kTanh",  "kHardSwish", "kLeakyRelu"};
  return kNames[static_cast<int>(op)];
}
constexpr const char *name(BinaryOp op) {
  constexpr const char *kNames[] = {
      "kAdd", "kSub",  "kMul", "kDiv", "kMaximum", "kMinimum", "kSquaredDifference",
      "kPow", "kPrelu"};
  return kNames[static_cast<int>(op)];
}

constexpr const char *name(LstmActivation op) {
  constexpr const char *kNames[] = {"kNone", "kRelu", "kRelu6", "kReluN1To1", "kTanh"};
  return kNames[static_cast<int>(op)];
}

} // namespace litec::runtime

#endif // LITEC_RUNTIME_OPERATORS_H
