// Pluggable targets: the registry, a target handing layers it cannot do to its fallback (the
// layer's comment says so), and a target emitting a run of layers as one partition with state
// in the arena set up by reset(). The partitioned model is built with the C++ compiler and its
// outputs compared with the reference interpreter's.

#include "litec/codegen/Target.h"
#include "GraphBuilder.h"
#include "litec/codegen/Compile.h"
#include "litec/ir/reference/Interpreter.h"

#include <catch2/catch.hpp>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/Path.h>

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

using namespace litec;
using ir::ElementType;
using ir::OpKind;
using litec::testing::GraphBuilder;

namespace {
const codegen::Target &generic() {
  return *codegen::lookupTarget("generic");
}

// Compiles RELU only; everything else goes to the generic target.
class ReluOnlyTarget final : public codegen::Target {
public:
  std::string_view name() const override { return "test-relu-only"; }
  std::string_view description() const override { return "a test target with one kernel"; }
  std::string_view templateFolder() const override { return "generic"; }
  const Target *fallback() const override { return &generic(); }
  llvm::Error checkLayer(const ir::Op &op) const override {
    if (op.kind != OpKind::RELU)
      return llvm::createStringError(llvm::inconvertibleErrorCode(), "only RELU");
    return generic().checkLayer(op);
  }
  llvm::Error emitLayer(codegen::LayerContext &layer) const override {
    layer.note("kernel: the generic RELU, through test-relu-only");
    return generic().emitLayer(layer);
  }
};

// Takes every run of layers as one unit with 16 bytes of state: reset() writes a marker there,
// the unit checks it before running its layers' code.
class UnitTarget final : public codegen::Target {
public:
  std::string_view name() const override { return "test-unit"; }
  std::string_view description() const override { return "a test target of whole partitions"; }
  std::string_view templateFolder() const override { return "generic"; }
  llvm::Error checkLayer(const ir::Op &op) const override { return generic().checkLayer(op); }
  int64_t scratchBytes(const ir::Op &op) const override { return generic().scratchBytes(op); }
  llvm::Error emitLayer(codegen::LayerContext &layer) const override {
    return generic().emitLayer(layer);
  }
  std::vector<std::vector<const ir::Op *>>
  partition(std::span<const ir::Op *const> run) const override {
    return {std::vector<const ir::Op *>(run.begin(), run.end())};
  }
  int64_t partitionStateBytes(std::span<const ir::Op *const>) const override { return 16; }
  llvm::Error emitPartition(codegen::PartitionContext &p) const override {
    p.initStatement(fmt::format("std::memset(arena + {}, 0x5a, 16);", p.stateOffset()));
    p.setFallible();
    p.statement(fmt::format("if (arena[{}] != 0x5a)", p.stateOffset()));
    p.statement("  return Status::kUnsupported; // reset() was not called");
    for (codegen::LayerContext *layer : p.layers()) {
      if (auto e = generic().emitLayer(*layer))
        return e;
      p.statement("{");
      for (const std::string &line : layer->body())
        p.statement("  " + line);
      p.statement("}");
    }
    p.statement("return Status::kOk;");
    return llvm::Error::success();
  }
};

void buildModel(ir::Module &module) {
  GraphBuilder b(module);
  ir::Value &x = b.input("x", ElementType::F32, {1, 8});
  ir::Value &c = b.constant("c", ElementType::F32, {8},
                            std::vector<float>{0.5f, -1, 2, -0.25f, 1, -3, 0.75f, 0});
  ir::Value &sum = b.value("sum", ElementType::F32, {1, 8});
  ir::Value &relu = b.value("relu", ElementType::F32, {1, 8});
  ir::Value &y = b.value("y", ElementType::F32, {1, 8});
  b.op(OpKind::ADD, {&x, &c}, {&sum});
  b.op(OpKind::RELU, {&sum}, {&relu});
  b.op(OpKind::MUL, {&relu, &c}, {&y});
  b.output(y);
}

const std::string &fileNamed(const codegen::CompiledModel &compiled, const std::string &path) {
  for (const codegen::GeneratedFile &file : compiled.files)
    if (file.path == path)
      return file.contents;
  FAIL("no file " << path);
  static const std::string none;
  return none;
}
} // namespace

TEST_CASE("targets are registered by name", "[target]") {
  static const ReluOnlyTarget reluOnly;
  codegen::registerTarget(reluOnly);
  CHECK(codegen::lookupTarget("test-relu-only") == &reluOnly);
  CHECK(codegen::defaultTarget().name() == "generic");
  CHECK_THAT(codegen::targetNames(), Catch::Contains("generic") && Catch::Contains("neon") &&
                                         Catch::Contains("test-relu-only"));
  CHECK(codegen::lookupTarget("gpu") == nullptr);
}

