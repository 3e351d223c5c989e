// AVERAGE_POOL_2D and MAX_POOL_2D (litec/ir/ops/Pooling.h): windows clipped to the input, the
// integer average rounding half away from zero, as TFLite's reference kernels compute them.

#include "litec/ir/ops/Pooling.h"
#include "../KernelSupport.h"

#include <limits>

namespace litec::ir::reference {

namespace {
// Calls f(outIndex, window) where window(visit) visits the in-bounds input indices.
template <typename F> void forEachWindow(const ops::PoolingParams &p, F &&f) {
  for (int b = 0; b < p.batches; ++b)
    for (int oy = 0; oy < p.outH; ++oy)
      for (int ox = 0; ox < p.outW; ++ox)
        for (int c = 0; c < p.channels; ++c) {
          const int y0 = oy * p.strideH - p.padTop, x0 = ox * p.strideW - p.padLeft;
          const int fyStart = std::max(0, -y0), fyEnd = std::min(p.filterH, p.inH - y0);
          const int fxStart = std::max(0, -x0), fxEnd = std::min(p.filterW, p.inW - x0);
          auto window = [&](auto &&visit) {
            for (int fy = fyStart; fy < fyEnd; ++fy)
              for (int fx = fxStart; fx < fxEnd; ++fx)
                visit(((b * p.inH + y0 + fy) * p.inW + x0 + fx) * p.channels + c);
          };
          f(((b * p.outH + oy) * p.outW + ox) * p.channels + c, window);
        }
}

template <typename T, bool IsMax> class PoolKernel final : public Kernel {
public:
  explicit PoolKernel(const ops::PoolingParams &p) : p_(p) {}
  llvm::Error run(const TensorViews &t) const override {
    const T *input = t.input<T>(0);
    T *output = t.output<T>(0);
    forEachWindow(p_, [&](int out, auto &&window) {
      if constexpr (std::is_same_v<T, float>) {
        float value = IsMax ? std::numeric_limits<float>::lowest() : 0.f;
        int count = 0;
        window([&](int in) {
          value = IsMax ? std::max(value, input[in]) : value + input[in];
          ++count;
        });
        if (!IsMax)
          value /= float(count);
        output[out] = std::clamp(value, p_.floatRange.min, p_.floatRange.max);
      } else {
        int64_t acc = IsMax ? std::numeric_limits<T>::lowest() : 0;
        int64_t count = 0;
        window([&](int in) {
          acc = IsMax ? std::max<int64_t>(acc, input[in]) : acc + input[in];
          ++count;
        });
        // Average with rounding half away from zero, as TFLite's integer kernel divides.
        if (!IsMax && count > 0)
          acc = acc > 0 ? (acc + count / 2) / count : (acc - count / 2) / count;
        output[out] = clampTo<T>(int32_t(acc), p_.intRange);
      }
    });
    return llvm::Error::success();
  }

private:
  ops::PoolingParams p_;
};

template <typename T> KernelPtr poolKernel(const ops::PreparedPooling &prepared) {
  if (prepared.isMax)
    return std::make_unique<PoolKernel<T, true>>(prepared.params);
  return std::make_unique<PoolKernel<T, false>>(prepared.params);
}
} // namespace

llvm::Expected<KernelPtr> preparePooling(const Op &op) {
  auto prepared = ops::preparePooling(op);
  if (!prepared)
    return prepared.takeError();
  switch (prepared->type) {
  case ElementType::F32:
    return poolKernel<float>(*prepared);
  case ElementType::U8:
    return poolKernel<uint8_t>(*prepared);
  case ElementType::I16:
    return poolKernel<int16_t>(*prepared);
  default:
    return poolKernel<int8_t>(*prepared);
  }
}

} // namespace litec::ir::reference
