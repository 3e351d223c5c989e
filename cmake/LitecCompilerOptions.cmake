# Warning and sanitizer flags shared by every litec target.
add_library(litec_compile_options INTERFACE)
target_compile_options(litec_compile_options INTERFACE -Wall -Wextra)
if(LITEC_WERROR)
  target_compile_options(litec_compile_options INTERFACE -Werror)
endif()
if(LITEC_SANITIZE)
  target_compile_options(litec_compile_options INTERFACE
    -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  target_link_options(litec_compile_options INTERFACE -fsanitize=address,undefined)
endif()

# LLVM's Support library, without its global compile definitions leaking further than needed.
function(litec_link_llvm_support target visibility)
  target_include_directories(${target} SYSTEM ${visibility} ${LLVM_INCLUDE_DIRS})
  target_compile_definitions(${target} ${visibility} ${LLVM_DEFINITIONS})
  target_link_libraries(${target} ${visibility} LLVMSupport)
  target_link_directories(${target} ${visibility} ${LLVM_LIBRARY_DIRS})
endfunction()

# LLVM is built without RTTI: classes deriving from its polymorphic types (cl::opt, ErrorInfo)
# must be compiled the same way or they reference typeinfo that does not exist.
if(NOT LLVM_ENABLE_RTTI)
  target_compile_options(litec_compile_options INTERFACE -fno-rtti)
endif()

# Coverage feedback for libFuzzer must come from the code under test, not only the fuzz target.
if(LITEC_FUZZ)
  target_compile_options(litec_compile_options INTERFACE -fsanitize=fuzzer-no-link)
endif()
