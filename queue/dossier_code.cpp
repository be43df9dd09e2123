#include "queue/dossier_code.h"

#include "queue/citizen_card.h"
#include "text/ascii.h"

namespace motcua::queue {

namespace {

bool alnum(char c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}
char upper(char c) {
    return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
}
int twoDigits(std::string_view s) {
    return (s[0] - '0') * 10 + (s[1] - '0');
}

// YYMMDD of this century, a real date.
bool realDate(std::string_view yymmdd) {
    return civilDate(2000 + twoDigits(yymmdd.substr(0, 2)), twoDigits(yymmdd.substr(2, 2)),
                     twoDigits(yymmdd.substr(4, 2)))
        .has_value();
}

enum class Shape { No, BadDate, Yes };

// A run of letters, digits and dots: the agency's groups (at least two, each 1-6 letters or
// digits), the day received (6 digits) and the sequence (1-6 digits).
Shape shapeOf(std::string_view token) {
    if (token.size() > kMaxDossierCodeLength) return Shape::No;
    const auto parts = text::split(token, '.');
    if (parts.size() < 4) return Shape::No;
    for (std::size_t i = 0; i + 2 < parts.size(); ++i) {
        if (parts[i].empty() || parts[i].size() > 6) return Shape::No;
        for (char c : parts[i])
            if (!alnum(c)) return Shape::No;
    }
    const auto day = parts[parts.size() - 2];
    const auto sequence = parts.back();
    if (day.size() != 6 || !text::isDigits(day) || sequence.size() > 6 || !text::isDigits(sequence))
        return Shape::No;
    return realDate(day) ? Shape::Yes : Shape::BadDate;
}

}  // namespace

DossierCodeReading readDossierCode(std::string_view text) {
    DossierCodeReading out;
    std::size_t first = 0;
    while (first < text.size() &&
           (text[first] == ' ' || text[first] == '\t' || text[first] == '\r' || text[first] == '\n'))
        ++first;
    if (first == text.size()) return out;  // Empty
    if (text.size() > kMaxScannedLength) {
        out.problem = DossierCodeProblem::TooLong;
        return out;
    }
    out.problem = DossierCodeProblem::NotACode;
    // The runs of letters, digits and dots, each without the dots at its ends (a sentence's full stop).
    for (std::size_t i = first; i < text.size();) {
        if (!alnum(text[i])) {
            ++i;
            continue;
        }
        std::size_t end = i;
        while (end < text.size() && (alnum(text[end]) || text[end] == '.')) ++end;
        std::size_t last = end;
        while (last > i && text[last - 1] == '.') --last;
        const auto token = text.substr(i, last - i);
        switch (shapeOf(token)) {
            case Shape::Yes: {
                std::string code;
                for (char c : token) code += upper(c);
                out.code = std::move(code);
                return out;
            }
            case Shape::BadDate:
                out.problem = DossierCodeProblem::BadDate;
                break;
            case Shape::No:
                break;
        }
        i = end;
    }
    return out;
}

const char* toString(DossierCodeProblem problem) {
    switch (problem) {
        case DossierCodeProblem::Empty:
            return "empty";
        case DossierCodeProblem::TooLong:
            return "too long to be a dossier receipt's code";
        case DossierCodeProblem::NotACode:
            return "not a dossier code (like 000.00.06.G04.250701.0501)";
        case DossierCodeProblem::BadDate:
            return "the code's received-on part is not a real date";
    }
    return "unknown";
}

}  // namespace motcua::queue
