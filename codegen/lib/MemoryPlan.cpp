#include "litec/codegen/MemoryPlan.h"

#include <fmt/format.h>

#include <algorithm>
#include <numeric>

namespace litec::codegen {

bool isAliasOp(const ir::Op &op) {
  if (!ir::hasTrait(op.kind, ir::OpTrait::Alias))
    return false;
  const ir::Value *input = op.operands.empty() ? nullptr : op.operands[0];
  return input && !input->isConstant() && op.results.size() == 1 &&
         input->byteSize() == op.results[0]->byteSize();
}

namespace {
int64_t alignUp(int64_t value, int64_t alignment) {
  return (value + alignment - 1) / alignment * alignment;
}

bool overlapInTime(const ArenaBuffer &a, const ArenaBuffer &b) {
  return a.first <= b.last && b.first <= a.last;
}

// Places each buffer, largest first, at the lowest-waste offset among the gaps between the
// already placed buffers that are live at the same time.
int64_t placeBuffers(std::vector<ArenaBuffer> &buffers, int64_t alignment) {
  std::vector<size_t> order;
  for (size_t i = 0; i < buffers.size(); ++i)
    if (buffers[i].parent < 0)
      order.push_back(i);
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return buffers[a].size > buffers[b].size; });
  std::vector<size_t> placed;
  int64_t arenaSize = 0;
  for (size_t index : order) {
    ArenaBuffer &buffer = buffers[index];
    std::vector<const ArenaBuffer *> neighbours;
    for (size_t other : placed)
      if (overlapInTime(buffer, buffers[other]))
        neighbours.push_back(&buffers[other]);
    std::sort(neighbours.begin(), neighbours.end(),
              [](const ArenaBuffer *a, const ArenaBuffer *b) { return a->offset < b->offset; });
    int64_t bestOffset = -1, bestGap = INT64_MAX, cursor = 0;
    for (const ArenaBuffer *n : neighbours) {
      const int64_t gap = n->offset - cursor;
      if (gap >= buffer.size && gap < bestGap) {
        bestGap = gap;
        bestOffset = cursor;
      }
      cursor = std::max(cursor, alignUp(n->offset + n->size, alignment));
    }
    buffer.offset = bestOffset >= 0 ? bestOffset : cursor;
    arenaSize = std::max(arenaSize, buffer.offset + buffer.size);
    placed.push_back(index);
  }
  // Buffers inside others: at their parent's offset plus their own (parents may nest).
  for (ArenaBuffer &buffer : buffers) {
    if (buffer.parent < 0)
      continue;
    int64_t offset = buffer.offsetInParent;
    const ArenaBuffer *root = &buffers[size_t(buffer.parent)];
    for (; root->parent >= 0; root = &buffers[size_t(root->parent)])
      offset += root->offsetInParent;
    buffer.offset = root->offset + offset;
  }
  return alignUp(arenaSize, alignment);
}

int64_t peakLiveBytes(const std::vector<ArenaBuffer> &buffers, int steps) {
  int64_t peak = 0;
  for (int step = 0; step <= steps; ++step) {
    int64_t live = 0;
    for (const ArenaBuffer &b : buffers)
      if (b.parent < 0 && b.first <= step && step <= b.last)
        live += b.size;
    peak = std::max(peak, live);
  }
  return peak;
}
// Takes each operand of an op with operandSlices into its result's buffer at the operand's
// slice, where that is safe: the operand's buffer is read by nothing after the op (so the slice
// is not overwritten while anything still reads it), holds no graph input, variable or state
// (their bytes are not the op's to move), and is not the result's or already placed elsewhere.
// A channel slice (its pixels interleaved with the other operands') also needs the operand to
// be its buffer's only value, read by this op alone, from a producer that writes it strided:
// nothing else may see its bytes as a dense tensor.
void nestOperandsInResults(const ir::Graph &graph, const std::vector<OpMemoryNeeds> &needs,
                           MemoryPlan &plan) {
  std::vector<bool> pinned(plan.buffers.size(), false);
  for (int b : plan.persistent)
    pinned[size_t(b)] = true;
  for (const auto &value : graph.values)
    if (value->isVariable && plan.bufferOfValue[value->id] >= 0)
      pinned[size_t(plan.bufferOfValue[value->id])] = true;
  for (const ir::Value *input : graph.inputs)
    if (plan.bufferOfValue[input->id] >= 0)
      pinned[size_t(plan.bufferOfValue[input->id])] = true;
  std::vector<int> valuesInBuffer(plan.buffers.size(), 0), readers(graph.values.size(), 0);
  for (int b : plan.bufferOfValue)
    if (b >= 0)
      ++valuesInBuffer[size_t(b)];
  for (const auto &op : graph.ops)
    for (const ir::Value *operand : op->operands)
      if (operand)
        ++readers[operand->id];
  for (const ir::Value *output : graph.outputs)
    ++readers[output->id];
  auto writesStrided = [&](const ir::Value &value) {
    const ir::Op *producer = value.producer;
    return producer && producer->index < needs.size() && needs[producer->index].stridedResult &&
           !producer->results.empty() && producer->results[0] == &value && readers[value.id] == 1 &&
           valuesInBuffer[size_t(plan.bufferOfValue[value.id])] == 1 && !value.shape.empty() &&
           value.shape.back() > 0;
  };
  for (const auto &op : graph.ops) {
    if (op->index >= needs.size() || needs[op->index].operandSlices.size() != op->operands.size() ||
        op->results.size() != 1 || plan.bufferOfValue[op->results[0]->id] < 0)
      continue;
    const int step = int(op->index);
    const std::vector<int64_t> &slices = needs[op->index].operandSlices;
    const int64_t stride = needs[op->index].slicePixelStride;
    const size_t result = size_t(plan.bufferOfValue[op->results[0]->id]);
    for (size_t k = 0; k < op->operands.size(); ++k) {
      const ir::Value *operand = op->operands[k];
      const int b = operand ? plan.bufferOfValue[operand->id] : -1;
      if (b < 0 || size_t(b) == result || pinned[size_t(b)])
        continue;
      ArenaBuffer &buffer = plan.buffers[size_t(b)];
      if (buffer.parent >= 0 || buffer.last != step || slices[k] < 0)
        continue;
      const int64_t bytes = operand->byteSize().value_or(0);
      if (stride > 0 && !writesStrided(*operand))
        continue;
      buffer.parent = int(result);
      buffer.offsetInParent = slices[k];
      // Its exact bytes: the slice after it starts there, not at the next aligned offset.
      buffer.size = bytes;
      if (stride > 0) {
        const int64_t row = operand->shape.back() * int64_t(ir::elementByteSize(operand->type));
        buffer.pixelStride = stride;
        buffer.size = bytes == 0 ? 0 : (bytes / row - 1) * stride + row;
      }
      plan.buffers[result].first = std::min(plan.buffers[result].first, buffer.first);
    }
  }
}
} // namespace

