#pragma once

// The weight layout of the NEON float convolution microkernels (Convolution.h), written once
// and used by the code generator (which repacks each layer's weights at compile time) and by
// the kernel tests. Plain C++, no NEON: litec runs it on the build machine.
//
// CONV_2D (OHWI filter, one group) for an MR x NR register tile: the output channels in panels
// of NR (the last panel zero-padded); panel n holds its NR biases (zeros without a bias), then
// for each filter tap (fy, fx) and each input channel c the NR weights w[n*NR + j][fy][fx][c].
// The microkernel reads a panel front to back, once per block of MR output pixels. After the
// panels come filterC zeros (rounded up to 4): the row that the indirection points padding
// taps at, so that a padded tap adds 0 x w as the reference's skipped tap adds nothing (a
// filter row's worth with fewer than 4 input channels, where the kernel takes a row as a tap).

#include <cstdint>

namespace litec::neon {

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

} // namespace litec::neon
