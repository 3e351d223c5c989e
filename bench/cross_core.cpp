// What a layer split across two workers pays when its data was last written by the other core
// (README, "Threads are the caller's"): the median time to read, and to overwrite, a buffer that
// this thread wrote last against one that another thread (on the other core, when the scheduler
// spreads them) wrote last. The arena's bytes move between layers, so a worker's part of one
// layer often starts on lines its partner's part of an earlier layer wrote.
//
// The main thread is pinned to CPU 0 and the writing thread to CPU 1 (Linux), so "other" is
// always the other core. Prints `read own=<us> other=<us>` and `overwrite own=<us> other=<us>`
// for a buffer of --kib KiB (default 1024).
//
// Build: c++ -O3 -march=native -std=c++17 -pthread bench/cross_core.cpp -o cross_core

#include <pthread.h>
#include <sched.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <thread>
#include <vector>

namespace {
using Clock = std::chrono::steady_clock;

double microseconds(Clock::time_point from, Clock::time_point to) {
  return std::chrono::duration<double, std::micro>(to - from).count();
}

// Pins the calling thread to one CPU; false where the machine has no such CPU.
bool pinTo(int cpu) {
  cpu_set_t set;
  CPU_ZERO(&set);
  CPU_SET(cpu, &set);
  return pthread_setaffinity_np(pthread_self(), sizeof(set), &set) == 0;
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}
} // namespace

int main(int argc, char **argv) {
  size_t kib = 1024;
  for (int i = 1; i + 1 < argc; ++i)
    if (std::strcmp(argv[i], "--kib") == 0)
      kib = std::strtoul(argv[i + 1], nullptr, 10);
  if (!pinTo(0)) {
    std::fprintf(stderr, "cross_core: cannot pin to CPU 0\n");
    return 1;
  }
  const size_t count = kib * 1024 / sizeof(float);
  std::vector<float> buffer(count, 1.f);
  volatile float sink = 0;
  // One float per 64-byte line: the time is the lines' transfer, not the arithmetic.
  const auto read = [&] {
    float sum = 0;
    for (size_t i = 0; i < count; i += 16)
      sum += buffer[i];
    sink = sink + sum;
  };
  const auto write = [&](float value) {
    for (size_t i = 0; i < count; ++i)
      buffer[i] = value;
  };
  bool pinned = true;
  const auto writeOnCpu1 = [&](float value) {
    std::thread([&] {
      pinned = pinned && pinTo(1);
      write(value);
    }).join();
  };
  std::vector<double> readOwn, readOther, writeOwn, writeOther;
  for (int round = 0; round < 51; ++round) {
    write(float(round));
    Clock::time_point start = Clock::now();
    read();
    readOwn.push_back(microseconds(start, Clock::now()));
    writeOnCpu1(float(round));
    start = Clock::now();
    read();
    readOther.push_back(microseconds(start, Clock::now()));
    write(float(round));
    start = Clock::now();
    write(float(round + 1));
    writeOwn.push_back(microseconds(start, Clock::now()));
    writeOnCpu1(float(round));
    start = Clock::now();
    write(float(round + 1));
    writeOther.push_back(microseconds(start, Clock::now()));
  }
  if (!pinned) {
    std::fprintf(stderr, "cross_core: cannot pin to CPU 1\n");
    return 1;
  }
  std::printf("buffer %zu KiB\nread own=%.1f other=%.1f\noverwrite own=%.1f other=%.1f\n", kib,
              median(readOwn), median(readOther), median(writeOwn), median(writeOther));
  return 0;
}
