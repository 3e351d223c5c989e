// CAST (litec/ir/ops/Cast.h).

#include "litec/ir/ops/Cast.h"
#include "../KernelSupport.h"

#include <cmath>
#include <cstring>
#include <limits>

namespace litec::ir::reference {

namespace {
template <typename To> To convert(const uint8_t *data, ElementType from, int64_t i) {
  if (from == ElementType::I64) {
    int64_t v;
    std::memcpy(&v, data + 8 * i, 8);
    return static_cast<To>(v);
  }
  const double v = loadAsDouble(data, from, i);
  if constexpr (std::is_same_v<To, bool>)
    return v != 0;
  else if constexpr (std::is_same_v<To, float>)
    return static_cast<float>(v);
  else if (from == ElementType::F32) {
    // Truncation toward zero; values outside To saturate (C++ leaves them undefined).
    if (std::isnan(v))
      return To(0);
    return static_cast<To>(std::clamp(std::trunc(v), double(std::numeric_limits<To>::lowest()),
                                      double(std::numeric_limits<To>::max())));
  } else
    return static_cast<To>(static_cast<int64_t>(v));
}

template <typename To> class CastKernel final : public Kernel {
public:
  CastKernel(int64_t count, ElementType from) : count_(count), from_(from) {}
  llvm::Error run(const TensorViews &t) const override {
    const uint8_t *in = t.inputBytes(0).data();
    uint8_t *out = t.outputBytes(0).data();
    for (int64_t i = 0; i < count_; ++i) {
      const To v = convert<To>(in, from_, i);
      std::memcpy(out + i * int64_t(sizeof(To)), &v, sizeof(To));
    }
    return llvm::Error::success();
  }

private:
  int64_t count_;
  ElementType from_;
};
} // namespace

llvm::Expected<KernelPtr> prepareCast(const Op &op) {
  auto prepared = ops::prepareCast(op);
  if (!prepared)
    return prepared.takeError();
  const int64_t count = prepared->params.count;
  switch (prepared->to) {
  case ElementType::F32:
    return std::make_unique<CastKernel<float>>(count, prepared->from);
  case ElementType::I8:
    return std::make_unique<CastKernel<int8_t>>(count, prepared->from);
  case ElementType::U8:
    return std::make_unique<CastKernel<uint8_t>>(count, prepared->from);
  case ElementType::I16:
    return std::make_unique<CastKernel<int16_t>>(count, prepared->from);
  case ElementType::I32:
    return std::make_unique<CastKernel<int32_t>>(count, prepared->from);
  case ElementType::I64:
    return std::make_unique<CastKernel<int64_t>>(count, prepared->from);
  default:
    return std::make_unique<CastKernel<bool>>(count, prepared->from);
  }
}

} // namespace litec::ir::reference
