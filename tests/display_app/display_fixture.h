// What the display tests share: generated office configs (4 to 12 counters), an "operator" in
// another process that moves the queue through its own connection on the same SQLite file, and a
// headless display (real SDL window, Noto fonts, the display's own connection, a manual clock) driven
// by the same script commands as `motcua-display --script`.
#pragma once

#include <fmt/format.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>
#include <map>
#include <memory>
#include <mutex>
#include <sstream>
#include <string>
#include <vector>

#include "kiosk/display_app/queue_feed.h"
#include "kiosk/ui/app.h"
#include "kiosk/ui/font_cache.h"
#include "kiosk/ui/screen_stack.h"
#include "kiosk/ui/script.h"
#include "kiosk/ui/script_runner.h"
#include "kiosk/ui/sdl_context.h"
#include "kiosk/ui/window.h"
#include "kiosk/voice/announcer.h"
#include "kiosk/voice/espeak_synthesizer.h"
#include "kiosk/voice/recording_audio_output.h"
#include "queue/office_config.h"
#include "queue/queue_service.h"
#include "queue/staff_service.h"
#include "queue/store.h"
#include "support/test_office.h"
#include "support/test_support.h"
#include "voice/recording_speech.h"

namespace motcua::display::testing {

using motcua::testing::kMonday0800;

// An office like the seed ward's, with `counters` counters (long real-world names), staff canbo1..N,
// six services (prefixes A..F) and a rating scale of `levels`.
inline std::string officeToml(int counters, int levels = 3, int timeoutSeconds = 60) {
    // Code, name, prefix, and the short name an office gives its counters for the TV.
    static const char* const kServices[][4] = {
        {"HT", "Hộ tịch", "A", "Hộ tịch"},
        {"CT", "Chứng thực", "B", "Chứng thực"},
        {"XH", "Lao động – Thương binh – Xã hội", "C", "Lao động, xã hội"},
        {"DD", "Đất đai – Xây dựng – Kinh tế", "D", "Đất đai"},
        {"VH", "Văn hóa – Tôn giáo – Thi đua – Tư pháp khác", "E", "Văn hóa"},
        {"TT", "Hỗ trợ dịch vụ công trực tuyến", "F", "Dịch vụ công"},
    };
    motcua::testing::TestOffice o;
    o.office = {{"name", "UBND phường Ngô Quyền"},
                {"unit", "Bộ phận tiếp nhận và trả kết quả"},
                {"slogan", "Chính quyền thân thiện - Trách nhiệm - Vì nhân dân phục vụ"},
                {"hotline", "024 3825 1234"},
                {"online_portal", "https://dichvucong.gov.vn"},
                {"opening_hours_text", "Sáng 8:00–12:00, chiều 13:30–17:00, thứ Hai đến thứ Sáu"}};
    for (const auto& s : kServices) o.services.push_back({s[0], s[1], s[2]});
    for (int c = 1; c <= counters; ++c) {
        const auto& a = kServices[(c - 1) % 6];
        const auto& b = kServices[c % 6];
        o.counters.push_back({c, fmt::format("Quầy {} – {}", c, a[1]), {a[0], b[0]}, a[3]});
        o.staff.push_back({fmt::format("canbo{}", c), fmt::format("Nguyễn Thị Cán Bộ {}", c)});
    }
    o.priorities = {{"cao_tuoi", "Người cao tuổi"}};
    o.callOrder = {{"priority_interleave", 2}, {"recall_limit", 5}, {"default_service_minutes", 5}};
    o.rating = {{"levels", levels}, {"timeout_seconds", timeoutSeconds}};
    return o.toml();
}

inline queue::Database initialiseOffice(const std::filesystem::path& path, const std::string& toml) {
    queue::Database db = queue::openStore(path, queue::OpenPurpose::Initialise);
    queue::applyOfficeConfig(db, queue::parseOfficeConfig(toml, "test.toml"));
    return db;
}

// A process of its own that moves the queue when told, through its own connection (as the staff
// console or `motcua call` would). Forked before the test starts SDL or any thread.
//   take SERVICE [PRIORITY] | call COUNTER | recall COUNTER | start COUNTER | finish COUNTER
//   login COUNTER STAFF | break COUNTER STAFF REASON... | endbreak COUNTER STAFF
class Operator {
  public:
    Operator(const std::filesystem::path& db, queue::TimeMs start) {
        int down[2];
        int up[2];
        REQUIRE(pipe(down) == 0);
        REQUIRE(pipe(up) == 0);
        m_pid = fork();
        REQUIRE(m_pid >= 0);
        if (m_pid == 0) {
            close(down[1]);
            close(up[0]);
            serve(down[0], up[1], db, start);
            _exit(0);
        }
        close(down[0]);
        close(up[1]);
        m_to = fdopen(down[1], "w");
        m_from = fdopen(up[0], "r");
    }
    Operator(const Operator&) = delete;
    Operator& operator=(const Operator&) = delete;
    ~Operator() {
        std::fclose(m_to);
        std::fclose(m_from);
        int status = 0;
        waitpid(m_pid, &status, 0);
    }

    // Runs one command in the other process; returns its answer (a ticket number), fails the test on error.
    std::string operator()(const std::string& command) {
        std::fprintf(m_to, "%s\n", command.c_str());
        std::fflush(m_to);
        char line[1024] = {};
        REQUIRE(std::fgets(line, sizeof line, m_from) != nullptr);
        std::string answer(line);
        if (!answer.empty() && answer.back() == '\n') answer.pop_back();
        INFO(command << " -> " << answer);
        REQUIRE(answer.rfind("ok", 0) == 0);
        return answer.size() > 3 ? answer.substr(3) : std::string();
    }

