// SDL2_ttf, wrapped once for the screens and the ticket renderer: the library guard, font and
// rendered-text handles as unique_ptrs with named deleters, and the exception for failed TTF calls.
// <SDL_ttf.h> is not included: TTF_Font is forward-declared under SDL_ttf's own tag.
#pragma once

#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>

struct _TTF_Font;  // NOLINT(bugprone-reserved-identifier): SDL_ttf's own tag for TTF_Font
struct SDL_Surface;

namespace motcua::fonts {

// TTF_Init .. TTF_Quit. SDL2_ttf counts them (since 2.0.18), so several guards may live at once
// (the screens' and a ticket renderer's). Every font must be closed before its guard goes: declare
// the guard first. Throws TtfError when TTF_Init fails.
class TtfLibrary {
  public:
    TtfLibrary();
    TtfLibrary(const TtfLibrary&) = delete;
    TtfLibrary& operator=(const TtfLibrary&) = delete;
    ~TtfLibrary();
};

struct TtfFontDeleter {
    void operator()(_TTF_Font* font) const noexcept;
};
using TtfFontPtr = std::unique_ptr<_TTF_Font, TtfFontDeleter>;

// A surface SDL2_ttf rendered text into (TTF_Render*).
struct SurfaceDeleter {
    void operator()(SDL_Surface* surface) const noexcept;
};
using SurfacePtr = std::unique_ptr<SDL_Surface, SurfaceDeleter>;

// A failed SDL2_ttf call, with TTF_GetError() captured at construction (SDL's error string is a
// global the next call may overwrite).
class TtfError : public std::runtime_error {
  public:
    explicit TtfError(const std::string& call);
    const std::string& call() const noexcept { return m_call; }
    const std::string& ttfMessage() const noexcept { return m_ttfMessage; }

  private:
    TtfError(const std::string& call, std::string ttfMessage);
    std::string m_call;
    std::string m_ttfMessage;
};

// The font in file path at an em size of pixels (SDL2_ttf assumes 72 dpi, so points are pixels).
// Throws TtfError naming the file and size when it cannot be opened.
TtfFontPtr openFont(const std::filesystem::path& path, int pixels);

}  // namespace motcua::fonts
