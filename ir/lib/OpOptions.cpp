#include "litec/ir/OpOptions.h"

#include <cstring>

namespace litec::ir {

namespace {
// The explicit padding an op carries, if any: four sizes, none negative (nor absurdly large: a
// hostile value must not overflow the output size arithmetic).
llvm::Error readExplicitPadding(const Op &op, SpatialWindow &window) {
  const AttrValue *attr = op.attrs.find(kExplicitPaddingAttr);
  if (!attr)
    return llvm::Error::success();
  const auto *sizes = std::get_if<std::vector<int64_t>>(attr);
  if (!sizes || sizes->size() != 4)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   fmt::format("{} {} must be four sizes [top, bottom, left, "
                                               "right]",
                                               opKindInfo(op.kind).name, kExplicitPaddingAttr));
  std::array<int64_t, 4> padding{};
  for (size_t i = 0; i < 4; ++i) {
    if ((*sizes)[i] < 0 || (*sizes)[i] > (int64_t(1) << 24))
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     fmt::format("{} {} size {} is out of range",
                                                 opKindInfo(op.kind).name, kExplicitPaddingAttr,
                                                 (*sizes)[i]));
    padding[i] = (*sizes)[i];
  }
  window.explicitPadding = padding;
  return llvm::Error::success();
}

llvm::Expected<SpatialWindow> optionsWindow(const Op &op) {
  switch (convolutionBase(op.kind)) {
  case OpKind::CONV_2D: {
    auto o = optionsOf<options::Conv2DOptions>(op);
    if (!o)
      return o.takeError();
    return SpatialWindow{
        o->padding,           o->stride_w, o->stride_h, o->dilation_w_factor,
        o->dilation_h_factor, 0,           0,           o->fused_activation_function,
        std::nullopt};
  }
  case OpKind::DEPTHWISE_CONV_2D: {
    auto o = optionsOf<options::DepthwiseConv2DOptions>(op);
    if (!o)
      return o.takeError();
    return SpatialWindow{
        o->padding,           o->stride_w, o->stride_h, o->dilation_w_factor,
        o->dilation_h_factor, 0,           0,           o->fused_activation_function,
        std::nullopt};
  }
  default: {
    auto o = optionsOf<options::Pool2DOptions>(op);
    if (!o)
      return o.takeError();
    return SpatialWindow{
        o->padding,  o->stride_w,     o->stride_h,      1,
        1,           o->filter_width, o->filter_height, o->fused_activation_function,
        std::nullopt};
  }
  }
}

} // namespace

llvm::Expected<SpatialWindow> spatialWindowOf(const Op &op) {
  auto window = optionsWindow(op);
  if (!window)
    return window.takeError();
  if (auto error = readExplicitPadding(op, *window))
    return error;
  return window;
}

bool hasSpatialWindow(OpKind kind) {
  switch (convolutionBase(kind)) {
  case OpKind::CONV_2D:
  case OpKind::DEPTHWISE_CONV_2D:
  case OpKind::AVERAGE_POOL_2D:
  case OpKind::MAX_POOL_2D:
  case OpKind::L2_POOL_2D:
    return true;
  default:
    return false;
  }
}

namespace {
AxisPadding explicitAlong(const std::array<int64_t, 4> &padding, int axis) {
  return {padding[size_t(2 * axis)], padding[size_t(2 * axis + 1)]};
}
} // namespace

AxisPadding SpatialWindow::paddingAlong(int axis, int64_t in, int64_t filter, int64_t out) const {
  if (explicitPadding)
    return explicitAlong(*explicitPadding, axis);
  if (padding != options::Padding::SAME)
    return {};
  return samePadding(in, filter, strideAlong(axis), dilationAlong(axis), out);
}

int64_t SpatialWindow::outputSizeAlong(int axis, int64_t in, int64_t filter) const {
  if (explicitPadding)
    return paddedWindowOutputSize(in, explicitAlong(*explicitPadding, axis), filter,
                                  strideAlong(axis), dilationAlong(axis));
  return windowOutputSize(padding == options::Padding::SAME, in, filter, strideAlong(axis),
                          dilationAlong(axis));
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
