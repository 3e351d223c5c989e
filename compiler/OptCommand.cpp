#include "OptCommand.h"

#include "Files.h"
#include "litec/frontend/Writer.h"
#include "litec/ir/Printer.h"

#include <fmt/format.h>

namespace litec::compiler {

llvm::Error optimizeModel(ir::Module &module, const OptOptions &options, llvm::raw_ostream &out,
                          llvm::raw_ostream &irLog) {
  auto passes =
      options.passes ? ir::buildPassList(*options.passes) : ir::buildPipeline(options.pipeline);
  if (!passes)
    return passes.takeError();
  passes->printAfter(options.printIrAfter, options.printIrAfterAll, irLog);
  if (auto error = passes->run(module))
    return error;
  if (llvm::StringRef(options.output).endswith(".tflite"))
    return frontend::writeModelFile(module, options.output);
  std::string text;
  llvm::raw_string_ostream os(text);
  ir::printModule(module, os);
  if (options.output.empty()) {
    out << os.str();
    return llvm::Error::success();
  }
  return writeFile(options.output, os.str());
}

void printPassList(llvm::raw_ostream &os) {
  for (const ir::PassInfo &info : ir::registeredPasses())
    os << fmt::format("{:<24} {:<9} {}\n", info.name, info.required ? "required" : "-O1",
                      info.description);
}

} // namespace litec::compiler