llvm::Expected<MemoryPlan> planMemory(const ir::Graph &graph,
                                      const std::vector<OpMemoryNeeds> &needs, int64_t alignment,
                                      const std::vector<int64_t> &persistentBytes) {
  MemoryPlan plan;
  plan.alignment = alignment;
  plan.bufferOfValue.assign(graph.values.size(), -1);
  plan.scratchOfOp.assign(graph.ops.size(), -1);
  const int end = int(graph.ops.size()); // the step after the last op: outputs are copied out
  auto newBuffer = [&](const ir::Value &value, int first) -> llvm::Expected<int> {
    const std::optional<int64_t> bytes = value.byteSize();
    if (!bytes)
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     fmt::format("tensor %{} is too large for an arena", value.id));
    // A tensor of no elements takes no bytes: its kernels never touch it.
    plan.buffers.push_back({0, alignUp(*bytes, alignment), first, first});
    plan.bufferOfValue[value.id] = int(plan.buffers.size() - 1);
    return int(plan.buffers.size() - 1);
  };
  auto use = [&](const ir::Value &value, int step) {
    if (int b = plan.bufferOfValue[value.id]; b >= 0)
      plan.buffers[size_t(b)].last = std::max(plan.buffers[size_t(b)].last, step);
  };
  // State first: variables live for the whole run (and between runs).
  for (const auto &value : graph.values)
    if (value->isVariable) {
      auto b = newBuffer(*value, 0);
      if (!b)
        return b.takeError();
      plan.buffers[size_t(*b)].last = end;
    }
  for (int64_t bytes : persistentBytes) {
    plan.buffers.push_back({0, alignUp(bytes, alignment), 0, end});
    plan.persistent.push_back(int(plan.buffers.size() - 1));
  }
  for (const ir::Value *input : graph.inputs)
    if (!input->isConstant() && plan.bufferOfValue[input->id] < 0)
      if (auto b = newBuffer(*input, 0); !b)
        return b.takeError();
  // The last op that reads each value; graph outputs are read after every op.
  std::vector<int> lastUse(graph.values.size(), -1);
  const auto throughNext = [&](const ir::Op &op) {
    return size_t(op.index) < needs.size() && needs[op.index].operandsLiveThroughNext;
  };
  for (const auto &op : graph.ops)
    for (const ir::Value *operand : op->operands)
      if (operand)
        lastUse[operand->id] =
            std::max(lastUse[operand->id], int(op->index) + (throughNext(*op) ? 1 : 0));
  for (const ir::Value *output : graph.outputs)
    lastUse[output->id] = end;
  for (const auto &op : graph.ops) {
    const int step = int(op->index);
    for (const ir::Value *operand : op->operands)
      if (operand)
        use(*operand, throughNext(*op) ? step + 1 : step);
    const ir::Value *first = op->operands.empty() ? nullptr : op->operands[0];
    const bool firstInArena = first && plan.bufferOfValue[first->id] >= 0;
    if (isAliasOp(*op) && firstInArena) {
      plan.bufferOfValue[op->results[0]->id] = plan.bufferOfValue[first->id];
      continue;
    }
    const OpMemoryNeeds need =
        size_t(op->index) < needs.size() ? needs[op->index] : OpMemoryNeeds{};
    if (need.inPlace && firstInArena && op->results.size() == 1 && !first->isVariable &&
        lastUse[first->id] == step && first->byteSize() == op->results[0]->byteSize() &&
        ir::elementByteSize(first->type) == ir::elementByteSize(op->results[0]->type) &&
        plan.bufferOfValue[op->results[0]->id] < 0) {
      plan.bufferOfValue[op->results[0]->id] = plan.bufferOfValue[first->id];
      continue;
    }
    for (const ir::Value *result : op->results)
      if (!result->isConstant() && plan.bufferOfValue[result->id] < 0)
        if (auto b = newBuffer(*result, step); !b)
          return b.takeError();
    if (need.scratchBytes > 0) {
      plan.buffers.push_back({0, alignUp(need.scratchBytes, alignment), step, step});
      plan.scratchOfOp[op->index] = int(plan.buffers.size() - 1);
    }
  }
  for (const ir::Value *output : graph.outputs)
    use(*output, end);
  nestOperandsInResults(graph, needs, plan);
  plan.lowerBound = peakLiveBytes(plan.buffers, end);
  plan.arenaSize = placeBuffers(plan.buffers, alignment);
  return plan;
}

} // namespace litec::codegen
