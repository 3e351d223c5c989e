#!/usr/bin/env node
// Runs the real TensorFlow Lite runtime (the npm package @tensorflow/tfjs-tflite: TFLite compiled
// to WebAssembly, XNNPACK included) on a model and raw input files, and writes raw outputs.
//
//   node run_tflite.js PACKAGE_DIR MODEL OUTPUT_DIR [INPUT_FILE]...
//
// PACKAGE_DIR is the installed @tensorflow/tfjs-tflite folder. Inputs are raw little-endian data
// of each input's type, in the model's input order; outputs are written as output_<k>.bin. One
// line per output goes to stdout: index, type and shape. Any failure exits 1 with a message.
// LITEC_INVOKES=N (default 1) runs the model N times on the same inputs and writes the outputs
// of the last run: stateful models (LSTM, SVDF) carry their state from one run to the next.
// LITEC_BENCH=N then times N more runs and prints median_ms=<value> (for the benchmarks).
'use strict';
const fs = require('fs');
const path = require('path');

function fail(message) {
  process.stderr.write(`run_tflite: ${message}\n`);
  process.exit(1);
}

async function main() {
  const [packageDir, modelPath, outputDir, ...inputFiles] = process.argv.slice(2);
  if (!packageDir || !modelPath || !outputDir) fail('usage: run_tflite.js PACKAGE_DIR MODEL OUTPUT_DIR [INPUT]...');
  const wasmDir = path.join(packageDir, 'wasm');
  const factory = require(path.join(wasmDir, 'tflite_web_api_cc_simd.js'));
  const module = await factory({wasmBinary: fs.readFileSync(path.join(wasmDir, 'tflite_web_api_cc_simd.wasm'))});

  const model = fs.readFileSync(modelPath);
  const pointer = module._malloc(model.length);
  module.HEAPU8.set(model, pointer);
  const created = module.TFLiteWebModelRunner.CreateFromBufferAndOptions(
      pointer, model.length, {numThreads: 1, enableProfiling: false, maxProfilingBufferEntries: 1024});
  if (!created.ok()) fail(`cannot load ${modelPath}: ${created.errorMessage()}`);
  const runner = created.value();

  const inputs = runner.GetInputs();
  if (inputFiles.length > inputs.size()) fail(`${inputFiles.length} input files for ${inputs.size()} inputs`);
  for (let i = 0; i < inputFiles.length; ++i) {
    const view = inputs.get(i).data();
    const bytes = fs.readFileSync(inputFiles[i]);
    if (bytes.length !== view.byteLength) fail(`input ${i}: ${inputFiles[i]} has ${bytes.length} bytes, the tensor needs ${view.byteLength}`);
    new Uint8Array(view.buffer, view.byteOffset, view.byteLength).set(bytes);
  }
  const invokes = Number(process.env.LITEC_INVOKES || 1);
  for (let i = 0; i < invokes; ++i)
    if (!runner.Infer()) fail(`Infer() failed on run ${i + 1}`);
  const bench = Number(process.env.LITEC_BENCH || 0);
  if (bench > 0) {
    const times = [];
    for (let i = 0; i < bench; ++i) {
      const start = process.hrtime.bigint();
      runner.Infer();
      times.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    times.sort((a, b) => a - b);
    const mid = Math.floor(times.length / 2);
    const median = times.length % 2 ? times[mid] : (times[mid - 1] + times[mid]) / 2;
    process.stdout.write(`median_ms=${median.toFixed(4)}\n`);
  }

  fs.mkdirSync(outputDir, {recursive: true});
  const outputs = runner.GetOutputs();
  for (let k = 0; k < outputs.size(); ++k) {
    const tensor = outputs.get(k);
    const view = tensor.data();
    fs.writeFileSync(path.join(outputDir, `output_${k}.bin`),
                     Buffer.from(view.buffer, view.byteOffset, view.byteLength));
    process.stdout.write(`output ${k} ${tensor.dataType} [${tensor.shape}]\n`);
  }
}

main().catch((error) => fail(error && error.stack ? error.stack : String(error)));
