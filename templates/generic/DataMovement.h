#pragma once

// Layers that move elements without arithmetic, for any element type T.
//   Pad: P::rank, P::inShape[], P::outShape[], P::before[] (padding before each dimension);
//   the value padded with is an argument (the zero point, or PADV2's constant).
//   Transpose: P::rank, P::count, P::outShape[], P::inStrides[] (the input stride of each output
//   dimension).
//   Concatenation: P::inputs, P::outer (product of the dimensions before the axis), P::widths[]
//   (each input's elements per outer index), P::outWidth.

#include <cstdint>
#include <cstring>

namespace litec::generic {

template <class P, typename T> void pad(const T *input, T padValue, T *output) {
  constexpr int kRank = P::rank;
  int index[kRank] = {};
  for (int o = 0; o < P::outCount; ++o) {
    bool inside = true;
    int in = 0;
    for (int d = 0; d < kRank; ++d) {
      const int i = index[d] - P::before[d];
      inside = inside && i >= 0 && i < P::inShape[d];
      in = in * P::inShape[d] + i;
    }
    output[o] = inside ? input[in] : padValue;
    for (int d = kRank - 1; d >= 0; --d) {
      if (++index[d] < P::outShape[d])
        break;
      index[d] = 0;
    }
  }
}

template <class P, typename T> void transpose(const T *input, T *output) {
  constexpr int kRank = P::rank;
  int index[kRank] = {};
  int in = 0;
  for (int o = 0; o < P::count; ++o) {
    output[o] = input[in];
    for (int d = kRank - 1; d >= 0; --d) {
      in += P::inStrides[d];
      if (++index[d] < P::outShape[d])
        break;
      in -= P::inStrides[d] * P::outShape[d];
      index[d] = 0;
    }
  }
}

// Copies each input's slice for every outer index; `inputs` are the inputs in order.
template <class P, typename T> void concatenate(const T *const *inputs, T *output) {
  for (int outer = 0; outer < P::outer; ++outer) {
    T *out = output + outer * P::outWidth;
    for (int k = 0; k < P::inputs; ++k) {
      std::memcpy(out, inputs[k] + outer * P::widths[k], sizeof(T) * P::widths[k]);
      out += P::widths[k];
    }
  }
}

} // namespace litec::generic

namespace litec::generic {

// DEPTH_TO_SPACE (ToSpace) and SPACE_TO_DEPTH on NHWC: depth d = (by * block + bx) * wideC + c of
// a deep pixel is the wide pixel at offset (by, bx). P: block, batches, wideH, wideW, wideC,
// deepH, deepW, deepC.
template <class P, bool ToSpace, typename T> void rearrangeBlocks(const T *input, T *output) {
  for (int b = 0; b < P::batches; ++b)
    for (int y = 0; y < P::wideH; ++y)
      for (int x = 0; x < P::wideW; ++x)
        for (int c = 0; c < P::wideC; ++c) {
          const int wide = ((b * P::wideH + y) * P::wideW + x) * P::wideC + c;
          const int depth = ((y % P::block) * P::block + (x % P::block)) * P::wideC + c;
          const int deep =
              ((b * P::deepH + y / P::block) * P::deepW + x / P::block) * P::deepC + depth;
          if constexpr (ToSpace)
            output[wide] = input[deep];
          else
            output[deep] = input[wide];
        }
}

} // namespace litec::generic

#include <cmath>

namespace litec::generic {

// CONCATENATION of uint8 inputs quantised differently from the output, as TFLite's
// ConcatenationWithScaling: q_out = round(q * scale + bias) + zero point, in float, for the
// inputs with P::rescale[k]; the others are copied. Widths are in elements.
template <class P>
void concatenateRescaled(const std::uint8_t *const *inputs, std::uint8_t *output) {
  for (int outer = 0; outer < P::outer; ++outer)
    for (int k = 0; k < P::inputs; ++k) {
      const std::uint8_t *in = inputs[k] + outer * P::widths[k];
      if (!P::rescale[k]) {
        std::memcpy(output, in, P::widths[k]);
      } else {
        for (int j = 0; j < P::widths[k]; ++j) {
          const std::int32_t value =
              std::int32_t(std::round(float(in[j]) * P::scales[k] + P::biases[k])) +
              P::outputZeroPoint;
          output[j] = std::uint8_t(value < 0 ? 0 : (value > 255 ? 255 : value));
        }
      }
      output += P::widths[k];
    }
}

} // namespace litec::generic
