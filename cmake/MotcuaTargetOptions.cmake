# Per-target compile options: warnings (errors under MOTCUA_DEVELOPER) and sanitizers.
function(motcua_target_options target)
  target_compile_options(${target} PRIVATE -Wall -Wextra)
  if(MOTCUA_DEVELOPER)
    target_compile_options(${target} PRIVATE
      -Wpedantic -Wshadow -Wold-style-cast -Wnon-virtual-dtor -Woverloaded-virtual
      -Wcast-align -Wformat=2 -Wimplicit-fallthrough -Wsuggest-override -Wmissing-declarations
      -Wnull-dereference -Werror)
  endif()
  if(MOTCUA_SANITIZE)
    target_compile_options(${target} PRIVATE -fsanitize=address,undefined -fno-omit-frame-pointer
                                             -fno-sanitize-recover=undefined)
    target_link_options(${target} PRIVATE -fsanitize=address,undefined)
    # GCC's flow analysis is confused by the sanitizer instrumentation and reports false
    # -Wmaybe-uninitialized inside libstdc++ (e.g. Catch2's main in tests/support), which
    # -Werror would turn into a broken build; the warning stays on in ordinary builds.
    if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
      target_compile_options(${target} PRIVATE -Wno-maybe-uninitialized)
    endif()
  endif()
endfunction()
