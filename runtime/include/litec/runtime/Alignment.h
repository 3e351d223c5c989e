// Include guards, not #pragma once: every generated model carries its own copy of these
// headers, and an application including two models must see one definition.
#ifndef LITEC_RUNTIME_ALIGNMENT_H
#define LITEC_RUNTIME_ALIGNMENT_H

// Alignment and copy helpers for the arena a generated model runs in. C++17, header-only, no
// heap.

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace litec::runtime {

inline bool isAligned(const void *pointer, std::size_t alignment) {
  return reinterpret_cast<std::uintptr_t>(pointer) % alignment == 0;
}

constexpr std::size_t alignUp(std::size_t value, std::size_t alignment) {
  return (value + alignment - 1) / alignment * alignment;
}

// The first address in `buffer` (of `bufferBytes`) aligned to `alignment` with `bytes` after
// it, or nullptr: lets an application carve the arena out of memory it already has.
inline void *alignedWithin(void *buffer, std::size_t bufferBytes, std::size_t bytes,
                           std::size_t alignment) {
  const std::uintptr_t start = reinterpret_cast<std::uintptr_t>(buffer);
  const std::uintptr_t aligned = (start + alignment - 1) / alignment * alignment;
  if (aligned - start > bufferBytes || bufferBytes - (aligned - start) < bytes)
    return nullptr;
  return reinterpret_cast<void *>(aligned);
}

// memcpy for slices that may be empty: memcpy's pointers must be valid even for zero bytes, and
// a tensor of no elements may have no storage. Kernels and the reference interpreter copy
// through it.
inline void copyBytes(void *destination, const void *source, std::size_t bytes) {
  if (bytes != 0)
    std::memcpy(destination, source, bytes);
}

} // namespace litec::runtime

#endif // LITEC_RUNTIME_ALIGNMENT_H
