#include "CompileCommand.h"

#include "Files.h"
#include "litec/codegen/Target.h"

#include <llvm/Support/FileSystem.h>
#include <llvm/Support/Path.h>

#include <fmt/format.h>

#include <set>

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
                    compiled->layers, compiled->target, compiled->arenaSize, compiled->lowerBound,
                    compiled->foldedOps, compiled->files.size(), outputDir);
  if (!compiled->bandedPairs.empty()) {
    os << "layers fused by bands:";
    for (const std::string &pair : compiled->bandedPairs)
      os << " " << pair;
    os << "\n";
  }
  return llvm::Error::success();
}

TargetReport reportForTarget(ir::Module &module, const ir::PipelineOptions &pipeline,
                             std::string_view targetName) {
  TargetReport report;
  report.target = targetName;
  codegen::CompileOptions options;
  options.pipeline = pipeline;
  if (auto statistics = codegen::runPipeline(module, options); !statistics) {
    report.pipelineError = llvm::toString(statistics.takeError());
    report.why = "the pass pipeline failed";
    return report;
  }
  std::set<std::string> unsupported;
  if (const codegen::Target *target = codegen::lookupTarget(targetName))
    for (const auto &graph : module.graphs)
      for (const ir::Op *op : codegen::unsupportedOps(*target, *graph))
        unsupported.insert(op->displayName());
  report.unsupportedOps.assign(unsupported.begin(), unsupported.end());
  auto plan = codegen::planOptimizedModel(module, targetName);
  if (!plan) {
    report.why = llvm::toString(plan.takeError());
    return report;
  }
  report.planned = true;
  report.arenaBytes = plan->arenaSize;
  report.lowerBound = plan->lowerBound;
  return report;
}

} // namespace litec::compiler
