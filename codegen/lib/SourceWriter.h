#pragma once

// Accumulates generated source: w("format {}", args) appends, with fmt's compile-time checked
// format strings.

#include <fmt/format.h>

#include <iterator>
#include <string>
#include <utility>

namespace litec::codegen {

class SourceWriter {
public:
  template <typename... Args> void operator()(fmt::format_string<Args...> format, Args &&...args) {
    fmt::format_to(std::back_inserter(buffer_), format, std::forward<Args>(args)...);
  }
  std::string str() const { return fmt::to_string(buffer_); }

private:
  fmt::memory_buffer buffer_;
};

} // namespace litec::codegen
