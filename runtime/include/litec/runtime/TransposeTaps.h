#pragma once

// Which taps of a TRANSPOSE_CONV's filter land on an output coordinate, along one dimension:
// the output-stationary kernels of the SIMD targets gather them (the reference scatters input
// by input instead), so the arithmetic is written once.

namespace litec::runtime {

// The taps landing on one output coordinate: the first filter index that does, and the input
// index it reads; each further tap is `stride` filter indices on and one input index back.
struct TapRun {
  int first, input, count;
};

// out = in * stride - pad + f, for f in [0, filter) and in in [0, inputs).
inline TapRun transposeTaps(int out, int pad, int stride, int filter, int inputs) {
  // f = (out + pad) mod stride first, in = (out + pad - f) / stride.
  const int shifted = out + pad;
  int f = shifted % stride, in = shifted / stride;
  // Skip taps whose input is past the end (in too large).
  while (f < filter && in >= inputs) {
    f += stride;
    --in;
  }
  int count = 0;
  for (int g = f, i = in; g < filter && i >= 0; g += stride, --i)
    ++count;
  return {f, in, count};
}

} // namespace litec::runtime
