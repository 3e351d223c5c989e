#include "litec/ir/Shape.h"
#include "litec/ir/ElementType.h"

#include <catch2/catch.hpp>

using namespace litec::ir;

TEST_CASE("element counts multiply dimensions and detect overflow", "[shape]") {
  CHECK(elementCount({}) == 1);
  CHECK(elementCount({1, 224, 224, 3}) == 150528);
  CHECK(elementCount({0, 5}) == 0);
  CHECK_FALSE(elementCount({-1, 4}).has_value());
  CHECK_FALSE(elementCount({1LL << 40, 1LL << 40}).has_value());
}

TEST_CASE("products of untrusted dimensions never overflow", "[shape]") {
  CHECK(checkedMul(1LL << 31, 1LL << 31) == (1LL << 62));
  CHECK_FALSE(checkedMul(1LL << 32, 1LL << 31).has_value());
  CHECK(saturatingMul(1LL << 40, 1LL << 40) == INT64_MAX);
  CHECK(saturatingMul(-(1LL << 40), 1LL << 40) == INT64_MIN);
  CHECK(saturatingAdd(INT64_MAX, 1) == INT64_MAX);
  CHECK(saturatingAdd(INT64_MIN, -1) == INT64_MIN);
  CHECK(saturatingAdd(3, 4) == 7);
}

TEST_CASE("shapes print as dimensions joined by x, dynamic ones as ?", "[shape]") {
  CHECK(formatShape({}) == "");
  CHECK(formatShape({1, 49, 40, 1}) == "1x49x40x1");
  CHECK(formatShape({1, 10}, {true, false}) == "?x10");
}

TEST_CASE("broadcasting aligns from the right as TFLite does", "[shape]") {
  CHECK(broadcastShapes({1, 8, 8, 16}, {16}) == Shape{1, 8, 8, 16});
  CHECK(broadcastShapes({4, 1, 3}, {5, 1}) == Shape{4, 5, 3});
  CHECK(broadcastShapes({}, {2, 3}) == Shape{2, 3});
  CHECK(broadcastShapes({1, 2, 3, 4, 5, 6}, {6}) == Shape{1, 2, 3, 4, 5, 6});
  CHECK_FALSE(broadcastShapes({2, 3}, {4, 3}).has_value());
}

TEST_CASE("element types have names and sizes", "[types]") {
  CHECK(elementTypeName(ElementType::I8) == "i8");
  CHECK(elementByteSize(ElementType::I64) == 8);
  CHECK(elementByteSize(ElementType::F16) == 2);
  CHECK(parseElementType("bool") == ElementType::Bool);
  CHECK_FALSE(parseElementType("f64").has_value());
  CHECK(isFloat(ElementType::F16));
  CHECK(isInteger(ElementType::U8));
  CHECK_FALSE(isInteger(ElementType::Bool));
}
