#pragma once

// Layer fusion by bands: two consecutive convolution layers, the second reading the first's
// result, run alternately on bands of rows (the first one band ahead) instead of one after the
// other, so that the tensor between them is read back from cache rather than from memory when it
// is larger than the CPU's L2 (a depthwise 3x3 followed by its 1x1 projection, a 1x1 expansion
// followed by its depthwise layer). Each layer keeps its own kernel and computes its units in
// the same order with the same arithmetic: only the interleaving changes, never an answer.

#include "litec/codegen/LayerContext.h"
#include "litec/codegen/MemoryPlan.h"
#include "litec/codegen/Target.h"

#include <string>
#include <vector>

namespace litec::codegen {

struct BandedPair {
  const LayerContext *producer = nullptr, *consumer = nullptr;
  int bands = 0;                 // each layer's units in this many equal parts
  int64_t intermediateBytes = 0; // the producer's result
};

// Whether `producer` then `consumer` (the next op) might run by bands on a CPU with these
// caches: the consumer reads the producer's result, a 4-D tensor of one image larger than half
// of L2. The memory plan keeps the producer's operands for the consumer's step when so
// (OpMemoryNeeds::operandsLiveThroughNext); planLayerBands decides after emission.
bool bandCandidates(const ir::Op &producer, const ir::Op &consumer, CacheSizes caches);

// The pairs among `layers` (consecutive layers in execution order) worth running by bands on a
// CPU with these caches: the producer's result larger than half its L2, both layers split by
// units of output pixels of one image (LayerContext::bands), nothing the consumer writes
// overlapping what the producer reads, and the consumer's every band ready when the producer is
// one band ahead. A layer is in one pair at most.
std::vector<BandedPair> planLayerBands(const std::vector<const LayerContext *> &layers,
                                       const MemoryPlan &plan, CacheSizes caches);

// The note of each layer of a pair, for its comment.
std::string bandNote(const BandedPair &pair, bool producer);

} // namespace litec::codegen
