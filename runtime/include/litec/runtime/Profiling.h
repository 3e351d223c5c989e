// Include guards, not #pragma once: every generated model carries its own copy of these
// headers, and an application including two models must see one definition.
#ifndef LITEC_RUNTIME_PROFILING_H
#define LITEC_RUNTIME_PROFILING_H

// Optional per-layer hooks. Profiling: Generated code brackets every layer with
// LITEC_PROFILE_LAYER_BEGIN(layer, "OP") and LITEC_PROFILE_LAYER_END(layer, "OP"); both
// compile to nothing unless the application builds the model with LITEC_PROFILING defined and
// provides the two functions below (a timer, a counter, a trace writer).

#if defined(LITEC_PROFILING)
extern "C" void litec_profile_layer_begin(int layer, const char *op);
extern "C" void litec_profile_layer_end(int layer, const char *op);
#define LITEC_PROFILE_LAYER_BEGIN(layer, op) litec_profile_layer_begin(layer, op)
#define LITEC_PROFILE_LAYER_END(layer, op) litec_profile_layer_end(layer, op)
#else
#define LITEC_PROFILE_LAYER_BEGIN(layer, op) static_cast<void>(0)
#define LITEC_PROFILE_LAYER_END(layer, op) static_cast<void>(0)
#endif

// Layer results, for tools that compare every layer with a reference (`litec verify
// --per-layer`): after each layer generated code calls LITEC_LAYER_RESULT(layer, value, data,
// bytes) for each tensor the layer wrote (`value` is its IR value id). It compiles to nothing
// unless the model is built with LITEC_LAYER_RESULTS defined and the application provides
// litec_layer_result (the runner litec writes with --emit-main does).
#if defined(LITEC_LAYER_RESULTS)
#include <cstddef>
extern "C" void litec_layer_result(int layer, int value, const void *data, std::size_t bytes);
#define LITEC_LAYER_RESULT(layer, value, data, bytes) litec_layer_result(layer, value, data, bytes)
#else
#define LITEC_LAYER_RESULT(layer, value, data, bytes) static_cast<void>(0)
#endif

#endif // LITEC_RUNTIME_PROFILING_H
