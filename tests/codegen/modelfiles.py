"""What the code generation checks share: the model files to run."""
import os
import subprocess


def expand(paths):
    """Model files, and the .tflite files of directories, that exist."""
    models = []
    for path in paths:
        if os.path.isdir(path):
            models += sorted(os.path.join(path, f) for f in os.listdir(path) if f.endswith(".tflite"))
        elif os.path.exists(path):
            models.append(path)
    return models


def make_test_models(maker, directory):
    """Writes every model `make-test-model list` names into directory; returns their paths."""
    os.makedirs(directory, exist_ok=True)
    names = subprocess.run([maker, "list"], check=True, capture_output=True,
                           text=True).stdout.split()
    paths = []
    for name in names:
        path = os.path.join(directory, name + ".tflite")
        subprocess.run([maker, name, path], check=True)
        paths.append(path)
    return paths
