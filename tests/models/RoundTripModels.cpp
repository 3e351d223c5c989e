// Reads every real model given on the command line (files or folders of .tflite files), writes
// it back with litec's writer, reads that again and checks both imports hold the same graph.
// Exit 77 (ctest's "skipped") when none of the given places holds a model.

#include "ModuleCompare.h"
#include "litec/frontend/Reader.h"
#include "litec/frontend/Writer.h"

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <vector>

namespace fs = std::filesystem;
using namespace litec;

int main(int argc, char **argv) {
  std::vector<fs::path> models;
  for (int i = 1; i < argc; ++i) {
    fs::path place(argv[i]);
    if (fs::is_regular_file(place)) {
      models.push_back(place);
    } else if (fs::is_directory(place)) {
      for (const auto &entry : fs::directory_iterator(place))
        if (entry.path().extension() == ".tflite")
          models.push_back(entry.path());
    } else {
      std::cout << "skipping " << place << ": not found\n";
    }
  }
  if (models.empty()) {
    std::cout << "no models found: skipped\n";
    return 77;
  }
  std::sort(models.begin(), models.end());
  int failures = 0;
  for (const fs::path &path : models) {
    auto module = frontend::readModelFile(path.string());
    if (!module) {
      std::cout << "FAIL " << path << ": " << llvm::toString(module.takeError()) << "\n";
      ++failures;
      continue;
    }
    auto bytes = frontend::writeModel(**module);
    if (!bytes) {
      std::cout << "FAIL " << path << ": write: " << llvm::toString(bytes.takeError()) << "\n";
      ++failures;
      continue;
    }
    auto buffer = llvm::MemoryBuffer::getMemBufferCopy(
        llvm::StringRef(reinterpret_cast<const char *>(bytes->data()), bytes->size()));
    auto back = frontend::readModelBuffer(std::move(buffer));
    if (!back) {
      std::cout << "FAIL " << path << ": reread: " << llvm::toString(back.takeError()) << "\n";
      ++failures;
      continue;
    }
    std::string difference = testing::describeDifference(**module, **back);
    if (!difference.empty()) {
      std::cout << "FAIL " << path << ": round trip differs: " << difference << "\n";
      ++failures;
      continue;
    }
    std::cout << "ok   " << path.filename().string() << ": " << (*module)->mainGraph().ops.size()
              << " ops, " << bytes->size() << " bytes written\n";
  }
  std::cout << (models.size() - failures) << " passed, " << failures << " failed\n";
  return failures ? 1 : 0;
}
