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

#include "Parallel.h"

#include <pthread.h>

namespace litec::runtime {

class ThreadPool {
public:
  static constexpr int kMaxWorkers = 64;

  ThreadPool() {
    pthread_mutex_init(&mutex_, nullptr);
    pthread_cond_init(&wake_, nullptr);
    pthread_cond_init(&finished_, nullptr);
  }
  ~ThreadPool() {
    stop();
    pthread_cond_destroy(&finished_);
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
    pthread_mutex_lock(&mutex_);
    stopping_ = false;
    pthread_mutex_unlock(&mutex_);
    for (int i = 0; i + 1 < workers; ++i) {
      if (pthread_create(&threads_[i], nullptr, &ThreadPool::threadMain, this) != 0)
        return false;
      ++threadsStarted_;
    }
    return true;
  }

  // Joins the threads; the pool then runs everything on the caller until start() again.
  void stop() {
    pthread_mutex_lock(&mutex_);
    stopping_ = true;
    pthread_cond_broadcast(&wake_);
    pthread_mutex_unlock(&mutex_);
    for (int i = 0; i < threadsStarted_; ++i)
      pthread_join(threads_[i], nullptr);
    threadsStarted_ = 0;
  }

  int workers() const { return threadsStarted_ + 1; }

  // The parallel-for to hand to invoke(); valid while the pool lives.
  ParallelFor parallelFor() { return ParallelFor{&ThreadPool::run, this, workers()}; }

  // litec_parallel_for_fn: the caller and the threads take the indices one at a time.
  static void run(void *self, int count, litec_task_fn task, void *task_context) {
    auto &pool = *static_cast<ThreadPool *>(self);
    if (pool.threadsStarted_ == 0 || count <= 1) {
      for (int i = 0; i < count; ++i)
        task(task_context, i);
      return;
    }
    pthread_mutex_lock(&pool.mutex_);
    pool.task_ = task;
    pool.taskContext_ = task_context;
    pool.count_ = count;
    pool.next_ = 0;
    pool.unfinished_ = count;
    ++pool.generation_;
    pthread_cond_broadcast(&pool.wake_);
    pool.work(); // returns with the mutex held and no index left to take
    while (pool.unfinished_ > 0)
      pthread_cond_wait(&pool.finished_, &pool.mutex_);
    pthread_mutex_unlock(&pool.mutex_);
  }

private:
  // With the mutex held: runs indices of the current job (unlocked while each runs) until none
  // is left to take.
  void work() {
    while (next_ < count_) {
      const int index = next_++;
      pthread_mutex_unlock(&mutex_);
      task_(taskContext_, index);
      pthread_mutex_lock(&mutex_);
      if (--unfinished_ == 0)
        pthread_cond_signal(&finished_);
    }
  }

  static void *threadMain(void *self) {
    auto &pool = *static_cast<ThreadPool *>(self);
    pthread_mutex_lock(&pool.mutex_);
    unsigned seen = pool.generation_;
    for (;;) {
      while (!pool.stopping_ && pool.generation_ == seen)
        pthread_cond_wait(&pool.wake_, &pool.mutex_);
      if (pool.stopping_)
        break;
      seen = pool.generation_;
      pool.work();
    }
    pthread_mutex_unlock(&pool.mutex_);
    return nullptr;
  }

  pthread_mutex_t mutex_;
  pthread_cond_t wake_, finished_;
  pthread_t threads_[kMaxWorkers - 1] = {};
  int threadsStarted_ = 0;
  // The current job, guarded by mutex_.
  litec_task_fn task_ = nullptr;
  void *taskContext_ = nullptr;
  int count_ = 0, next_ = 0, unfinished_ = 0;
  unsigned generation_ = 0;
  bool stopping_ = false;
};

} // namespace litec::runtime

#endif // LITEC_RUNTIME_THREAD_POOL_H
