#ifndef LITEC_RUNTIME_THREAD_POOL_H
#define LITEC_RUNTIME_THREAD_POOL_H

// A small pthread pool for apps that want invoke() to use several cores (Parallel.h): workers - 1
// threads started once, the calling thread the last worker. No heap (the threads' handles live
// in the object), no exceptions, no globals; POSIX threads (link with -pthread where the C
// library does not hold them). One parallel-for at a time: a pool serves one invoke at a time.
//
//   litec::runtime::ThreadPool pool;
//   pool.start(4);
//   model::invoke(arena, pool.parallelFor(), input, output);
//
// An invoke hands the pool one job per large layer, tens of them a few microseconds apart, so
// waking a sleeping thread per job would cost more than the split saves (here about 17
// microseconds a job: face_detection_full_range's 63 split layers took 1.1 ms more that way). Idle
// threads therefore poll for the next job for 0.3 to 1 ms before they sleep, and the caller polls
// for the last part to finish, as XNNPACK's pthreadpool does.
//
// Part i of a job goes to worker i (the caller is worker 0) when that worker is there to take it:
// a layer's parts are equal shares of its output rows or pixels, so with the same worker on the
// same share from layer to layer most of a layer's input is still in the cache of the core that
// wrote it (taking parts in whatever order threads arrive made mobilenet_v2's parallel layers
// 1.2x slower here). A worker that has finished takes any part nobody has started, so a thread
// that is descheduled only costs time, never a hang. A job is published through one 64-bit
// word: its generation in the high half, the parts taken as bits in the low half; a part is taken
// by compare-and-swap on the whole word, so a thread still looking at a finished job can never
// take a part of the next one.

#include "Parallel.h"

#include <atomic>
#include <cstdint>
#include <pthread.h>
#include <sched.h>

namespace litec::runtime {

class ThreadPool {
public:
  // Parts of one job are bits of a 32-bit word; a larger count runs as several jobs.
  static constexpr int kMaxWorkers = 32;
  // Polls (each a pause instruction, 40 to 140 cycles) before an idle thread sleeps, or the
  // caller waiting for a part starts yielding its core.
  static constexpr int kSpinRounds = 1 << 14;

  ThreadPool() {
    pthread_mutex_init(&mutex_, nullptr);
    pthread_cond_init(&wake_, nullptr);
  }
  ~ThreadPool() {
    stop();
    pthread_cond_destroy(&wake_);
    pthread_mutex_destroy(&mutex_);
  }
  ThreadPool(const ThreadPool &) = delete;
  ThreadPool &operator=(const ThreadPool &) = delete;

  // Starts workers - 1 threads (at most kMaxWorkers - 1), after stopping any running ones.
  // Returns false when a thread could not be created; the pool then works with the threads it
  // has (workers() says how many, the caller included).
  bool start(int workers) {
    stop();
    if (workers > kMaxWorkers)
      workers = kMaxWorkers;
    stopping_.store(false);
    for (int i = 0; i + 1 < workers; ++i) {
      Thread &thread = threads_[i];
      thread.pool = this;
      thread.worker = i + 1;
      if (pthread_create(&thread.handle, nullptr, &ThreadPool::threadMain, &thread) != 0)
        return false;
      ++threadsStarted_;
    }
    return true;
  }

  // Joins the threads; the pool then runs everything on the caller until start() again.
  void stop() {
    stopping_.store(true);
    pthread_mutex_lock(&mutex_);
    pthread_cond_broadcast(&wake_);
    pthread_mutex_unlock(&mutex_);
    for (int i = 0; i < threadsStarted_; ++i)
      pthread_join(threads_[i].handle, nullptr);
    threadsStarted_ = 0;
  }

  int workers() const { return threadsStarted_ + 1; }

  // The parallel-for to hand to invoke(); valid while the pool lives.
  ParallelFor parallelFor() { return ParallelFor{&ThreadPool::run, this, workers()}; }

  // litec_parallel_for_fn: index i on worker i where it can, at most 32 indices a job.
  static void run(void *self, int count, litec_task_fn task, void *task_context) {
    auto &pool = *static_cast<ThreadPool *>(self);
    if (pool.threadsStarted_ == 0 || count <= 1) {
      for (int i = 0; i < count; ++i)
        task(task_context, i);
      return;
    }
    for (int first = 0; first < count; first += kMaxWorkers)
      pool.runJob(first, count - first < kMaxWorkers ? count - first : kMaxWorkers, task,
                  task_context);
  }

private:
  struct Thread {
    ThreadPool *pool = nullptr;
    int worker = 0;
    pthread_t handle{};
  };
  struct Slot {
    std::atomic<litec_task_fn> task{nullptr};
    std::atomic<void *> context{nullptr};
    std::atomic<int> first{0}, count{0};
  };

  static void relax() {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#elif defined(__aarch64__) || defined(__ARM_ARCH_7A__)
    __asm__ __volatile__("yield");
#endif
  }

