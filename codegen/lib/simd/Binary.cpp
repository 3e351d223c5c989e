// Float ADD, SUB, MUL, DIV, MAXIMUM, MINIMUM, SQUARED_DIFFERENCE and PRELU, and int8 ADD and SUB,
// on a SIMD target's kernel of templates/<target>/Binary.h: the prepared BinaryParams (the
// broadcast walk collapsed so that the innermost run reads each operand contiguously or as one
// repeated value).

#include "SimdKernels.h"

#include "../generic/EmitSupport.h"
#include "litec/codegen/ParamWriter.h"
#include "litec/ir/ops/Binary.h"
#include "litec/runtime/BinaryRuns.h"

#include <algorithm>

namespace litec::codegen::simd {

namespace {
// The innermost run's step through an operand: 1 contiguous, 0 repeated, -1 neither.
int innerStep(const std::vector<int32_t> &strides) {
  const int32_t step = strides.back();
  return step == 0 || step == 1 ? step : -1;
}

// int8 ADD and SUB: the one quantised form with a vector kernel (runtime::quantizedAdd per lane).
bool isInt8Add(const ir::ops::PreparedBinary &prepared) {
  return prepared.kind == ir::ops::BinaryKind::QuantizedAdd && prepared.type == ir::ElementType::I8;
}
} // namespace

llvm::Error checkBinary(const ir::Op &op, const KernelSet &kernels) {
  auto prepared = ir::ops::prepareBinary(op);
  if (!prepared)
    return prepared.takeError();
  if (prepared->kind != ir::ops::BinaryKind::Float && !isInt8Add(*prepared))
    return generic::refuse(
        fmt::format("no {} kernel for quantised element-wise ops other than int8 ADD and SUB yet",
                    kernels.target));
  if (prepared->op == runtime::BinaryOp::kPow)
    return generic::refuse("no vector POW");
  const ir::ops::BinaryParams &p = prepared->params;
  if (innerStep(p.aStrides) < 0 || innerStep(p.bStrides) < 0)
    return generic::refuse("an operand steps through the innermost dimension unevenly");
  return llvm::Error::success();
}

llvm::Error emitBinary(LayerContext &layer, const KernelSet &kernels) {
  auto prepared = ir::ops::prepareBinary(layer.op());
  if (!prepared)
    return prepared.takeError();
  const ir::ops::BinaryParams &p = prepared->params;
  writeParams(layer, p);
  layer.require("Binary.h");
  const int aStep = innerStep(p.aStrides), bStep = innerStep(p.bStrides);
  auto describe = [](int step) { return step ? "contiguous" : "one repeated value"; };
  const int runs = p.count / std::max(p.outShape.back(), 1);
  const std::string part =
      generic::splitAcrossWorkers(layer, 2 * int64_t(p.count), runtime::binaryUnits(p.count),
                                  fmt::format("runs of {} elements", runtime::kBinaryUnit));
  if (isInt8Add(*prepared)) {
    layer.note(fmt::format("kernel: {} int8 {}, TFLite's rescaling in int32 lanes (bit-exact); {} "
                           "runs of {}, the first operand {}, the second {}",
                           kernels.target, p.subtract ? "SUB" : "ADD", runs, p.outShape.back(),
                           describe(aStep), describe(bStep)));
    layer.statement(fmt::format("{}::addInt8<{}, {}, {}>({}{{}}, {}, {}, {}{});", kernels.ns,
                                p.subtract, aStep, bStep, layer.paramsName(), layer.input(0),
                                layer.input(1), layer.output(0), part));
    return llvm::Error::success();
  }
  layer.note(fmt::format("kernel: {} f32 element-wise, {}; {} runs of {}, the first operand {}, "
                         "the second {}",
                         kernels.target, kernels.lanesStep, runs, p.outShape.back(),
                         describe(aStep), describe(bStep)));
  layer.statement(
      fmt::format("{}::binaryF32<litec::runtime::BinaryOp::{}, {}, {}>({}{{}}, {}, {}, {}{});",
                  kernels.ns, runtime::name(prepared->op), aStep, bStep, layer.paramsName(),
                  layer.input(0), layer.input(1), layer.output(0), part));
  return llvm::Error::success();
}

} // namespace litec::codegen::simd
