#pragma once

// The generic target's layer emitters, one operator family per file (OpKinds.def's FAMILY column
// says which ops a family has): checkX says whether the family's kernel takes the op (and why
// not), emitX writes the layer.

#include "EmitSupport.h"
#include "litec/codegen/Target.h"

namespace litec::codegen::generic {

// check<Family> and emit<Family> for every family (Densify's are declared, never defined:
// constant folding turns its constant input into a dense constant before any target runs).
#define LITEC_DECLARE_EMITTER(FAMILY)                                                              \
  llvm::Error check##FAMILY(const ir::Op &op);                                                     \
  llvm::Error emit##FAMILY(LayerContext &layer);
LITEC_OP_FAMILIES(LITEC_DECLARE_EMITTER)
#undef LITEC_DECLARE_EMITTER

// Arena scratch bytes of the families that need some.
int64_t reduceScratch(const ir::Op &op);
int64_t transposeConvolutionScratch(const ir::Op &op);
int64_t lstmScratch(const ir::Op &op);

// Where CONCATENATION's kernel takes each input in its output, when it can skip an input its
// producer wrote there (ir::ops::concatenationSlices); no offsets otherwise.
Target::OperandSlices concatenationSlices(const ir::Op &op);

} // namespace litec::codegen::generic
