#pragma once

// BATCH_MATMUL: out[..., m, n] = sum_k lhs[..., m, k] * rhs[..., k, n]; adjX / adjY transpose an
// operand's last two dimensions; batch dimensions broadcast. p: litec/ir/ops/BatchMatMul.h's
// BatchMatMulParams (m, k, n, adjX, adjY, batchCount, batchSameShape, batchRank, batchShape[],
// lhsBatchStrides[], rhsBatchStrides[]; int8: inputOffset for lhs, weightsOffset for rhs, and
// the output stage).

#include "Common.h"

namespace litec::generic {

template <typename T, typename Out, class P>
void batchMatMul(const P &p, const T *lhs, const T *rhs, Out *output) {
  auto product = [&](int o, int l, int r) {
    const T *a = lhs + l * p.m * p.k;
    const T *b = rhs + r * p.k * p.n;
    Out *out = output + o * p.m * p.n;
    for (int i = 0; i < p.m; ++i)
      for (int j = 0; j < p.n; ++j) {
        if constexpr (std::is_same_v<T, float>) {
          float total = 0.f;
          for (int kk = 0; kk < p.k; ++kk)
            total +=
                a[p.adjX ? kk * p.m + i : i * p.k + kk] * b[p.adjY ? j * p.k + kk : kk * p.n + j];
          out[i * p.n + j] = total;
        } else {
          std::uint32_t acc = 0;
          for (int kk = 0; kk < p.k; ++kk)
            acc += static_cast<std::uint32_t>(
                (std::int32_t(a[p.adjX ? kk * p.m + i : i * p.k + kk]) + p.inputOffset) *
                (std::int32_t(b[p.adjY ? j * p.k + kk : kk * p.n + j]) + p.weightsOffset));
          out[i * p.n + j] = quantizedOutput<Out>(p, acc, 0);
        }
      }
  };
  if (p.batchSameShape)
    for (int i = 0; i < p.batchCount; ++i)
      product(i, i, i);
  else
    forEachBroadcastPair(p.batchCount, p.batchRank, p.batchShape, p.lhsBatchStrides,
                         p.rhsBatchStrides, product);
}

} // namespace litec::generic
