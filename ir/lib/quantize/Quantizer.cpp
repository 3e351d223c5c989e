#include "litec/ir/quantize/Quantizer.h"

#include "litec/ir/QuantizationMath.h"
#include "litec/ir/quantize/Parameters.h"
#include "litec/ir/reference/Kernel.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <optional>
#include <unordered_map>

namespace litec::ir::quantize {

namespace {

// How an op's int8 output parameters are chosen (TFLite's operator properties).
enum class Output {
  kCalibrated,  // from its own calibrated range
  kSameAsInput, // its (first real) input's, which the kernel requires
  kShared,      // its own range, every input requantised to it (CONCATENATION and the like)
  kFixed,       // the constants TFLite's kernel requires
};

struct Rule {
  OpKind kind;
  Output output;
  int version;            // the op version TFLite gives the int8 form
  bool int16 = true;      // TFLite has a 16x8 kernel
  int weights = -1;       // operand index of the symmetric int8 weights
  int bias = -1;          // operand index of the int32 (16x8: int64) bias
  int axis = -1;          // the weights' per-channel axis; -1: per tensor
  float fixedScale = 0.f; // kFixed, int8
  int32_t fixedZeroPoint = 0;
};

constexpr float k256th = 1.f / 256.f;
const Rule kRules[] = {
    {OpKind::CONV_2D, Output::kCalibrated, 3, true, 1, 2, 0},
    {OpKind::DEPTHWISE_CONV_2D, Output::kCalibrated, 3, true, 1, 2, 3},
    {OpKind::FULLY_CONNECTED, Output::kCalibrated, 4, true, 1, 2, -1},
    {OpKind::TRANSPOSE_CONV, Output::kCalibrated, 3, true, 1, 3, 0},
    {OpKind::ADD, Output::kCalibrated, 2},
    {OpKind::SUB, Output::kCalibrated, 2},
    {OpKind::MUL, Output::kCalibrated, 2},
    {OpKind::MEAN, Output::kCalibrated, 2},
    {OpKind::SUM, Output::kCalibrated, 2, false},
    {OpKind::RELU, Output::kCalibrated, 2, false},
    {OpKind::RELU6, Output::kCalibrated, 2, false},
    {OpKind::RELU_N1_TO_1, Output::kCalibrated, 1, false},
    {OpKind::LEAKY_RELU, Output::kCalibrated, 2},
    {OpKind::HARD_SWISH, Output::kCalibrated, 1, false},
    {OpKind::PRELU, Output::kCalibrated, 1},
    {OpKind::AVERAGE_POOL_2D, Output::kSameAsInput, 2},
    {OpKind::MAX_POOL_2D, Output::kSameAsInput, 2},
    {OpKind::RESHAPE, Output::kSameAsInput, 1},
    {OpKind::SQUEEZE, Output::kSameAsInput, 1},
    {OpKind::EXPAND_DIMS, Output::kSameAsInput, 1},
    {OpKind::TRANSPOSE, Output::kSameAsInput, 2},
    {OpKind::SLICE, Output::kSameAsInput, 2},
    {OpKind::STRIDED_SLICE, Output::kSameAsInput, 2},
    {OpKind::GATHER, Output::kSameAsInput, 2},
    {OpKind::PAD, Output::kSameAsInput, 2},
    {OpKind::PADV2, Output::kSameAsInput, 2},
    {OpKind::MIRROR_PAD, Output::kSameAsInput, 2},
    {OpKind::RESIZE_BILINEAR, Output::kSameAsInput, 2, false},
    {OpKind::RESIZE_NEAREST_NEIGHBOR, Output::kSameAsInput, 2, false},
    {OpKind::SPACE_TO_DEPTH, Output::kSameAsInput, 2, false},
    {OpKind::DEPTH_TO_SPACE, Output::kSameAsInput, 2, false},
    {OpKind::BATCH_TO_SPACE_ND, Output::kSameAsInput, 2, false},
    {OpKind::SPACE_TO_BATCH_ND, Output::kSameAsInput, 2, false},
    {OpKind::REDUCE_MAX, Output::kSameAsInput, 2},
    {OpKind::REDUCE_MIN, Output::kSameAsInput, 2},
    {OpKind::SPLIT, Output::kSameAsInput, 2},
    {OpKind::SPLIT_V, Output::kSameAsInput, 2},
    {OpKind::UNPACK, Output::kSameAsInput, 2},
    {OpKind::CONCATENATION, Output::kShared, 2},
    {OpKind::PACK, Output::kShared, 2},
    {OpKind::MAXIMUM, Output::kShared, 2},
    {OpKind::MINIMUM, Output::kShared, 2},
    {OpKind::LOGISTIC, Output::kFixed, 2, true, -1, -1, -1, k256th, -128},
    {OpKind::SOFTMAX, Output::kFixed, 2, true, -1, -1, -1, k256th, -128},
    {OpKind::TANH, Output::kFixed, 2, true, -1, -1, -1, 1.f / 128.f, 0},
    {OpKind::LOG_SOFTMAX, Output::kFixed, 2, false, -1, -1, -1, 16.f / 256.f, 127},
    {OpKind::L2_NORMALIZATION, Output::kFixed, 2, false, -1, -1, -1, 1.f / 128.f, 0},
};

const Rule *ruleFor(OpKind kind) {
  for (const Rule &rule : kRules)
    if (rule.kind == kind)
      return &rule;
  return nullptr;
}

bool isFloatActivation(const Value *value) {
  return value && value->type == ElementType::F32 && !value->isConstant();
}

std::vector<float> floatsOf(const Value &value) {
  std::vector<float> values(value.data().size() / sizeof(float));
  if (!values.empty())
    std::memcpy(values.data(), value.data().data(), values.size() * sizeof(float));
  return values;
}

template <typename T> std::vector<uint8_t> bytesOf(const std::vector<T> &values) {
  std::vector<uint8_t> bytes(values.size() * sizeof(T));
  if (!bytes.empty())
    std::memcpy(bytes.data(), values.data(), bytes.size());
  return bytes;
}

// `floats` quantised with `parameters` to `type`'s range (rounded half away from zero), as T.
template <typename T>
std::vector<uint8_t> affineBytes(const std::vector<float> &floats,
                                 const AffineParameters &parameters, ElementType type) {
  const int64_t low = integerMin(type), high = integerMax(type);
  std::vector<T> values;
  for (const float f : floats)
    values.push_back(
        T(std::clamp<int64_t>(quantizeValue(f, parameters.scale, low - parameters.zeroPoint,
                                            high - parameters.zeroPoint) +
                                  parameters.zeroPoint,
                              low, high)));
  return bytesOf(values);
}

Range rangeOfConstant(const Value &value) {
  RangeObserver observer;
  observer.observe(floatsOf(value));
  return observer.minMax();
}

void setParameters(Value &value, ElementType type, AffineParameters parameters) {
  value.type = type;
  value.quant = Quantization{};
  value.quant.scales = {parameters.scale};
  value.quant.zeroPoints = {parameters.zeroPoint};
}

AffineParameters parametersOf(const Value &value) {
  return {value.quant.scales.at(0), int32_t(value.quant.zeroPoints.at(0))};
}

// Why `op` stays float, or nullopt when it can be quantised.
std::optional<std::string> whyFloat(const Op &op, const Rule *rule, const Calibration &calibration,
                                    const QuantizeOptions &options) {
  if (op.kind == OpKind::CUSTOM)
    return "a custom op: TFLite has no int8 kernel for it";
  if (!rule)
    return "TFLite's converter has no int8 form of this op";
  if (options.activations == ElementType::I16 && !rule->int16)
    return "TFLite has no 16x8 kernel for this op";
  bool anyFloat = false;
  for (size_t i = 0; i < op.operands.size(); ++i) {
    const Value *operand = op.operands[i];
    if (!operand || operand->type != ElementType::F32)
      continue;
    anyFloat = true;
    if (int(i) == rule->weights || int(i) == rule->bias) {
      if (!operand->isConstant())
        return fmt::format("its {} (operand {}) is not a constant",
                           int(i) == rule->weights ? "weights" : "bias", i);
      continue;
    }
    if (!operand->isConstant() && !calibration.seen(*operand))
      return fmt::format("calibration saw no finite value of operand {} ('{}')", i, operand->name);
  }
  if (!anyFloat)
    return "it has no float operand";
  for (const Value *result : op.results) {
    if (!result || result->type != ElementType::F32)
      return "a result is not float";
    if (!calibration.seen(*result))
      return fmt::format("calibration saw no finite value of its result '{}'", result->name);
  }
  return std::nullopt;
}

class Rewriter {
public:
  Rewriter(Module &module, const Calibration &calibration, const QuantizeOptions &options,
           const std::vector<bool> &quantized)
      : graph_(module.mainGraph()), calibration_(calibration), options_(options),
        quantized_(quantized) {}

