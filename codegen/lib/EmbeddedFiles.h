#pragma once

// The runtime and kernel-template headers built into litec (cmake/EmbedFiles.cmake), copied
// next to the code `litec compile` writes: "litec/runtime/<file>.h" and "generic/<file>.h".

#include <span>
#include <string_view>

namespace litec::codegen {

struct EmbeddedFile {
  std::string_view path, contents;
};

std::span<const EmbeddedFile> embeddedFiles();

inline const EmbeddedFile *findEmbeddedFile(std::string_view path) {
  for (const EmbeddedFile &file : embeddedFiles())
    if (file.path == path)
      return &file;
  return nullptr;
}

} // namespace litec::codegen
