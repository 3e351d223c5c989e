#!/usr/bin/env python3
"""The CMake integration, both ways an application gets litec_add_model:

  install       `cmake --install` of litec's build into a temporary prefix, then the app
                configured with find_package(Litec) (CMAKE_PREFIX_PATH);
  subdirectory  the app add_subdirectory()s litec's source tree (with LITEC_EXECUTABLE pointing
                at the litec already built, so that the test does not build it a second time).

With a `cross-` prefix (cross-install, cross-subdirectory) the app is cross-compiled for AArch64
with cmake/toolchains/aarch64-linux-gnu.cmake, litec_add_model runs the host-built litec
(LITEC_EXECUTABLE), and the app runs under qemu-aarch64; skipped (77) without
g++-aarch64-linux-gnu and qemu-user.

The app (tests/cmake/app) compiles two models at build time, runs micro_speech on its golden
input and must reproduce the golden output bit for bit. Then one model file is touched: the next
build must run litec again and rebuild that model.

Usage: check_cmake.py MODE SOURCE_DIR LITEC_BUILD_DIR WORK_DIR MODEL_DIR ; exit 77 (skipped)
when the models are absent.
"""
import os
import shutil
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
    mode, source, litec_build, work, model_dir = sys.argv[1:6]
    golden = os.path.join(model_dir, "golden", "micro_speech_quantized")
    if not os.path.exists(os.path.join(model_dir, "micro_speech_quantized.tflite")):
        print("models not found: skipped")
        return 77
    cross = mode.startswith("cross-")
    if cross:
        mode = mode[len("cross-"):]
        if not shutil.which("aarch64-linux-gnu-g++") or not shutil.which("qemu-aarch64"):
            print("g++-aarch64-linux-gnu or qemu-user not installed: skipped")
            return 77
    shutil.rmtree(work, ignore_errors=True)
    models = os.path.join(work, "models")
    os.makedirs(models)
    for name in ("micro_speech_quantized.tflite", "hello_world_float.tflite"):
        shutil.copy(os.path.join(model_dir, name), models)
    app_build = os.path.join(work, "build")
    configure = ["cmake", "-S", os.path.join(source, "tests", "cmake", "app"), "-B", app_build,
                 "-G", "Ninja", "-DMODEL_DIR=" + models]
    host_litec = os.path.join(litec_build, "compiler", "litec")
    if mode == "install":
        prefix = os.path.join(work, "prefix")
        run(["cmake", "--install", litec_build, "--prefix", prefix])
        if cross:  # a toolchain file confines package search to the target's root
            configure.append("-DLitec_DIR=" + os.path.join(prefix, "lib", "cmake", "Litec"))
        else:
            configure.append("-DCMAKE_PREFIX_PATH=" + prefix)
    else:
        configure += ["-DLITEC_SOURCE_DIR=" + source, "-DLITEC_EXECUTABLE=" + host_litec]
    if cross:
        configure += ["-DCMAKE_TOOLCHAIN_FILE=" + os.path.join(
            source, "cmake", "toolchains", "aarch64-linux-gnu.cmake"),
            "-DLITEC_EXECUTABLE=" + host_litec]
    run(configure)
    built = run(["cmake", "--build", app_build])
    if built.count("litec: compiling") != 2:
        print("FAIL: the first build should compile both models:\n" + built)
        return 1
    app = os.path.join(app_build, "app")
    out = os.path.join(work, "speech_output.bin")
    launcher = []
    if cross:
        with open(app, "rb") as f:
            header = f.read(20)
        machine = int.from_bytes(header[18:20], "little")
        if header[:4] != b"\x7fELF" or machine != 183:  # EM_AARCH64
            print(f"FAIL: {app} is not an AArch64 program (ELF machine {machine})")
            return 1
        launcher = ["qemu-aarch64", "-L", "/usr/aarch64-linux-gnu"]
        mode = "cross-" + mode
    printed = run(launcher + [app, os.path.join(golden, "input_0.bin"), out])
    same = open(out, "rb").read() == open(os.path.join(golden, "output_0.bin"), "rb").read()
    print("%s: built both models; micro_speech output %s the golden output; %s" %
          (mode, "equals" if same else "DIFFERS FROM", printed.strip()))
    if not same:
        return 1
    # Touching a model regenerates that model only, and relinks the app.
    time.sleep(1.1)
    os.utime(os.path.join(models, "hello_world_float.tflite"))
    rebuilt = run(["cmake", "--build", app_build])
    if rebuilt.count("litec: compiling") != 1 or "hello_world_float" not in rebuilt:
        print("FAIL: touching the model should regenerate it once:\n" + rebuilt)
        return 1
    unchanged = run(["cmake", "--build", app_build])
    if "litec: compiling" in unchanged:
        print("FAIL: a build with nothing changed regenerated a model")
        return 1
    print("%s: touching hello_world_float.tflite regenerated it (and only it); a second build did "
          "nothing" % mode)
    return 0


if __name__ == "__main__":
    sys.exit(main())
