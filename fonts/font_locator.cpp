#include "fonts/font_locator.h"

#include <fontconfig/fontconfig.h>

#include <memory>
#include <stdexcept>

namespace motcua::fonts {

namespace {
struct PatternDeleter {
    void operator()(FcPattern* p) const noexcept { FcPatternDestroy(p); }
};
using PatternPtr = std::unique_ptr<FcPattern, PatternDeleter>;
struct LangSetDeleter {
    void operator()(FcLangSet* l) const noexcept { FcLangSetDestroy(l); }
};
}  // namespace

std::optional<std::filesystem::path> findFont(const std::string& family, FontWeight weight) {
    if (!FcInit()) return std::nullopt;
    PatternPtr pattern(FcNameParse(reinterpret_cast<const FcChar8*>(family.c_str())));
    if (!pattern) return std::nullopt;
    FcPatternAddInteger(pattern.get(), FC_WEIGHT,
                        weight == FontWeight::Bold ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR);
    FcPatternAddInteger(pattern.get(), FC_SLANT, FC_SLANT_ROMAN);
    std::unique_ptr<FcLangSet, LangSetDeleter> langs(FcLangSetCreate());
    FcLangSetAdd(langs.get(), reinterpret_cast<const FcChar8*>("vi"));
    FcPatternAddLangSet(pattern.get(), FC_LANG, langs.get());
    FcPatternAddBool(pattern.get(), FC_SCALABLE, FcTrue);
    FcConfigSubstitute(nullptr, pattern.get(), FcMatchPattern);
    FcDefaultSubstitute(pattern.get());

    FcResult result = FcResultNoMatch;
    PatternPtr match(FcFontMatch(nullptr, pattern.get(), &result));
    if (!match || result != FcResultMatch) return std::nullopt;

    // fontconfig always returns its best match; make sure it really covers Vietnamese.
    FcLangSet* matchLangs = nullptr;
    if (FcPatternGetLangSet(match.get(), FC_LANG, 0, &matchLangs) != FcResultMatch ||
        FcLangSetHasLang(matchLangs, reinterpret_cast<const FcChar8*>("vi")) != FcLangEqual) {
        return std::nullopt;
    }
    FcChar8* file = nullptr;
    if (FcPatternGetString(match.get(), FC_FILE, 0, &file) != FcResultMatch || !file) return std::nullopt;
    return std::filesystem::path(reinterpret_cast<const char*>(file));
}

FontSet FontSet::locate(const std::string& family) {
    const auto regular = findFont(family, FontWeight::Regular);
    const auto bold = findFont(family, FontWeight::Bold);
    if (!regular)
        throw std::runtime_error("no font covering Vietnamese found for \"" + family +
                                 "\" (install fonts-noto-core)");
    return {*regular, bold.value_or(*regular)};
}

}  // namespace motcua::fonts
