#!/usr/bin/env python3
"""The CMake integration, each way an application gets litec_add_model, as a user writes it:

  install             `cmake --install` of litec's build into a prefix, then the app
                      (tests/cmake/app-install) configured with find_package(Litec) and
                      CMAKE_PREFIX_PATH, built with Ninja;
  subdirectory        the app (tests/cmake/app-subdirectory) has litec's source tree at
                      third_party/litec and add_subdirectory()s it: litec itself is built inside
                      the app, with plain `cmake -S . -B build && cmake --build build` (CMake's
                      default generator, Unix Makefiles), then again with -G Ninja in the same
                      place (so that ccache serves the second build: the paths are the same).

With a `cross-` prefix (cross-install, cross-subdirectory) the app is cross-compiled for AArch64
with cmake/toolchains/aarch64-linux-gnu.cmake and LITEC_EXECUTABLE naming the host-built litec
(a cross build cannot run a litec it builds), and runs under qemu-aarch64; skipped (77) without
g++-aarch64-linux-gnu and qemu-user.

The app compiles two models the project makes (make-test-model small-int8 and small-float) at
build time, runs them, and must reproduce what the reference interpreter (`litec run`) gives on
the same inputs: the int8 classifier bit for bit, the float regressor within 1e-5 relative.
Then one model file is touched: the next build must run litec again for that model only, and a
build after that must do nothing.

Usage: check_cmake.py MODE SOURCE_DIR LITEC_BUILD_DIR WORK_DIR MAKE_TEST_MODEL
"""
import os
import random
import shutil
import struct
import subprocess
import sys
import time


def run(args, **kwargs):
    result = subprocess.run(args, capture_output=True, text=True, **kwargs)
    if result.returncode != 0:
        print("FAIL: " + " ".join(args) + "\n" + result.stdout[-3000:] + result.stderr[-3000:])
        sys.exit(1)
    return result.stdout


def main():
    mode, source, litec_build, work, make_test_model = sys.argv[1:6]
    cross = mode.startswith("cross-")
    kind = mode[len("cross-"):] if cross else mode
    if cross and (not shutil.which("aarch64-linux-gnu-g++") or not shutil.which("qemu-aarch64")):
        print("g++-aarch64-linux-gnu or qemu-user not installed: skipped")
        return 77
    host_litec = os.path.join(litec_build, "compiler", "litec")
    shutil.rmtree(work, ignore_errors=True)
    app = os.path.join(work, "app")
    shutil.copytree(os.path.join(source, "tests", "cmake",
                                 "app-install" if kind == "install" else "app-subdirectory"), app)
    shutil.copy(os.path.join(source, "tests", "cmake", "app-common", "main.cpp"), app)
    models = os.path.join(app, "models")
    os.makedirs(models)
    for name, builder in (("classifier", "small-int8"), ("regressor", "small-float")):
        run([make_test_model, builder, os.path.join(models, name + ".tflite")])

    host_env = dict(os.environ)
    if kind == "install":
        prefix = os.path.join(work, "prefix")
        run(["cmake", "--install", litec_build, "--prefix", prefix])
        extra = ["-DLitec_DIR=" + os.path.join(prefix, "lib", "cmake", "Litec")] if cross else \
            ["-DCMAKE_PREFIX_PATH=" + prefix]  # a toolchain file confines package search
        generators = ["Ninja"]
    elif kind == "subdirectory":
        os.makedirs(os.path.join(app, "third_party"))
        os.symlink(source, os.path.join(app, "third_party", "litec"))
        extra = []
        generators = ["Ninja"] if cross else [None, "Ninja"]  # None: CMake's default
        # The user's command stays `cmake --build build`; this only lets make use both cores.
        host_env.setdefault("CMAKE_BUILD_PARALLEL_LEVEL", str(os.cpu_count() or 2))
    else:
        print("unknown mode " + mode)
        return 2
    if cross:
        extra += ["-DCMAKE_TOOLCHAIN_FILE=" + os.path.join(
            source, "cmake", "toolchains", "aarch64-linux-gnu.cmake"),
            "-DLITEC_EXECUTABLE=" + host_litec]
    for generator in generators:
        result = build_and_check(mode, app, extra, generator, host_env, host_litec, work, cross)
        if result != 0:
            return result
    return 0


