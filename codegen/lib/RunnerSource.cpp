// NAME_main.cpp: the model's sizes and C interface handed to litec/runner/Runner.h, which holds
// the command line itself.

#include "Emission.h"
#include "SourceWriter.h"
#include "litec/codegen/SafeText.h"

namespace litec::codegen {

std::string runnerSource(const EmitState &s) {
  SourceWriter w;
  w("// {}_main.cpp: a command-line runner for the model compiled by litec from {}.\n",
    s.options.name, commentText(s.options.sourceName, 80));
  w("// Generated file: do not edit. Usage and conventions: litec/runner/Runner.h.\n\n");
  w("#include \"{}.h\"\n\n#include \"litec/runner/Runner.h\"\n\n", s.options.name);
  // C++ has no empty arrays: a model without inputs (or outputs) gets one unused entry.
  auto sizes = [&](const char *name, const std::vector<ApiTensor> &tensors) {
    std::string list;
    for (const ApiTensor &t : tensors)
      list += fmt::format("{}{}", list.empty() ? "" : ", ", t.value->byteSize().value_or(0));
    w("constexpr std::size_t {}[] = {{{}}};\n", name, list.empty() ? "0" : list);
  };
  w("namespace {{\n");
  sizes("kInputBytes", s.inputs);
  sizes("kOutputBytes", s.outputs);
  w("}} // namespace\n\n");
  const std::string &n = s.options.name;
  w("int main(int argc, char **argv) {{\n");
  w("  const litec::runner::Model model{{{0}_arena_size(), {0}_arena_alignment(), kInputBytes, "
    "{1},\n"
    "                                  kOutputBytes, {2}, {0}_reset, {0}_invoke,\n"
    "                                  {0}_invoke_parallel}};\n",
    n, s.inputs.size(), s.outputs.size());
  w("  return litec::runner::run(model, argc, argv);\n}}\n");
  return w.str();
}

} // namespace litec::codegen
