#include "litec/ir/passes/Pass.h"

#include "litec/ir/Printer.h"
#include "litec/ir/Verifier.h"

#include <fmt/format.h>

#include <algorithm>

namespace litec::ir {

void PassStatistics::add(std::string_view pass, std::string_view counter, int64_t amount) {
  for (Entry &entry : entries_)
    if (entry.pass == pass && entry.counter == counter) {
      entry.value += amount;
      return;
    }
  entries_.push_back({std::string(pass), std::string(counter), amount});
}

int64_t PassStatistics::get(std::string_view pass, std::string_view counter) const {
  for (const Entry &entry : entries_)
    if (entry.pass == pass && entry.counter == counter)
      return entry.value;
  return 0;
}

llvm::Error PassManager::run(Module &module) {
  for (const auto &pass : passes_) {
    const std::string name(pass->name());
    if (auto error = pass->run(module, statistics_))
      return llvm::createStringError(
          llvm::inconvertibleErrorCode(),
          fmt::format("pass {}: {}", name, llvm::toString(std::move(error))));
    // A pass that leaves the IR inconsistent is a bug in the pass: say which.
    if (auto error = verifyModule(module))
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     fmt::format("the IR is invalid after pass {}: {}", name,
                                                 llvm::toString(std::move(error))));
    if (printTo_ && (printAfterAll_ || printAfter_.count(name))) {
      *printTo_ << "// IR after pass " << name << "\n";
      printModule(module, *printTo_);
    }
  }
  return llvm::Error::success();
}

std::vector<std::string_view> PassManager::passNames() const {
  std::vector<std::string_view> names;
  for (const auto &pass : passes_)
    names.push_back(pass->name());
  return names;
}

} // namespace litec::ir
