// runtime/Parallel.h and runtime/ThreadPool.h on real threads: how a layer's units are split
// into parts, and that a pool of 1, 2 and 4 workers runs every part exactly once per call, call
// after call (the sanitizer build runs this too).

#include "litec/runtime/ThreadPool.h"

#include <catch2/catch.hpp>

#include <atomic>
#include <ctime>
#include <vector>

using namespace litec::runtime;

TEST_CASE("parts cover a layer's units once, in order", "[parallel]") {
  for (int units : {1, 2, 5, 112, 2091})
    for (int count : {1, 2, 3, 4, 7}) {
      int next = 0;
      for (int i = 0; i < count; ++i) {
        const Part part{i, count};
        CHECK(part.begin(units) == next);
        CHECK(part.end(units) >= part.begin(units));
        next = part.end(units);
      }
      CHECK(next == units);
    }
}

TEST_CASE("a parallel-for runs every part of every layer exactly once", "[parallel]") {
  for (int workers : {0, 1, 2, 4}) {
    ThreadPool pool;
    if (workers > 0)
      REQUIRE(pool.start(workers));
    const ParallelFor parallel = workers > 0 ? pool.parallelFor() : ParallelFor{};
    INFO(workers << " workers");
    CHECK(parallel.workers == (workers > 0 ? workers : 1));
    for (int layer = 0; layer < 200; ++layer) {
      const int units = 1 + layer % 37;
      std::vector<std::atomic<int>> computed(static_cast<size_t>(units));
      for (auto &c : computed)
        c = 0;
      std::atomic<int> parts{0};
      parallel.forEachPart(units, [&](Part part) {
        ++parts;
        for (int u = part.begin(units); u < part.end(units); ++u)
          ++computed[size_t(u)];
      });
      int once = 0;
      for (auto &c : computed)
        once += c == 1;
      CHECK(once == units);
      // One part per worker, at most one per unit.
      const int expected = parallel.workers < units ? parallel.workers : units;
      CHECK(parts == expected);
    }
  }
}

TEST_CASE("a pool restarts with another number of workers", "[parallel]") {
  ThreadPool pool;
  REQUIRE(pool.start(3));
  CHECK(pool.workers() == 3);
  REQUIRE(pool.start(2));
  CHECK(pool.workers() == 2);
  std::atomic<int> calls{0};
  ThreadPool::run(
      &pool, 5, [](void *context, int) { ++*static_cast<std::atomic<int> *>(context); }, &calls);
  CHECK(calls == 5);
  pool.stop();
  CHECK(pool.workers() == 1);
}

TEST_CASE("a pool runs more indices than it has parts per job", "[parallel]") {
  // Parts are bits of one word, at most ThreadPool::kMaxWorkers a job: a larger count runs as
  // several jobs, each index still exactly once.
  ThreadPool pool;
  REQUIRE(pool.start(3));
  for (int count : {31, 32, 33, 70}) {
    std::vector<std::atomic<int>> runs(static_cast<size_t>(count));
    for (auto &r : runs)
      r = 0;
    ThreadPool::run(
        &pool, count,
        [](void *context, int index) {
          ++(*static_cast<std::vector<std::atomic<int>> *>(context))[size_t(index)];
        },
        &runs);
    int once = 0;
    for (auto &r : runs)
      once += r == 1;
    CHECK(once == count);
  }
}

TEST_CASE("a pool finishes a job whose worker sleeps", "[parallel]") {
  // Jobs far apart: the threads stop polling and sleep between them, and must still be woken
  // (or their parts taken by the caller) for every job.
  ThreadPool pool;
  REQUIRE(pool.start(2));
  for (int job = 0; job < 3; ++job) {
    timespec pause{0, 20 * 1000 * 1000};
    nanosleep(&pause, nullptr);
    std::atomic<int> calls{0};
    ThreadPool::run(
        &pool, 2, [](void *context, int) { ++*static_cast<std::atomic<int> *>(context); }, &calls);
    CHECK(calls == 2);
  }
}
