// Include guards, not #pragma once, like the runtime headers copied beside it.
#ifndef LITEC_RUNNER_H
#define LITEC_RUNNER_H

// The command-line runner of a compiled model (`litec compile --emit-main`), with the
// conventions of `litec run`:
//
//   ./run [--input FILE]... [--output-dir DIR] [--invokes N] [--bench N] [--threads N]
//         [--layer-results DIR]
//
// Input files hold the raw little-endian data of each input in the model's input order (inputs
// not given are zeros); DIR (created if missing, with its parents) gets output_<k>.bin for every
// output. --invokes N runs the model N times on the same inputs, state carrying over, and keeps
// the last outputs; --bench N then times N more invokes and prints median_ms=<value> (wall time)
// and, where the C library has the clock, cpu_median_ms=<value> (the process's CPU time, every
// worker's included: on a shared machine it is what the model cost, waits for other processes
// left out; xnn-run prints the same pair).
// --threads N runs every invoke on a litec::runtime::ThreadPool of N workers (the model's
// parallel invoke; the answers are the same for any N).
// Built with LITEC_LAYER_RESULTS defined, --layer-results DIR writes every layer's result of the
// first invoke as DIR/value_<id>.bin (its IR value id), for `litec verify --per-layer`.
//
// A test and benchmark tool, not part of the runtime: it uses the heap and the C library's
// files, and drives the model through its C interface only. It keeps to C-style code and few
// headers because the test suites build it once per model, hundreds of times.

#include "litec/runtime/Alignment.h"
#include "litec/runtime/Status.h"
#ifndef _WIN32
#include "litec/runtime/ThreadPool.h"
#endif

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>

#ifdef _WIN32
#include <direct.h>
#else
#include <sys/stat.h>
#endif

