// litec: the TensorFlow Lite ahead-of-time compiler's command line tool.
//
// Exit status: 0 on success, 1 when the model or an operation fails (the error says which file,
// where in it and what is wrong), 2 for wrong usage.

#include "CompileCommand.h"
#include "InspectCommand.h"
#include "ModelFiles.h"
#include "OptCommand.h"
#include "QuantizeCommand.h"
#include "RunCommand.h"
#include "VerifyCommand.h"
#include "litec/codegen/Target.h"
#include "litec/ir/Printer.h"
#include "litec/ir/passes/Pipeline.h"

#include <llvm/Config/llvm-config.h>
#include <llvm/Support/CommandLine.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/FormatVariadic.h>
#include <llvm/Support/InitLLVM.h>
#include <llvm/Support/Path.h>
#include <llvm/Support/WithColor.h>
#include <llvm/Support/raw_ostream.h>

#include <optional>

namespace cl = llvm::cl;

namespace {
cl::SubCommand inspectCommand("inspect", "Describe the ops, tensors and costs of a model");
cl::opt<std::string> inspectModel(cl::Positional, cl::Required, cl::desc("MODEL"),
                                  cl::sub(inspectCommand));
cl::opt<bool> inspectJson("json", cl::desc("Print one JSON object for tools"),
                          cl::sub(inspectCommand));
cl::opt<bool> inspectIr("print-ir", cl::desc("Print the imported IR instead of the report"),
                        cl::sub(inspectCommand));
cl::opt<bool> inspectOptimized("optimized",
                               cl::desc("Report on (or print) the graph after the pass pipeline"),
                               cl::sub(inspectCommand));

cl::SubCommand runCommand("run", "Run a model with the reference interpreter");
cl::opt<std::string> runModelPath(cl::Positional, cl::Required, cl::desc("MODEL"),
                                  cl::sub(runCommand));
cl::list<std::string> runInputs(
    "input",
    cl::desc("Raw little-endian data of the next input, or an image (.png, .jpg, .ppm, .bmp)"),
    cl::value_desc("FILE"), cl::sub(runCommand));
cl::opt<std::string> runOutputDir("output-dir", cl::desc("Write DIR/output_<k>.bin"),
                                  cl::value_desc("DIR"), cl::sub(runCommand));
cl::opt<uint64_t> runSeed("seed", cl::desc("Seed for the inputs not given (default 0)"),
                          cl::init(0), cl::sub(runCommand));
cl::opt<unsigned> runInvokes("invokes",
                             cl::desc("Run N times on the same inputs (state carries over); "
                                      "write the last run's outputs"),
                             cl::value_desc("N"), cl::init(1), cl::sub(runCommand));
cl::list<std::string> runPasses("passes",
                                cl::desc("Run these passes, in order, before interpreting "
                                         "(default none: the model as imported)"),
                                cl::value_desc("a,b"), cl::CommaSeparated, cl::sub(runCommand));

cl::opt<float> runImageMean("image-mean",
                            cl::desc("An image input's pixels less this (default 127.5)"),
                            cl::init(127.5f), cl::sub(runCommand));
cl::opt<float> runImageStd("image-std",
                           cl::desc("An image input's pixels divided by this (default 127.5)"),
                           cl::init(127.5f), cl::sub(runCommand));
cl::opt<std::string> runDumpValues("dump-values",
                                   cl::desc("Write every tensor the run computed as "
                                            "DIR/value_<id>.bin"),
                                   cl::value_desc("DIR"), cl::sub(runCommand));
cl::SubCommand compileCommand("compile", "Compile a model to standalone C++ source");
cl::opt<std::string> compileModelPath(cl::Positional, cl::Required, cl::desc("MODEL"),
                                      cl::sub(compileCommand));
cl::opt<std::string> compileOutput("o", cl::Required, cl::desc("Directory for the generated files"),
                                   cl::value_desc("DIR"), cl::sub(compileCommand));
cl::opt<std::string> compileName("name", cl::desc("File stem and C symbol prefix (default model)"),
                                 cl::init("model"), cl::sub(compileCommand));
cl::opt<std::string> compileNamespace("namespace",
                                      cl::desc("C++ namespace of the API (default: the name)"),
                                      cl::value_desc("NS"), cl::sub(compileCommand));
// "Code generation target: generic, neon, x86, nnapi (default generic)", from the registry.
const std::string &targetHelp() {
  static const std::string text = "Code generation target: " + litec::codegen::targetNames() +
                                  " (default " +
                                  std::string(litec::codegen::defaultTarget().name()) + ")";
  return text;
}
cl::opt<std::string> compileTarget("target", cl::desc(targetHelp()), cl::value_desc("NAME"),
                                   cl::sub(compileCommand));
cl::opt<std::string> compileCpu("cpu",
                                cl::desc("CPU the target tunes its kernels for (neon: "
                                         "generic-armv8, cortex-a53, cortex-a55, cortex-a76, "
                                         "armv7)"),
                                cl::value_desc("NAME"), cl::sub(compileCommand));
cl::opt<bool> compileNoLayerBands(
    "no-layer-bands",
    cl::desc("Run every layer whole, one after the other (default: pairs of convolutions whose "
             "tensor between them outgrows the L2 cache of --cpu run band by band)"),
    cl::sub(compileCommand));
cl::opt<bool> compileEmitMain("emit-main", cl::desc("Also write NAME_main.cpp, a runner"),
                              cl::sub(compileCommand));
cl::opt<litec::codegen::WeightsFormat> compileWeightsFormat(
    "weights-format", cl::desc("How NAME_weights.cpp holds the constants"),
    cl::values(clEnumValN(litec::codegen::WeightsFormat::String, "string",
                          "one byte string, read through typed pointers (default: fast to "
                          "compile)"),
               clEnumValN(litec::codegen::WeightsFormat::Array, "array",
                          "one typed array of literals per constant (for compilers that limit "
                          "string literals)")),
    cl::init(litec::codegen::WeightsFormat::String), cl::sub(compileCommand));

cl::SubCommand optCommand("opt", "Run passes on a model and print the IR (or write a .tflite)");
cl::opt<std::string> optModelPath(cl::Positional, cl::desc("MODEL (.tflite or IR text)"),
                                  cl::sub(optCommand));
cl::list<std::string> optPasses("passes",
                                cl::desc("Run exactly these passes, in order (default: the "
                                         "pipeline; --passes= runs none)"),
                                cl::CommaSeparated, cl::value_desc("a,b"), cl::sub(optCommand));
cl::opt<std::string> optOutput("o", cl::desc("Write the IR (or, for NAME.tflite, the model) here"),
                               cl::value_desc("FILE"), cl::sub(optCommand));
cl::opt<bool> optListPasses("list-passes", cl::desc("List the registered passes and exit"),
                            cl::sub(optCommand));

cl::SubCommand verifyCommand("verify",
                             "Compile a model, build and run it, and compare with a reference");
cl::opt<std::string> verifyModelPath(cl::Positional, cl::Required, cl::desc("MODEL"),
                                     cl::sub(verifyCommand));
cl::opt<std::string> verifyTarget("target", cl::desc(targetHelp()), cl::value_desc("NAME"),
                                  cl::sub(verifyCommand));
cl::opt<std::string> verifyReference("reference",
                                     cl::desc("interpreter (default) or tflite (node and the npm "
                                              "@tensorflow/tfjs-tflite)"),
                                     cl::init("interpreter"), cl::sub(verifyCommand));
cl::opt<unsigned> verifyRuns("runs", cl::desc("Runs on seeded inputs (default 3)"), cl::init(3),
                             cl::sub(verifyCommand));
cl::opt<uint64_t> verifySeed("seed", cl::desc("Seed of the first run's inputs (default 0)"),
                             cl::init(0), cl::sub(verifyCommand));
cl::opt<std::string> verifyInputs("inputs", cl::desc("Run once on DIR/input_<k>.bin"),
                                  cl::value_desc("DIR"), cl::sub(verifyCommand));
cl::opt<bool> verifyPerLayer("per-layer",
                             cl::desc("Compare every layer's result; name the first that diverges"),
                             cl::sub(verifyCommand));
cl::opt<std::string> verifyKeep("keep",
                                cl::desc("Build and run in DIR and keep it (generated code, build "
                                         "log, each run's inputs and outputs)"),
                                cl::value_desc("DIR"), cl::sub(verifyCommand));
cl::opt<std::string> verifyGenerated("generated", cl::Hidden,
                                     cl::desc("Verify this `litec compile --emit-main` output"),
                                     cl::sub(verifyCommand));

cl::SubCommand quantizeCommand("quantize",
                               "Quantise a float model to int8 (calibrated) and write a .tflite");
cl::opt<std::string> quantizeModelPath(cl::Positional, cl::Required, cl::desc("MODEL"),
                                       cl::sub(quantizeCommand));
cl::opt<std::string> quantizeOutput("o", cl::Required, cl::desc("Write the int8 model here"),
                                    cl::value_desc("OUT.tflite"), cl::sub(quantizeCommand));
cl::opt<std::string> quantizeCalibration(
    "calibration",
    cl::desc("Calibrate on the files in DIR: images (.png, .jpg, .ppm, .bmp; resized to the input, "
             "(pixel - mean) / std) or raw input bytes; default: seeded random inputs"),
    cl::value_desc("DIR"), cl::sub(quantizeCommand), cl::sub(compileCommand));
cl::opt<unsigned> quantizeSamples("samples",
                                  cl::desc("Calibration samples (default: every file of DIR, or "
                                           "10 random inputs)"),
                                  cl::init(0), cl::sub(quantizeCommand), cl::sub(compileCommand));
cl::opt<uint64_t> quantizeSeed("seed", cl::desc("Seed of the random inputs (default 0)"),
                               cl::init(0), cl::sub(quantizeCommand), cl::sub(compileCommand));
cl::opt<float> quantizeImageMean("image-mean", cl::desc("Subtracted from each pixel (127.5)"),
                                 cl::init(127.5f), cl::sub(quantizeCommand),
                                 cl::sub(compileCommand));
cl::opt<float> quantizeImageStd("image-std", cl::desc("Each pixel divided by it after (127.5)"),
                                cl::init(127.5f), cl::sub(quantizeCommand),
                                cl::sub(compileCommand));
cl::opt<std::string> quantizeWeights("weights",
                                     cl::desc("per-channel (default) or per-tensor weights"),
                                     cl::init("per-channel"), cl::sub(quantizeCommand),
                                     cl::sub(compileCommand));
cl::opt<std::string> quantizeActivations("activations",
                                         cl::desc("int8 (default) or int16 (16x8) activations"),
                                         cl::init("int8"), cl::sub(quantizeCommand));
cl::opt<std::string> quantizeIo("io",
                                cl::desc("float (default: QUANTIZE/DEQUANTIZE at the edges) or "
                                         "int8 inputs and outputs"),
                                cl::init("float"), cl::sub(quantizeCommand),
                                cl::sub(compileCommand));
cl::opt<std::string> quantizeMethod("method",
                                    cl::desc("Ranges from minmax (default), percentile=P or mse"),
                                    cl::init("minmax"), cl::sub(quantizeCommand),
                                    cl::sub(compileCommand));
cl::list<unsigned> quantizeKeepFloat("keep-float", cl::desc("Leave these ops (indices) float"),
                                     cl::CommaSeparated, cl::value_desc("I,J"),
                                     cl::sub(quantizeCommand), cl::sub(compileCommand));
cl::opt<std::string> compileQuantize(
    "quantize",
    cl::desc("int8 or int16: quantise the float model first, as litec quantize does (its "
             "--calibration, --samples, --method, ... options apply)"),
    cl::value_desc("TYPE"), cl::sub(compileCommand));
cl::opt<std::string> quantizeReport("report",
                                    cl::desc("Write the per-tensor error report (markdown) here"),
                                    cl::value_desc("FILE"), cl::sub(quantizeCommand));

// The pass pipeline's options, taken by every command that runs it.
cl::opt<unsigned> optLevel("O",
                           cl::desc("Optimisation level: 0 runs only the passes code generation "
                                    "needs, 1 (default) every pass"),
                           cl::Prefix, cl::init(1), cl::sub(compileCommand), cl::sub(optCommand),
                           cl::sub(inspectCommand), cl::sub(verifyCommand));
cl::list<std::string> disabledPasses("disable-pass", cl::desc("Leave this pass out"),
                                     cl::value_desc("NAME"), cl::CommaSeparated,
                                     cl::sub(compileCommand), cl::sub(optCommand),
                                     cl::sub(inspectCommand), cl::sub(verifyCommand));
cl::opt<bool> printIrAfterAll("print-ir-after-all",
                              cl::desc("Print the IR after every pass (to standard error)"),
                              cl::sub(compileCommand), cl::sub(optCommand));
cl::list<std::string> printIrAfter("print-ir-after",
                                   cl::desc("Print the IR after this pass (to standard error)"),
                                   cl::value_desc("NAME"), cl::CommaSeparated,
                                   cl::sub(compileCommand), cl::sub(optCommand));

constexpr int kExitFailure = 1;
constexpr int kExitUsage = 2;

int reportError(llvm::StringRef file, llvm::Error error) {
  llvm::errs() << "litec: error: " << file << ": " << llvm::toString(std::move(error)) << "\n";
  return kExitFailure;
}

llvm::Expected<std::unique_ptr<litec::ir::Module>> readModel(llvm::StringRef path) {
  auto module = litec::compiler::readModelOrText(path);
  if (module)
    for (const std::string &warning : (*module)->warnings)
      llvm::errs() << "litec: warning: " << path << ": " << warning << "\n";
  return module;
}

int runRun() {
  auto module = readModel(runModelPath);
  if (!module)
    return reportError(runModelPath, module.takeError());
  if (!runPasses.empty()) {
    auto passes = litec::ir::buildPassList({runPasses.begin(), runPasses.end()});
    if (!passes)
      return reportError(runModelPath, passes.takeError());
    if (auto error = passes->run(**module))
      return reportError(runModelPath, std::move(error));
  }
  litec::compiler::RunOptions options{{runInputs.begin(), runInputs.end()},
                                      runOutputDir,
                                      runSeed,
                                      runInvokes,
                                      runImageMean,
                                      runImageStd,
                                      runDumpValues};
  if (auto error = litec::compiler::runModel(**module, options, llvm::outs()))
    return reportError(runModelPath, std::move(error));
  return 0;
}

litec::ir::PipelineOptions pipelineOptions() {
  return {optLevel, {disabledPasses.begin(), disabledPasses.end()}};
}

int runOpt() {
  if (optListPasses) {
    litec::compiler::printPassList(llvm::outs());
    return 0;
  }
  if (optModelPath.empty()) {
    llvm::errs() << "litec opt: a MODEL is required (or --list-passes)\n";
    return kExitUsage;
  }
  auto module = readModel(optModelPath);
  if (!module)
    return reportError(optModelPath, module.takeError());
  litec::compiler::OptOptions options;
  if (optPasses.getNumOccurrences()) { // --passes= (nothing after it) runs none
    options.passes.emplace();
    for (const std::string &name : optPasses)
      if (!name.empty())
        options.passes->push_back(name);
  }
  options.pipeline = pipelineOptions();
  options.printIrAfter = {printIrAfter.begin(), printIrAfter.end()};
  options.printIrAfterAll = printIrAfterAll;
  options.output = optOutput;
  if (auto error = litec::compiler::optimizeModel(**module, options, llvm::outs(), llvm::errs()))
    return reportError(optModelPath, std::move(error));
  return 0;
}

// The quantisation options of `litec quantize` and `litec compile --quantize` from the flags;
// nullopt (after the message) on a usage error.
std::optional<litec::compiler::QuantizeCommandOptions>
quantizeOptions(llvm::StringRef command, const std::string &activations) {
  const auto usage = [&](const std::string &message) {
    llvm::errs() << "litec " << command << ": " << message << "\n";
    return std::nullopt;
  };
  litec::compiler::QuantizeCommandOptions options;
  options.calibration.directory = quantizeCalibration;
  options.calibration.samples = quantizeSamples;
  options.calibration.seed = quantizeSeed;
  options.calibration.imageMean = quantizeImageMean;
  options.calibration.imageStd = quantizeImageStd;
  if (quantizeImageStd == 0.f)
    return usage("--image-std must not be 0");
  auto ranges = litec::ir::quantize::parseRangeMethod(quantizeMethod);
  if (!ranges)
    return usage(llvm::toString(ranges.takeError()));
  options.ranges = *ranges;
  if (quantizeWeights != "per-channel" && quantizeWeights != "per-tensor")
    return usage("--weights takes per-channel or per-tensor");
  options.quantize.perChannel = quantizeWeights == "per-channel";
  if (activations != "int8" && activations != "int16")
    return usage(command == "quantize" ? "--activations takes int8 or int16"
                                       : "--quantize takes int8 or int16");
  options.quantize.activations =
      activations == "int16" ? litec::ir::ElementType::I16 : litec::ir::ElementType::I8;
  if (options.quantize.activations == litec::ir::ElementType::I16)
    options.ranges.levels = 65536;
  if (quantizeIo != "float" && quantizeIo != "int8")
    return usage("--io takes float or int8");
  options.quantize.quantizedIo = quantizeIo == "int8";
  options.quantize.keepFloat = {quantizeKeepFloat.begin(), quantizeKeepFloat.end()};
  return options;
}

int runCompile() {
  auto module = readModel(compileModelPath);
  if (!module)
    return reportError(compileModelPath, module.takeError());
  if (!compileQuantize.empty()) {
    // Quantised on the way: the summary goes to stderr, the compile's own line to stdout.
    auto quantize = quantizeOptions("compile", compileQuantize);
    if (!quantize)
      return kExitUsage;
    uint64_t modelBytes = 0;
    if (llvm::sys::fs::file_size(compileModelPath, modelBytes))
      modelBytes = 0;
    if (auto error = litec::compiler::prepareForQuantization(**module))
      return reportError(compileModelPath, std::move(error));
    auto quantized =
        litec::compiler::quantizeWithReport(**module, *quantize, modelBytes, llvm::errs());
    if (!quantized)
      return reportError(compileModelPath, quantized.takeError());
    *module = std::move(*quantized);
  }
  litec::codegen::CompileOptions options;
  options.name = compileName;
  options.nameSpace = compileNamespace;
  options.target = compileTarget;
  options.cpu = compileCpu;
  options.emitMain = compileEmitMain;
  options.layerBands = !compileNoLayerBands;
  options.weightsFormat = compileWeightsFormat;
  options.sourceName = llvm::sys::path::filename(compileModelPath).str();
  options.pipeline = pipelineOptions();
  options.printIrAfter = {printIrAfter.begin(), printIrAfter.end()};
  options.printIrAfterAll = printIrAfterAll;
  options.irOutput = &llvm::errs();
  if (auto error =
          litec::compiler::compileToDirectory(**module, options, compileOutput, llvm::outs()))
    return reportError(compileModelPath, std::move(error));
  return 0;
}

int runVerify() {
  litec::compiler::VerifyOptions options{verifyTarget, verifyReference, verifyRuns,
                                         verifySeed,   verifyInputs,    verifyPerLayer,
                                         verifyKeep,   verifyGenerated, pipelineOptions()};
  auto passed = litec::compiler::verifyModel(verifyModelPath, options, llvm::outs(), llvm::errs());
  if (!passed)
    return reportError(verifyModelPath, passed.takeError());
  return *passed ? 0 : kExitFailure;
}

int runQuantize() {
  auto options = quantizeOptions("quantize", quantizeActivations);
  if (!options)
    return kExitUsage;
  options->reportFile = quantizeReport;
  if (auto error = litec::compiler::quantizeModelFile(quantizeModelPath, quantizeOutput, *options,
                                                      llvm::outs()))
    return reportError(quantizeModelPath, std::move(error));
  return 0;
}

int runInspect() {
  auto module = readModel(inspectModel);
  if (!module)
    return reportError(inspectModel, module.takeError());
  // The target's view needs the graph after the pipeline: a second copy of the model.
  auto optimized = litec::compiler::readModelOrText(inspectModel);
  if (!optimized)
    return reportError(inspectModel, optimized.takeError());
  const litec::compiler::TargetReport target = litec::compiler::reportForTarget(
      **optimized, pipelineOptions(), litec::codegen::defaultTarget().name());
  if (inspectOptimized && !target.pipelineError.empty())
    return reportError(inspectModel, llvm::createStringError(llvm::inconvertibleErrorCode(),
                                                             target.pipelineError));
  const litec::ir::Module &shown = inspectOptimized ? **optimized : **module;
  if (inspectIr)
    litec::ir::printModule(shown, llvm::outs());
  else if (inspectJson)
    litec::compiler::printInspectJson(shown, inspectModel, target, llvm::outs());
  else
    litec::compiler::printInspectText(shown, inspectModel, target, llvm::outs());
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
  if (runCommand)
    return runRun();
  if (compileCommand)
    return runCompile();
  if (verifyCommand)
    return runVerify();
  if (optCommand)
    return runOpt();
  if (quantizeCommand)
    return runQuantize();
  llvm::errs() << "litec: error: no command given (try 'litec --help')\n";
  return kExitUsage;
}
