#include "litec/ir/OpOptions.h"

#include <cstring>

namespace litec::ir {

llvm::Expected<SpatialWindow> spatialWindowOf(const Op &op) {
  switch (op.kind) {
  case OpKind::CONV_2D:
  case OpKind::LITEC_CONV_2D_RESIDUAL: {
    auto o = optionsOf<options::Conv2DOptions>(op);
    if (!o)
      return o.takeError();
    return SpatialWindow{
        o->padding,           o->stride_w, o->stride_h, o->dilation_w_factor,
        o->dilation_h_factor, 0,           0,           o->fused_activation_function};
  }
  case OpKind::DEPTHWISE_CONV_2D: {
    auto o = optionsOf<options::DepthwiseConv2DOptions>(op);
    if (!o)
      return o.takeError();
    return SpatialWindow{
        o->padding,           o->stride_w, o->stride_h, o->dilation_w_factor,
        o->dilation_h_factor, 0,           0,           o->fused_activation_function};
  }
  default: {
    auto o = optionsOf<options::Pool2DOptions>(op);
    if (!o)
      return o.takeError();
    return SpatialWindow{
        o->padding, o->stride_w,     o->stride_h,      1,
        1,          o->filter_width, o->filter_height, o->fused_activation_function};
  }
  }
}

llvm::Expected<int32_t> blockSizeOf(const Op &op) {
  if (op.kind == OpKind::DEPTH_TO_SPACE) {
    auto o = optionsOf<options::DepthToSpaceOptions>(op);
    if (!o)
      return o.takeError();
    return o->block_size;
  }
  auto o = optionsOf<options::SpaceToDepthOptions>(op);
  if (!o)
    return o.takeError();
  return o->block_size;
}

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