  llvm::Error run(QuantizeReport &report) {
    const size_t originalValues = graph_.values.size();
    int8Of_.assign(originalValues, nullptr);
    floatOf_.assign(originalValues, nullptr);
    wasFloat_.assign(originalValues, false);
    for (const auto &value : graph_.values)
      wasFloat_[value->id] = value->type == ElementType::F32;
    planValues();
    std::vector<std::unique_ptr<Op>> ops = std::move(graph_.ops);
    graph_.ops.clear();
    // The graph inputs' int8 forms (QUANTIZE ops, or the inputs themselves with int8 I/O) come
    // first.
    for (Value *input : graph_.inputs) {
      if (!wasFloat_[input->id] || !calibration_.seen(*input))
        continue;
      if (inPlace_[input->id])
        setParameters(*input, activationType(), calibrated(*input));
      else if (needsInt8_[input->id])
        int8Version(*input);
    }
    for (std::unique_ptr<Op> &op : ops) {
      if (llvm::Error error = rewrite(*op, report))
        return error;
      graph_.ops.push_back(std::move(op));
      for (std::unique_ptr<Op> &after : pendingAfter_)
        graph_.ops.push_back(std::move(after));
      pendingAfter_.clear();
    }
    for (unsigned i = 0; i < graph_.ops.size(); ++i) {
      graph_.ops[i]->index = i;
      for (Value *result : graph_.ops[i]->results)
        if (result)
          result->producer = graph_.ops[i].get();
    }
    report.conversions = conversions_;
    return llvm::Error::success();
  }

private:
  // Which values become int8 where they are (the results of quantised ops, and with int8 I/O
  // the graph inputs), and which are needed as int8 by some quantised op.
  void planValues() {
    const size_t n = graph_.values.size();
    inPlace_.assign(n, false);
    needsInt8_.assign(n, false);
    isOutput_.assign(n, false);
    for (const Value *output : graph_.outputs)
      isOutput_[output->id] = true;
    for (size_t i = 0; i < graph_.ops.size(); ++i) {
      const Op &op = *graph_.ops[i];
      if (!quantized_[i])
        continue;
      for (const Value *operand : op.operands)
        if (isFloatActivation(operand))
          needsInt8_[operand->id] = true;
      for (const Value *result : op.results)
        inPlace_[result->id] = !isOutput_[result->id] || options_.quantizedIo;
    }
    if (options_.quantizedIo)
      for (const Value *input : graph_.inputs)
        if (input->type == ElementType::F32)
          inPlace_[input->id] = true;
  }

