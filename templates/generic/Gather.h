#pragma once

// GATHER. p: litec/ir/ops/Gather.h's GatherParams: batches, outer, axisSize, inner, coords; an
// index outside the axis stops the layer with kIndexOutOfRange.

#include "Common.h"
#include "litec/runtime/Status.h"

namespace litec::generic {

template <typename T, typename Index, class P>
runtime::Status gather(const P &p, const T *params, const Index *indices, T *output) {
  for (int b = 0; b < p.batches; ++b)
    for (int o = 0; o < p.outer; ++o)
      for (int k = 0; k < p.coords; ++k) {
        const Index index = indices[b * p.coords + k];
        if (index < 0 || index >= p.axisSize)
          return runtime::Status::kIndexOutOfRange;
        copyBytes(output + ((b * p.outer + o) * p.coords + k) * p.inner,
                  params + ((b * p.outer + o) * p.axisSize + index) * p.inner, sizeof(T) * p.inner);
      }
  return runtime::Status::kOk;
}

} // namespace litec::generic
