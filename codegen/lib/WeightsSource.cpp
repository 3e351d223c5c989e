// NAME_weights.cpp: the model's constants and the tables litec derived from them, as one byte
// string (WeightsFormat::String, the default: a few tokens per megabyte, fast to compile) or as
// one typed array per constant (WeightsFormat::Array).

#include "Emission.h"
#include "SourceWriter.h"
#include "litec/codegen/SafeText.h"

namespace litec::codegen {

namespace {
void writeArrays(SourceWriter &w, const ConstantPool &constants) {
  for (const ConstantPool::Array &a : constants.arrays()) {
    w("\n// {}\nextern const {} {}[{}];\n", a.comment, a.cppType, a.symbol, a.elements.size());
    w("alignas(16) const {} {}[{}] = {{", a.cppType, a.symbol, a.elements.size());
    for (size_t i = 0; i < a.elements.size(); ++i)
      w("{}{}", i % 12 == 0 ? "\n    " : " ",
        a.elements[i] + (i + 1 < a.elements.size() ? "," : ""));
    w("\n}};\n");
  }
}

// Every constant's bytes in one string literal, each at a 16-byte aligned offset (zeros between
// them), 64 bytes a line as \xNN escapes: only escapes, so no escape runs into a digit after it.
void writeString(SourceWriter &w, const ConstantPool &constants) {
  std::vector<uint8_t> data;
  std::string map;
  for (const ConstantPool::Array &a : constants.arrays()) {
    map += fmt::format("//   {:>10}  {} ({}, {} bytes)\n", data.size(), a.symbol,
                       commentText(a.comment, 80), a.bytes.size());
    data.insert(data.end(), a.bytes.begin(), a.bytes.end());
    data.resize(size_t(weightsAlign(int64_t(data.size()))), 0);
  }
  w("\n// Offsets of the constants:\n{}", map);
  // GCC and Clang take a string literal of any length; ISO C++ promises 65536 characters, so
  // -pedantic would warn (MSVC stops at 65535 bytes: use --weights-format=array there).
  w("#if defined(__GNUC__)\n#pragma GCC diagnostic push\n"
    "#pragma GCC diagnostic ignored \"-Woverlength-strings\"\n#endif\n");
  // The string's terminating zero is one byte more than the data.
  w("extern const unsigned char kData[{}];\n", data.size() + 1);
  w("alignas(16) const unsigned char kData[{}] =", data.size() + 1);
  if (data.empty())
    w(" \"\"");
  static const char kHex[] = "0123456789abcdef";
  std::string line;
  for (size_t i = 0; i < data.size(); ++i) {
    if (i % 64 == 0)
      line += "\n    \"";
    line += {'\\', 'x', kHex[data[i] >> 4], kHex[data[i] & 15]};
    if (i % 64 == 63 || i + 1 == data.size())
      line += '"';
  }
  w("{};\n", line);
  w("#if defined(__GNUC__)\n#pragma GCC diagnostic pop\n#endif\n");
}
} // namespace

std::string weightsSource(const EmitState &s) {
  const std::string ns = namespaceOf(s.options);
  SourceWriter w;
  w("// {}_weights.cpp: the constants of a model compiled by litec from {}.\n", s.options.name,
    commentText(s.options.sourceName, 80));
  w("// Generated file: do not edit.\n\n#include <cstdint>\n#include <limits>\n\n");
  w("namespace {}::weights {{\n", ns);
  if (s.constants.format() == WeightsFormat::Array)
    writeArrays(w, s.constants);
  else
    writeString(w, s.constants);
  w("\n}} // namespace {}::weights\n", ns);
  return w.str();
}

} // namespace litec::codegen