TEST_CASE("a target hands the layers it cannot do to its fallback", "[target]") {
  static const ReluOnlyTarget reluOnly;
  codegen::registerTarget(reluOnly);
  ir::Module module;
  buildModel(module);
  codegen::CompileOptions options;
  options.target = "test-relu-only";
  options.pipeline.optLevel = 0; // keep the RELU a layer of its own
  auto compiled = codegen::compileModel(module, options);
  REQUIRE(static_cast<bool>(compiled));
  CHECK(compiled->target == "test-relu-only");
  const std::string &source = fileNamed(*compiled, "model.cpp");
  CHECK_THAT(source, Catch::Contains("// Layer 0: ADD v1") &&
                         Catch::Contains("//   emitted by the generic target: the "
                                         "test-relu-only target cannot compile it: only RELU"));
  const size_t relu = source.find("// Layer 1: RELU");
  const size_t mul = source.find("// Layer 2: MUL");
  REQUIRE(relu != std::string::npos);
  const std::string reluComment = source.substr(relu, mul - relu);
  CHECK_THAT(reluComment, Catch::Contains("kernel: the generic RELU, through test-relu-only"));
  CHECK_THAT(reluComment, !Catch::Contains("emitted by"));
  // Both emitters' kernels come from the one template folder they name.
  CHECK_THAT(source, Catch::Contains("#include \"litec/generic/Activations.h\"") &&
                         Catch::Contains("#include \"litec/generic/Binary.h\""));
}

TEST_CASE("a target emits a run of layers as one partition with state set up by reset",
          "[target]") {
  static const UnitTarget unit;
  codegen::registerTarget(unit);
  ir::Module module;
  buildModel(module);
  // The reference first: compiling changes the module.
  ir::Module referenceModule;
  buildModel(referenceModule);
  auto interpreter = ir::reference::Interpreter::create(referenceModule);
  REQUIRE(static_cast<bool>(interpreter));
  const float input[8] = {1, 2, -3, 4, -5, 6, -7, 8};
  std::memcpy((*interpreter)->inputData(0).data(), input, sizeof input);
  REQUIRE_FALSE(static_cast<bool>((*interpreter)->invoke()));

  codegen::CompileOptions options;
  options.target = "test-unit";
  options.pipeline.optLevel = 0; // three layers, as in the interpreter
  options.emitMain = true;
  auto compiled = codegen::compileModel(module, options);
  REQUIRE(static_cast<bool>(compiled));
  const std::string &source = fileNamed(*compiled, "model.cpp");
  CHECK_THAT(source,
             Catch::Contains("// Partition 0: layers 0 1 2 as one unit (16 bytes of state"));
  CHECK_THAT(source, Catch::Contains("Status partition0(unsigned char *arena)"));
  CHECK_THAT(source, Catch::Contains("if (Status status = partition0(bytes)"));
  CHECK_THAT(source, !Catch::Contains("void layer0("));
  CHECK_THAT(source, Catch::Contains("{ // partition 0"));

  // Built and run: the unit's outputs are the interpreter's.
  llvm::SmallString<128> dir;
  REQUIRE_FALSE(llvm::sys::fs::createUniqueDirectory("litec-target-test", dir));
  for (const codegen::GeneratedFile &file : compiled->files) {
    llvm::SmallString<256> path(dir);
    llvm::sys::path::append(path, file.path);
    REQUIRE_FALSE(llvm::sys::fs::create_directories(llvm::sys::path::parent_path(path)));
    std::ofstream(std::string(path), std::ios::binary) << file.contents;
  }
  std::ofstream(std::string(dir) + "/input.bin", std::ios::binary)
      .write(reinterpret_cast<const char *>(input), sizeof input);
  const char *cxx = std::getenv("CXX");
  const std::string build = fmt::format(
      "cd {0} && {1} -std=c++17 -o run model.cpp model_weights.cpp model_main.cpp && ./run "
      "--input input.bin --output-dir out",
      std::string(dir), cxx ? cxx : "c++");
  REQUIRE(std::system(build.c_str()) == 0);
  std::ifstream result(std::string(dir) + "/out/output_0.bin", std::ios::binary);
  std::stringstream bytes;
  bytes << result.rdbuf();
  const std::span<const uint8_t> expected = (*interpreter)->outputData(0);
  CHECK(bytes.str() == std::string(expected.begin(), expected.end()));
  llvm::sys::fs::remove_directories(dir);
}
