// Include guards, not #pragma once: every generated model carries its own copy of these
// headers, and an application including two models must see one definition.
#ifndef LITEC_RUNTIME_INT16_ACTIVATIONS_H
#define LITEC_RUNTIME_INT16_ACTIVATIONS_H

// int16 LOGISTIC and TANH as TensorFlow Lite's integer kernels compute them (the int16
// activations and the gates of the integer LSTM): the input brought to the scale 1/(3 * 4096)
// (so that +-2^17 spans +-10.7), then linear interpolation in a 256-entry table of sigmoid on
// [0, 10.7), mirrored for negative inputs; tanh(x) = 2 sigmoid(2x) - 1 reads the same table at
// twice the resolution. And the reader of TFLite's other int16 tables (SOFTMAX's exp and
// reciprocal). C++17, header-only, no heap.

#include <cstdint>

namespace litec::runtime {

// TFLite's table of sigmoid(i / 24) in unsigned 0.16 fixed point, i = 0..255. Its entries
// differ from round(65536 * sigmoid(i / 24)) by up to one unit in places (they were tuned,
// not computed from that formula), and bit-exactness with TFLite needs these numbers, so they
// are kept here as data.
inline constexpr uint16_t kSigmoidTableQ16[256] = {
    32768, 33451, 34133, 34813, 35493, 36169, 36843, 37513, 38180, 38841, 39498, 40149, 40794,
    41432, 42064, 42688, 43304, 43912, 44511, 45102, 45683, 46255, 46817, 47369, 47911, 48443,
    48964, 49475, 49975, 50464, 50942, 51409, 51865, 52311, 52745, 53169, 53581, 53983, 54374,
    54755, 55125, 55485, 55834, 56174, 56503, 56823, 57133, 57433, 57724, 58007, 58280, 58544,
    58800, 59048, 59288, 59519, 59743, 59959, 60168, 60370, 60565, 60753, 60935, 61110, 61279,
    61441, 61599, 61750, 61896, 62036, 62172, 62302, 62428, 62549, 62666, 62778, 62886, 62990,
    63090, 63186, 63279, 63368, 63454, 63536, 63615, 63691, 63765, 63835, 63903, 63968, 64030,
    64090, 64148, 64204, 64257, 64308, 64357, 64405, 64450, 64494, 64536, 64576, 64614, 64652,
    64687, 64721, 64754, 64786, 64816, 64845, 64873, 64900, 64926, 64950, 64974, 64997, 65019,
    65039, 65060, 65079, 65097, 65115, 65132, 65149, 65164, 65179, 65194, 65208, 65221, 65234,
    65246, 65258, 65269, 65280, 65291, 65301, 65310, 65319, 65328, 65337, 65345, 65352, 65360,
    65367, 65374, 65381, 65387, 65393, 65399, 65404, 65410, 65415, 65420, 65425, 65429, 65433,
    65438, 65442, 65445, 65449, 65453, 65456, 65459, 65462, 65465, 65468, 65471, 65474, 65476,
    65479, 65481, 65483, 65485, 65488, 65489, 65491, 65493, 65495, 65497, 65498, 65500, 65501,
    65503, 65504, 65505, 65507, 65508, 65509, 65510, 65511, 65512, 65513, 65514, 65515, 65516,
    65517, 65517, 65518, 65519, 65520, 65520, 65521, 65522, 65522, 65523, 65523, 65524, 65524,
    65525, 65525, 65526, 65526, 65526, 65527, 65527, 65528, 65528, 65528, 65529, 65529, 65529,
    65529, 65530, 65530, 65530, 65530, 65531, 65531, 65531, 65531, 65531, 65532, 65532, 65532,
    65532, 65532, 65532, 65533, 65533, 65533, 65533, 65533, 65533, 65533, 65533, 65534, 65534,
    65534, 65534, 65534, 65534, 65534, 65534, 65534, 65534, 65535};

// How an int16 input reaches the table's scale: input * multiplier, rounded right by
// leftShift (TFLite's names). A multiplier of 0 means a power-of-two input scale, for which the
// kernels use 3 << leftShift and no shift.
struct Int16SigmoidalScaling {
  int32_t multiplier;
  int32_t leftShift;
};

constexpr int32_t toTableScale(int16_t x, Int16SigmoidalScaling s) {
  int32_t multiplier = s.multiplier, shift = s.leftShift;
  if (multiplier == 0) {
    multiplier = 3 * (int32_t(1) << shift);
    shift = 0;
  }
  const int32_t round = shift > 0 ? int32_t(1) << (shift - 1) : 0;
  return (int32_t(x) * multiplier + round) >> shift;
}

// sigmoid(x) with the output scale 2^-15 (zero point 0).
constexpr int16_t logisticInt16(int16_t x, Int16SigmoidalScaling s) {
  const int32_t input = toTableScale(x, s);
  const uint32_t magnitude = input < 0 ? uint32_t(-input) : uint32_t(input);
  // 9 fractional bits below the table index: the table steps by 1/24 = 2^9 / (3 * 4096).
  const uint32_t index = magnitude >> 9;
  uint32_t result = 0; // sigmoid(|x|) in 0.25 fixed point
  if (index >= 255) {
    result = uint32_t(0x7FFF) << 10;
  } else {
    const uint32_t below = kSigmoidTableQ16[index], above = kSigmoidTableQ16[index + 1];
    result = (below << 9) + (magnitude & 0x1FF) * (above - below);
  }
  // sigmoid(-x) = 1 - sigmoid(x); both rounded to 0.15.
  result = input >= 0 ? result + (uint32_t(1) << 9)
                      : (uint32_t(1) << 25) - result + (uint32_t(1) << 9) - 1;
  return int16_t(result >> 10);
}

// tanh(x) with the output scale 2^-15 (zero point 0).
constexpr int16_t tanhInt16(int16_t x, Int16SigmoidalScaling s) {
  const int32_t input = toTableScale(x, s);
  const uint32_t magnitude = input < 0 ? uint32_t(-input) : uint32_t(input);
  // sigmoid(2|x|): the table index steps every 2^8 input units.
  const uint32_t index = magnitude >> 8;
  int32_t result = 0;
  if (index >= 255) {
    result = int32_t(0xFFFF) << 8;
  } else {
    const uint32_t below = kSigmoidTableQ16[index], above = kSigmoidTableQ16[index + 1];
    result = int32_t((below << 8) + (magnitude & 0xFF) * (above - below));
  }
  // 2 sigmoid - 1 with the sign of x, rounded from 0.24 to 0.15.
  result = input >= 0 ? result - (1 << 23) + (1 << 7) : -result + (1 << 23) + (1 << 7) - 1;
  return int16_t(result >> 8);
}

// Reads one of TFLite's 513-entry int16 tables (ir::int16LookupTable): the upper 9 bits of the
// input pick an entry, the lower 7 interpolate towards the next one, rounding.
constexpr int16_t lookupInt16Table(int16_t value, const int16_t *table) {
  const int index = 256 + (value >> 7);
  const int32_t offset = value & 0x7F;
  const int32_t slope = int16_t(table[index + 1] - table[index]);
  return int16_t(table[index] + ((slope * offset + 64) >> 7));
}

} // namespace litec::runtime

#endif // LITEC_RUNTIME_INT16_ACTIVATIONS_H
