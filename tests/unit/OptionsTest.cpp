// Typed operator options (generated from the schema): every field read with its schema type,
// and a missing or mistyped attribute is an error naming it, never a silent default.

#include "litec/frontend/Options.h"
#include "litec/ir/OpOptions.h"

#include <catch2/catch.hpp>

#include <cstring>

using namespace litec;
using ir::options::ActivationFunctionType;
using ir::options::Padding;

namespace {
ir::Op opWith(ir::OpKind kind) {
  ir::Op op;
  op.kind = kind;
  auto defaults = frontend::defaultOptions(kind);
  REQUIRE(static_cast<bool>(defaults));
  op.attrs = std::move(*defaults);
  return op;
}

std::string errorOf(llvm::Error error) {
  return llvm::toString(std::move(error));
}
} // namespace

TEST_CASE("options come typed, with the schema's names and defaults", "[options]") {
  ir::Op conv = opWith(ir::OpKind::CONV_2D);
  conv.attrs.set("stride_h", int64_t(2));
  conv.attrs.set("fused_activation_function", ir::EnumAttr{"ActivationFunctionType", "RELU6", 3});
  auto o = ir::optionsOf<ir::options::Conv2DOptions>(conv);
  REQUIRE(static_cast<bool>(o));
  CHECK(o->padding == Padding::SAME);
  CHECK(o->stride_h == 2);
  CHECK(o->stride_w == 0);
  CHECK(o->dilation_w_factor == 1);
  CHECK(o->fused_activation_function == ActivationFunctionType::RELU6);

  ir::Op reshape = opWith(ir::OpKind::RESHAPE);
  reshape.attrs.set("new_shape", std::vector<int64_t>{1, -1});
  auto r = ir::optionsOf<ir::options::ReshapeOptions>(reshape);
  REQUIRE(static_cast<bool>(r));
  CHECK(r->new_shape == std::vector<int32_t>{1, -1});

  auto lstm = ir::optionsOf<ir::options::UnidirectionalSequenceLSTMOptions>(
      opWith(ir::OpKind::UNIDIRECTIONAL_SEQUENCE_LSTM));
  REQUIRE(static_cast<bool>(lstm));
  CHECK(lstm->cell_clip == 0.f);
  CHECK_FALSE(lstm->time_major);
}

TEST_CASE("a missing or mistyped option is an error that names it", "[options]") {
  ir::Op conv = opWith(ir::OpKind::CONV_2D);
  ir::AttrDict partial;
  for (const ir::NamedAttr &attr : conv.attrs.entries())
    if (attr.name != "stride_w")
      partial.set(attr.name, attr.value);
  conv.attrs = partial;
  auto missing = ir::optionsOf<ir::options::Conv2DOptions>(conv);
  REQUIRE_FALSE(static_cast<bool>(missing));
  CHECK(errorOf(missing.takeError()) == "attribute stride_w of Conv2DOptions is missing");

  conv.attrs.set("stride_w", std::string("two"));
  auto mistyped = ir::optionsOf<ir::options::Conv2DOptions>(conv);
  REQUIRE_FALSE(static_cast<bool>(mistyped));
  CHECK(errorOf(mistyped.takeError()) ==
        "attribute stride_w of Conv2DOptions is \"two\", expected an integer");

  conv.attrs.set("stride_w", int64_t(1) << 40);
  auto wide = ir::optionsOf<ir::options::Conv2DOptions>(conv);
  REQUIRE_FALSE(static_cast<bool>(wide));
  CHECK_THAT(errorOf(wide.takeError()), Catch::Contains("out of range"));

  conv.attrs.set("stride_w", int64_t(1));
  conv.attrs.set("padding", ir::EnumAttr{"MirrorPadMode", "REFLECT", 0});
  auto wrongEnum = ir::optionsOf<ir::options::Conv2DOptions>(conv);
  REQUIRE_FALSE(static_cast<bool>(wrongEnum));
  CHECK(errorOf(wrongEnum.takeError()) ==
        "attribute padding of Conv2DOptions is a MirrorPadMode value, expected Padding");

  auto otherTable = ir::optionsOf<ir::options::Pool2DOptions>(opWith(ir::OpKind::CONV_2D));
  REQUIRE_FALSE(static_cast<bool>(otherTable));
  CHECK(errorOf(otherTable.takeError()) == "CONV_2D carries Conv2DOptions, not Pool2DOptions");
}

TEST_CASE("MediaPipe's transposed convolution options are decoded once", "[options]") {
  ir::Op op;
  op.kind = ir::OpKind::CUSTOM;
  op.customCode = "Convolution2DTransposeBias";
  const int32_t fields[3] = {2, 3, 4};
  op.customOptions.resize(12);
  std::memcpy(op.customOptions.data(), fields, 12);
  auto o = ir::convolution2DTransposeBiasOptions(op);
  REQUIRE(static_cast<bool>(o));
  CHECK(o->padding == Padding::VALID);
  CHECK(o->stride_w == 3);
  CHECK(o->stride_h == 4);
  op.customOptions.resize(8);
  auto shortOptions = ir::convolution2DTransposeBiasOptions(op);
  REQUIRE_FALSE(static_cast<bool>(shortOptions));
  CHECK(errorOf(shortOptions.takeError()) ==
        "Convolution2DTransposeBias needs 12 bytes of options, has 8");
}
