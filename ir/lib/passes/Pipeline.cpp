#include "litec/ir/passes/Pipeline.h"

#include "litec/ir/passes/ActivationFusion.h"
#include "litec/ir/passes/AffineFolding.h"
#include "litec/ir/passes/ConstantFolding.h"
#include "litec/ir/passes/DeadCodeElimination.h"
#include "litec/ir/passes/DepthwiseAsConvolution.h"
#include "litec/ir/passes/EpilogueFusion.h"
#include "litec/ir/passes/InversePairs.h"
#include "litec/ir/passes/PadFolding.h"
#include "litec/ir/passes/RequantizeMerge.h"
#include "litec/ir/passes/ReshapeCollapse.h"
#include "litec/ir/passes/ResidualFusion.h"

#include <fmt/format.h>

#include <algorithm>

namespace litec::ir {

namespace {
// The registry: every pass litec has, in the order the default pipeline runs them.
const PassInfo kPasses[] = {
    {"fold-constants",
     "run ops whose operands are all constants at compile time (fp16 weights behind DEQUANTIZE, "
     "sparse weights behind DENSIFY, reshapes of constants)",
     /*required=*/true, createConstantFoldingPass},
    {"fold-affine",
     "fold a float MUL or ADD by a per-channel or scalar constant after a convolution or fully "
     "connected op into its weights and bias (a reassociation: within float rounding)",
     /*required=*/false, createAffineFoldingPass},
    {"fuse-activations",
     "fold a RELU, RELU6 or RELU_N1_TO_1 into the fused-activation slot of the op before it "
     "where the result is exactly the same",
     /*required=*/false, createActivationFusionPass},
    {"fold-pads",
     "fold a PAD of the height and width in front of a convolution or pool into its explicit "
     "padding where the result is exactly the same",
     /*required=*/false, createPadFoldingPass},
    {"depthwise-as-convolution",
     "turn a DEPTHWISE_CONV_2D of one input channel into the CONV_2D it equals (the filter's "
     "channels moved first), bit for bit",
     /*required=*/false, createDepthwiseAsConvolutionPass},
    {"merge-requantize",
     "let the op before an int8 QUANTIZE that only moves the zero point write its result, where "
     "the result is exactly the same",
     /*required=*/false, createRequantizeMergePass},
    {"fuse-residual-add",
     "fold an ADD of a convolution's result and a residual (float: zero channels appended by a "
     "PAD included) into the convolution's epilogue, bit for bit",
     /*required=*/false, createResidualFusionPass},
    {"fuse-epilogues",
     "fold a per-channel PRELU or a HARD_SWISH of a convolution's result into the convolution's "
     "epilogue, bit for bit",
     /*required=*/false, createEpilogueFusionPass},
    {"cancel-inverse-pairs",
     "bypass a TRANSPOSE that undoes a TRANSPOSE and a QUANTIZE that undoes a DEQUANTIZE",
     /*required=*/false, createInversePairsPass},
    {"collapse-reshapes",
     "bypass a RESHAPE, SQUEEZE or EXPAND_DIMS to its input's own shape, and let a RESHAPE of a "
     "reshape read the first one's input",
     /*required=*/false, createReshapeCollapsePass},
    {"eliminate-dead-code", "remove ops whose results nothing reads (and which keep no state)",
     /*required=*/false, createDeadCodeEliminationPass},
};

llvm::Error unknownPass(std::string_view name) {
  std::string known;
  for (const PassInfo &info : kPasses)
    known += (known.empty() ? "" : ", ") + std::string(info.name);
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 fmt::format("no pass named '{}' (passes: {})", name, known));
}
} // namespace

std::span<const PassInfo> registeredPasses() {
  return kPasses;
}

const PassInfo *findPass(std::string_view name) {
  for (const PassInfo &info : kPasses)
    if (info.name == name)
      return &info;
  return nullptr;
}

llvm::Expected<PassManager> buildPipeline(const PipelineOptions &options) {
  for (const std::string &name : options.disabled)
    if (!findPass(name))
      return unknownPass(name);
  PassManager manager;
  for (const PassInfo &info : kPasses) {
    if (options.optLevel == 0 && !info.required)
      continue;
    if (std::find(options.disabled.begin(), options.disabled.end(), info.name) !=
        options.disabled.end())
      continue;
    manager.add(info.create());
  }
  return manager;
}

llvm::Expected<PassManager> buildPassList(const std::vector<std::string> &names) {
  PassManager manager;
  for (const std::string &name : names) {
    const PassInfo *info = findPass(name);
    if (!info)
      return unknownPass(name);
    manager.add(info->create());
  }
  return manager;
}

} // namespace litec::ir
