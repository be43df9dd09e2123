#include "kiosk/ui/script_runner.h"

#include <algorithm>
#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include "kiosk/ui/layout_check.h"
#include "text/utf8.h"

namespace motcua::ui {

using text::appendUtf8;
using text::decodeUtf8;
using text::encodeUtf8;

std::string formatOutcome(const ScriptOutcome& outcome, const std::string& scriptName) {
    if (outcome.ok) return scriptName + ": ok";
    std::string out = scriptName + ":" + std::to_string(outcome.line) + ": ";
    if (!outcome.command.empty()) out += outcome.command + ": ";
    return out + outcome.message;
}

ScriptRunner::ScriptRunner(App& app, queue::ManualClock& clock, std::filesystem::path baseDir)
    : m_app(app), m_clock(clock), m_baseDir(std::move(baseDir)) {}

void ScriptRunner::step(int milliseconds) {
    m_clock.advance(milliseconds);
    m_app.frame();
}

bool ScriptRunner::settle(std::string& error) {
    const auto deadline = std::chrono::steady_clock::now() + m_settleLimit;
    while (m_app.backgroundBusy() && !m_app.stopRequested()) {
        if (std::chrono::steady_clock::now() >= deadline) {
            error = "the program's background work (printing) was still running after " +
                    std::to_string(m_settleLimit.count()) + " ms";
            return false;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(kFrameMs));
        m_app.frame();  // the clock stays: the program's time is the script's alone
    }
    return true;
}

std::string ScriptRunner::visibleSummary() const {
    const auto texts = m_app.visibleTexts();
    if (texts.empty()) return "nothing is visible";
    std::string out = "visible:";
    std::size_t shown = 0;
    for (const auto& t : texts) {
        if (shown == 20) {
            out += " ... (" + std::to_string(texts.size() - shown) + " more)";
            break;
        }
        std::u32string cps = decodeUtf8(t.text);
        std::string text = cps.size() > 48 ? encodeUtf8(cps.substr(0, 45)) + "..." : t.text;
        out += (shown ? ", \"" : " \"") + text + "\"";
        ++shown;
    }
    return out;
}

std::vector<LayoutItem> ScriptRunner::layoutNow() const {
    const Size size = m_app.size();
    auto items = layoutItems(m_app.screens().top(), m_app.connectionOverlay(), size);
    m_app.banner().collectLayout(items, {0, 0, size.width, size.height});
    return items;
}

std::string ScriptRunner::readable(const VisibleText& text) const {
    const Size size = m_app.size();
    const Rect window{0, 0, size.width, size.height};
    if (!text.owner) {
        // A screen drawn as a picture (the displays): the text must lie inside the window.
        const Rect inWindow = text.bounds.intersected(window);
        return inWindow == text.bounds ? std::string()
                                       : std::string("it is cut off by the edge of the window");
    }
    return unreadable(layoutNow(), text.owner);
}

bool ScriptRunner::tapText(const std::string& text, std::string& error) {
    const auto texts = m_app.visibleTexts();
    const VisibleText* target = nullptr;
    // An exact match wins over a longer text that contains it (the key "a" over "Xóa hết").
    for (const auto& t : texts) {
        if (t.text == text && !t.bounds.empty()) {
            target = &t;
            break;
        }
    }
    if (!target) {
        for (const auto& t : texts) {
            if (t.text.find(text) != std::string::npos && !t.bounds.empty()) {
                target = &t;
                break;
            }
        }
    }
    if (!target) {
        error = "no visible text contains \"" + text + "\"; " + visibleSummary();
        return false;
    }
    const Point p = target->bounds.center();
    // A person taps what they see: the text must be readable, and what is on top where they tap must
    // be the widget showing it (not a button drawn over it).
    if (const std::string why = readable(*target); !why.empty()) {
        error = "\"" + text + "\" cannot be tapped: " + why;
        return false;
    }
    if (target->owner) {
        const auto items = layoutNow();
        const LayoutItem* top = topTappableAt(items, p);
        const bool ownsTop = top && top->owner && target->owner->isWithin(top->owner);
        if (top && !ownsTop) {
            error = "\"" + text + "\" cannot be tapped: at " + std::to_string(p.x) + "," +
                    std::to_string(p.y) + " the tap lands on " + describe(*top);
            return false;
        }
    }
    m_app.injectPointer({PointerAction::Down, p, -1});
    step(kFrameMs);
    m_app.injectPointer({PointerAction::Up, p, -1});
    step(kFrameMs);
    return true;
}

bool ScriptRunner::execute(const ScriptCommand& c, ScriptOutcome& outcome, std::string& error) {
    const Size size = m_app.size();
    auto inside = [&](Point p) {
        if (p.x < size.width && p.y < size.height) return true;
        error = "point " + std::to_string(p.x) + "," + std::to_string(p.y) + " is outside the " +
                std::to_string(size.width) + "x" + std::to_string(size.height) + " screen";
        return false;
    };
    switch (c.type) {
        case ScriptCommandType::TapAt:
            if (!inside(c.point)) return false;
            m_app.injectPointer({PointerAction::Down, c.point, -1});
            step(kFrameMs);
            m_app.injectPointer({PointerAction::Up, c.point, -1});
            step(kFrameMs);
            return true;
        case ScriptCommandType::TapText:
            return tapText(c.text, error);
        case ScriptCommandType::Drag: {
            if (!inside(c.point) || !inside(c.to)) return false;
            constexpr int kSteps = 12;
            m_app.injectPointer({PointerAction::Down, c.point, -1});
            step(kFrameMs);
            for (int i = 1; i <= kSteps; ++i) {
                const Point p{c.point.x + (c.to.x - c.point.x) * i / kSteps,
                              c.point.y + (c.to.y - c.point.y) * i / kSteps};
                m_app.injectPointer({PointerAction::Move, p, -1});
                step(kFrameMs);
            }
            m_app.injectPointer({PointerAction::Up, c.to, -1});
            step(kFrameMs);
            return true;
        }
        case ScriptCommandType::Type:
            // One event per character, as a keyboard delivers them, so Telex composes key by key.
            for (char32_t ch : decodeUtf8(c.text)) {
                std::string one;
                appendUtf8(one, ch);
                m_app.inject(InputEvent::textInput(one));
                step(c.milliseconds > 0 ? c.milliseconds : kFrameMs);
            }
            return true;
        case ScriptCommandType::Key:
            m_app.inject(InputEvent::keyPress(c.key));
            step(kFrameMs);
            return true;
        case ScriptCommandType::Wait: {
            const int frames = std::clamp((c.milliseconds + kFrameMs - 1) / kFrameMs, 1, kMaxFramesPerWait);
            int done = 0;
            for (int i = 1; i <= frames; ++i) {
                const int upTo = static_cast<int>(static_cast<long long>(c.milliseconds) * i / frames);
                step(upTo - done);
                done = upTo;
            }
            return true;
        }
        case ScriptCommandType::Sleep: {
            // Wall time and the program's clock move together, a slice at a time, so other processes
            // (a console calling, a kiosk issuing) act meanwhile and this program sees it.
            const auto start = std::chrono::steady_clock::now();
            int done = 0;
            while (done < c.milliseconds && !m_app.stopRequested()) {
                const int slice = std::min(kSleepSliceMs, c.milliseconds - done);
                done += slice;
                step(slice);
                std::this_thread::sleep_until(start + std::chrono::milliseconds(done));
            }
            return true;
        }
        case ScriptCommandType::Expect: {
            // Readable, not merely present: a text cut off by the window or drawn under a button fails.
            std::string why;
            for (const auto& t : m_app.visibleTexts()) {
                if (t.text.find(c.text) == std::string::npos || t.bounds.empty()) continue;
                why = readable(t);
                if (why.empty()) return true;
            }
            error = why.empty() ? "\"" + c.text + "\" is not visible; " + visibleSummary()
                                : "\"" + c.text + "\" is on screen but cannot be read: " + why;
            return false;
        }
        case ScriptCommandType::Said: {
            if (!m_spoken) {
                error = "this program has no voice to listen to";
                return false;
            }
            const auto spoken = m_spoken();
            for (std::size_t i = m_heard; i < spoken.size(); ++i) {
                if (spoken[i].find(c.text) != std::string::npos) {
                    m_heard = i + 1;
                    return true;
                }
            }
            std::string recent;
            for (std::size_t i = m_heard; i < spoken.size() && recent.size() < 600; ++i)
                recent += " \"" + spoken[i] + "\"";
            error = "\"" + c.text + "\" was not said" +
                    (recent.empty() ? std::string(" (nothing new was said)") : "; said:" + recent);
            return false;
        }
        case ScriptCommandType::Screenshot: {
            std::filesystem::path path(c.text);
            if (path.is_relative()) path = m_baseDir / path;
            try {
                savePng(path, m_app.screenshot());
            } catch (const std::exception& e) {
                error = e.what();
                return false;
            }
            outcome.screenshots.push_back(path);
            return true;
        }
        case ScriptCommandType::Quit:
            outcome.quit = true;
            m_app.requestQuit();
            return true;
    }
    return true;
}

ScriptOutcome ScriptRunner::run(const std::vector<ScriptCommand>& commands) {
    ScriptOutcome outcome;
    step(kFrameMs);  // the first frame: screens laid out and drawn before the first command
    for (const auto& c : commands) {
        if (m_app.stopRequested()) {
            outcome.stopped = true;
            return outcome;
        }
        if (!m_app.running()) {
            outcome.ok = false;
            outcome.line = c.line;
            outcome.command = describe(c);
            outcome.message = "the program has already stopped";
            return outcome;
        }
        std::string error;
        if (!execute(c, outcome, error) || !settle(error)) {
            outcome.ok = false;
            outcome.line = c.line;
            outcome.command = describe(c);
            outcome.message = error;
            return outcome;
        }
        if (outcome.quit) break;
    }
    outcome.stopped = m_app.stopRequested();
    return outcome;
}

ScriptOutcome ScriptRunner::runFile(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        ScriptOutcome outcome;
        outcome.ok = false;
        outcome.message = "cannot read script " + path.string();
        return outcome;
    }
    std::stringstream buffer;
    buffer << in.rdbuf();
    const auto parsed = parseScript(buffer.str());
    if (!parsed.ok()) {
        ScriptOutcome outcome;
        outcome.ok = false;
        outcome.line = parsed.error->line;
        outcome.message = parsed.error->message;
        return outcome;
    }
    return run(parsed.commands);
}

}  // namespace motcua::ui
