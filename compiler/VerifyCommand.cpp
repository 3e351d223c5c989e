#include "VerifyCommand.h"

#include "CompileCommand.h"
#include "Files.h"
#include "RandomInputs.h"
#include "litec/codegen/Compile.h"
#include "litec/codegen/EmbeddedFiles.h"
#include "litec/codegen/Target.h"
#include "litec/frontend/Reader.h"
#include "litec/ir/Printer.h"
#include "litec/ir/reference/Interpreter.h"

#include <fmt/format.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Support/Path.h>
#include <llvm/Support/Process.h>
#include <llvm/Support/Program.h>

#include <cmath>
#include <cstring>

namespace litec::compiler {

namespace {
llvm::Error fail(const std::string &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

std::string pathJoin(llvm::StringRef dir, llvm::StringRef name) {
  llvm::SmallString<256> path(dir);
  llvm::sys::path::append(path, name);
  return std::string(path);
}

llvm::Expected<std::vector<uint8_t>> readFile(const std::string &path) {
  auto buffer = llvm::MemoryBuffer::getFile(path, false, false);
  if (!buffer)
    return fail(fmt::format("cannot read {}: {}", path, buffer.getError().message()));
  return std::vector<uint8_t>((*buffer)->getBufferStart(), (*buffer)->getBufferEnd());
}

// Runs a program; its output goes to `log`. Fails with the program's last lines.
llvm::Error execute(const std::string &program, const std::vector<std::string> &args,
                    const std::string &log, const std::string &what) {
  std::vector<llvm::StringRef> argv{program};
  for (const std::string &a : args)
    argv.push_back(a);
  const llvm::Optional<llvm::StringRef> redirects[] = {llvm::None, llvm::StringRef(log),
                                                       llvm::StringRef(log)};
  std::string message;
  const int status =
      llvm::sys::ExecuteAndWait(program, argv, llvm::None, redirects, 0, 0, &message);
  if (status == 0)
    return llvm::Error::success();
  std::string tail;
  if (auto text = llvm::MemoryBuffer::getFile(log)) {
    llvm::StringRef all = (*text)->getBuffer();
    tail = all.size() > 2000 ? all.take_back(2000).str() : all.str();
  }
  return fail(fmt::format("{} failed ({}): {}", what,
                          message.empty() ? fmt::format("exit status {}", status) : message, tail));
}

struct Difference {
  double maxAbs = 0, maxSteps = 0, squares = 0, dot = 0, normA = 0, normB = 0, lo = 1e300,
         hi = -1e300;
  size_t count = 0;

  void add(const ir::Value &v, std::span<const uint8_t> ours, std::span<const uint8_t> theirs) {
    const size_t n = std::min(ours.size(), theirs.size()) / ir::elementByteSize(v.type);
    const bool quantized = v.quant.isQuantized() && v.type != ir::ElementType::F32;
    const double scale = quantized ? double(v.quant.scales[0]) : 1.0;
    const double zero =
        quantized && !v.quant.zeroPoints.empty() ? double(v.quant.zeroPoints[0]) : 0;
    for (size_t i = 0; i < n; ++i) {
      const double a = ir::loadAsDouble(ours.data(), v.type, int64_t(i));
      const double b = ir::loadAsDouble(theirs.data(), v.type, int64_t(i));
      if (v.type != ir::ElementType::F32)
        maxSteps = std::max(maxSteps, std::abs(a - b));
      const double ra = (a - zero) * scale, rb = (b - zero) * scale;
      maxAbs = std::max(maxAbs, std::abs(ra - rb));
      squares += (ra - rb) * (ra - rb);
      dot += ra * rb, normA += ra * ra, normB += rb * rb;
      lo = std::min(lo, rb), hi = std::max(hi, rb);
    }
    count += n;
  }
  double rmse() const { return count ? std::sqrt(squares / double(count)) : 0; }
  double cosine() const {
    return normA > 0 && normB > 0 ? dot / std::sqrt(normA * normB) : (normA == normB ? 1 : 0);
  }
  double range() const { return hi > lo ? hi - lo : 0; }
};

// The tolerance an output is held to, and whether it passes.
struct Verdict {
  bool pass;
  std::string rule;
};
Verdict judge(const ir::Value &v, const Difference &d, bool tflite) {
  if (v.type != ir::ElementType::F32) {
    const double allowed = tflite ? 1 : 0;
    return {d.maxSteps <= allowed, tflite ? "within 1 step" : "bit-exact"};
  }
  const double tolerance = tflite ? 5e-4 : 1e-4;
  const double error = d.range() > 0 ? d.maxAbs / d.range() : d.maxAbs;
  const bool cosineOk = !tflite || d.cosine() >= 0.9999;
  return {error <= tolerance && cosineOk,
          fmt::format("within {:g} of the output range{}", tolerance,
                      tflite ? ", cosine >= 0.9999" : "")};
}

std::string tflitePackage() {
  if (llvm::Optional<std::string> package = llvm::sys::Process::GetEnv("LITEC_TFLITE_PACKAGE"))
    return *package;
  // Where scripts/fetch-models.sh puts it.
  std::string cache;
  if (llvm::Optional<std::string> c = llvm::sys::Process::GetEnv("LITEC_MODEL_CACHE"))
    cache = *c;
  else if (llvm::Optional<std::string> xdg = llvm::sys::Process::GetEnv("XDG_CACHE_HOME"))
    cache = *xdg + "/litec/models";
  else if (llvm::Optional<std::string> home = llvm::sys::Process::GetEnv("HOME"))
    cache = *home + "/.cache/litec/models";
  return cache + "/tflite-runtime/node_modules/@tensorflow/tfjs-tflite";
}
} // namespace

llvm::Expected<bool> verifyModel(const std::string &modelPath, const VerifyOptions &options,
                                 llvm::raw_ostream &os, llvm::raw_ostream &progress) {
  const bool tflite = options.reference == "tflite";
  if (!tflite && options.reference != "interpreter")
    return fail(
        fmt::format("--reference must be interpreter or tflite, not '{}'", options.reference));
  if (tflite && options.perLayer)
    return fail("--per-layer compares with the reference interpreter, which keeps every tensor");
  std::string node, package, oracle;
  if (tflite) {
    auto found = llvm::sys::findProgramByName("node");
    package = tflitePackage();
    if (!found || !llvm::sys::fs::is_directory(package))
      return fail(fmt::format("--reference tflite needs node and the npm package "
                              "@tensorflow/tfjs-tflite (looked for {}; scripts/fetch-models.sh "
                              "installs it, LITEC_TFLITE_PACKAGE points elsewhere)",
                              package));
    node = *found;
  }

  // The module the generated code is compiled from (the pipeline runs on it: its ops are then
  // the generated layers, each result keeping the value id it has in the imported model).
  auto compiled = frontend::readModelFile(modelPath);
  if (!compiled)
    return compiled.takeError();
  ir::Graph &graph = (*compiled)->mainGraph();
  const std::vector<ir::Value *> checked = graph.outputs;

  llvm::SmallString<256> work(options.workDir);
  if (work.empty()) {
    if (std::error_code ec = llvm::sys::fs::createUniqueDirectory("litec-verify", work))
      return fail("cannot create a temporary directory: " + ec.message());
  } else if (std::error_code ec = llvm::sys::fs::create_directories(work)) {
    return fail(fmt::format("cannot create {}: {}", work.str(), ec.message()));
  }
  std::string generated = options.generatedDir;
  if (generated.empty()) {
    generated = pathJoin(work, "generated");
    progress << "verify: compiling " << modelPath << " for target "
             << (options.target.empty() ? codegen::defaultTarget().name() : options.target) << "\n";
    codegen::CompileOptions compileOptions;
    compileOptions.target = options.target;
    compileOptions.emitMain = true;
    compileOptions.sourceName = llvm::sys::path::filename(modelPath).str();
    compileOptions.pipeline = options.pipeline;
    if (auto error = compileToDirectory(**compiled, compileOptions, generated, llvm::nulls()))
      return error;
  } else if (auto statistics = codegen::runPipeline(**compiled, {}); !statistics) {
    return statistics.takeError(); // the layers of the given code are those of the pipeline
  }
  // The TFLite oracle runs the script litec carries, written once beside the runs.
  const std::string oracleScript = pathJoin(work, "run_tflite.js");
  if (tflite) {
    const codegen::EmbeddedFile *file = codegen::findEmbeddedFile("oracle/run_tflite.js");
    if (!file)
      return fail("the TFLite oracle script is not built into this litec");
    if (auto e = writeFile(oracleScript, file->contents))
      return e;
  }
  std::string cxx = "c++";
  if (llvm::Optional<std::string> env = llvm::sys::Process::GetEnv("CXX"))
    cxx = *env;
  auto compilerPath = llvm::sys::findProgramByName(cxx);
  if (!compilerPath)
    return fail(fmt::format("no C++ compiler '{}' (set CXX)", cxx));
  // --per-layer: the layers report each result (LITEC_LAYER_RESULT) to the runner.
  std::vector<std::string> buildArgs{"-std=c++17", "-O2", "-o", pathJoin(work, "run")};
  if (options.perLayer)
    buildArgs.insert(buildArgs.begin(), "-DLITEC_LAYER_RESULTS");
  if (const codegen::Target *target = codegen::lookupTarget(options.target))
    for (const std::string &flag : target->hostBuildFlags())
      buildArgs.insert(buildArgs.begin(), flag);
  const size_t firstSource = buildArgs.size();
  std::error_code ec;
  for (llvm::sys::fs::directory_iterator it(generated, ec), end; it != end && !ec; it.increment(ec))
    if (llvm::StringRef(it->path()).endswith(".cpp"))
      buildArgs.push_back(it->path());
  std::sort(buildArgs.begin() + long(firstSource), buildArgs.end());
  progress << "verify: building with " << cxx << "\n";
  if (auto e = execute(*compilerPath, buildArgs, pathJoin(work, "build.log"), "building"))
    return e;

  // The reference run on a module read afresh (values keep their ids).
  auto referenceModule = frontend::readModelFile(modelPath);
  if (!referenceModule)
    return referenceModule.takeError();
  auto interpreter = ir::reference::Interpreter::create(**referenceModule);
  if (!interpreter)
    return interpreter.takeError();
  const ir::Graph &refGraph = (*interpreter)->graph();

  std::vector<Difference> differences(checked.size());
  // --per-layer: every layer's results, by value id, in layer order.
  std::vector<std::pair<const ir::Op *, const ir::Value *>> layerResults;
  if (options.perLayer)
    for (const auto &op : graph.ops)
      for (const ir::Value *result : op->results)
        if (!result->isConstant())
          layerResults.emplace_back(op.get(), result);
  std::vector<Difference> layerDifferences(layerResults.size());
  std::vector<bool> layerReported(layerResults.size(), false);
  const unsigned runs = options.inputsDir.empty() ? std::max(options.runs, 1u) : 1u;
  for (unsigned run = 0; run < runs; ++run) {
    progress << "verify: run " << run + 1 << " of " << runs << "\n";
    const std::string runDir = pathJoin(work, fmt::format("run{}", run));
    llvm::sys::fs::create_directories(runDir);
    std::vector<std::string> inputFiles;
    SplitMix64 rng(options.seed + run);
    (*interpreter)->reset();
    for (size_t i = 0; i < refGraph.inputs.size(); ++i) {
      std::span<uint8_t> bytes = (*interpreter)->inputData(i);
      std::string path;
      if (!options.inputsDir.empty()) {
        path = pathJoin(options.inputsDir, fmt::format("input_{}.bin", i));
        auto data = readFile(path);
        if (!data)
          return data.takeError();
        if (data->size() != bytes.size())
          return fail(fmt::format("{} has {} bytes, input {} needs {}", path, data->size(), i,
                                  bytes.size()));
        std::memcpy(bytes.data(), data->data(), bytes.size());
      } else {
        fillRandom(*refGraph.inputs[i], bytes, rng);
        path = pathJoin(runDir, fmt::format("input_{}.bin", i));
        if (auto e = writeFile(path, bytes))
          return e;
      }
      inputFiles.push_back(path);
    }
    std::vector<std::string> args;
    for (const std::string &f : inputFiles)
      args.insert(args.end(), {"--input", f});
    args.insert(args.end(), {"--output-dir", runDir});
    const std::string layerDir = pathJoin(runDir, "layers");
    if (options.perLayer)
      args.insert(args.end(), {"--layer-results", layerDir});
    if (auto e =
            execute(pathJoin(work, "run"), args, pathJoin(runDir, "run.log"), "the generated code"))
      return e;
    std::vector<std::vector<uint8_t>> reference(checked.size());
    if (tflite) {
      const std::string theirs = pathJoin(runDir, "tflite");
      std::vector<std::string> nodeArgs{oracleScript, package, modelPath, theirs};
      nodeArgs.insert(nodeArgs.end(), inputFiles.begin(), inputFiles.end());
      if (auto e = execute(node, nodeArgs, pathJoin(runDir, "tflite.log"), "TFLite"))
        return e;
      for (size_t k = 0; k < checked.size(); ++k) {
        auto data = readFile(pathJoin(theirs, fmt::format("output_{}.bin", k)));
        if (!data)
          return data.takeError();
        reference[k] = std::move(*data);
      }
    } else {
      if (auto e = (*interpreter)->invoke())
        return e;
      for (size_t k = 0; k < checked.size(); ++k) {
        std::span<const uint8_t> data = (*interpreter)->valueData(*refGraph.values[checked[k]->id]);
        reference[k].assign(data.begin(), data.end());
      }
    }
    for (size_t k = 0; k < checked.size(); ++k) {
      auto ours = readFile(pathJoin(runDir, fmt::format("output_{}.bin", k)));
      if (!ours)
        return ours.takeError();
      differences[k].add(*checked[k], *ours, reference[k]);
    }
    for (size_t l = 0; l < layerResults.size(); ++l) {
      const ir::Value &value = *layerResults[l].second;
      const std::string path = pathJoin(layerDir, fmt::format("value_{}.bin", value.id));
      if (!llvm::sys::fs::exists(path))
        continue; // not in the arena (a result no layer writes)
      auto ours = readFile(path);
      if (!ours)
        return ours.takeError();
      layerReported[l] = true;
      layerDifferences[l].add(value, *ours, (*interpreter)->valueData(*refGraph.values[value.id]));
    }
  }

  bool pass = true;
  const std::string against = tflite ? "TFLite" : "the reference interpreter";
  for (size_t k = 0; k < checked.size(); ++k) {
    const ir::Value &v = *checked[k];
    const Difference &d = differences[k];
    const Verdict verdict = judge(v, d, tflite);
    pass = pass && verdict.pass;
    os << fmt::format("output {} {} {}: max |diff| {:.3g}, max steps {:g}, RMSE {:.3g}, cosine "
                      "{:.7f}: {} ({} against {}, {} run{})\n",
                      k, ir::quoteString(v.name), ir::formatValueType(v), d.maxAbs, d.maxSteps,
                      d.rmse(), d.cosine(), verdict.pass ? "PASS" : "FAIL", verdict.rule, against,
                      runs, runs == 1 ? "" : "s");
  }
  if (options.perLayer) {
    // Layers in execution order: the first whose result differs is where the divergence starts.
    size_t compared = 0;
    bool diverged = false;
    for (size_t l = 0; l < layerResults.size() && !diverged; ++l) {
      if (!layerReported[l])
        continue;
      ++compared;
      const auto [op, result] = layerResults[l];
      const Difference &d = layerDifferences[l];
      if (judge(*result, d, false).pass)
        continue;
      os << fmt::format("first divergence: layer {} ({}) result %{} {}: max |diff| {:.3g}, max "
                        "steps {:g}\n",
                        op->index, ir::quoteString(op->displayName()), result->id,
                        ir::formatValueType(*result), d.maxAbs, d.maxSteps);
      diverged = true;
    }
    if (!diverged)
      os << fmt::format("every layer matches: {} layer results compared\n", compared);
    pass = pass && !diverged;
  }
  if (options.workDir.empty()) {
    if (pass)
      llvm::sys::fs::remove_directories(work);
    else
      progress << "verify: the generated code, inputs and outputs are kept in " << work << "\n";
  }
  return pass;
}

} // namespace litec::compiler
