#pragma once

#include "litec/ir/Graph.h"

#include <llvm/ADT/StringRef.h>
#include <llvm/Support/Error.h>

#include <cstdint>
#include <vector>

namespace litec::frontend {

// Serialises a module as a .tflite flatbuffer ("TFL3") that TFLite and litec read back as the
// same graph: tensors, constants, quantisation, sparsity, ops with their options, signatures
// and metadata.
llvm::Expected<std::vector<uint8_t>> writeModel(const ir::Module &module);
llvm::Error writeModelFile(const ir::Module &module, llvm::StringRef path);

} // namespace litec::frontend