  private:
    static void serve(int in, int out, const std::filesystem::path& path, queue::TimeMs start) {
        FILE* from = fdopen(in, "r");
        FILE* to = fdopen(out, "w");
        try {
            queue::Database db = queue::openStore(path, queue::OpenPurpose::Use);
            queue::ManualClock clock(start);
            queue::QueueService q(db, clock);
            queue::StaffService staff(db, clock);
            char line[1024];
            while (std::fgets(line, sizeof line, from)) {
                std::istringstream words(line);
                std::string verb;
                int counter = 0;
                words >> verb;
                std::string answer;
                try {
                    answer = run(q, staff, verb, words, counter);
                } catch (const std::exception& e) {
                    answer = std::string("err ") + e.what();
                }
                std::fprintf(to, "%s\n", answer.c_str());
                std::fflush(to);
                clock.advance(1000);
            }
        } catch (const std::exception& e) {
            std::fprintf(to, "err %s\n", e.what());
        }
        std::fclose(to);
    }

    static std::string run(queue::QueueService& q, queue::StaffService& staff, const std::string& verb,
                           std::istringstream& words, int& counter) {
        const auto number = [](const auto& r) {
            return r.ok() ? "ok " + r.value->ticket.number : "err " + r.message;
        };
        const auto plain = [](const auto& r) {
            return r.ok() ? "ok " + r.value->number : "err " + r.message;
        };
        if (verb == "take") {
            std::string service, priority;
            words >> service >> priority;
            return number(q.take(service, priority.empty() ? std::nullopt : std::optional(priority)));
        }
        words >> counter;
        // Moves at a counter are made by the officer logged in there, if any.
        queue::Actor actor;
        if (const auto it = officers().find(counter); it != officers().end()) actor.staffId = it->second;
        if (verb == "call") return number(q.callNext(counter, actor));
        if (verb == "recall") return number(q.recall(counter, actor));
        if (verb == "start") return plain(q.start(counter, actor));
        if (verb == "finish") return plain(q.finish(counter, actor));
        std::string login;
        words >> login;
        const auto member = staff.find(login);
        if (!member) return "err no staff " + login;
        if (verb == "login") {
            staff.setPin(login, "246813");
            const auto r = staff.login(login, "246813", counter);
            if (r.outcome != queue::LoginOutcome::Ok) return "err " + r.message;
            officers()[counter] = member->id;
            return "ok " + login;
        }
        if (verb == "break") {
            std::string reason;
            std::getline(words >> std::ws, reason);
            const auto r = staff.startBreak(member->id, counter, reason);
            return r.ok() ? "ok" : "err " + r.message;
        }
        if (verb == "endbreak") {
            const auto r = staff.endBreak(member->id, counter);
            return r.ok() ? "ok" : "err " + r.message;
        }
        return "err unknown command " + verb;
    }

    // In the operator process only: counter -> the officer logged in there.
    static std::map<int, std::int64_t>& officers() {
        static std::map<int, std::int64_t> map;
        return map;
    }

    pid_t m_pid = -1;
    FILE* m_to = nullptr;
    FILE* m_from = nullptr;
};

using voice::testing::RecordingSpeech;

// The database, the operator process, then SDL and a display App (on-demand drawing, as the program).
struct DisplayFixture {
    explicit DisplayFixture(ui::Size size, const std::string& toml = officeToml(5))
        : path(dir / "motcua.db"),
          db(initialiseOffice(path, toml)),
          op(path, kMonday0800),
          window(sdl, ui::WindowOptions{"motcua-display test", size, false}),
          renderer(window),
          fonts(ttf, ui::FontSet::locate()),
          queue(db, clock),
          feed(queue, db, clock),
          app(renderer, fonts, screens, clock, ui::Theme{}, appOptions()) {}

    ui::AppOptions appOptions() {
        ui::AppOptions o;
        o.log = [this](const std::string& line) { logLines.push_back(line); };
        o.onDemandTick = std::chrono::milliseconds(40);
        return o;
    }

    // Runs script lines (wait/tap/expect/screenshot) against the display; fails the test on error.
    void script(const std::string& lines, const std::string& screenshotDir = "") {
        const auto parsed = ui::parseScript(lines);
        INFO((parsed.error ? parsed.error->message : std::string()));
        REQUIRE(parsed.ok());
        ui::ScriptRunner runner(
            app, clock, std::filesystem::path(MOTCUA_BINARY_DIR) / "screenshots" / "display" / screenshotDir);
        const auto outcome = runner.run(parsed.commands);
        INFO(ui::formatOutcome(outcome, "script"));
        REQUIRE(outcome.ok);
    }

    std::vector<std::string> texts() const {
        std::vector<std::string> out;
        for (const auto& t : app.visibleTexts()) out.push_back(t.text);
        return out;
    }
    bool shows(const std::string& text) const {
        for (const auto& t : app.visibleTexts()) {
            if (t.text == text) return true;
        }
        return false;
    }

    motcua::testing::TempDir dir;
    std::filesystem::path path;
    queue::Database db;
    Operator op;
    ui::SdlContext sdl{ui::SdlOptions{true}};
    ui::TtfContext ttf{sdl};
    ui::Window window;
    ui::Renderer renderer;
    ui::FontCache fonts;
    ui::ScreenStack screens;
    queue::ManualClock clock{kMonday0800};
    queue::QueueService queue;
    QueueFeed feed;
    std::vector<std::string> logLines;
    ui::App app;
};

}  // namespace motcua::display::testing
