// BATCH_MATMUL (litec/ir/ops/BatchMatMul.h): float32 and int8.

#include "litec/ir/ops/BatchMatMul.h"
#include "../KernelSupport.h"

namespace litec::ir::reference {

namespace {
// Calls f(outIndex, lhsAt, rhsAt) for every output element, lhsAt(k) and rhsAt(k) giving the
// operands' indices of the k-th product.
template <typename F> void forEachProduct(const ops::BatchMatMulParams &p, F &&f) {
  const Shape out(p.batchShape.begin(), p.batchShape.end());
  std::vector<int64_t> index(out.size(), 0);
  for (int64_t batch = 0; batch < p.batchCount; ++batch) {
    int64_t l = batch, r = batch;
    if (!p.batchSameShape) {
      l = r = 0;
      for (size_t d = 0; d < out.size(); ++d) {
        l += index[d] * p.lhsBatchStrides[d];
        r += index[d] * p.rhsBatchStrides[d];
      }
      advanceIndex(index, out);
    }
    const int64_t lhsBase = l * p.m * p.k, rhsBase = r * p.k * p.n, outBase = batch * p.m * p.n;
    for (int64_t i = 0; i < p.m; ++i)
      for (int64_t j = 0; j < p.n; ++j) {
        auto lhsAt = [&](int64_t kk) { return lhsBase + (p.adjX ? kk * p.m + i : i * p.k + kk); };
        auto rhsAt = [&](int64_t kk) { return rhsBase + (p.adjY ? j * p.k + kk : kk * p.n + j); };
        f(outBase + i * p.n + j, lhsAt, rhsAt);
      }
  }
}

class FloatBatchMatMul final : public Kernel {
public:
  explicit FloatBatchMatMul(ops::BatchMatMulParams p) : p_(std::move(p)) {}
  llvm::Error run(const TensorViews &t) const override {
    const float *lhs = t.input<float>(0), *rhs = t.input<float>(1);
    float *out = t.output<float>(0);
    forEachProduct(p_, [&](int64_t o, auto &&lhsAt, auto &&rhsAt) {
      float total = 0.f;
      for (int64_t kk = 0; kk < p_.k; ++kk)
        total += lhs[lhsAt(kk)] * rhs[rhsAt(kk)];
      out[o] = total;
    });
    return llvm::Error::success();
  }

private:
  ops::BatchMatMulParams p_;
};

class Int8BatchMatMul final : public Kernel {
public:
  explicit Int8BatchMatMul(ops::BatchMatMulParams p) : p_(std::move(p)) {}
  llvm::Error run(const TensorViews &t) const override {
    const int8_t *lhs = t.input<int8_t>(0), *rhs = t.input<int8_t>(1);
    int8_t *out = t.output<int8_t>(0);
    const QuantizedMultiplier m = p_.multipliers[0];
    forEachProduct(p_, [&](int64_t o, auto &&lhsAt, auto &&rhsAt) {
      int64_t acc = 0;
      for (int64_t kk = 0; kk < p_.k; ++kk)
        acc += (int32_t(lhs[lhsAt(kk)]) + p_.inputOffset) *
               (int32_t(rhs[rhsAt(kk)]) + p_.weightsOffset);
      const int32_t scaled =
          runtime::multiplyByQuantizedMultiplier(wrapToInt32(acc), m.multiplier, m.shift);
      out[o] = clampTo<int8_t>(scaled + p_.outputOffset, p_.outputRange);
    });
    return llvm::Error::success();
  }

private:
  ops::BatchMatMulParams p_;
};
} // namespace

llvm::Expected<KernelPtr> prepareBatchMatMul(const Op &op) {
  auto prepared = ops::prepareBatchMatMul(op);
  if (!prepared)
    return prepared.takeError();
  if (prepared->type == ElementType::F32)
    return std::make_unique<FloatBatchMatMul>(std::move(prepared->params));
  return std::make_unique<Int8BatchMatMul>(std::move(prepared->params));
}

} // namespace litec::ir::reference
