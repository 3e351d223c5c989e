#pragma once

// DEPTH_TO_SPACE (ToSpace) and SPACE_TO_DEPTH on NHWC: depth d = (by * block + bx) * wideC + c
// of a deep pixel is the wide pixel at offset (by, bx). p: litec/ir/ops/DepthToSpace.h's
// DepthToSpaceParams: block, batches, wideH, wideW, wideC, deepH, deepW, deepC.

namespace litec::generic {

template <bool ToSpace, typename T, class P>
void rearrangeBlocks(const P &p, const T *input, T *output) {
  for (int b = 0; b < p.batches; ++b)
    for (int y = 0; y < p.wideH; ++y)
      for (int x = 0; x < p.wideW; ++x)
        for (int c = 0; c < p.wideC; ++c) {
          const int wide = ((b * p.wideH + y) * p.wideW + x) * p.wideC + c;
          const int depth = ((y % p.block) * p.block + (x % p.block)) * p.wideC + c;
          const int deep = ((b * p.deepH + y / p.block) * p.deepW + x / p.block) * p.deepC + depth;
          if constexpr (ToSpace)
            output[wide] = input[deep];
          else
            output[deep] = input[wide];
        }
}

} // namespace litec::generic
