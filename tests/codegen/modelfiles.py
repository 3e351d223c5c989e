"""What the code generation checks share: the model files to run."""
import os


def expand(paths):
    """Model files, and the .tflite files of directories, that exist."""
    models = []
    for path in paths:
        if os.path.isdir(path):
            models += sorted(os.path.join(path, f) for f in os.listdir(path) if f.endswith(".tflite"))
        elif os.path.exists(path):
            models.append(path)
    return models
