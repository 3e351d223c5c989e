#pragma once

#include <cstdint>
#include <vector>

namespace litec::ir {

// TFLite's sparse tensor encoding (a TACO-style format), kept as the file gives it so that
// DENSIFY can be evaluated and the model exported again unchanged.
struct SparseDimension {
  bool isSparse = false; // false: dense, `denseSize` elements
  int32_t denseSize = 0;
  // For a sparse (CSR) dimension: segment offsets and the indices of the stored elements.
  std::vector<int32_t> segments;
  std::vector<int32_t> indices;
  // Bytes per stored index in the file (1, 2 or 4): kept for a lossless export.
  uint8_t segmentsWidth = 4;
  uint8_t indicesWidth = 4;
  bool operator==(const SparseDimension &) const = default;
};

struct Sparsity {
  std::vector<int32_t> traversalOrder;
  std::vector<int32_t> blockMap;
  std::vector<SparseDimension> dimensions;
  bool operator==(const Sparsity &) const = default;
};

} // namespace litec::ir
