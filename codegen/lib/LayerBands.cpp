#include "LayerBands.h"

#include "litec/runtime/Parallel.h"

#include <fmt/format.h>

#include <algorithm>

namespace litec::codegen {

namespace {
// Output pixels (row-major, from the first) a layer's units [0, units) compute.
int64_t pixelsDone(const BandGeometry &g, int64_t units) {
  return std::min(units * g.pixelsPerUnit, int64_t(g.outH) * g.outW);
}

// Output rows (from the top) complete once a layer's units [0, units) are done.
int64_t rowsDone(const BandGeometry &g, int64_t units) {
  return pixelsDone(g, units) / g.outW;
}

// Input rows (from the top) a layer's units [0, units) read.
int64_t rowsNeeded(const BandGeometry &g, int64_t units) {
  const int64_t pixels = pixelsDone(g, units);
  if (pixels == 0)
    return 0;
  const int64_t lastRow = (pixels - 1) / g.outW;
  return std::clamp<int64_t>(lastRow * g.strideH - g.padTop + g.reachH + 1, 0, g.inH);
}

// Whether the consumer's band k may run once the producer's bands up to k + 1 have.
bool bandsReady(const LayerContext &producer, const LayerContext &consumer, int bands) {
  const BandGeometry &a = *producer.bands(), &b = *consumer.bands();
  for (int k = 0; k + 1 < bands; ++k) {
    const runtime::Part ahead{k + 1, bands}, band{k, bands};
    if (rowsNeeded(b, band.end(consumer.parallelUnits())) >
        rowsDone(a, ahead.end(producer.parallelUnits())))
      return false;
  }
  return true;
}

struct ByteRange {
  int64_t begin = 0, end = 0;
};

// The arena bytes a value occupies; nullopt for a value outside the arena or written as a slice
// of another buffer (whose bytes this check does not follow).
std::optional<ByteRange> arenaBytes(const ir::Value *value, const MemoryPlan &plan) {
  if (value == nullptr || !plan.inArena(*value))
    return ByteRange{};
  const ArenaBuffer &buffer = plan.buffers[size_t(plan.bufferOfValue[value->id])];
  if (buffer.parent >= 0 || buffer.pixelStride != 0)
    return std::nullopt;
  return ByteRange{buffer.offset, buffer.offset + buffer.size};
}

// Nothing the consumer writes lies where the producer reads or writes: the producer's later
// bands still read its operands after the consumer's first ones have written.
bool separate(const ir::Op &producer, const ir::Op &consumer, const MemoryPlan &plan) {
  if (plan.scratchOfOp[producer.index] >= 0 || plan.scratchOfOp[consumer.index] >= 0)
    return false;
  std::vector<ByteRange> read;
  for (const std::vector<ir::Value *> *values : {&producer.operands, &producer.results})
    for (const ir::Value *v : *values) {
      const std::optional<ByteRange> bytes = arenaBytes(v, plan);
      if (!bytes)
        return false;
      read.push_back(*bytes);
    }
  for (const ir::Value *v : consumer.results) {
    const std::optional<ByteRange> written = arenaBytes(v, plan);
    if (!written)
      return false;
    for (const ByteRange &r : read)
      if (written->begin < r.end && r.begin < written->end)
        return false;
  }
  return true;
}
} // namespace

bool bandCandidates(const ir::Op &a, const ir::Op &b, CacheSizes caches) {
  if (a.results.size() != 1 || b.operands.empty() || b.operands[0] != a.results[0])
    return false;
  const ir::Value &between = *a.results[0];
  return between.shape.size() == 4 && between.shape[0] == 1 &&
         between.byteSize().value_or(0) > caches.l2 / 2;
}

std::vector<BandedPair> planLayerBands(const std::vector<const LayerContext *> &layers,
                                       const MemoryPlan &plan, CacheSizes caches) {
  std::vector<BandedPair> pairs;
  for (size_t i = 0; i + 1 < layers.size(); ++i) {
    const LayerContext &producer = *layers[i], &consumer = *layers[i + 1];
    if (!producer.bands() || !consumer.bands() || producer.fallible() || consumer.fallible())
      continue;
    const ir::Op &a = producer.op(), &b = consumer.op();
    if (!bandCandidates(a, b, caches) || !separate(a, b, plan))
      continue;
    const int64_t bytes = a.results[0]->byteSize().value_or(0);
    // Bands of about an eighth of L2 of the intermediate tensor; fewer where the consumer's
    // window would reach past the producer's band ahead.
    const int64_t rowBytes = bytes / producer.bands()->outH;
    const int64_t bandRows = std::max<int64_t>(1, caches.l2 / 8 / std::max<int64_t>(rowBytes, 1));
    int bands =
        int(std::min<int64_t>((producer.bands()->outH + bandRows - 1) / bandRows,
                              std::min(producer.parallelUnits(), consumer.parallelUnits())));
    while (bands > 1 && !bandsReady(producer, consumer, bands))
      --bands;
    if (bands < 2)
      continue;
    pairs.push_back({&producer, &consumer, bands, bytes});
    ++i; // a layer in one pair at most
  }
  return pairs;
}

std::string bandNote(const BandedPair &pair, bool producer) {
  const unsigned other = (producer ? pair.consumer : pair.producer)->op().index;
  return fmt::format("fused with layer {} by bands: on one worker the two run alternately on {} "
                     "bands of rows ({} one band ahead), so that the {} KiB between them is "
                     "read back from cache",
                     other, pair.bands, producer ? "this layer" : "the producer",
                     (pair.intermediateBytes + 1023) / 1024);
}

} // namespace litec::codegen
