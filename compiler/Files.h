#pragma once

#include <llvm/ADT/StringRef.h>
#include <llvm/Support/Error.h>

#include <cstdint>
#include <span>
#include <string>

namespace litec::compiler {

// Writes `bytes` to `path` (replacing it); the error says which file and why.
llvm::Error writeFile(const std::string &path, llvm::StringRef bytes);
inline llvm::Error writeFile(const std::string &path, std::span<const uint8_t> bytes) {
  return writeFile(path,
                   llvm::StringRef(reinterpret_cast<const char *>(bytes.data()), bytes.size()));
}

} // namespace litec::compiler
