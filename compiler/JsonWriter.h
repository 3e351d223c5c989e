#pragma once

#include <llvm/Support/raw_ostream.h>

#include <cstdint>
#include <string_view>
#include <vector>

namespace litec::compiler {

// A streaming JSON writer with two-space indentation; keys keep the order they are written
// in. Strings are emitted as valid UTF-8 whatever the input: bytes that are not UTF-8 (model
// names can hold anything) become U+FFFD, control characters are escaped.
class JsonWriter {
public:
  explicit JsonWriter(llvm::raw_ostream &os) : os_(os) {}

  void objectBegin();
  void objectEnd();
  void arrayBegin();
  void arrayEnd();
  // Starts a member of the current object; the next value written is its value.
  void key(std::string_view name);

  void value(std::string_view text);
  void value(const char *text) { value(std::string_view(text)); }
  void value(int64_t number);
  void value(double number);
  void value(bool flag);
  void null();

  // A member of the current object: key(name) then value(v).
  template <typename T> void field(std::string_view name, const T &v) {
    key(name);
    value(v);
  }

  // A list of scalars, on one line.
  template <typename T> void array(const std::vector<T> &values) {
    beforeValue();
    os_ << "[";
    for (size_t i = 0; i < values.size(); ++i) {
      if (i)
        os_ << ", ";
      writeScalar(values[i]);
    }
    os_ << "]";
  }

private:
  void writeScalar(std::string_view text) { writeString(text); }
  void writeScalar(int64_t number);
  void writeScalar(double number);
  void writeScalar(bool flag);
  void beforeValue();
  void newline();
  void writeString(std::string_view text);

  llvm::raw_ostream &os_;
  struct Level {
    bool isObject;
    bool empty = true;
  };
  std::vector<Level> stack_;
  bool afterKey_ = false;
};

} // namespace litec::compiler
