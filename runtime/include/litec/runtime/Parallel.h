// Include guards, not #pragma once: every generated model carries its own copy of these
// headers, and an application including two models must see one definition.
#ifndef LITEC_RUNTIME_PARALLEL_H
#define LITEC_RUNTIME_PARALLEL_H

// Splitting a layer's work across the caller's threads. Generated code creates no thread and
// keeps no state between calls: the app hands invoke() a parallel-for (a function pointer and
// its context), and each large layer asks it to run a few equal parts of its output at once.
// Every part computes its own rows with the same arithmetic, so the answers do not depend on
// the number of workers. ThreadPool.h is a small pthread pool that provides one.

#include <cstdint>

extern "C" {
// Runs task(task_context, i) for every i in [0, count), in any order and on any threads, and
// returns when every call has returned.
typedef void (*litec_task_fn)(void *task_context, int index);
typedef void (*litec_parallel_for_fn)(void *pool, int count, litec_task_fn task,
                                      void *task_context);
}

namespace litec::runtime {

// Part `index` of `count` equal shares of a layer's work units (rows, blocks of pixels).
struct Part {
  int index = 0, count = 1;
  // The first unit of this part, of `units` in all; end() is the next part's begin().
  constexpr int begin(int units) const {
    return static_cast<int>(static_cast<std::int64_t>(units) * index / count);
  }
  constexpr int end(int units) const {
    return static_cast<int>(static_cast<std::int64_t>(units) * (index + 1) / count);
  }
};

struct ParallelFor {
  litec_parallel_for_fn run = nullptr; // nullptr: everything on the calling thread
  void *pool = nullptr;                // run's first argument
  int workers = 1;                     // how many parts a layer is split into at most

  // Calls body(part) for each part of a layer of `units` work units: one part per worker, at
  // most one per unit; without a parallel-for (or with one worker) body(Part{}) here.
  template <class Body> void forEachPart(int units, Body &&body) const {
    const int parts = workers < units ? workers : units;
    if (run == nullptr || parts <= 1) {
      body(Part{});
      return;
    }
    struct Job {
      Body *body;
      int parts;
    } job{&body, parts};
    run(
        pool, parts,
        [](void *context, int index) {
          const Job &j = *static_cast<const Job *>(context);
          (*j.body)(Part{index, j.parts});
        },
        &job);
  }
};

} // namespace litec::runtime

#endif // LITEC_RUNTIME_PARALLEL_H
