#pragma once

// What a target's layer emitter works with: the op, where each of its tensors lives (arena
// offset or constant array), and the pieces of source the layer contributes (a parameter
// struct of compile-time constants, constant tables, the statements of its function).

#include "litec/codegen/MemoryPlan.h"
#include "litec/ir/Graph.h"
#include "litec/ir/QuantizationMath.h"

#include <fmt/format.h>

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace litec::codegen {

// The C++ spelling of an element type in generated code ("std::int8_t", "float").
std::string cppType(ir::ElementType type);
// A float as an exact C++ literal ("0.5f", "-3.0f", "1e-07f"; infinities as expressions).
std::string floatLiteral(float value);

// How NAME_weights.cpp holds the constants: one byte string literal per model (fast to compile:
// a few tokens per megabyte; constants are read through typed pointers into it, at 16-byte
// aligned offsets), or one typed array of decimal literals per constant (strictly typed; slow
// to compile for large models, and the choice for compilers that limit string literals).
enum class WeightsFormat { String, Array };

// Constant arrays of the generated model, emitted into NAME_weights.cpp: the model's constants
// (by value id) and tables derived from them (folded biases, multipliers). Generated code
// refers to an array through reference(symbol).
class ConstantPool {
public:
  struct Array {
    std::string symbol, cppType, comment;
    std::vector<std::string> elements; // C++ literals
    std::vector<uint8_t> bytes;        // the same values, little-endian
  };
  explicit ConstantPool(WeightsFormat format = WeightsFormat::String) : format_(format) {}

  // The expression for constant value `v`'s data (the array is added on first use).
  std::string valueArray(const ir::Value &v);
  // The expression for an array already holding `v`'s data; `v` must have been added.
  std::string arrayOf(const ir::Value &v) const { return reference(byValue_.at(v.id)); }
  // A new derived array (of int16, int32 or float values); returns its expression.
  template <typename T>
  std::string addArray(std::string stem, const std::vector<T> &values, std::string comment);
  // How generated code names an array: "weights::c5", or "weights::c5()" for the string form.
  std::string reference(const std::string &symbol) const;
  const std::vector<Array> &arrays() const { return arrays_; }
  WeightsFormat format() const { return format_; }

private:
  std::string add(std::string stem, std::string cppType, std::vector<std::string> elements,
                  std::vector<uint8_t> bytes, std::string comment);

  WeightsFormat format_;
  std::map<unsigned, std::string> byValue_;
  std::vector<Array> arrays_;
  std::set<std::string> symbols_;
};

// A split layer of one image whose unit u computes the output pixels [u * pixelsPerUnit,
// (u + 1) * pixelsPerUnit) in row-major order (a row of a depthwise kernel, a block of a GEMM),
// and which input rows an output row reads: iy in [oy * strideH - padTop, ... + reachH].
struct BandGeometry {
  int64_t pixelsPerUnit = 0;
  int32_t outH = 0, outW = 0, inH = 0, strideH = 1, padTop = 0, reachH = 0;
};

class LayerContext {
public:
  // `templateFolder`: where the emitting target's kernels are (templates/<folder>/).
  LayerContext(const ir::Op &op, const MemoryPlan &plan, ConstantPool &constants,
               std::string_view templateFolder)
      : op_(op), plan_(plan), constants_(constants), templateFolder_(templateFolder) {}

  const ir::Op &op() const { return op_; }
  // The CPU named by --cpu (one of the emitting target's cpus(); its default when none was).
  std::string_view cpu() const { return cpu_; }
  void setCpu(std::string_view cpu) { cpu_ = cpu; }
  // The name of the layer's parameter struct ("Layer3").
  std::string paramsName() const { return fmt::format("Layer{}", op_.index); }

  // Pointer expressions of the layer's tensors, typed by element type.
  std::string input(size_t operand);
  std::string output(size_t result) const;
  std::string state(size_t operand) const;
  std::string scratch(std::string_view cppElementType) const;
  std::string pointerTo(const ir::Value &v, bool mutableData);
  // Whether the memory plan put operand `operand` at `byteOffset` in result 0 with pixels
  // `pixelStride` bytes apart (0: dense): its producer wrote it there, as a concatenation's slice.
  bool operandInResult(size_t operand, int64_t byteOffset, int64_t pixelStride) const {
    const ir::Value *in = op_.operands[operand], &out = *op_.results[0];
    return in && plan_.inArena(*in) && plan_.inArena(out) &&
           plan_.offsetOf(*in) == plan_.offsetOf(out) + byteOffset &&
           plan_.pixelStrideOf(*in) == pixelStride;
  }
  // Bytes between the pixels of result `result` when the layer writes it as a channel slice of
  // a wider tensor; 0 when dense.
  int64_t resultPixelStride(size_t result) const {
    return plan_.pixelStrideOf(*op_.results[result]);
  }

  // `static constexpr <declaration>;` in the parameter struct.
  void param(const std::string &declaration) { params_.push_back(declaration); }
  template <typename T> void param(std::string_view name, T value) {
    params_.push_back(fmt::format("int {} = {}", name, value));
  }
  // A quantised multiplier as two parameters: `<prefix>Multiplier` (int32) and `<prefix>Shift`,
  // or `multiplier` and `shift` without a prefix.
  void multiplier(std::string_view prefix, const ir::QuantizedMultiplier &m) {
    param(fmt::format("std::int32_t {}{} = {}", prefix,
                      prefix.empty() ? "multiplier" : "Multiplier", m.multiplier));
    param(fmt::format("{}{}", prefix, prefix.empty() ? "shift" : "Shift"), m.shift);
  }
  // A constant table in the weights file (too large or too many for the parameter struct);
  // returns the expression naming it.
  template <typename T>
  std::string table(std::string stem, const std::vector<T> &values, std::string comment) {
    return constants_.addArray(fmt::format("l{}_{}", op_.index, stem), values, std::move(comment));
  }
  void statement(const std::string &text) { body_.push_back(text); }
  // The layer calls a kernel template from `header`, a file of its target's template folder
  // (included as litec/<folder>/<header>).
  void require(const std::string &header) {
    headers_.insert(fmt::format("litec/{}/{}", templateFolder_, header));
  }
  // Which kernel the layer got and why, for its comment.
  void note(const std::string &text) { notes_.push_back(text); }
  // The layer can fail at run time (returns a Status).
  void setFallible() { fallible_ = true; }
  // The layer's work splits into `units` equal units (rows, blocks of pixels) that any number
  // of workers may compute at once: its statements run once per part of the caller's
  // parallel-for (runtime/Parallel.h) and name that part `part` (a litec::runtime::Part).
  void setParallel(int units) { parallelUnits_ = units; }
  // How the split layer's units cover its output rows, for running it band by band with its
  // neighbour (LayerBands.h): set by kernels whose units are runs of output pixels of one image.
  void setBands(const BandGeometry &geometry) { bands_ = geometry; }

  const std::vector<std::string> &params() const { return params_; }
  const std::vector<std::string> &body() const { return body_; }
  const std::set<std::string> &headers() const { return headers_; }
  const std::vector<std::string> &notes() const { return notes_; }
  bool fallible() const { return fallible_; }
  // 0 when the layer runs on the calling thread only.
  int parallelUnits() const { return parallelUnits_; }
  const std::optional<BandGeometry> &bands() const { return bands_; }

private:
  const ir::Op &op_;
  const MemoryPlan &plan_;
  ConstantPool &constants_;
  std::string_view templateFolder_;
  std::string cpu_;
  std::vector<std::string> params_, body_, notes_;
  std::set<std::string> headers_;
  bool fallible_ = false;
  int parallelUnits_ = 0;
  std::optional<BandGeometry> bands_;
};

} // namespace litec::codegen
