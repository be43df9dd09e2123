#include "kiosk/ui/script.h"

#include <charconv>
#include <limits>

#include "text/normalize.h"
#include "text/utf8.h"

namespace motcua::ui {

using text::isValidUtf8;
using text::toNfc;

namespace {

constexpr int kMaxSleepMs = 3'600'000;

struct Token {
    std::string text;
    bool quoted = false;
};

bool isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\r';
}

// Splits a line into words and quoted strings; stops at a '#' outside quotes.
bool tokenize(std::string_view line, std::vector<Token>& tokens, std::string& error) {
    std::size_t i = 0;
    while (i < line.size()) {
        if (isSpace(line[i])) {
            ++i;
            continue;
        }
        if (line[i] == '#') break;
        Token token;
        if (line[i] == '"') {
            token.quoted = true;
            ++i;
            bool closed = false;
            while (i < line.size()) {
                const char c = line[i++];
                if (c == '"') {
                    closed = true;
                    break;
                }
                if (c == '\\') {
                    if (i >= line.size()) break;
                    const char escaped = line[i++];
                    if (escaped != '"' && escaped != '\\') {
                        error = std::string("unknown escape \\") + escaped + " (only \\\" and \\\\)";
                        return false;
                    }
                    token.text.push_back(escaped);
                } else {
                    token.text.push_back(c);
                }
            }
            if (!closed) {
                error = "unterminated string (missing closing \")";
                return false;
            }
            if (i < line.size() && !isSpace(line[i]) && line[i] != '#') {
                error = "text right after a closing quote";
                return false;
            }
        } else {
            while (i < line.size() && !isSpace(line[i])) {
                if (line[i] == '"') {
                    error = "a quote inside a word";
                    return false;
                }
                token.text.push_back(line[i++]);
            }
        }
        tokens.push_back(std::move(token));
    }
    return true;
}

bool parseInt(const Token& token, const char* what, int min, int& out, std::string& error) {
    const char* first = token.text.data();
    const char* last = first + token.text.size();
    int value = 0;
    const auto [end, ec] = std::from_chars(first, last, value);
    if (token.quoted || ec != std::errc() || end != last) {
        error = std::string(what) + " must be a whole number, not \"" + token.text + "\"";
        return false;
    }
    if (value < min) {
        error = std::string(what) + " must be at least " + std::to_string(min) + ", not " + token.text;
        return false;
    }
    out = value;
    return true;
}

bool expectCount(const std::vector<Token>& tokens, std::size_t count, const char* usage, std::string& error) {
    if (tokens.size() - 1 == count) return true;
    error = std::string("expected ") + usage + " (" + std::to_string(count) + " argument" +
            (count == 1 ? "" : "s") + ", got " + std::to_string(tokens.size() - 1) + ")";
    return false;
}

bool quotedText(const Token& token, const char* command, std::string& out, std::string& error) {
    if (!token.quoted) {
        error = std::string(command) + " takes text in double quotes, e.g. " + command + " \"" + token.text +
                "\"";
        return false;
    }
    if (!isValidUtf8(token.text)) {
        error = std::string(command) + " text is not valid UTF-8";
        return false;
    }
    if (token.text.empty()) {
        error = std::string(command) + " text is empty";
        return false;
    }
    out = toNfc(token.text);
    return true;
}

}  // namespace