  // Runs indices [first, first + count) of the task, count <= kMaxWorkers, as one job.
  void runJob(int first, int count, litec_task_fn task, void *task_context) {
    // Only the caller moves the generation on, so it reads its own last one.
    const std::uint32_t generation =
        static_cast<std::uint32_t>(job_.load(std::memory_order_relaxed) >> 32) + 1;
    // The slot of the job before last: every part of that one has finished and no thread can
    // take one (its generation has passed), so it is free to fill.
    Slot &slot = slots_[generation & 1];
    slot.task.store(task, std::memory_order_relaxed);
    slot.context.store(task_context, std::memory_order_relaxed);
    slot.first.store(first, std::memory_order_relaxed);
    slot.count.store(count, std::memory_order_relaxed);
    unfinished_.store(count, std::memory_order_relaxed);
    // Sequentially consistent with the sleepers count below (see waitForJob).
    job_.store(std::uint64_t(generation) << 32, std::memory_order_seq_cst);
    if (sleepers_.load(std::memory_order_seq_cst) > 0) {
      pthread_mutex_lock(&mutex_);
      pthread_cond_broadcast(&wake_);
      pthread_mutex_unlock(&mutex_);
    }
    work(generation, 0);
    for (int spins = 0; unfinished_.load(std::memory_order_acquire) != 0; ++spins) {
      if (spins < kSpinRounds)
        relax();
      else
        sched_yield(); // a thread with a part was descheduled: give it the core
    }
  }

  // Takes and runs parts of job `generation`, part `worker` first, until none is left to take.
  void work(std::uint32_t generation, int worker) {
    const Slot &slot = slots_[generation & 1];
    std::uint64_t job = job_.load(std::memory_order_acquire);
    for (;;) {
      if (static_cast<std::uint32_t>(job >> 32) != generation)
        return;
      // Read before the swap: the slot holds this generation's job for as long as the word
      // does, and the swap only succeeds if it still does.
      const int count = slot.count.load(std::memory_order_relaxed);
      const std::uint32_t all = count >= 32 ? ~0u : (1u << count) - 1;
      const std::uint32_t open = all & ~static_cast<std::uint32_t>(job);
      if (open == 0)
        return;
      const int part = worker < count && (open >> worker & 1) != 0 ? worker : __builtin_ctz(open);
      if (!job_.compare_exchange_weak(job, job | std::uint64_t(1) << part,
                                      std::memory_order_acq_rel, std::memory_order_acquire))
        continue;
      slot.task.load(std::memory_order_relaxed)(slot.context.load(std::memory_order_relaxed),
                                                slot.first.load(std::memory_order_relaxed) + part);
      unfinished_.fetch_sub(1, std::memory_order_release);
      job = job_.load(std::memory_order_acquire);
    }
  }

  // Returns the generation of a job newer than `seen`, or `seen` when the pool is stopping.
  std::uint32_t waitForJob(std::uint32_t seen) {
    const auto current = [this] {
      return static_cast<std::uint32_t>(job_.load(std::memory_order_seq_cst) >> 32);
    };
    for (int spins = 0; spins < kSpinRounds; ++spins) {
      if (current() != seen || stopping_.load(std::memory_order_relaxed))
        return current();
      relax();
    }
    // Sleep. The caller publishes the job, then reads sleepers_; this thread counts itself in
    // sleepers_, then reads the job under the mutex: one of the two sees the other, and the
    // broadcast takes the mutex, so it cannot fall between the check and the wait.
    pthread_mutex_lock(&mutex_);
    sleepers_.fetch_add(1, std::memory_order_seq_cst);
    while (current() == seen && !stopping_.load())
      pthread_cond_wait(&wake_, &mutex_);
    sleepers_.fetch_sub(1, std::memory_order_relaxed);
    pthread_mutex_unlock(&mutex_);
    return current();
  }

  static void *threadMain(void *argument) {
    const Thread &thread = *static_cast<const Thread *>(argument);
    ThreadPool &pool = *thread.pool;
    // A job published before this thread ran is simply joined late (or found finished).
    std::uint32_t seen = 0;
    for (;;) {
      seen = pool.waitForJob(seen);
      if (pool.stopping_.load())
        return nullptr;
      pool.work(seen, thread.worker);
    }
  }

  pthread_mutex_t mutex_;
  pthread_cond_t wake_;
  Thread threads_[kMaxWorkers - 1];
  int threadsStarted_ = 0;
  // The job: generation << 32 | the parts taken, one bit each. Generation 0 is no job.
  std::atomic<std::uint64_t> job_{0};
  Slot slots_[2];
  std::atomic<int> unfinished_{0}; // parts of the current job not yet finished
  std::atomic<int> sleepers_{0};   // threads waiting on wake_
  std::atomic<bool> stopping_{false};
};

} // namespace litec::runtime

#endif // LITEC_RUNTIME_THREAD_POOL_H