  Value &newValue(const Value &like, std::string suffix) {
    Value &value = graph_.addValue();
    value.name = like.name + suffix;
    value.shape = like.shape;
    value.shapeSignature = like.shapeSignature;
    value.type = like.type;
    return value;
  }

  Op &newConversion(OpKind kind, Value &from, Value &to, bool after) {
    auto op = std::make_unique<Op>();
    op->kind = kind;
    // DEQUANTIZE of int8 is version 2, QUANTIZE int8 -> int8 (requantise) version 2.
    op->version = kind == OpKind::DEQUANTIZE || from.type != ElementType::F32 ? 2 : 1;
    op->operands = {&from};
    op->results = {&to};
    to.producer = op.get();
    ++conversions_;
    Op &made = *op;
    (after ? pendingAfter_ : graph_.ops).push_back(std::move(op));
    return made;
  }

  ElementType activationType() const { return options_.activations; }

  AffineParameters calibrated(const Value &value) const {
    return activationParameters(calibration_.range(value), activationType());
  }

  // The int8 form of a float activation: itself where it became int8 in place, else a QUANTIZE
  // of it (made once, just before its first quantised reader).
  Value &int8Version(Value &value) {
    if (inPlace_[value.id])
      return int8Of_[value.id] ? *int8Of_[value.id] : value;
    if (!int8Of_[value.id]) {
      Value &quantized = newValue(value, activationType() == ElementType::I16 ? "_int16" : "_int8");
      setParameters(quantized, activationType(), calibrated(value));
      newConversion(OpKind::QUANTIZE, value, quantized, false);
      int8Of_[value.id] = &quantized;
    }
    return *int8Of_[value.id];
  }