namespace litec::runner {

#if defined(LITEC_LAYER_RESULTS)
namespace detail {
// Where litec_layer_result writes; set by run() for the first invoke only. A debugging build's
// only global, never part of an application's build of the model.
inline const char *layerResultsDir = nullptr;
} // namespace detail
#endif

// What the runner needs of a model: its C interface and the byte size of each input and output.
struct Model {
  std::size_t arenaSize, arenaAlignment;
  const std::size_t *inputBytes;
  int inputCount;
  const std::size_t *outputBytes;
  int outputCount;
  void (*reset)(void *arena);
  int (*invoke)(void *arena, const void *const *inputs, void *const *outputs);
  int (*invokeParallel)(void *arena, const void *const *inputs, void *const *outputs,
                        litec_parallel_for_fn parallelFor, void *pool, int workers);
};

namespace detail {
// Zeroed heap memory for `count` objects of T (at least one byte, so that even a tensor of no
// elements has a pointer), freed with its owner. Not std::unique_ptr: <memory> alone would
// double the time to compile this file.
template <typename T> class Heap {
public:
  explicit Heap(std::size_t count)
      : data_(static_cast<T *>(std::calloc(count ? count : 1, sizeof(T)))) {
    if (data_ == nullptr) {
      std::fprintf(stderr, "out of memory\n");
      std::exit(1);
    }
  }
  Heap(const Heap &) = delete;
  Heap &operator=(const Heap &) = delete;
  ~Heap() { std::free(data_); }
  T *get() const { return data_; }
  T &operator[](std::size_t i) const { return data_[i]; }

private:
  T *data_;
};

inline int compareDoubles(const void *a, const void *b) {
  const double x = *static_cast<const double *>(a), y = *static_cast<const double *>(b);
  return (x > y) - (x < y);
}

// Sorts the n > 0 values and returns their median.
inline double median(double *values, long n) {
  std::qsort(values, std::size_t(n), sizeof(double), compareDoubles);
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

// The CPU time of the whole process so far, in milliseconds; -1 where there is no such clock.
inline double processCpuMs() {
#if defined(CLOCK_PROCESS_CPUTIME_ID)
  timespec now{};
  if (clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now) == 0)
    return double(now.tv_sec) * 1e3 + double(now.tv_nsec) * 1e-6;
#endif
  return -1;
}

// Reads the file into `data`, which it must fill exactly.
inline bool readInput(const char *path, unsigned char *data, std::size_t bytes) {
  std::FILE *file = std::fopen(path, "rb");
  if (file == nullptr) {
    std::fprintf(stderr, "cannot read %s\n", path);
    return false;
  }
  const std::size_t got = std::fread(data, 1, bytes, file);
  std::size_t more = 0;
  unsigned char rest[4096];
  for (std::size_t n; (n = std::fread(rest, 1, sizeof rest, file)) > 0;)
    more += n;
  std::fclose(file);
  if (got != bytes || more != 0) {
    std::fprintf(stderr, "%s has %zu bytes, the input needs %zu\n", path, got + more, bytes);
    return false;
  }
  return true;
}

inline bool writeOutput(const char *path, const unsigned char *bytes, std::size_t size) {
  std::FILE *file = std::fopen(path, "wb");
  bool ok = file != nullptr && std::fwrite(bytes, 1, size, file) == size;
  if (file != nullptr)
    ok = std::fclose(file) == 0 && ok;
  if (!ok)
    std::fprintf(stderr, "cannot write %s\n", path);
  return ok;
}

inline bool makeDirectory(const char *path) {
#ifdef _WIN32
  return _mkdir(path) == 0 || errno == EEXIST;
#else
  return mkdir(path, 0777) == 0 || errno == EEXIST;
#endif
}

// Creates `path` and its missing parents, as `mkdir -p` does.
inline bool makeDirectories(const char *path) {
  const std::size_t length = std::strlen(path);
  Heap<char> prefix(length + 1);
  for (std::size_t i = 1; i <= length; ++i)
    if (i == length || path[i] == '/' || path[i] == '\\') {
      std::memcpy(prefix.get(), path, i);
      prefix[i] = '\0';
      if (!makeDirectory(prefix.get()) && i == length)
        return false;
    }
  return true;
}

inline bool parseCount(const char *text, long &count) {
  char *end = nullptr;
  count = std::strtol(text, &end, 10);
  return end != text && *end == '\0' && count >= 0;
}
} // namespace detail

inline int run(const Model &model, int argc, char **argv) {
  // One pointer more than tensors: the C interface takes arrays, even for a model without
  // inputs or outputs.
  const std::size_t inputCount = std::size_t(model.inputCount);
  const std::size_t outputCount = std::size_t(model.outputCount);
  // Each tensor's bytes in one block, at offsets rounded up to 64 bytes.
  std::size_t totalBytes = 0;
  detail::Heap<std::size_t> inputOffsets(inputCount + 1), outputOffsets(outputCount + 1);
  for (std::size_t k = 0; k < inputCount + outputCount; ++k) {
    (k < inputCount ? inputOffsets[k] : outputOffsets[k - inputCount]) = totalBytes;
    const std::size_t bytes =
        k < inputCount ? model.inputBytes[k] : model.outputBytes[k - inputCount];
    totalBytes += (bytes + 63) / 64 * 64 + 64;
  }
  detail::Heap<unsigned char> tensors(totalBytes);
  detail::Heap<const void *> inputPointers(inputCount + 1);
  detail::Heap<void *> outputPointers(outputCount + 1);
  for (std::size_t k = 0; k < inputCount; ++k)
    inputPointers[k] = tensors.get() + inputOffsets[k];
  for (std::size_t k = 0; k < outputCount; ++k)
    outputPointers[k] = tensors.get() + outputOffsets[k];

  const char *outputDir = nullptr;
  long invokes = 1, bench = 0, threads = 0;
  std::size_t nextInput = 0;
  for (int i = 1; i < argc; ++i) {
    const char *arg = argv[i];
    const bool hasValue = i + 1 < argc;
    if (std::strcmp(arg, "--input") == 0 && hasValue) {
      if (nextInput >= inputCount) {
        std::fprintf(stderr, "the model has %d inputs\n", model.inputCount);
        return 2;
      }
      if (!detail::readInput(argv[++i], tensors.get() + inputOffsets[nextInput],
                             model.inputBytes[nextInput]))
        return 1;
      ++nextInput;
    } else if (std::strcmp(arg, "--output-dir") == 0 && hasValue) {
      outputDir = argv[++i];
#if defined(LITEC_LAYER_RESULTS)
    } else if (std::strcmp(arg, "--layer-results") == 0 && hasValue) {
      detail::layerResultsDir = argv[++i];
      if (!detail::makeDirectories(detail::layerResultsDir)) {
        std::fprintf(stderr, "cannot create %s\n", detail::layerResultsDir);
        return 1;
      }
#endif
    } else if ((std::strcmp(arg, "--invokes") == 0 || std::strcmp(arg, "--bench") == 0 ||
                std::strcmp(arg, "--threads") == 0) &&
               hasValue) {
      long &count = std::strcmp(arg, "--invokes") == 0 ? invokes
                    : std::strcmp(arg, "--bench") == 0 ? bench
                                                       : threads;
      if (!detail::parseCount(argv[++i], count)) {
        std::fprintf(stderr, "%s takes a count, not '%s'\n", arg, argv[i]);
        return 2;
      }
    } else {
      std::fprintf(stderr,
                   "usage: %s [--input FILE]... [--output-dir DIR] [--invokes N] [--bench N]"
                   " [--threads N]"
#if defined(LITEC_LAYER_RESULTS)
                   " [--layer-results DIR]"
#endif
                   "\n",
                   argv[0]);
      return 2;
    }
  }

  const std::size_t arenaBytes = model.arenaSize + model.arenaAlignment;
  detail::Heap<unsigned char> arenaMemory(arenaBytes);
  void *arena = litec::runtime::alignedWithin(arenaMemory.get(), arenaBytes, model.arenaSize,
                                              model.arenaAlignment);
  model.reset(arena);
#ifndef _WIN32
  litec::runtime::ThreadPool pool;
  if (threads > 0 && !pool.start(int(threads))) {
    std::fprintf(stderr, "cannot start %ld threads\n", threads);
    return 1;
  }
#else
  if (threads > 0) {
    std::fprintf(stderr, "--threads needs POSIX threads\n");
    return 2;
  }
#endif
  auto invoke = [&] {
#ifndef _WIN32
    const int status =
        threads > 0 ? model.invokeParallel(arena, inputPointers.get(), outputPointers.get(),
                                           &litec::runtime::ThreadPool::run, &pool, pool.workers())
                    : model.invoke(arena, inputPointers.get(), outputPointers.get());
#else
    const int status = model.invoke(arena, inputPointers.get(), outputPointers.get());
#endif
    if (status != 0)
      std::fprintf(stderr, "invoke failed: %s\n",
                   litec::runtime::statusName(static_cast<litec::runtime::Status>(status)));
    return status == 0;
  };
  for (long i = 0; i < (invokes > 0 ? invokes : 1); ++i) {
    if (!invoke())
      return 1;
#if defined(LITEC_LAYER_RESULTS)
    detail::layerResultsDir = nullptr; // the first invoke's layers only
#endif
  }
  if (outputDir != nullptr) {
    // Written now, before benchmarking invokes move any state on.
    if (!detail::makeDirectories(outputDir)) {
      std::fprintf(stderr, "cannot create %s: %s\n", outputDir, std::strerror(errno));
      return 1;
    }
    const std::size_t pathBytes = std::strlen(outputDir) + 32;
    detail::Heap<char> path(pathBytes);
    for (std::size_t k = 0; k < outputCount; ++k) {
      std::snprintf(path.get(), pathBytes, "%s/output_%zu.bin", outputDir, k);
      if (!detail::writeOutput(path.get(), tensors.get() + outputOffsets[k], model.outputBytes[k]))
        return 1;
    }
  }
  if (bench > 0) {
    detail::Heap<double> times{std::size_t(bench)}, cpuTimes{std::size_t(bench)};
    for (long i = 0; i < bench; ++i) {
      const double cpuStart = detail::processCpuMs();
      const auto start = std::chrono::steady_clock::now();
      if (!invoke())
        return 1;
      const auto stop = std::chrono::steady_clock::now();
      cpuTimes[std::size_t(i)] = detail::processCpuMs() - cpuStart;
      times[std::size_t(i)] = std::chrono::duration<double, std::milli>(stop - start).count();
    }
    std::printf("median_ms=%.4f\n", detail::median(times.get(), bench));
    if (detail::processCpuMs() >= 0)
      std::printf("cpu_median_ms=%.4f\n", detail::median(cpuTimes.get(), bench));
  }
  return 0;
}

} // namespace litec::runner

#if defined(LITEC_LAYER_RESULTS)
// Defined here, not inline: the layers' source calls it, and only the runner includes this file.
extern "C" void litec_layer_result(int, int value, const void *data, std::size_t bytes) {
  const char *dir = litec::runner::detail::layerResultsDir;
  if (dir == nullptr)
    return;
  const std::size_t pathBytes = std::strlen(dir) + 32;
  litec::runner::detail::Heap<char> path(pathBytes);
  std::snprintf(path.get(), pathBytes, "%s/value_%d.bin", dir, value);
  litec::runner::detail::writeOutput(path.get(), static_cast<const unsigned char *>(data), bytes);
}
#endif

#endif // LITEC_RUNNER_H