def build_and_check(mode, app, extra, generator, env, host_litec, work, cross):
    """Configures and builds the app, checks its outputs against the interpreter's, then that
    touching one model regenerates only that model."""
    label = "%s (%s)" % (mode, generator or "default generator")
    models = os.path.join(app, "models")
    app_build = os.path.join(app, "build")
    shutil.rmtree(app_build, ignore_errors=True)
    configure = ["cmake", "-S", app, "-B", app_build] + (["-G", generator] if generator else [])
    run(configure + extra, env=env)
    built = run(["cmake", "--build", app_build, "--parallel", str(os.cpu_count() or 1)], env=env)
    if built.count("litec: compiling") != 2:
        print("FAIL: the first build should compile both models:\n" + built[-3000:])
        return 1
    built_litec = os.path.join(app_build, "litec", "compiler", "litec")
    if mode == "subdirectory" and not os.path.exists(built_litec):
        print("FAIL: add_subdirectory did not build litec itself (%s)" % built_litec)
        return 1

    # The same inputs for the app and the reference interpreter.
    rng = random.Random(7)
    image = os.path.join(work, "image.bin")
    with open(image, "wb") as f:
        f.write(bytes(rng.randrange(256) for _ in range(8 * 8 * 3)))
    x = os.path.join(work, "x.bin")
    with open(x, "wb") as f:
        f.write(struct.pack("<f", 1.5))
    scores, y = os.path.join(work, "scores.bin"), os.path.join(work, "y.bin")
    launcher = []
    program = os.path.join(app_build, "app")
    if cross:
        with open(program, "rb") as f:
            header = f.read(20)
        machine = int.from_bytes(header[18:20], "little")
        if header[:4] != b"\x7fELF" or machine != 183:  # EM_AARCH64
            print(f"FAIL: {program} is not an AArch64 program (ELF machine {machine})")
            return 1
        launcher = ["qemu-aarch64", "-L", "/usr/aarch64-linux-gnu"]
        # The app compiles its regressor for --target neon on ARM.
        generated = os.path.join(app_build, "litec-models", "regressor", "regressor.cpp")
        if "(target neon)" not in open(generated).read().split("\n", 1)[0]:
            print(f"FAIL: {generated} was not compiled for the neon target")
            return 1
    printed = run(launcher + [program, image, scores, y]).strip()
    reference = os.path.join(work, "reference")
    run([host_litec, "run", os.path.join(models, "classifier.tflite"), "--input", image,
         "--output-dir", os.path.join(reference, "classifier")])
    run([host_litec, "run", os.path.join(models, "regressor.tflite"), "--input", x,
         "--output-dir", os.path.join(reference, "regressor")])
    same_scores = open(scores, "rb").read() == open(
        os.path.join(reference, "classifier", "output_0.bin"), "rb").read()
    ours = struct.unpack("<f", open(y, "rb").read())[0]
    theirs = struct.unpack("<f", open(os.path.join(reference, "regressor", "output_0.bin"),
                                      "rb").read())[0]
    close = abs(ours - theirs) <= 1e-5 * max(abs(theirs), 1.0)
    print("%s: built both models; classifier %s the interpreter's output, regressor %.7g vs %.7g; "
          "%s" % (label, "equals" if same_scores else "DIFFERS FROM", ours, theirs, printed))
    if not same_scores or not close:
        return 1

    # Touching a model regenerates that model only, and relinks the app.
    time.sleep(1.1)
    os.utime(os.path.join(models, "regressor.tflite"))
    rebuilt = run(["cmake", "--build", app_build], env=env)
    if rebuilt.count("litec: compiling") != 1 or "regressor" not in rebuilt:
        print("FAIL: touching the model should regenerate it once:\n" + rebuilt[-3000:])
        return 1
    unchanged = run(["cmake", "--build", app_build], env=env)
    if "litec: compiling" in unchanged:
        print("FAIL: a build with nothing changed regenerated a model")
        return 1
    print("%s: touching regressor.tflite regenerated it (and only it); a second build did "
          "nothing" % label)
    return 0


if __name__ == "__main__":
    sys.exit(main())
