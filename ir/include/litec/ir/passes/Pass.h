#pragma once

// Passes over the IR, LLVM-style: each pass has one job and a name it is registered under, a
// pass manager runs a list of them and verifies the IR after each, and one pipeline builder
// (Pipeline.h) says which passes `litec compile`, `inspect` and `verify` run.

#include "litec/ir/Graph.h"

#include <llvm/Support/Error.h>
#include <llvm/Support/raw_ostream.h>

#include <cstdint>
#include <memory>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace litec::ir {

// Counters passes keep while they run ("fold-constants: folded-ops = 4").
class PassStatistics {
public:
  struct Entry {
    std::string pass, counter;
    int64_t value = 0;
  };
  void add(std::string_view pass, std::string_view counter, int64_t amount);
  int64_t get(std::string_view pass, std::string_view counter) const;
  const std::vector<Entry> &entries() const { return entries_; }

private:
  std::vector<Entry> entries_;
};

class Pass {
public:
  virtual ~Pass() = default;
  virtual std::string_view name() const = 0;
  // Transforms the module; an error stops the pipeline and names this pass.
  virtual llvm::Error run(Module &module, PassStatistics &statistics) = 0;
};

// A pass as the registry knows it. A required pass is one code generation depends on (the
// pipeline keeps it at -O0).
struct PassInfo {
  std::string_view name, description;
  bool required;
  std::unique_ptr<Pass> (*create)();
};

// Every registered pass, in the order the default pipeline runs them.
std::span<const PassInfo> registeredPasses();
const PassInfo *findPass(std::string_view name);

class PassManager {
public:
  void add(std::unique_ptr<Pass> pass) { passes_.push_back(std::move(pass)); }
  // Prints the module to `os` after the passes named (all of them when `all`).
  void printAfter(std::set<std::string> names, bool all, llvm::raw_ostream &os) {
    printAfter_ = std::move(names);
    printAfterAll_ = all;
    printTo_ = &os;
  }
  // Runs every pass in order, verifying the module after each.
  llvm::Error run(Module &module);

  std::vector<std::string_view> passNames() const;
  const PassStatistics &statistics() const { return statistics_; }

private:
  std::vector<std::unique_ptr<Pass>> passes_;
  std::set<std::string> printAfter_;
  bool printAfterAll_ = false;
  llvm::raw_ostream *printTo_ = nullptr;
  PassStatistics statistics_;
};

} // namespace litec::ir
