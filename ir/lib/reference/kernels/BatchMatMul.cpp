// BATCH_MATMUL: out[..., m, n] = sum_k lhs[..., m, k] * rhs[..., k, n], with adj_x / adj_y
// transposing the last two dimensions of an operand and the batch dimensions broadcast.
// float32, and int8 ((l - zl) * (r - zr) summed, rescaled by scale_l * scale_r / scale_out).

#include "../KernelSupport.h"

namespace litec::ir::reference {

namespace {
struct MatMulGeometry {
  Shape lhsBatch, rhsBatch, outBatch;
  int64_t m, k, n;
  bool adjX, adjY;
};

template <typename F> void forEachProduct(const MatMulGeometry &g, F &&f) {
  forEachBroadcast(g.lhsBatch, g.rhsBatch, g.outBatch, [&](int64_t o, int64_t l, int64_t r) {
    const int64_t lhsBase = l * g.m * g.k, rhsBase = r * g.k * g.n, outBase = o * g.m * g.n;
    for (int64_t i = 0; i < g.m; ++i)
      for (int64_t j = 0; j < g.n; ++j) {
        auto lhsAt = [&](int64_t kk) { return lhsBase + (g.adjX ? kk * g.m + i : i * g.k + kk); };
        auto rhsAt = [&](int64_t kk) { return rhsBase + (g.adjY ? j * g.k + kk : kk * g.n + j); };
        f(outBase + i * g.n + j, lhsAt, rhsAt);
      }
  });
}

class FloatBatchMatMul final : public Kernel {
public:
  explicit FloatBatchMatMul(MatMulGeometry g) : g_(std::move(g)) {}
  llvm::Error run(const TensorViews &t) const override {
    const float *lhs = t.input<float>(0), *rhs = t.input<float>(1);
    float *out = t.output<float>(0);
    forEachProduct(g_, [&](int64_t o, auto &&lhsAt, auto &&rhsAt) {
      float total = 0.f;
      for (int64_t kk = 0; kk < g_.k; ++kk)
        total += lhs[lhsAt(kk)] * rhs[rhsAt(kk)];
      out[o] = total;
    });
    return llvm::Error::success();
  }

private:
  MatMulGeometry g_;
};

class Int8BatchMatMul final : public Kernel {
public:
  Int8BatchMatMul(MatMulGeometry g, int32_t lhsOffset, int32_t rhsOffset,
                  QuantizedOutputStage stage)
      : g_(std::move(g)), lhsOffset_(lhsOffset), rhsOffset_(rhsOffset), stage_(std::move(stage)) {}
  llvm::Error run(const TensorViews &t) const override {
    const int8_t *lhs = t.input<int8_t>(0), *rhs = t.input<int8_t>(1);
    int8_t *out = t.output<int8_t>(0);
    forEachProduct(g_, [&](int64_t o, auto &&lhsAt, auto &&rhsAt) {
      int64_t acc = 0;
      for (int64_t kk = 0; kk < g_.k; ++kk)
        acc += (int32_t(lhs[lhsAt(kk)]) + lhsOffset_) * (int32_t(rhs[rhsAt(kk)]) + rhsOffset_);
      out[o] = stage_.apply<int8_t>(acc, 0);
    });
    return llvm::Error::success();
  }

private:
  MatMulGeometry g_;
  int32_t lhsOffset_, rhsOffset_;
  QuantizedOutputStage stage_;
};
} // namespace

llvm::Expected<KernelPtr> prepareBatchMatMul(const Op &op) {
  const Value &lhs = *op.operands[0], &rhs = *op.operands[1], &out = *op.results[0];
  MatMulGeometry g;
  g.adjX = op.attrs.getBool("adj_x").value_or(false);
  g.adjY = op.attrs.getBool("adj_y").value_or(false);
  const size_t lr = lhs.shape.size(), rr = rhs.shape.size();
  g.m = lhs.shape[lr - (g.adjX ? 1 : 2)];
  g.k = lhs.shape[lr - (g.adjX ? 2 : 1)];
  g.n = rhs.shape[rr - (g.adjY ? 2 : 1)];
  g.lhsBatch = Shape(lhs.shape.begin(), lhs.shape.end() - 2);
  g.rhsBatch = Shape(rhs.shape.begin(), rhs.shape.end() - 2);
  g.outBatch = Shape(out.shape.begin(), out.shape.end() - 2);
  if (lhs.type == ElementType::F32 && rhs.type == ElementType::F32 && out.type == ElementType::F32)
    return std::make_unique<FloatBatchMatMul>(std::move(g));
  if (lhs.type == ElementType::I8 && rhs.type == ElementType::I8 && out.type == ElementType::I8 &&
      !rhs.quant.isPerChannel()) {
    auto stage = quantizedOutputStage(op, lhs, rhs, out, 1, 0);
    if (!stage)
      return stage.takeError();
    return std::make_unique<Int8BatchMatMul>(std::move(g), -zeroPointOf(lhs), -zeroPointOf(rhs),
                                             std::move(*stage));
  }
  return unsupported("BATCH_MATMUL with types " + typeList(op));
}

} // namespace litec::ir::reference
