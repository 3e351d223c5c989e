#include "CompileCommand.h"

#include "Files.h"
#include "litec/frontend/Reader.h"

#include <llvm/Support/FileSystem.h>
#include <llvm/Support/Path.h>

#include <fmt/format.h>

namespace litec::compiler {

llvm::Error compileToDirectory(ir::Module &module, const codegen::CompileOptions &options,
                               const std::string &outputDir, llvm::raw_ostream &os) {
  auto compiled = codegen::compileModel(module, options);
  if (!compiled)
    return compiled.takeError();
  for (const codegen::GeneratedFile &file : compiled->files) {
    llvm::SmallString<256> path(outputDir);
    llvm::sys::path::append(path, file.path);
    if (std::error_code ec = llvm::sys::fs::create_directories(llvm::sys::path::parent_path(path)))
      return llvm::createStringError(ec, "cannot create the directory of %s: %s", path.c_str(),
                                     ec.message().c_str());
    if (auto error = writeFile(std::string(path), file.contents))
      return error;
  }
  os << fmt::format("compiled {} layers for target {}: arena {} bytes (peak of live tensors {} "
                    "bytes), {} ops folded into constants; {} files in {}\n",
                    compiled->layers, options.target, compiled->arenaSize, compiled->lowerBound,
                    compiled->foldedOps, compiled->files.size(), outputDir);
  return llvm::Error::success();
}

ArenaEstimate estimateArena(llvm::StringRef path) {
  ArenaEstimate estimate;
  auto module = frontend::readModelFile(path);
  if (!module) {
    estimate.why = llvm::toString(module.takeError());
    return estimate;
  }
  auto plan = codegen::planModel(**module, "generic");
  if (!plan) {
    estimate.why = llvm::toString(plan.takeError());
    return estimate;
  }
  estimate.planned = true;
  estimate.bytes = plan->arenaSize;
  estimate.lowerBound = plan->lowerBound;
  return estimate;
}

} // namespace litec::compiler
