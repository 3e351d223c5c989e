#pragma once

// Text from a model (tensor and op names, signature keys, descriptions, custom codes) never lands
// in generated source as it is: a model is untrusted input compiled into an application. Names
// become identifiers of [A-Za-z0-9_] only; descriptive text becomes comment text of a small
// printable set (no backslash, no '?', no '*', no line breaks) with every other byte spelled
// %XX, so it can neither close a comment, splice a line, form a trigraph nor reach a string.

#include <set>
#include <string>
#include <string_view>

namespace litec::codegen {

// The text made safe for a // comment, cut to maxLength characters (with "..." when cut).
std::string commentText(std::string_view text, size_t maxLength = 120);

// A C++ identifier derived from `text`: letters, digits and '_' kept, runs of anything else
// become one '_', a leading digit gets a prefix, reserved forms (double underscores, leading
// underscore) and keywords are avoided; "tensor" when nothing is left. At most maxLength
// characters.
std::string identifierFrom(std::string_view text, size_t maxLength = 48);

// Hands out identifiers unique within one scope: a repeated name gets a _2, _3, ... suffix.
class IdentifierScope {
public:
  std::string unique(std::string_view text);

private:
  std::set<std::string> taken_;
};

} // namespace litec::codegen
