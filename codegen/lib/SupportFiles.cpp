// The embedded runtime, kernel and runner headers the generated files include, written at their
// own paths (litec/runtime/X.h, litec/<target>/X.h, litec/runner/Runner.h) beside the model.
// Their includes of each other are rewritten relative to the including file, which is where
// every C++ compiler looks first, so the directory builds without include paths.

#include "Emission.h"
#include "litec/codegen/EmbeddedFiles.h"

#include <algorithm>

namespace litec::codegen {

namespace {
std::string directoryOf(const std::string &path) {
  const size_t slash = path.rfind('/');
  return slash == std::string::npos ? "" : path.substr(0, slash);
}

// `target` as written from a file in directory `from` ("litec/generic" to
// "litec/runtime/FixedPoint.h" is "../runtime/FixedPoint.h").
std::string relativePath(const std::string &from, const std::string &target) {
  std::vector<std::string> a, b;
  auto split = [](const std::string &path, std::vector<std::string> &parts) {
    size_t start = 0;
    while (start <= path.size()) {
      const size_t slash = std::min(path.find('/', start), path.size());
      if (slash > start)
        parts.push_back(path.substr(start, slash - start));
      start = slash + 1;
    }
  };
  split(from, a);
  split(target, b);
  size_t common = 0;
  while (common < a.size() && common + 1 < b.size() && a[common] == b[common])
    ++common;
  std::string out;
  for (size_t i = common; i < a.size(); ++i)
    out += "../";
  for (size_t i = common; i < b.size(); ++i)
    out += b[i] + (i + 1 < b.size() ? "/" : "");
  return out;
}

// The embedded file an include line of `file` names: "litec/..." from the tree's include
// roots, or a file beside `file` ("Common.h"); "" for system headers and anything else.
std::string includedPath(const std::string &line, const std::string &file) {
  const std::string prefix = "#include \"";
  if (line.rfind(prefix, 0) != 0 || line.back() != '"')
    return "";
  const std::string name = line.substr(prefix.size(), line.size() - prefix.size() - 1);
  if (name.rfind("litec/", 0) == 0)
    return name;
  const std::string sibling = directoryOf(file) + "/" + name;
  return findEmbeddedFile(sibling) ? sibling : "";
}
} // namespace

std::vector<GeneratedFile> supportFiles(const std::set<std::string> &required) {
  std::set<std::string> wanted = required, done;
  std::vector<GeneratedFile> files;
  while (!wanted.empty()) {
    const std::string path = *wanted.begin();
    wanted.erase(wanted.begin());
    if (!done.insert(path).second)
      continue;
    const EmbeddedFile *file = findEmbeddedFile(path);
    if (!file)
      continue;
    const std::string text(file->contents);
    std::string rewritten;
    for (size_t start = 0; start < text.size();) {
      const size_t end = std::min(text.find('\n', start), text.size());
      std::string line = text.substr(start, end - start);
      if (const std::string included = includedPath(line, path); !included.empty()) {
        wanted.insert(included);
        line = "#include \"" + relativePath(directoryOf(path), included) + "\"";
      }
      rewritten += line + "\n";
      start = end + 1;
    }
    files.push_back({path, rewritten});
  }
  std::sort(files.begin(), files.end(),
            [](const GeneratedFile &a, const GeneratedFile &b) { return a.path < b.path; });
  return files;
}

} // namespace litec::codegen