  // The float form of a value for a float reader: a DEQUANTIZE of it where it became int8 in
  // place (made once), else itself.
  Value &floatVersion(Value &value) {
    if (!inPlace_[value.id] || value.id >= floatOf_.size())
      return value;
    if (!floatOf_[value.id]) {
      Value &real = newValue(value, "_float");
      real.type = ElementType::F32;
      newConversion(OpKind::DEQUANTIZE, int8Of_[value.id] ? *int8Of_[value.id] : value, real,
                    false);
      floatOf_[value.id] = &real;
    }
    return *floatOf_[value.id];
  }

  // `value` (int8) requantised to `target`'s parameters for one reader, or itself when they
  // already match.
  Value &requantized(Value &value, const AffineParameters &target) {
    if (value.quant.scales.at(0) == target.scale &&
        value.quant.zeroPoints.at(0) == target.zeroPoint)
      return value;
    Value &copy = newValue(value, "_requantized");
    setParameters(copy, value.type, target);
    newConversion(OpKind::QUANTIZE, value, copy, false);
    return copy;
  }

  // A float constant that a quantised op reads as data (not weights or bias): its own int8
  // constant, with `parameters` or its own range's.
  Value &quantizedConstant(const Value &constant, std::optional<AffineParameters> parameters) {
    const AffineParameters chosen =
        parameters ? *parameters
                   : activationParameters(rangeOfConstant(constant), activationType());
    Value &quantized = newValue(constant, "_int8");
    setParameters(quantized, activationType(), chosen);
    const std::vector<float> floats = floatsOf(constant);
    quantized.setOwnedData(activationType() == ElementType::I16
                               ? affineBytes<int16_t>(floats, chosen, activationType())
                               : affineBytes<int8_t>(floats, chosen, activationType()));
    return quantized;
  }

