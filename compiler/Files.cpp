#include "Files.h"

#include <llvm/Support/FileSystem.h>
#include <llvm/Support/raw_ostream.h>

namespace litec::compiler {

llvm::Error writeFile(const std::string &path, llvm::StringRef bytes) {
  std::error_code ec;
  llvm::raw_fd_ostream out(path, ec, llvm::sys::fs::OF_None);
  if (ec)
    return llvm::createStringError(ec, "cannot write %s: %s", path.c_str(), ec.message().c_str());
  out << bytes;
  out.close();
  if (out.has_error())
    return llvm::createStringError(out.error(), "cannot write %s", path.c_str());
  return llvm::Error::success();
}

} // namespace litec::compiler
