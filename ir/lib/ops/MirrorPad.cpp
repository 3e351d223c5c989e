#include "litec/ir/ops/MirrorPad.h"

#include "litec/ir/Shape.h"

#include <fmt/format.h>

namespace litec::ir::ops {

std::optional<int64_t> mirrorSource(int64_t o, int64_t before, int64_t n, bool symmetric) {
  int64_t i = o - before;
  // Reflect across the edges: REFLECT maps -1 to 1, SYMMETRIC maps -1 to 0.
  if (i < 0)
    i = symmetric ? -i - 1 : -i;
  else if (i >= n)
    i = symmetric ? 2 * n - i - 1 : 2 * n - i - 2;
  if (i < 0 || i >= n)
    return std::nullopt;
  return i;
}

llvm::Expected<PreparedMirrorPad> prepareMirrorPad(const Op &op) {
  if (op.operands.size() != 2 || !op.operands[0] || !op.operands[1] || op.results.size() != 1)
    return invalid("MIRROR_PAD needs an input, paddings and one result");
  const Value &input = *op.operands[0], &output = *op.results[0];
  if (output.shape.size() != input.shape.size() ||
      elementCount(op.operands[1]->shape).value_or(0) != int64_t(2 * input.shape.size()))
    return invalid("paddings must be a [rank, 2] tensor and keep the rank");
  if (input.type != output.type)
    return unsupported("MIRROR_PAD with types " + typeList(op));
  if (input.shape.size() > size_t(kMaxGatherRank))
    return unsupported("MIRROR_PAD of rank " + std::to_string(input.shape.size()));
  auto options = optionsOf<options::MirrorPadOptions>(op);
  if (!options)
    return options.takeError();
  PreparedMirrorPad prepared{};
  prepared.symmetric = options->mode == options::MirrorPadMode::SYMMETRIC;
  prepared.type = input.type;
  const auto paddings = constantInts(op.operands[1]);
  prepared.constantPaddings = paddings.has_value();
  if (!paddings)
    return prepared;
  std::vector<std::vector<int64_t>> sources(input.shape.size());
  for (size_t d = 0; d < input.shape.size(); ++d)
    for (int64_t o = 0; o < output.shape[d]; ++o) {
      auto source = mirrorSource(o, (*paddings)[2 * d], input.shape[d], prepared.symmetric);
      if (!source)
        return invalid(fmt::format("padding of dimension {} is larger than the mirror allows", d));
      sources[d].push_back(*source);
    }
  prepared.params = axisGather(input.shape, sources);
  return prepared;
}

} // namespace litec::ir::ops
