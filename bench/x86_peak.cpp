// The machine's measured peak for one thread, as bench/x86_models.py quotes it: multiply-adds per
// second of register-only loops of independent accumulators (no memory traffic), for every form
// this CPU runs. One binary for any x86-64: each loop is compiled for its own features
// (target attributes) and run only if the CPU has them.
//
// Prints one line per loop: `peak <name> gmacs=<value>`, the median of several timings of
// thread CPU time (the loops never wait, so CPU time is their time even on a shared machine).
//
// Build: clang++-14 -O2 -std=c++17 bench/x86_peak.cpp -o x86_peak

#include <cpuid.h>
#include <immintrin.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <vector>

namespace {

double threadSeconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return double(t.tv_sec) + double(t.tv_nsec) * 1e-9;
}

// Enough independent chains to cover the FMA latency (4-5 cycles) on two pipes, few enough to
// stay in registers (the loops over them are unrolled: an array indexed by a loop lives in
// memory, and the loop then measures store forwarding).
constexpr int kChains = 12;
constexpr long kSteps = 20'000'000;

// Every loop returns a value made of all its accumulators, so none is optimised away.
__attribute__((target("avx2,fma"))) float fmaAvx2(long steps) {
  __m256 acc[kChains];
  for (int i = 0; i < kChains; ++i)
    acc[i] = _mm256_set1_ps(float(i));
  const __m256 a = _mm256_set1_ps(0.999f), b = _mm256_set1_ps(1e-3f);
  for (long s = 0; s < steps; ++s)
#pragma GCC unroll 16
    for (int i = 0; i < kChains; ++i)
      acc[i] = _mm256_fmadd_ps(acc[i], a, b);
  __m256 sum = acc[0];
  for (int i = 1; i < kChains; ++i)
    sum = _mm256_add_ps(sum, acc[i]);
  return _mm256_cvtss_f32(sum);
}

__attribute__((target("avx512f"))) float fmaAvx512(long steps) {
  __m512 acc[kChains];
  for (int i = 0; i < kChains; ++i)
    acc[i] = _mm512_set1_ps(float(i));
  const __m512 a = _mm512_set1_ps(0.999f), b = _mm512_set1_ps(1e-3f);
  for (long s = 0; s < steps; ++s)
#pragma GCC unroll 16
    for (int i = 0; i < kChains; ++i)
      acc[i] = _mm512_fmadd_ps(acc[i], a, b);
  __m512 sum = acc[0];
  for (int i = 1; i < kChains; ++i)
    sum = _mm512_add_ps(sum, acc[i]);
  return _mm512_cvtss_f32(sum);
}

// int8 the AVX2 way: VPMADDWD multiplies 16 pairs of int16 and adds each pair into an int32 (16
// multiply-adds an instruction), plus the VPADDD of the running sum. The accumulator is one of
// the factors: with two constant factors the compiler hoists the VPMADDWD out of the loop.
__attribute__((target("avx2"))) int maddwdAvx2(long steps) {
  __m256i acc[kChains];
  for (int i = 0; i < kChains; ++i)
    acc[i] = _mm256_set1_epi32(i);
  const __m256i b = _mm256_set1_epi16(-2);
  for (long s = 0; s < steps; ++s)
#pragma GCC unroll 16
    for (int i = 0; i < kChains; ++i)
      acc[i] = _mm256_add_epi32(acc[i], _mm256_madd_epi16(acc[i], b));
  __m256i sum = acc[0];
  for (int i = 1; i < kChains; ++i)
    sum = _mm256_add_epi32(sum, acc[i]);
  return _mm256_extract_epi32(sum, 0);
}

// VPDPBUSD: 32 (AVX-VNNI) or 64 (AVX512-VNNI) unsigned x signed byte products summed by fours
// into int32 lanes, one instruction.
__attribute__((target("avx2,avxvnni"))) int dpbusdAvx(long steps) {
  __m256i acc[kChains];
  for (int i = 0; i < kChains; ++i)
    acc[i] = _mm256_set1_epi32(i);
  const __m256i a = _mm256_set1_epi8(3), b = _mm256_set1_epi8(-2);
  for (long s = 0; s < steps; ++s)
#pragma GCC unroll 16
    for (int i = 0; i < kChains; ++i)
      acc[i] = _mm256_dpbusd_avx_epi32(acc[i], a, b);
  __m256i sum = acc[0];
  for (int i = 1; i < kChains; ++i)
    sum = _mm256_add_epi32(sum, acc[i]);
  return _mm256_extract_epi32(sum, 0);
}

__attribute__((target("avx512f,avx512vnni"))) int dpbusdAvx512(long steps) {
  __m512i acc[kChains];
  for (int i = 0; i < kChains; ++i)
    acc[i] = _mm512_set1_epi32(i);
  const __m512i a = _mm512_set1_epi8(3), b = _mm512_set1_epi8(-2);
  for (long s = 0; s < steps; ++s)
#pragma GCC unroll 16
    for (int i = 0; i < kChains; ++i)
      acc[i] = _mm512_dpbusd_epi32(acc[i], a, b);
  __m512i sum = acc[0];
  for (int i = 1; i < kChains; ++i)
    sum = _mm512_add_epi32(sum, acc[i]);
  alignas(64) int lanes[16];
  _mm512_store_si512(lanes, sum);
  return lanes[0];
}

volatile double sink;

// The median over `rounds` timings of `loop`, in 1e9 multiply-adds per second.
template <class Loop> double gmacs(Loop loop, int macsPerStep, int rounds = 7) {
  loop(kSteps / 10); // warm up the clocks
  std::vector<double> rates;
  for (int r = 0; r < rounds; ++r) {
    const double start = threadSeconds();
    sink = double(loop(kSteps));
    const double seconds = threadSeconds() - start;
    rates.push_back(double(kSteps) * kChains * macsPerStep / seconds * 1e-9);
  }
  std::sort(rates.begin(), rates.end());
  return rates[rates.size() / 2];
}

// CPUID leaf 7, subleaf 1, EAX bit 4; clang 14's __builtin_cpu_supports lacks "avxvnni".
bool hasAvxVnni() {
  unsigned eax = 0, ebx = 0, ecx = 0, edx = 0;
  return __get_cpuid_count(7, 1, &eax, &ebx, &ecx, &edx) && (eax & (1u << 4)) != 0;
}

} // namespace

int main() {
  __builtin_cpu_init();
  if (!__builtin_cpu_supports("avx2") || !__builtin_cpu_supports("fma")) {
    std::fprintf(stderr, "x86_peak: this CPU has no AVX2/FMA\n");
    return 1;
  }
  std::printf("peak f32-fma-avx2 gmacs=%.2f\n", gmacs(fmaAvx2, 8));
  if (__builtin_cpu_supports("avx512f"))
    std::printf("peak f32-fma-avx512 gmacs=%.2f\n", gmacs(fmaAvx512, 16));
  std::printf("peak i16-vpmaddwd-avx2 gmacs=%.2f\n", gmacs(maddwdAvx2, 16));
  if (hasAvxVnni())
    std::printf("peak i8-vpdpbusd-avx gmacs=%.2f\n", gmacs(dpbusdAvx, 32));
  if (__builtin_cpu_supports("avx512vnni"))
    std::printf("peak i8-vpdpbusd-avx512 gmacs=%.2f\n", gmacs(dpbusdAvx512, 64));
  return 0;
}
