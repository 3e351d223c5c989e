#include "JsonWriter.h"

#include <llvm/Support/ConvertUTF.h>
#include <llvm/Support/Format.h>

#include <cmath>

namespace litec::compiler {

void JsonWriter::newline() {
  os_ << "\n";
  os_.indent(static_cast<unsigned>(2 * stack_.size()));
}

void JsonWriter::beforeValue() {
  if (afterKey_) {
    afterKey_ = false;
    return;
  }
  if (stack_.empty())
    return;
  if (!stack_.back().empty)
    os_ << ",";
  stack_.back().empty = false;
  newline();
}

void JsonWriter::objectBegin() {
  beforeValue();
  os_ << "{";
  stack_.push_back({true});
}

void JsonWriter::objectEnd() {
  bool empty = stack_.back().empty;
  stack_.pop_back();
  if (!empty)
    newline();
  os_ << "}";
  if (stack_.empty())
    os_ << "\n";
}

void JsonWriter::arrayBegin() {
  beforeValue();
  os_ << "[";
  stack_.push_back({false});
}

void JsonWriter::arrayEnd() {
  bool empty = stack_.back().empty;
  stack_.pop_back();
  if (!empty)
    newline();
  os_ << "]";
}

void JsonWriter::key(std::string_view name) {
  beforeValue();
  writeString(name);
  os_ << ": ";
  afterKey_ = true;
}

void JsonWriter::value(std::string_view text) {
  beforeValue();
  writeString(text);
}

void JsonWriter::value(int64_t number) {
  beforeValue();
  writeScalar(number);
}

void JsonWriter::value(double number) {
  beforeValue();
  writeScalar(number);
}

void JsonWriter::value(bool flag) {
  beforeValue();
  writeScalar(flag);
}

void JsonWriter::writeScalar(int64_t number) {
  os_ << number;
}

void JsonWriter::writeScalar(bool flag) {
  os_ << (flag ? "true" : "false");
}

void JsonWriter::writeScalar(double number) {
  if (!std::isfinite(number)) {
    os_ << "null"; // JSON has no infinities or NaNs
    return;
  }
  // 9 significant digits: every float32 (the type of every float in a model) reads back exact.
  os_ << llvm::format("%.9g", number);
}

void JsonWriter::null() {
  beforeValue();
  os_ << "null";
}

void JsonWriter::writeString(std::string_view text) {
  os_ << '"';
  const auto *p = reinterpret_cast<const llvm::UTF8 *>(text.data());
  const auto *end = p + text.size();
  while (p < end) {
    unsigned char c = *p;
    if (c >= 0x80) {
      unsigned length = llvm::getNumBytesForUTF8(c);
      if (length <= static_cast<unsigned>(end - p) && llvm::isLegalUTF8Sequence(p, p + length)) {
        os_.write(reinterpret_cast<const char *>(p), length);
        p += length;
      } else {
        os_ << "\xEF\xBF\xBD"; // U+FFFD REPLACEMENT CHARACTER
        ++p;
      }
      continue;
    }
    if (c == '"' || c == '\\')
      os_ << '\\' << static_cast<char>(c);
    else if (c < 0x20)
      os_ << llvm::format("\\u%04x", c);
    else
      os_ << static_cast<char>(c);
    ++p;
  }
  os_ << '"';
}

} // namespace litec::compiler
