#pragma once

#include "litec/ir/Graph.h"

#include <llvm/Support/raw_ostream.h>

namespace litec::ir {

// The stable, human-readable text form of the IR, e.g.
//   %7 = CONV_2D(%0, %1, %2) {padding = SAME, stride_w = 2, ...} : (1x96x96x1xi8 ...) -> ...
// Names from the model are printed as escaped string literals, never raw.
void printModule(const Module &module, llvm::raw_ostream &os);
void printGraph(const Graph &graph, unsigned graphIndex, llvm::raw_ostream &os);

// "1x96x96x1xi8", "?x10xf32" (dynamic dims as ?), "i32" for a scalar.
std::string formatValueType(const Value &value);
// "scale=0.5 zp=-128", "per-axis(axis=0, 8 scales)", "" when not quantised.
std::string formatQuantization(const Quantization &quant);
// How errors and reports name an op: "CONV_2D", or CUSTOM "code" for custom ops (quoted,
// since the code comes from the model).
std::string opLabel(const Op &op);

// A string literal safe for any terminal or source file: printable ASCII only, the rest \xNN.
std::string quoteString(std::string_view text);

} // namespace litec::ir
