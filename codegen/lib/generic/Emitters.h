#pragma once

// The generic target's layer emitters, one family per file: checkX says whether the family's
// kernel takes the op (and why not), emitX writes the layer.

#include "EmitSupport.h"

namespace litec::codegen::generic {

llvm::Error checkWeighted(const ir::Op &op); // CONV_2D, DEPTHWISE_CONV_2D, FULLY_CONNECTED
llvm::Error emitWeighted(LayerContext &layer);

llvm::Error checkReshape(const ir::Op &op); // RESHAPE, SQUEEZE, EXPAND_DIMS
llvm::Error emitReshape(LayerContext &layer);

bool isElementwise(ir::OpKind kind); // float unary and binary ops, quantised ADD/SUB/MUL
llvm::Error checkElementwise(const ir::Op &op);
llvm::Error emitElementwise(LayerContext &layer);

} // namespace litec::codegen::generic
