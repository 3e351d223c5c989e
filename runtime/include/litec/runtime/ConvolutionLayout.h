#pragma once

// The weight layout of the float GEMM convolution microkernels of every SIMD target
// (templates/neon/Convolution.h, templates/x86/Convolution.h), written once and used by the code
// generator (which repacks each layer's weights at compile time), by the kernels and by their
// tests. Plain C++: litec runs it on the build machine.
//
// CONV_2D (OHWI filter, one group) for an MR x NR register tile: the output channels in panels
// of NR (the last panel zero-padded); panel n holds its NR biases (zeros without a bias), then
// for each filter tap (fy, fx) and each input channel c the NR weights w[n*NR + j][fy][fx][c].
// The microkernel reads a panel front to back, once per block of MR output pixels. After the
// panels come filterC zeros (rounded up to 4): the row that the indirection points padding
// taps at, so that a padded tap adds 0 x w as the reference's skipped tap adds nothing (a
// filter row's worth with fewer than 4 input channels, where a kernel may take a row as a tap).

#include <cstdint>

namespace litec::runtime {

// The units of work the kernels split across the caller's workers (runtime::Part): the GEMM
// kernels' blocks of mr output pixels (each within one batch), the depthwise kernels' rows.
template <class P> constexpr int convolutionBlocks(const P &p, int mr) {
  return p.batches * ((p.outH * p.outW + mr - 1) / mr);
}
template <class P> constexpr int depthwiseRows(const P &p) {
  return p.batches * p.outH;
}

template <class P> constexpr int convolutionPanels(const P &p, int nr) {
  return (p.outC + nr - 1) / nr;
}
template <class P> constexpr std::int64_t convolutionPanelFloats(const P &p, int nr) {
  return nr + std::int64_t(p.filterH) * p.filterW * p.filterC * nr;
}
// A tap's channels, or with fewer than 4 channels a filter row's (see convolutionF32).
template <class P> constexpr std::int64_t convolutionZeroRowFloats(const P &p) {
  return (std::int64_t(p.filterC < 4 ? p.filterW : 1) * p.filterC + 3) / 4 * 4;
}
template <class P> constexpr std::int64_t convolutionPackedFloats(const P &p, int nr) {
  return convolutionPanels(p, nr) * convolutionPanelFloats(p, nr) + convolutionZeroRowFloats(p);
}

// Writes convolutionPackedFloats(p, nr) floats to `packed`; `bias` may be nullptr.
template <class P>
void packConvolutionWeights(const P &p, int nr, const float *filter, const float *bias,
                            float *packed) {
  const int taps = p.filterH * p.filterW;
  float *out = packed;
  for (int panel = 0; panel < convolutionPanels(p, nr); ++panel) {
    for (int j = 0; j < nr; ++j) {
      const int oc = panel * nr + j;
      *out++ = oc < p.outC && bias != nullptr ? bias[oc] : 0.f;
    }
    for (int t = 0; t < taps; ++t)
      for (int c = 0; c < p.filterC; ++c)
        for (int j = 0; j < nr; ++j) {
          const int oc = panel * nr + j;
          *out++ = oc < p.outC ? filter[(std::int64_t(oc) * taps + t) * p.filterC + c] : 0.f;
        }
  }
  for (std::int64_t i = 0; i < convolutionZeroRowFloats(p); ++i)
    *out++ = 0.f;
}

// Whether the window of the output pixel whose window starts at input row y0, column x0 lies
// inside the input (no tap in the padding).
template <class P> inline bool windowInside(const P &p, int y0, int x0) {
  return y0 >= 0 && y0 + (p.filterH - 1) * p.dilationH < p.inH && x0 >= 0 &&
         x0 + (p.filterW - 1) * p.dilationW < p.inW;
}

// The indirection of the GEMM kernels: pixel (oy, ox)'s taps as rows[t][i] = where tap t of the
// block's pixel i reads its input channels, the zero row where the tap is in the padding.
// Always inlined where the compiler allows: the kernels call it per pixel with compile-time
// geometry, which then folds.
template <int MR, int Taps, class P, typename T>
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
inline void
gatherTaps(const P &p, const T *image, const T *zero, int oy, int ox, const T *(&rows)[Taps][MR],
           int i) {
  const int y0 = oy * p.strideH - p.padTop, x0 = ox * p.strideW - p.padLeft;
  // A window inside the input (most are): every tap at a constant offset from the window's
  // corner, no bounds tested.
  if (windowInside(p, y0, x0)) {
    const T *corner = image + (std::int64_t(y0) * p.inW + x0) * p.inC;
    for (int fy = 0; fy < p.filterH; ++fy)
      for (int fx = 0; fx < p.filterW; ++fx)
        rows[fy * p.filterW + fx][i] =
            corner + (std::int64_t(fy) * p.dilationH * p.inW + fx * p.dilationW) * p.inC;
    return;
  }
  for (int fy = 0; fy < p.filterH; ++fy) {
    const int iy = y0 + fy * p.dilationH;
    for (int fx = 0; fx < p.filterW; ++fx) {
      const int ix = x0 + fx * p.dilationW;
      const bool inside = iy >= 0 && iy < p.inH && ix >= 0 && ix < p.inW;
      rows[fy * p.filterW + fx][i] =
          inside ? image + (std::int64_t(iy) * p.inW + ix) * p.inC : zero;
    }
  }
}

// Row taps: with fewer than 4 input channels (an image's first layer) a tap is too short for the
// float GEMMs' steps, but a filter row's taps are contiguous in the input (NHWC, no dilation
// along x) and in the panels (tap-major, channels inside), so the kernels take each filter row
// as one tap of filterW x filterC channels (the zero row is that long).
template <class P> constexpr bool convolutionRowTaps(const P &p) {
  return p.filterC < 4 && p.dilationW == 1;
}

// The row-tap indirection of pixel (oy, ox), pixel i of its block: rows[fy][i] = where filter row
// fy's filterW x filterC floats start; the zero row for a filter row in the padding; a filter row
// partly outside the input copied into `segment` (filterH x filterW x filterC floats of the
// pixel's own), zeros where the padding is.
template <int MR, int Taps, class P>
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
inline void
gatherRowTaps(const P &p, const float *image, const float *zero, int oy, int ox,
              const float *(&rows)[Taps][MR], int i, float *segment) {
  const int y0 = oy * p.strideH - p.padTop, x0 = ox * p.strideW - p.padLeft;
  const int K = p.filterW * p.filterC;
  const bool columnsInside = x0 >= 0 && x0 + p.filterW <= p.inW;
  for (int fy = 0; fy < p.filterH; ++fy) {
    const int iy = y0 + fy * p.dilationH;
    if (iy < 0 || iy >= p.inH) {
      rows[fy][i] = zero;
      continue;
    }
    const float *row = image + std::int64_t(iy) * p.inW * p.inC;
    if (columnsInside) {
      rows[fy][i] = row + std::int64_t(x0) * p.inC;
      continue;
    }
    float *copy = segment + fy * K;
    for (int fx = 0; fx < p.filterW; ++fx) {
      const int ix = x0 + fx;
      for (int c = 0; c < p.filterC; ++c)
        copy[fx * p.filterC + c] = ix >= 0 && ix < p.inW ? row[std::int64_t(ix) * p.inC + c] : 0.f;
    }
    rows[fy][i] = copy;
  }
}

} // namespace litec::runtime