  llvm::Error rewrite(Op &op, QuantizeReport &report) {
    const unsigned original = op.index;
    if (!quantized_[original]) {
      for (Value *&operand : op.operands)
        if (operand && operand->id < inPlace_.size())
          operand = &floatVersion(*operand);
      return llvm::Error::success();
    }
    ++report.quantizedOps;
    const Rule &rule = *ruleFor(op.kind);
    op.version = std::max(op.version, rule.version);
    // The first real input: the one whose parameters kSameAsInput outputs take.
    Value *firstInput = nullptr;
    std::vector<size_t> realOperands;
    for (size_t i = 0; i < op.operands.size(); ++i) {
      Value *operand = op.operands[i];
      if (!operand || !wasFloat_[operand->id] || int(i) == rule.weights || int(i) == rule.bias)
        continue;
      realOperands.push_back(i);
      if (!operand->isConstant()) {
        op.operands[i] = &int8Version(*operand);
        if (!firstInput)
          firstInput = op.operands[i];
      }
    }
    // The output parameters.
    std::optional<AffineParameters> output;
    switch (rule.output) {
    case Output::kCalibrated:
    case Output::kShared:
      output = calibrated(*op.results[0]);
      break;
    case Output::kSameAsInput:
      if (firstInput)
        output = parametersOf(*firstInput);
      else
        output = calibrated(*op.results[0]);
      break;
    case Output::kFixed:
      output = activationType() == ElementType::I16
                   ? AffineParameters{1.f / 32768.f, 0}
                   : AffineParameters{rule.fixedScale, rule.fixedZeroPoint};
      break;
    }
    // Constants read as data: with the output's parameters where the kernel needs its inputs
    // to share them, else their own.
    const bool shareInputs = rule.output == Output::kShared || rule.output == Output::kSameAsInput;
    for (const size_t i : realOperands) {
      Value *operand = op.operands[i];
      if (operand->isConstant())
        op.operands[i] =
            &quantizedConstant(*operand, shareInputs ? output : std::optional<AffineParameters>());
      else if (rule.output == Output::kShared)
        op.operands[i] = &requantized(*operand, *output);
    }
    if (rule.weights >= 0)
      if (llvm::Error error = quantizeWeightsAndBias(op, rule))
        return error;
    // The results.
    for (Value *&result : op.results) {
      if (inPlace_[result->id]) {
        setParameters(*result, activationType(), *output);
        continue;
      }
      // A float graph output: the op writes an int8 value that a DEQUANTIZE turns back into it.
      Value &quantized =
          newValue(*result, activationType() == ElementType::I16 ? "_int16" : "_int8");
      setParameters(quantized, activationType(), *output);
      Value &real = *result;
      result = &quantized;
      newConversion(OpKind::DEQUANTIZE, quantized, real, true);
      // Later quantised readers take the int8 value itself.
      int8Of_[real.id] = &quantized;
    }
    return llvm::Error::success();
  }

  llvm::Error quantizeWeightsAndBias(Op &op, const Rule &rule) {
    Value &weights = *op.operands[size_t(rule.weights)];
    const std::vector<float> floats = floatsOf(weights);
    const int axis = options_.perChannel ? rule.axis : -1;
    SymmetricWeights quantized = quantizeWeights(floats, weights.shape, axis);
    // The input the weights multiply: its scale makes the bias's.
    const Value *input = nullptr;
    for (size_t i = 0; i < op.operands.size(); ++i)
      if (op.operands[i] && int(i) != rule.weights && int(i) != rule.bias &&
          op.operands[i]->quant.isQuantized() && !op.operands[i]->isConstant()) {
        input = op.operands[i];
        break;
      }
    Value *bias = rule.bias >= 0 && size_t(rule.bias) < op.operands.size()
                      ? op.operands[size_t(rule.bias)]
                      : nullptr;
    std::vector<float> biasFloats = bias ? floatsOf(*bias) : std::vector<float>();
    if (input && bias &&
        widenWeightScalesForBias(biasFloats, input->quant.scales.at(0), quantized.scales))
      quantized.values = quantizeWithScales(floats, weights.shape, axis, quantized.scales);
    Value &int8Weights = newValue(weights, "_int8");
    int8Weights.type = ElementType::I8;
    int8Weights.quant.scales = quantized.scales;
    int8Weights.quant.zeroPoints.assign(quantized.scales.size(), 0);
    int8Weights.quant.axis = quantized.scales.size() > 1 ? axis : 0;
    int8Weights.setOwnedData(bytesOf(quantized.values));
    op.operands[size_t(rule.weights)] = &int8Weights;
    if (bias) {
      if (!input)
        return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                       "op %u (%s): no quantised input to scale the bias by",
                                       op.index, op.displayName().c_str());
      const QuantizedBias q = quantizeBias(biasFloats, input->quant.scales.at(0), quantized.scales);
      Value &intBias = newValue(*bias, activationType() == ElementType::I16 ? "_int64" : "_int32");
      intBias.quant.scales = q.scales;
      intBias.quant.zeroPoints.assign(q.scales.size(), 0);
      if (activationType() == ElementType::I16) {
        intBias.type = ElementType::I64;
        std::vector<int64_t> wide;
        for (size_t c = 0; c < biasFloats.size(); ++c)
          wide.push_back(quantizeValue(biasFloats[c], q.scales[q.scales.size() > 1 ? c : 0],
                                       -(int64_t(1) << 40), int64_t(1) << 40));
        intBias.setOwnedData(bytesOf(wide));
      } else {
        intBias.type = ElementType::I32;
        intBias.setOwnedData(bytesOf(q.values));
      }
      op.operands[size_t(rule.bias)] = &intBias;
    }
    return llvm::Error::success();
  }

