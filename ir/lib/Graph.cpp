#include "litec/ir/Graph.h"

namespace litec::ir {

void Value::setBorrowedData(std::span<const uint8_t> bytes) {
  ownedData_.clear();
  data_ = bytes;
  hasData_ = true;
}

void Value::setOwnedData(std::vector<uint8_t> bytes) {
  ownedData_ = std::move(bytes);
  data_ = ownedData_;
  hasData_ = true;
}

bool Value::isDynamic() const {
  for (int64_t dim : shapeSignature)
    if (dim < 0)
      return true;
  return false;
}

std::vector<bool> Value::dynamicDims() const {
  std::vector<bool> dynamic(shape.size(), false);
  for (size_t i = 0; i < shapeSignature.size() && i < dynamic.size(); ++i)
    dynamic[i] = shapeSignature[i] < 0;
  return dynamic;
}

std::optional<int64_t> Value::byteSize() const {
  std::optional<int64_t> count = elementCount(shape);
  int64_t width = static_cast<int64_t>(elementByteSize(type));
  if (!count || *count > INT64_MAX / width)
    return std::nullopt;
  return *count * width;
}

std::string Op::displayName() const {
  if (kind == OpKind::CUSTOM)
    return "CUSTOM:" + customCode;
  return std::string(opKindInfo(kind).name);
}

OpFamily Op::family() const {
  // The one custom operator litec knows: MediaPipe's transposed convolution with a bias.
  if (kind == OpKind::CUSTOM)
    return customCode == "Convolution2DTransposeBias" ? OpFamily::TransposeConvolution
                                                      : OpFamily::None;
  return opKindInfo(kind).family;
}

Value &Graph::addValue() {
  values.push_back(std::make_unique<Value>());
  values.back()->id = static_cast<unsigned>(values.size() - 1);
  return *values.back();
}

Op &Graph::addOp(OpKind kind) {
  ops.push_back(std::make_unique<Op>());
  ops.back()->index = static_cast<unsigned>(ops.size() - 1);
  ops.back()->kind = kind;
  return *ops.back();
}

Graph &Module::addGraph() {
  graphs.push_back(std::make_unique<Graph>());
  return *graphs.back();
}

} // namespace litec::ir
