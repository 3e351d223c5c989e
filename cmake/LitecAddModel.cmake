# litec_add_model(<target> MODEL <file> [NAME <name>] [NAMESPACE <ns>]
#                 [TARGET generic|neon|x86|nnapi] [CPU <name>]
#                 [QUANTIZE int8|int16 [CALIBRATION <dir>]] [OPTIONS <litec compile options>...])
#
# Compiles a .tflite model at build time and makes <target> a static library of the generated
# code, with its include directory (NAME.h) attached. Editing the model file, or rebuilding litec,
# regenerates and rebuilds it. NAME (the file stem and C symbol prefix) defaults to <target> with
# anything but letters, digits and '_' replaced; NAMESPACE defaults to NAME. Several models in one
# application do not clash: each has its own directory, namespace and C prefix. CPU is litec's
# --cpu (neon: generic-armv8, cortex-a53, cortex-a55, cortex-a76, armv7; x86: x86-64-v3,
# x86-64-v4, znver3, skylake-avx512, native). For x86 the CPU is also the library's -march
# (default x86-64-v3): the generated code needs AVX2 and FMA and stops with #error without them.
#
# QUANTIZE quantises a float model on the way (litec compile --quantize), calibrated on the
# images or raw input files of CALIBRATION (else on seeded random inputs); editing a file there
# rebuilds it too. litec quantize's other options (--image-mean, --method, ...) go in OPTIONS.
#
# Which litec runs: LITEC_EXECUTABLE when set (a host-built litec when cross-compiling), else the
# `litec` target of this build (add_subdirectory of litec's source tree), else the imported
# Litec::litec (find_package(Litec)).

set(LITEC_EXECUTABLE "" CACHE FILEPATH
    "litec to run at build time (default: the litec target, or the installed Litec::litec)")

function(litec_add_model target)
  cmake_parse_arguments(PARSE_ARGV 1 ARG "" "MODEL;NAME;NAMESPACE;TARGET;CPU;QUANTIZE;CALIBRATION"
                        "OPTIONS")
  if(NOT ARG_MODEL)
    message(FATAL_ERROR "litec_add_model(${target}): MODEL <file> is required")
  endif()
  if(ARG_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "litec_add_model(${target}): unknown arguments ${ARG_UNPARSED_ARGUMENTS}")
  endif()
  get_filename_component(model "${ARG_MODEL}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
  set(name "${ARG_NAME}")
  if(NOT name)
    string(MAKE_C_IDENTIFIER "${target}" name)
  endif()
  set(target_name generic)
  if(ARG_TARGET)
    set(target_name "${ARG_TARGET}")
  endif()
  set(arguments compile "${model}" -o "${CMAKE_CURRENT_BINARY_DIR}/litec-models/${target}"
      --name "${name}" --target "${target_name}")
  if(ARG_NAMESPACE)
    list(APPEND arguments --namespace "${ARG_NAMESPACE}")
  endif()
  if(ARG_CPU)
    list(APPEND arguments --cpu "${ARG_CPU}")
  endif()
  set(calibration_files "")
  if(ARG_QUANTIZE)
    list(APPEND arguments --quantize "${ARG_QUANTIZE}")
    if(ARG_CALIBRATION)
      get_filename_component(calibration "${ARG_CALIBRATION}" ABSOLUTE
                             BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
      list(APPEND arguments --calibration "${calibration}")
      file(GLOB calibration_files CONFIGURE_DEPENDS "${calibration}/*")
    endif()
  elseif(ARG_CALIBRATION)
    message(FATAL_ERROR "litec_add_model(${target}): CALIBRATION needs QUANTIZE int8|int16")
  endif()
  list(APPEND arguments ${ARG_OPTIONS})

  if(LITEC_EXECUTABLE)
    set(tool "${LITEC_EXECUTABLE}")
    set(tool_dependency "${LITEC_EXECUTABLE}")
  elseif(TARGET litec)
    set(tool "$<TARGET_FILE:litec>")
    set(tool_dependency litec)
  elseif(TARGET Litec::litec)
    set(tool "$<TARGET_FILE:Litec::litec>")
    set(tool_dependency Litec::litec)
  else()
    message(FATAL_ERROR "litec_add_model(${target}): no litec (set LITEC_EXECUTABLE, "
                        "add_subdirectory litec's source tree or find_package(Litec))")
  endif()

  set(dir "${CMAKE_CURRENT_BINARY_DIR}/litec-models/${target}")
  set(sources "${dir}/${name}.cpp" "${dir}/${name}_weights.cpp")
  add_custom_command(
    OUTPUT "${dir}/${name}.h" ${sources}
    COMMAND ${tool} ${arguments}
    DEPENDS "${model}" ${calibration_files} ${tool_dependency}
    COMMENT "litec: compiling ${ARG_MODEL} for ${target_name} into ${target}"
    VERBATIM)
  add_library(${target} STATIC ${sources} "${dir}/${name}.h")
  target_include_directories(${target} PUBLIC "${dir}")
  target_compile_features(${target} PUBLIC cxx_std_17)
  set_target_properties(${target} PROPERTIES CXX_EXTENSIONS OFF)
  if(target_name STREQUAL "x86")
    if(ARG_CPU)
      target_compile_options(${target} PRIVATE "-march=${ARG_CPU}")
    else()
      target_compile_options(${target} PRIVATE -march=x86-64-v3)
    endif()
  endif()
endfunction()