  Graph &graph_;
  const Calibration &calibration_;
  const QuantizeOptions &options_;
  const std::vector<bool> &quantized_;
  std::vector<bool> wasFloat_, inPlace_, needsInt8_, isOutput_;
  std::vector<Value *> int8Of_, floatOf_;
  std::vector<std::unique_ptr<Op>> pendingAfter_;
  unsigned conversions_ = 0;
};

// Graph outputs that a float op writes stay float; with int8 I/O they get a QUANTIZE at the end.
void quantizeFloatOutputs(Graph &graph, ElementType type, const Calibration &calibration,
                          unsigned &conversions) {
  for (Value *&output : graph.outputs) {
    if (output->type != ElementType::F32 || !calibration.seen(*output))
      continue;
    Value &quantized = graph.addValue();
    quantized.name = output->name + (type == ElementType::I16 ? "_int16" : "_int8");
    quantized.shape = output->shape;
    quantized.shapeSignature = output->shapeSignature;
    setParameters(quantized, type, activationParameters(calibration.range(*output), type));
    Op &op = graph.addOp(OpKind::QUANTIZE);
    op.operands = {output};
    op.results = {&quantized};
    quantized.producer = &op;
    output = &quantized;
    ++conversions;
  }
}

} // namespace

std::unique_ptr<Module> cloneModule(const Module &module) {
  auto copy = std::make_unique<Module>();
  copy->schemaVersion = module.schemaVersion;
  copy->description = module.description;
  copy->signatures = module.signatures;
  copy->metadata = module.metadata;
  copy->storage = module.storage;
  copy->warnings = module.warnings;
  for (const auto &graph : module.graphs) {
    Graph &g = copy->addGraph();
    g.name = graph->name;
    for (const auto &value : graph->values) {
      Value &v = g.addValue();
      v.name = value->name;
      v.type = value->type;
      v.shape = value->shape;
      v.shapeSignature = value->shapeSignature;
      v.quant = value->quant;
      v.sparsity = value->sparsity;
      v.isVariable = value->isVariable;
      if (value->isConstant())
        v.setOwnedData(std::vector<uint8_t>(value->data().begin(), value->data().end()));
    }
    const auto remap = [&](const std::vector<Value *> &values) {
      std::vector<Value *> out;
      for (const Value *value : values)
        out.push_back(value ? g.values[value->id].get() : nullptr);
      return out;
    };
    for (const auto &op : graph->ops) {
      Op &o = g.addOp(op->kind);
      o.version = op->version;
      o.customCode = op->customCode;
      o.customOptions = op->customOptions;
      o.attrs = op->attrs;
      o.operands = remap(op->operands);
      o.results = remap(op->results);
      o.intermediates = remap(op->intermediates);
      for (Value *result : o.results)
        if (result)
          result->producer = &o;
    }
    g.inputs = remap(graph->inputs);
    g.outputs = remap(graph->outputs);
  }
  return copy;
}

