# lit configuration for litec's tool tests: each .test file runs litec with RUN: lines and
# checks what it prints with FileCheck.
import os

import lit.formats

config.name = "litec"
config.test_format = lit.formats.ShTest(execute_external=True)
config.suffixes = [".test"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.litec_build_dir, "tests", "lit")
config.excludes = ["corrupt.py", "Inputs"]

config.substitutions.append(("%make-test-model", config.make_test_model_path))
config.substitutions.append(("%litec", config.litec_path))
config.substitutions.append(("%python", config.python))
config.substitutions.append(("%cxx", config.cxx_path))
config.substitutions.append(("%FileCheck", config.filecheck_path))
config.substitutions.append(("%not", config.not_path))
config.substitutions.append(("%models", config.shared_models_dir))
config.substitutions.append(("%npm-models", config.npm_models_dir))
config.substitutions.append(
    ("%corrupt-edit", f"{config.python} {config.test_source_root}/corrupt.py edit "
                      f"{config.flatc_path} {config.schema_path}"))
config.substitutions.append(
    ("%corrupt", f"{config.python} {config.test_source_root}/corrupt.py"))

config.substitutions.append(
    ("%tflite", f"{config.node_path} {config.oracle_path} {config.tflite_package}"))

# Tests that need the shared int8 models or the npm float models say so with REQUIRES and are
# reported as unsupported (skipped) where those are absent.
if os.path.isfile(os.path.join(config.shared_models_dir, "person_detect.tflite")):
    config.available_features.add("shared-models")
else:
    lit_config.note(f"shared models not found in {config.shared_models_dir}: skipping their tests")
if os.path.isfile(os.path.join(config.npm_models_dir, "selfie_segmentation.tflite")):
    config.available_features.add("npm-models")
else:
    lit_config.note(f"npm models not found in {config.npm_models_dir}: skipping their tests")
if os.path.isfile(config.node_path) and os.path.isdir(config.tflite_package):
    config.available_features.add("tflite-runtime")
else:
    lit_config.note("TFLite runtime (node, @tensorflow/tfjs-tflite) not found: skipping its tests")

# `litec verify --reference tflite` uses the same TFLite package as the tests.
config.environment["LITEC_TFLITE_PACKAGE"] = config.tflite_package