std::optional<ScriptCommand> parseScriptLine(std::string_view line, int lineNumber, std::string& error) {
    error.clear();
    std::vector<Token> tokens;
    if (!tokenize(line, tokens, error)) return std::nullopt;
    if (tokens.empty()) return std::nullopt;
    if (tokens[0].quoted) {
        error = "a line must start with a command, not a string";
        return std::nullopt;
    }
    ScriptCommand c;
    c.line = lineNumber;
    const std::string& name = tokens[0].text;
    if (name == "tap") {
        if (tokens.size() == 2) {
            c.type = ScriptCommandType::TapText;
            if (!quotedText(tokens[1], "tap", c.text, error)) return std::nullopt;
        } else {
            if (!expectCount(tokens, 2, "tap X Y or tap \"text\"", error)) return std::nullopt;
            c.type = ScriptCommandType::TapAt;
            if (!parseInt(tokens[1], "X", 0, c.point.x, error) ||
                !parseInt(tokens[2], "Y", 0, c.point.y, error))
                return std::nullopt;
        }
    } else if (name == "drag") {
        if (!expectCount(tokens, 4, "drag X1 Y1 X2 Y2", error)) return std::nullopt;
        c.type = ScriptCommandType::Drag;
        if (!parseInt(tokens[1], "X1", 0, c.point.x, error) ||
            !parseInt(tokens[2], "Y1", 0, c.point.y, error) || !parseInt(tokens[3], "X2", 0, c.to.x, error) ||
            !parseInt(tokens[4], "Y2", 0, c.to.y, error))
            return std::nullopt;
    } else if (name == "type") {
        // type "text" MS: MS between characters (a person typing slowly); without it one frame.
        if (tokens.size() != 3 && !expectCount(tokens, 1, "type \"text\" [MS]", error)) return std::nullopt;
        c.type = ScriptCommandType::Type;
        if (!quotedText(tokens[1], "type", c.text, error)) return std::nullopt;
        if (tokens.size() == 3 && !parseInt(tokens[2], "MS", 1, c.milliseconds, error)) return std::nullopt;
    } else if (name == "key") {
        if (!expectCount(tokens, 1, "key NAME", error)) return std::nullopt;
        c.type = ScriptCommandType::Key;
        const auto key = keyFromName(tokens[1].text);
        if (tokens[1].quoted || !key) {
            error = "unknown key \"" + tokens[1].text +
                    "\" (Return, Escape, Backspace, Tab, Space, Delete, Home, End, PageUp, PageDown, Up, "
                    "Down, Left, "
                    "Right, F1..F12, a letter or a digit)";
            return std::nullopt;
        }
        c.key = *key;
    } else if (name == "wait") {
        if (!expectCount(tokens, 1, "wait MS", error)) return std::nullopt;
        c.type = ScriptCommandType::Wait;
        if (!parseInt(tokens[1], "MS", 0, c.milliseconds, error)) return std::nullopt;
    } else if (name == "sleep") {
        if (!expectCount(tokens, 1, "sleep MS", error)) return std::nullopt;
        c.type = ScriptCommandType::Sleep;
        if (!parseInt(tokens[1], "MS", 0, c.milliseconds, error)) return std::nullopt;
        if (c.milliseconds > kMaxSleepMs) {
            error =
                "sleep is at most " + std::to_string(kMaxSleepMs) + " ms (one hour), not " + tokens[1].text;
            return std::nullopt;
        }
    } else if (name == "expect") {
        if (!expectCount(tokens, 1, "expect \"text\"", error)) return std::nullopt;
        c.type = ScriptCommandType::Expect;
        if (!quotedText(tokens[1], "expect", c.text, error)) return std::nullopt;
    } else if (name == "said") {
        if (!expectCount(tokens, 1, "said \"text\"", error)) return std::nullopt;
        c.type = ScriptCommandType::Said;
        if (!quotedText(tokens[1], "said", c.text, error)) return std::nullopt;
    } else if (name == "screenshot") {
        if (!expectCount(tokens, 1, "screenshot PATH.png", error)) return std::nullopt;
        c.type = ScriptCommandType::Screenshot;
        c.text = tokens[1].text;
        if (c.text.size() < 5 || c.text.substr(c.text.size() - 4) != ".png") {
            error = "screenshot path must end in .png, not \"" + c.text + "\"";
            return std::nullopt;
        }
    } else if (name == "quit") {
        if (!expectCount(tokens, 0, "quit", error)) return std::nullopt;
        c.type = ScriptCommandType::Quit;
    } else {
        error = "unknown command \"" + name +
                "\" (tap, drag, type, key, wait, sleep, expect, said, screenshot, quit)";
        return std::nullopt;
    }
    return c;
}

ScriptParseResult parseScript(std::string_view source) {
    ScriptParseResult result;
    int lineNumber = 0;
    std::size_t pos = 0;
    while (pos <= source.size()) {
        const auto nl = source.find('\n', pos);
        const auto line =
            source.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
        ++lineNumber;
        std::string error;
        auto command = parseScriptLine(line, lineNumber, error);
        if (!error.empty()) {
            result.commands.clear();
            result.error = ScriptError{lineNumber, error};
            return result;
        }
        if (command) result.commands.push_back(std::move(*command));
        if (nl == std::string_view::npos) break;
        pos = nl + 1;
    }
    return result;
}

namespace {
std::string quote(const std::string& text) {
    std::string out = "\"";
    for (char c : text) {
        if (c == '"' || c == '\\') out.push_back('\\');
        out.push_back(c);
    }
    return out + "\"";
}
}  // namespace

std::string describe(const ScriptCommand& c) {
    switch (c.type) {
        case ScriptCommandType::TapAt:
            return "tap " + std::to_string(c.point.x) + " " + std::to_string(c.point.y);
        case ScriptCommandType::TapText:
            return "tap " + quote(c.text);
        case ScriptCommandType::Drag:
            return "drag " + std::to_string(c.point.x) + " " + std::to_string(c.point.y) + " " +
                   std::to_string(c.to.x) + " " + std::to_string(c.to.y);
        case ScriptCommandType::Type: {
            // Appended, not `" " + std::to_string(...)`: GCC 12 at -O3 reports a false -Wrestrict there.
            std::string line = "type " + quote(c.text);
            if (c.milliseconds > 0) {
                line += ' ';
                line += std::to_string(c.milliseconds);
            }
            return line;
        }
        case ScriptCommandType::Key:
            return "key " + keyName(c.key);
        case ScriptCommandType::Wait:
            return "wait " + std::to_string(c.milliseconds);
        case ScriptCommandType::Sleep:
            return "sleep " + std::to_string(c.milliseconds);
        case ScriptCommandType::Expect:
            return "expect " + quote(c.text);
        case ScriptCommandType::Said:
            return "said " + quote(c.text);
        case ScriptCommandType::Screenshot:
            return "screenshot " + c.text;
        case ScriptCommandType::Quit:
            return "quit";
    }
    return "?";
}

}  // namespace motcua::ui
