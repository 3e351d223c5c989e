// The compiled size of litec's runtime: every function of runtime/ that generated code calls,
// kept alive through extern "C" wrappers, built at -O2 (bench/runtime_size.sh prints `size`).
#include "litec/runtime/FixedPoint.h"
#include "litec/runtime/Int16Activations.h"
#include "litec/runtime/QuantizedActivations.h"
#include "litec/runtime/QuantizedArithmetic.h"
#include "litec/runtime/Status.h"

using namespace litec::runtime;

extern "C" {
int32_t r_mbqm(int32_t x, int32_t m, int s) {
  return multiplyByQuantizedMultiplier(x, m, s);
}
int32_t r_mbqm_wide(int64_t x, int32_t m, int s) {
  return multiplyByQuantizedMultiplierWide(x, m, s);
}
int32_t r_mbqm_small(int32_t x, int32_t m, int s) {
  return multiplyByQuantizedMultiplierSmallerThanOneExp(x, m, s);
}
int32_t r_mbqm_big(int32_t x, int32_t m, int s) {
  return multiplyByQuantizedMultiplierGreaterThanOne(x, m, s);
}
int32_t r_logistic(int32_t x) {
  return logistic(FixedPoint<4>::fromRaw(x)).raw;
}
int32_t r_tanh(int32_t x) {
  return tanh(FixedPoint<4>::fromRaw(x)).raw;
}
int32_t r_exp(int32_t x) {
  return expOnNegativeValues(FixedPoint<5>::fromRaw(x)).raw;
}
int32_t r_reciprocal(int32_t x, int *bits) {
  return reciprocal(x, 12, bits);
}
void r_inverse_sqrt(int32_t x, int32_t *m, int *s) {
  inverseSqrtMultiplier(x, m, s);
}
int16_t r_logistic16(int16_t x, int32_t m, int32_t s) {
  return logisticInt16(x, {m, s});
}
int16_t r_tanh16(int16_t x, int32_t m, int32_t s) {
  return tanhInt16(x, {m, s});
}
int16_t r_lookup(int16_t x, const int16_t *t) {
  return lookupInt16Table(x, t);
}
int8_t r_sigmoidal(int8_t x, const SigmoidalRescale *r) {
  return int8Sigmoidal<false>(x, *r);
}
int8_t r_hard_swish(int8_t x, const HardSwishRescale *r) {
  return hardSwish<int8_t>(x, *r);
}
int32_t r_divide(int32_t a, int32_t b, int32_t m, int s) {
  return quantizedDivide(a, b, m, s);
}
int32_t r_rsqrt(int32_t x, int32_t m, int s) {
  return quantizedInverseSqrt(x, m, s);
}
const char *r_status(int s) {
  return statusName(static_cast<Status>(s));
}
}
