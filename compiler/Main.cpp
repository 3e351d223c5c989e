// litec: the TensorFlow Lite ahead-of-time compiler's command line tool.
//
// Exit status: 0 on success, 1 when the model or an operation fails (the error says which file,
// where in it and what is wrong), 2 for wrong usage.

#include "InspectCommand.h"
#include "litec/frontend/Reader.h"
#include "litec/ir/Printer.h"

#include <llvm/Config/llvm-config.h>
#include <llvm/Support/CommandLine.h>
#include <llvm/Support/FormatVariadic.h>
#include <llvm/Support/InitLLVM.h>
#include <llvm/Support/WithColor.h>
#include <llvm/Support/raw_ostream.h>

namespace cl = llvm::cl;

namespace {
cl::SubCommand inspectCommand("inspect", "Describe the ops, tensors and costs of a model");
cl::opt<std::string> inspectModel(cl::Positional, cl::Required, cl::desc("MODEL"),
                                  cl::sub(inspectCommand));
cl::opt<bool> inspectJson("json", cl::desc("Print one JSON object for tools"),
                          cl::sub(inspectCommand));
cl::opt<bool> inspectIr("print-ir", cl::desc("Print the imported IR instead of the report"),
                        cl::sub(inspectCommand));

constexpr int kExitFailure = 1;
constexpr int kExitUsage = 2;

int reportError(llvm::StringRef file, llvm::Error error) {
  llvm::errs() << "litec: error: " << file << ": " << llvm::toString(std::move(error)) << "\n";
  return kExitFailure;
}

int runInspect() {
  auto module = litec::frontend::readModelFile(inspectModel);
  if (!module)
    return reportError(inspectModel, module.takeError());
  for (const std::string &warning : (*module)->warnings)
    llvm::errs() << "litec: warning: " << inspectModel << ": " << warning << "\n";
  if (inspectIr)
    litec::ir::printModule(**module, llvm::outs());
  else if (inspectJson)
    litec::compiler::printInspectJson(**module, inspectModel, llvm::outs());
  else
    litec::compiler::printInspectText(**module, inspectModel, llvm::outs());
  return 0;
}
} // namespace

void printVersion(llvm::raw_ostream &os) {
  os << "litec " << LITEC_VERSION << " (TensorFlow Lite schema v3, LLVM " << LLVM_VERSION_STRING
     << ")\n";
}

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  cl::SetVersionPrinter(printVersion);
  std::string parseErrors;
  llvm::raw_string_ostream errorStream(parseErrors);
  if (!cl::ParseCommandLineOptions(argc, argv, "litec: TensorFlow Lite to C++ compiler\n",
                                   &errorStream)) {
    llvm::errs() << errorStream.str();
    return kExitUsage;
  }
  if (inspectCommand)
    return runInspect();
  llvm::errs() << "litec: error: no command given (try 'litec --help')\n";
  return kExitUsage;
}
