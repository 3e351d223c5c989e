# What every sample needs: litec_add_model (from litec's tree, or find_package(Litec) when the
# sample is built on its own), stb_image from Debian's libstb-dev, and the shared sources.
if(PROJECT_IS_TOP_LEVEL AND NOT CMAKE_BUILD_TYPE AND NOT CMAKE_CONFIGURATION_TYPES)
  set(CMAKE_BUILD_TYPE Release)
endif()
if(NOT COMMAND litec_add_model)
  find_package(Litec REQUIRED)
endif()
find_path(STB_INCLUDE_DIR stb_image.h PATH_SUFFIXES stb)
find_library(STB_LIBRARY stb)

# sample_add_executable(<name> MODEL <file> MODEL_TARGET <target> SOURCES <files>...)
# Compiles MODEL into the library MODEL_TARGET and links it into the program <name>; the sample
# is skipped with a message when its model or libstb-dev is missing.
function(sample_add_executable name)
  cmake_parse_arguments(PARSE_ARGV 1 ARG "" "MODEL;MODEL_TARGET" "SOURCES")
  if(NOT EXISTS "${ARG_MODEL}" OR NOT STB_INCLUDE_DIR OR NOT STB_LIBRARY)
    message(STATUS "${name} sample skipped: needs ${ARG_MODEL} and libstb-dev")
    return()
  endif()
  litec_add_model(${ARG_MODEL_TARGET} MODEL "${ARG_MODEL}")
  set(common "${CMAKE_CURRENT_FUNCTION_LIST_DIR}")
  add_executable(${name} ${ARG_SOURCES} ${common}/Image.cpp ${common}/Letterbox.cpp)
  set_target_properties(${name} PROPERTIES CXX_STANDARD 17 CXX_STANDARD_REQUIRED ON)
  target_include_directories(${name} PRIVATE ${common} ${STB_INCLUDE_DIR})
  target_link_libraries(${name} PRIVATE ${ARG_MODEL_TARGET} ${STB_LIBRARY})
endfunction()
