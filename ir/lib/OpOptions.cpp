#include "litec/ir/OpOptions.h"

#include <cstring>

namespace litec::ir {

llvm::Expected<Convolution2DTransposeBiasOptions> convolution2DTransposeBiasOptions(const Op &op) {
  auto fail = [](std::string message) {
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "Convolution2DTransposeBias " + message);
  };
  if (op.kind != OpKind::CUSTOM || op.customCode != "Convolution2DTransposeBias")
    return fail("options asked of another op");
  if (op.customOptions.size() != 12)
    return fail(fmt::format("needs 12 bytes of options, has {}", op.customOptions.size()));
  int32_t fields[3];
  std::memcpy(fields, op.customOptions.data(), sizeof fields);
  const int32_t padding = fields[0], strideW = fields[1], strideH = fields[2];
  if ((padding != 1 && padding != 2) || strideW <= 0 || strideH <= 0)
    return fail(
        fmt::format("options are invalid: padding {}, strides {}x{}", padding, strideW, strideH));
  return Convolution2DTransposeBiasOptions{
      padding == 1 ? options::Padding::SAME : options::Padding::VALID, strideW, strideH};
}

} // namespace litec::ir
