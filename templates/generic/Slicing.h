#pragma once

// Layers that pick elements by position, for any element type T.
//   gatherAxes (SLICE, STRIDED_SLICE, MIRROR_PAD): p is litec/ir/ops/Slicing.h's
//   AxisGatherParams: output dimension d reads the input elements offsets[starts[d] + i]
//   (already multiplied by the input stride), summed over d; rank, count, outShape[].
//   splitChunks / joinChunks (SPLIT, SPLIT_V, UNPACK / PACK): p is ChunkParams: outer blocks,
//   each made of one chunk (chunks[k] bytes) per piece.

#include "Common.h"

namespace litec::generic {

template <typename T, class P> void gatherAxes(const P &p, const T *input, T *output) {
  constexpr int kMaxRank = 8;
  int index[kMaxRank] = {};
  int source = 0;
  for (int d = 0; d < p.rank; ++d)
    source += p.offsets[p.starts[d]];
  for (int o = 0; o < p.count; ++o) {
    output[o] = input[source];
    for (int d = p.rank - 1; d >= 0; --d) {
      source -= p.offsets[p.starts[d] + index[d]];
      if (++index[d] < p.outShape[d]) {
        source += p.offsets[p.starts[d] + index[d]];
        break;
      }
      index[d] = 0;
      source += p.offsets[p.starts[d]];
    }
  }
}

template <class P>
void splitChunks(const P &p, const unsigned char *input, unsigned char *const *outputs) {
  for (int o = 0; o < p.outer; ++o)
    for (int k = 0; k < p.pieces; ++k) {
      copyBytes(outputs[k] + o * p.chunks[k], input, p.chunks[k]);
      input += p.chunks[k];
    }
}

template <class P>
void joinChunks(const P &p, const unsigned char *const *inputs, unsigned char *output) {
  for (int o = 0; o < p.outer; ++o)
    for (int k = 0; k < p.pieces; ++k) {
      copyBytes(output, inputs[k] + o * p.chunks[k], p.chunks[k]);
      output += p.chunks[k];
    }
}

} // namespace litec::generic
