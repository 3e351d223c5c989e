#pragma once

#include "litec/ir/Graph.h"

#include <llvm/ADT/StringRef.h>
#include <llvm/Support/Error.h>
#include <llvm/Support/MemoryBuffer.h>

#include <memory>

namespace litec::frontend {

// Reads a .tflite file into a verified IR module. The file is mapped read-only and constants
// point into the mapping. Every failure is an error of the form "WHERE: WHAT" (e.g.
// "subgraph 0, op 3 (CONV_2D): input 7 is out of range (12 tensors)"); a caller adds the file.
llvm::Expected<std::unique_ptr<ir::Module>> readModelFile(llvm::StringRef path);

// The same for bytes already in memory (the fuzzer's entry point).
llvm::Expected<std::unique_ptr<ir::Module>>
readModelBuffer(std::unique_ptr<llvm::MemoryBuffer> buffer);

} // namespace litec::frontend
