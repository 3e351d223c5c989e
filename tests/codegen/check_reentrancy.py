#!/usr/bin/env python3
"""Reentrancy of generated code: one compiled model, two threads, two arenas. Each thread
resets its own arena and invokes the model N times (stateful models carry their state from run
to run); the outputs of every run must equal those of the same sequence run alone, on one
thread. Different inputs per thread make a shared arena or a mutable global show up.

Usage: check_reentrancy.py [--test-models MAKER] LITEC CXX WORK_DIR MODEL...
  --test-models M   also run every model `M list` names (make-test-model: the project's own,
                    so that the check runs where no real model is present)
Exit 77 when no model exists.
"""
import os
import subprocess
import sys

from modelfiles import expand, make_test_models

DRIVER = r'''
#include "model.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <type_traits>
#include <thread>
#include <vector>

namespace {
constexpr int kRuns = 4;
using In = model::inputs::INPUT::Element;
using Out = model::outputs::OUTPUT::Element;
constexpr std::size_t kIn = model::inputs::INPUT::kElementCount;
constexpr std::size_t kOut = model::outputs::OUTPUT::kElementCount;

struct Arena {
  std::unique_ptr<unsigned char[]> memory{new unsigned char[model::kArenaSize + model::kArenaAlignment]};
  void *aligned() {
    void *p = memory.get();
    std::size_t space = model::kArenaSize + model::kArenaAlignment;
    return std::align(model::kArenaAlignment, model::kArenaSize, p, space);
  }
};

// kRuns invokes on inputs derived from `seed`; returns every run's output bytes.
std::vector<unsigned char> runSequence(unsigned seed) {
  Arena arena;
  void *a = arena.aligned();
  model::reset(a);
  std::vector<unsigned char> outputs;
  std::vector<In> input(kIn);
  std::vector<Out> output(kOut);
  for (int run = 0; run < kRuns; ++run) {
    for (std::size_t i = 0; i < kIn; ++i) {
      unsigned x = seed * 2654435761u + unsigned(run) * 40503u + unsigned(i) * 2246822519u;
      x ^= x >> 13;
      if constexpr (std::is_floating_point_v<In>)
        input[i] = In(int(x % 2001) - 1000) / In(1000);
      else
        input[i] = In(x);
    }
    if (model::invoke(a, input.data(), output.data()) != litec::runtime::Status::kOk)
      std::exit(3);
    const auto *bytes = reinterpret_cast<const unsigned char *>(output.data());
    outputs.insert(outputs.end(), bytes, bytes + kOut * sizeof(Out));
  }
  return outputs;
}
} // namespace

int main() {
  const std::vector<unsigned char> alone1 = runSequence(1), alone2 = runSequence(2);
  std::vector<unsigned char> threaded1, threaded2;
  for (int repeat = 0; repeat < 20; ++repeat) {
    std::thread t1([&] { threaded1 = runSequence(1); });
    std::thread t2([&] { threaded2 = runSequence(2); });
    t1.join();
    t2.join();
    if (threaded1 != alone1 || threaded2 != alone2) {
      std::printf("threaded runs differ from single-thread runs\n");
      return 1;
    }
  }
  std::printf("two threads, two arenas, %d runs each, 20 times: equal to single-thread runs (%s)\n",
              kRuns, alone1 != alone2 ? "the two sequences differ" : "the two sequences agree");
  return 0;
}
'''


def main():
    args = sys.argv[1:]
    maker = None
    if args[:1] == ["--test-models"]:
        maker, args = args[1], args[2:]
    litec, cxx, work = args[:3]
    models = expand(args[3:])
    if maker:
        models += make_test_models(maker, os.path.join(work, "test-models"))
    if not models:
        print("no models found: skipped")
        return 77
    failed = 0
    for model in models:
        name = os.path.basename(model)[:-len(".tflite")]
        src = os.path.join(work, name)
        subprocess.run([litec, "compile", model, "-o", src], check=True, stdout=subprocess.DEVNULL)
        header = open(os.path.join(src, "model.h")).read()
        inputs = [l.split("::")[1].split()[0] for l in header.splitlines()
                  if l.startswith("namespace inputs::")]
        outputs = [l.split("::")[1].split()[0] for l in header.splitlines()
                   if l.startswith("namespace outputs::")]
        if len(inputs) != 1 or len(outputs) != 1:
            print("skip %s: the driver handles one input and one output" % name)
            continue
        driver = DRIVER.replace("INPUT", inputs[0]).replace("OUTPUT", outputs[0])
        open(os.path.join(src, "reentrancy_main.cpp"), "w").write(driver)
        sources = [os.path.join(src, f) for f in sorted(os.listdir(src)) if f.endswith(".cpp")]
        binary = os.path.join(src, "reentrancy")
        subprocess.run([cxx, "-std=c++17", "-O2", "-pthread", "-o", binary] + sources, check=True)
        run = subprocess.run([binary], capture_output=True, text=True)
        ok = run.returncode == 0
        failed += not ok
        print(("ok   " if ok else "FAIL ") + name + ": " + (run.stdout.strip() or run.stderr.strip()))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
