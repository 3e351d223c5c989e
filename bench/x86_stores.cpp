// What a partial vector's store costs with AVX2 (templates/x86/Common.h, F32::storeUpTo): the
// last vector of a layer whose channel count is not a multiple of 8 (28, 36, 42 in the face
// detection models) is stored once per output pixel. VMASKMOVPS's store form is slow on some
// cores (microcoded on AMD's), a plain store of 4, 2 and 1 floats is not. Prints the median time
// per store of each way, and the masked load for comparison, over --count stores (default 1024,
// 28 floats apart as a layer of 28 channels writes them) repeated 1000 times, 15 runs, alternating.
//
// Build: c++ -O2 -mavx2 -mfma -std=c++17 bench/x86_stores.cpp -o x86_stores

#include <immintrin.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

namespace {
constexpr int kStride = 28;

// Each loop adds to v before its store so that the stores cannot be merged or hoisted; the add's
// latency (3-4 cycles) is then the floor of every figure.
__attribute__((noinline)) void maskedStores(float *buffer, int count, __m256 v, __m256i mask) {
  for (int i = 0; i < count; ++i) {
    v = _mm256_add_ps(v, v);
    _mm256_maskstore_ps(buffer + i * kStride, mask, v);
  }
}

// The first 4 lanes, as storeUpTo stores a part of 4.
__attribute__((noinline)) void plainStores(float *buffer, int count, __m256 v) {
  for (int i = 0; i < count; ++i) {
    v = _mm256_add_ps(v, v);
    _mm_storeu_ps(buffer + i * kStride, _mm256_castps256_ps128(v));
  }
}

// 7 lanes in pieces of 4, 2 and 1.
__attribute__((noinline)) void pieceStores(float *buffer, int count, __m256 v) {
  for (int i = 0; i < count; ++i) {
    v = _mm256_add_ps(v, v);
    float *p = buffer + i * kStride;
    _mm_storeu_ps(p, _mm256_castps256_ps128(v));
    __m128 high = _mm256_extractf128_ps(v, 1);
    _mm_storel_pi(reinterpret_cast<__m64 *>(p + 4), high);
    _mm_store_ss(p + 6, _mm_movehl_ps(high, high));
  }
}

__attribute__((noinline)) __m256 maskedLoads(const float *buffer, int count, __m256 v,
                                             __m256i mask) {
  for (int i = 0; i < count; ++i)
    v = _mm256_add_ps(v, _mm256_maskload_ps(buffer + i * kStride, mask));
  return v;
}

double nanoseconds(std::chrono::steady_clock::time_point from) {
  return std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - from).count();
}
} // namespace

int main(int argc, char **argv) {
  int count = 1024;
  for (int i = 1; i + 1 < argc; i += 2)
    if (std::strcmp(argv[i], "--count") == 0)
      count = std::max(1, std::atoi(argv[i + 1]));
  std::vector<float> buffer(std::size_t(count) * kStride + 8, 1.f);
  const __m256i four = _mm256_setr_epi32(-1, -1, -1, -1, 0, 0, 0, 0);
  const __m256i seven = _mm256_setr_epi32(-1, -1, -1, -1, -1, -1, -1, 0);
  const __m256 start = _mm256_set1_ps(1e-30f);
  constexpr int kWays = 5, kRuns = 15, kRepeats = 1000;
  const char *names[kWays] = {"masked store of 4", "plain store of 4", "masked store of 7",
                              "pieces 4+2+1 of 7", "masked load of 4"};
  std::vector<double> times[kWays];
  __m256 sink = start;
  for (int run = 0; run < kRuns; ++run)
    for (int way = 0; way < kWays; ++way) {
      const auto from = std::chrono::steady_clock::now();
      for (int r = 0; r < kRepeats; ++r) {
        switch (way) {
        case 0:
          maskedStores(buffer.data(), count, start, four);
          break;
        case 1:
          plainStores(buffer.data(), count, start);
          break;
        case 2:
          maskedStores(buffer.data(), count, start, seven);
          break;
        case 3:
          pieceStores(buffer.data(), count, start);
          break;
        default:
          sink = _mm256_add_ps(sink, maskedLoads(buffer.data(), count, start, four));
        }
      }
      times[way].push_back(nanoseconds(from) / (double(count) * kRepeats));
    }
  for (int way = 0; way < kWays; ++way) {
    std::sort(times[way].begin(), times[way].end());
    std::printf("%-18s %.2f ns\n", names[way], times[way][kRuns / 2]);
  }
  float lanes[8];
  _mm256_storeu_ps(lanes, sink);
  return lanes[0] == 12345.f ? 1 : 0; // keeps the loads
}
