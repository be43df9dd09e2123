// SDL2_ttf handles as unique_ptrs with named deleters, and the exception for failed TTF calls.
// <SDL_ttf.h> is not included: TTF_Font is forward-declared under SDL_ttf's own tag.
#pragma once

#include <memory>
#include <stdexcept>
#include <string>

struct _TTF_Font;  // NOLINT(bugprone-reserved-identifier): SDL_ttf's own tag for TTF_Font

namespace motcua::ui {

struct TtfFontDeleter {
    void operator()(_TTF_Font* font) const noexcept;
};
using TtfFontPtr = std::unique_ptr<_TTF_Font, TtfFontDeleter>;

// A failed SDL2_ttf call, with TTF_GetError() captured at construction.
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

}  // namespace motcua::ui
