#pragma once

// The files built into litec (cmake/EmbedFiles.cmake): the runtime and kernel-template headers
// `litec compile` copies next to its output, at the paths generated code includes them by
// ("litec/runtime/<file>.h", "litec/<target>/<file>.h", the runner "litec/runner/Runner.h"), and
// the TFLite oracle script `litec verify` runs ("oracle/run_tflite.js").

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
