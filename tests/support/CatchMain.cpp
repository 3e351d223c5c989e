// Catch2's main, compiled once for every Catch test program.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