void removeUnusedValues(Module &module) {
  Graph &graph = module.mainGraph();
  std::vector<bool> used(graph.values.size(), false);
  const auto mark = [&](const std::vector<Value *> &values) {
    for (const Value *value : values)
      if (value)
        used[value->id] = true;
  };
  for (const auto &op : graph.ops) {
    mark(op->operands);
    mark(op->results);
    mark(op->intermediates);
  }
  mark(graph.inputs);
  mark(graph.outputs);
  std::vector<unsigned> newId(graph.values.size(), 0);
  std::vector<std::unique_ptr<Value>> kept;
  for (auto &value : graph.values) {
    if (!used[value->id])
      continue;
    newId[value->id] = unsigned(kept.size());
    kept.push_back(std::move(value));
  }
  for (Signature &signature : module.signatures) {
    if (signature.graphIndex != 0)
      continue;
    for (auto *tensors : {&signature.inputs, &signature.outputs})
      for (SignatureTensor &tensor : *tensors)
        tensor.valueId = newId[tensor.valueId];
  }
  graph.values = std::move(kept);
  for (unsigned i = 0; i < graph.values.size(); ++i)
    graph.values[i]->id = i;
}

llvm::Expected<QuantizedModule> quantizeModule(const Module &floatModule,
                                               const Calibration &calibration,
                                               const QuantizeOptions &options) {
  if (options.activations != ElementType::I8 && options.activations != ElementType::I16)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "activations must be int8 or int16");
  const Graph &source = floatModule.mainGraph();
  // Which ops quantise: TFLite's int8 forms, then litec's interpreter must prepare each one as
  // rewritten (else it stays float and the rewrite runs again).
  std::vector<bool> quantized(source.ops.size(), false);
  std::map<unsigned, std::string> reasons;
  for (const auto &op : source.ops) {
    if (options.keepFloat.count(op->index)) {
      reasons[op->index] = "kept float (--keep-float)";
      continue;
    }
    if (auto why = whyFloat(*op, ruleFor(op->kind), calibration, options))
      reasons[op->index] = *why;
    else
      quantized[op->index] = true;
  }
  for (;;) {
    QuantizedModule result;
    result.module = cloneModule(floatModule);
    Rewriter rewriter(*result.module, calibration, options, quantized);
    if (llvm::Error error = rewriter.run(result.report))
      return error;
    if (options.quantizedIo)
      quantizeFloatOutputs(result.module->mainGraph(), options.activations, calibration,
                           result.report.conversions);
    // Every rewritten op must be one the interpreter (and so every target) prepares.
    bool retry = false;
    for (const auto &op : result.module->mainGraph().ops) {
      auto kernel = reference::prepareKernel(*op);
      if (kernel)
        continue;
      const std::string message = llvm::toString(kernel.takeError());
      // Map back to the float model's op: the rewritten graph keeps the float ops' order, with
      // the conversions between them; find it by its results' names.
      for (const auto &original : source.ops) {
        if (!quantized[original->index] || original->kind != op->kind ||
            original->results.empty() || op->results.empty())
          continue;
        const std::string &name = original->results[0]->name;
        if (op->results[0]->name == name || op->results[0]->name.starts_with(name + "_int")) {
          quantized[original->index] = false;
          reasons[original->index] = "litec's interpreter rejects its int8 form: " + message;
          retry = true;
          break;
        }
      }
      if (!retry)
        return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                       "the quantised op %u (%s) does not prepare: %s", op->index,
                                       op->displayName().c_str(), message.c_str());
      break;
    }
    if (retry)
      continue;
    removeUnusedValues(*result.module);
    for (const auto &[index, reason] : reasons)
      result.report.floatOps.push_back({index, source.ops[index]->displayName(), reason});
    return result;
  }
}

} // namespace litec::ir::quantize
