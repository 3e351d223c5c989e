#include "litec/codegen/SafeText.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>

namespace litec::codegen {

namespace {
bool isCommentSafe(unsigned char c) {
  return std::isalnum(c) || std::string_view(" _-.:/,()[]=+#@<>'\"%!&|^~;{}$`").find(char(c)) !=
                                std::string_view::npos;
}

bool isKeyword(std::string_view word) {
  static constexpr std::array<std::string_view, 97> kKeywords = {"alignas",
                                                                 "alignof",
                                                                 "and",
                                                                 "and_eq",
                                                                 "asm",
                                                                 "auto",
                                                                 "bitand",
                                                                 "bitor",
                                                                 "bool",
                                                                 "break",
                                                                 "case",
                                                                 "catch",
                                                                 "char",
                                                                 "char8_t",
                                                                 "char16_t",
                                                                 "char32_t",
                                                                 "class",
                                                                 "compl",
                                                                 "concept",
                                                                 "const",
                                                                 "consteval",
                                                                 "constexpr",
                                                                 "constinit",
                                                                 "const_cast",
                                                                 "continue",
                                                                 "co_await",
                                                                 "co_return",
                                                                 "co_yield",
                                                                 "decltype",
                                                                 "default",
                                                                 "delete",
                                                                 "do",
                                                                 "double",
                                                                 "dynamic_cast",
                                                                 "else",
                                                                 "enum",
                                                                 "explicit",
                                                                 "export",
                                                                 "extern",
                                                                 "false",
                                                                 "float",
                                                                 "for",
                                                                 "friend",
                                                                 "goto",
                                                                 "if",
                                                                 "inline",
                                                                 "int",
                                                                 "long",
                                                                 "mutable",
                                                                 "namespace",
                                                                 "new",
                                                                 "noexcept",
                                                                 "not",
                                                                 "not_eq",
                                                                 "nullptr",
                                                                 "operator",
                                                                 "or",
                                                                 "or_eq",
                                                                 "private",
                                                                 "protected",
                                                                 "public",
                                                                 "register",
                                                                 "reinterpret_cast",
                                                                 "requires",
                                                                 "return",
                                                                 "short",
                                                                 "signed",
                                                                 "sizeof",
                                                                 "static",
                                                                 "static_assert",
                                                                 "static_cast",
                                                                 "struct",
                                                                 "switch",
                                                                 "template",
                                                                 "this",
                                                                 "thread_local",
                                                                 "throw",
                                                                 "true",
                                                                 "try",
                                                                 "typedef",
                                                                 "typeid",
                                                                 "typename",
                                                                 "union",
                                                                 "unsigned",
                                                                 "using",
                                                                 "virtual",
                                                                 "void",
                                                                 "volatile",
                                                                 "wchar_t",
                                                                 "while",
                                                                 "xor",
                                                                 "xor_eq",
                                                                 "main",
                                                                 "errno",
                                                                 "assert",
                                                                 "NULL",
                                                                 "std"};
  return std::find(kKeywords.begin(), kKeywords.end(), word) != kKeywords.end();
}
} // namespace

std::string commentText(std::string_view text, size_t maxLength) {
  std::string out;
  for (unsigned char c : text) {
    if (out.size() >= maxLength) {
      out += "...";
      break;
    }
    if (isCommentSafe(c))
      out += char(c);
    else
      out += fmt::format("%{:02X}", c);
  }
  return out;
}

std::string identifierFrom(std::string_view text, size_t maxLength) {
  std::string out;
  for (unsigned char c : text) {
    if (out.size() >= maxLength)
      break;
    if (std::isalnum(c) && c < 0x80)
      out += char(c);
    else if (!out.empty() && out.back() != '_')
      out += '_';
  }
  while (!out.empty() && out.back() == '_')
    out.pop_back();
  if (out.empty())
    return "tensor";
  if (std::isdigit(static_cast<unsigned char>(out.front())))
    out = "t" + out;
  if (isKeyword(out))
    out += "_";
  return out;
}

std::string IdentifierScope::unique(std::string_view text) {
  const std::string base = identifierFrom(text);
  std::string name = base;
  for (int suffix = 2; taken_.count(name); ++suffix)
    name = fmt::format("{}_{}", base, suffix);
  taken_.insert(name);
  return name;
}

} // namespace litec::codegen
