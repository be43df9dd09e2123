# Per-target compile options: warnings (errors under MOTCUA_DEVELOPER) and sanitizers.
function(motcua_target_options target)
  target_compile_options(${target} PRIVATE -Wall -Wextra)
  if(MOTCUA_DEVELOPER)
    target_compile_options(${target} PRIVATE
      -Wpedantic -Wshadow -Wold-style-cast -Wnon-virtual-dtor -Woverloaded-virtual
      -Wcast-align -Wformat=2 -Wimplicit-fallthrough -Werror)
  endif()
  if(MOTCUA_SANITIZE)
    target_compile_options(${target} PRIVATE -fsanitize=address,undefined -fno-omit-frame-pointer
                                             -fno-sanitize-recover=undefined)
    target_link_options(${target} PRIVATE -fsanitize=address,undefined)
  endif()
endfunction()
