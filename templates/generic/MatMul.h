#pragma once

// BATCH_MATMUL: out[..., m, n] = sum_k lhs[..., m, k] * rhs[..., k, n]; adjX / adjY transpose an
// operand's last two dimensions; batch dimensions broadcast (P::batchCount, batchSameShape,
// batchRank, batchShape[], lhsBatchStrides[], rhsBatchStrides[]). P: m, k, n; int8 as
// FullyConnected.h (inputOffset for lhs, weightsOffset for rhs, one multiplier).

#include "Common.h"

namespace litec::generic {

template <class P, typename F> inline void forEachBatch(F &&f) {
  if constexpr (P::batchSameShape) {
    for (int i = 0; i < P::batchCount; ++i)
      f(i, i, i);
  } else {
    forEachBroadcastPair<P::batchRank>(P::batchCount, P::batchShape, P::lhsBatchStrides,
                                       P::rhsBatchStrides, f);
  }
}

template <class P, typename T, typename Out>
void batchMatMul(const T *lhs, const T *rhs, Out *output) {
  forEachBatch<P>([&](int o, int l, int r) {
    const T *a = lhs + l * P::m * P::k;
    const T *b = rhs + r * P::k * P::n;
    Out *out = output + o * P::m * P::n;
    for (int i = 0; i < P::m; ++i)
      for (int j = 0; j < P::n; ++j) {
        if constexpr (std::is_same_v<T, float>) {
          float total = 0.f;
          for (int kk = 0; kk < P::k; ++kk)
            total += a[P::adjX ? kk * P::m + i : i * P::k + kk] *
                     b[P::adjY ? j * P::k + kk : kk * P::n + j];
          out[i * P::n + j] = total;
        } else {
          std::uint32_t acc = 0;
          for (int kk = 0; kk < P::k; ++kk)
            acc += static_cast<std::uint32_t>(
                (std::int32_t(a[P::adjX ? kk * P::m + i : i * P::k + kk]) + P::inputOffset) *
                (std::int32_t(b[P::adjY ? j * P::k + kk : kk * P::n + j]) + P::weightsOffset));
          out[i * P::n + j] = quantizedOutput<P, Out>(acc, 0);
        }
      }
  });
}

} // namespace litec::generic
