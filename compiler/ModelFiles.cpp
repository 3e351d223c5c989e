#include "ModelFiles.h"

#include "litec/frontend/Reader.h"
#include "litec/frontend/TextReader.h"
#include "litec/ir/Verifier.h"

#include <llvm/Support/MemoryBuffer.h>

namespace litec::compiler {

namespace {
bool looksLikeIrText(llvm::StringRef bytes) {
  for (;;) {
    bytes = bytes.ltrim();
    if (bytes.startswith("//") || bytes.startswith("#"))
      bytes = bytes.drop_until([](char c) { return c == '\n'; });
    else
      return bytes.startswith("module ");
  }
}
} // namespace

llvm::Expected<std::unique_ptr<ir::Module>> readModelOrText(llvm::StringRef path) {
  auto buffer = llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!buffer)
    return llvm::createStringError(buffer.getError(), "file: cannot read: %s",
                                   buffer.getError().message().c_str());
  const llvm::StringRef bytes = (*buffer)->getBuffer();
  // IR text starts with "module" after comments; anything else is read as a .tflite file, so
  // a damaged or foreign file is reported as not being a model.
  if (!looksLikeIrText(bytes))
    return frontend::readModelBuffer(std::move(*buffer));
  auto module = frontend::readModuleText(std::string_view(bytes.data(), bytes.size()));
  if (!module)
    return module.takeError();
  if (auto error = ir::verifyModule(**module))
    return error;
  return module;
}

} // namespace litec::compiler
