#include "litec/ir/OpKind.h"
#include "litec/frontend/Options.h"
#include "litec/ir/Graph.h"

#include <catch2/catch.hpp>

using namespace litec;

TEST_CASE("the op table maps codes to TFLite's operator names", "[opkind]") {
  CHECK(ir::lookupOpKind(3)->name == "CONV_2D");
  CHECK(ir::lookupOpKind(32)->kind == ir::OpKind::CUSTOM);
  CHECK(ir::lookupOpKind(150)->name == "GELU");
  CHECK(ir::lookupOpKind(205)->name == "REDUCE_WINDOW");
  // 127 is the marker for codes that do not fit the old byte field, not an operator.
  CHECK(ir::lookupOpKind(127) == nullptr);
  CHECK(ir::lookupOpKind(206) == nullptr);
  CHECK(ir::lookupOpKind(-1) == nullptr);
  CHECK(ir::parseOpKind("DEPTHWISE_CONV_2D") == ir::OpKind::DEPTHWISE_CONV_2D);
}

TEST_CASE("every options table named by the op table exists in the schema", "[opkind]") {
  for (int32_t code = 0; code <= ir::maxOpKindCode(); ++code) {
    const ir::OpKindInfo *info = ir::lookupOpKind(code);
    if (!info)
      continue;
    INFO(info->name);
    auto defaults = frontend::defaultOptions(info->kind);
    REQUIRE(static_cast<bool>(defaults));
    CHECK((info->optionsTable.empty() == (info->optionsUnion == 0)));
  }
}

TEST_CASE("default options come from the schema's defaults", "[opkind]") {
  auto conv = frontend::defaultOptions(ir::OpKind::CONV_2D);
  REQUIRE(static_cast<bool>(conv));
  CHECK(conv->getInt("dilation_w_factor") == 1);
  CHECK(conv->getInt("stride_w") == 0);
  REQUIRE(conv->getEnum("padding") != nullptr);
  CHECK(conv->getEnum("padding")->valueName == "SAME");
  CHECK(conv->getEnum("fused_activation_function")->valueName == "NONE");

  auto add = frontend::defaultOptions(ir::OpKind::ADD);
  REQUIRE(static_cast<bool>(add));
  CHECK(add->getBool("pot_scale_int16") == true);

  // Deprecated fields are not attributes.
  auto resize = frontend::defaultOptions(ir::OpKind::RESIZE_BILINEAR);
  REQUIRE(static_cast<bool>(resize));
  CHECK(resize->find("new_height") == nullptr);
  CHECK(resize->getBool("half_pixel_centers") == false);

  auto relu = frontend::defaultOptions(ir::OpKind::RELU);
  REQUIRE(static_cast<bool>(relu));
  CHECK(relu->empty());
}

TEST_CASE("op traits are consistent with each other and with the options tables", "[opkind]") {
  using ir::OpTrait;
  CHECK(ir::hasTrait(ir::OpKind::ADD, OpTrait::Binary));
  CHECK(ir::hasTrait(ir::OpKind::ADD, OpTrait::Commutative));
  CHECK_FALSE(ir::hasTrait(ir::OpKind::SUB, OpTrait::Commutative));
  CHECK(ir::hasTrait(ir::OpKind::RELU6, OpTrait::Activation));
  CHECK(ir::hasTrait(ir::OpKind::RESHAPE, OpTrait::Alias));
  CHECK(ir::hasTrait(ir::OpKind::SVDF, OpTrait::Stateful));
  for (int32_t code = 0; code <= ir::maxOpKindCode(); ++code) {
    const ir::OpKindInfo *info = ir::lookupOpKind(code);
    if (!info)
      continue;
    INFO(info->name);
    // An op is one shape of element-wise op at most; commutative and comparison ops are binary;
    // activations are unary; aliases are foldable (their result is their input's bytes).
    CHECK_FALSE((info->has(OpTrait::Unary) && info->has(OpTrait::Binary)));
    if (info->has(OpTrait::Commutative) || info->has(OpTrait::Comparison))
      CHECK(info->has(OpTrait::Binary));
    if (info->has(OpTrait::Activation))
      CHECK(info->has(OpTrait::Unary));
    if (info->has(OpTrait::Alias))
      CHECK(info->has(OpTrait::Foldable));
    // Element-wise unary ops keep their operand's shape; binary ones broadcast.
    if (info->has(OpTrait::Unary))
      CHECK(info->has(OpTrait::SameShape));
    CHECK_FALSE((info->has(OpTrait::Binary) && info->has(OpTrait::SameShape)));
  }
}

TEST_CASE("litec's private operator codes are never a file's", "[opkind]") {
  CHECK(ir::lookupOpKind(ir::kFirstPrivateOpCode) == nullptr);
  for (int32_t code = 0; code <= ir::maxOpKindCode(); ++code) {
    const ir::OpKindInfo *info = ir::lookupOpKind(code);
    if (code >= ir::kFirstPrivateOpCode)
      CHECK(info == nullptr);
    else if (info)
      CHECK_FALSE(ir::isPrivateOpKind(info->kind));
  }
}

TEST_CASE("operator families come from the table, and custom ops by their code", "[opkind]") {
  using ir::OpFamily;
  CHECK(ir::opKindInfo(ir::OpKind::CONV_2D).family == OpFamily::Convolution);
  CHECK(ir::opKindInfo(ir::OpKind::DEPTHWISE_CONV_2D).family == OpFamily::Convolution);
  CHECK(ir::opKindInfo(ir::OpKind::SPLIT_V).family == OpFamily::Slicing);
  CHECK(ir::opKindInfo(ir::OpKind::WHILE).family == OpFamily::None);
  CHECK(ir::opFamilyName(OpFamily::TransposeConvolution) == "TransposeConvolution");
  ir::Op op;
  op.kind = ir::OpKind::CUSTOM;
  op.customCode = "Convolution2DTransposeBias";
  CHECK(op.family() == OpFamily::TransposeConvolution);
  op.customCode = "MaxPoolingWithArgmax2D";
  CHECK(op.family() == OpFamily::None);
  op.kind = ir::OpKind::RESIZE_NEAREST_NEIGHBOR;
  CHECK(op.family() == OpFamily::Resize);
}
