#include "kiosk/kiosk_app/kiosk_program.h"

#include <iostream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "kiosk/ui/font_cache.h"
#include "kiosk/ui/sdl_context.h"
#include "kiosk/ui/window.h"
#include "kiosk/voice/voice.h"
#include "queue/office_config.h"
#include "queue/store.h"

namespace motcua::kiosk {

void addKioskOptions(CLI::App& app, KioskOptions& options) {
    ui::addProgramOptions(app, options.program);
    app.add_option("--idle-seconds", options.idleSeconds, "Back to the welcome screen after this many seconds without a touch")
        ->check(CLI::Range(5, 3600));
    app.add_option("--dpi", options.dpi, "Screen density, for 15 mm touch targets (default 96)")->check(CLI::Range(50.0, 600.0));
    app.add_flag("!--no-voice", options.voice, "Do not read the number aloud after printing");
}

namespace {

LogSink orStderr(LogSink log) {
    if (log) return log;
    return [](const std::string& line) { std::cerr << "motcua-kiosk: " << line << '\n'; };
}

// The voice, started on first use (espeak-ng takes a moment; the first frame must not wait for it).
// Reads "Số thứ tự của ông, bà là A không một hai" in the northern voice.
class LazyVoice {
public:
    explicit LazyVoice(LogSink log) : m_log(std::move(log)) {}
    void read(const std::string& number) {
        if (!m_voice) {
            m_voice = std::make_unique<voice::Voice>(voice::VoiceSettings{}, m_log);
            m_log("voice: " + m_voice->describe());
        }
        voice::AnnouncementText text;
        text.phrases.push_back({voice::Phrase::Kind::Text, "Số thứ tự của ông, bà là", voice::clipSlug("Số thứ tự của ông, bà là")});
        for (auto& p : voice::readTicketNumber(number, {})) text.phrases.push_back(std::move(p));
        m_voice->announcer().announce(std::move(text), false, 2);
    }

private:
    LogSink m_log;
    std::unique_ptr<voice::Voice> m_voice;
};

}  // namespace

struct KioskProgram::Parts {
    LogSink log;
    std::unique_ptr<queue::Clock> clock;
    queue::ManualClock* manual = nullptr;
    std::optional<queue::Database> db;
    std::unique_ptr<LazyVoice> voice;
    std::unique_ptr<KioskServices> services;
    std::unique_ptr<ui::SdlContext> sdl;
    std::unique_ptr<ui::TtfContext> ttf;
    std::unique_ptr<ui::Window> window;
    std::unique_ptr<ui::Renderer> renderer;
    std::unique_ptr<ui::FontCache> fonts;
    std::unique_ptr<ui::ScreenStack> screens;
    std::unique_ptr<ui::App> app;
    std::unique_ptr<KioskSession> session;

    ~Parts() {
        // The session and screens go before the App, the App before SDL (members below would be
        // destroyed in reverse anyway; spelled out because the order is the contract).
        session.reset();
        app.reset();
        screens.reset();
        fonts.reset();
        renderer.reset();
        window.reset();
        ttf.reset();
        sdl.reset();
        services.reset();
        voice.reset();
    }
};

KioskProgram::KioskProgram(KioskOptions options) : m_options(std::move(options)), m_parts(std::make_unique<Parts>()) {
    auto& p = *m_parts;
    p.log = orStderr(m_options.log);
    if (m_options.manualClock || m_options.program.script) {
        auto manual = std::make_unique<queue::ManualClock>(queue::SystemClock().now());
        p.manual = manual.get();
        p.clock = std::move(manual);
    } else {
        p.clock = std::make_unique<queue::SystemClock>();
    }

    const auto dbPath = m_options.program.db.value_or(queue::defaultDatabasePath());
    if (m_options.program.config) {
        // An office config given on the command line is loaded first, as `motcua init` would.
        const auto config = queue::loadOfficeConfig(*m_options.program.config);
        p.db.emplace(queue::openStore(dbPath, queue::OpenPurpose::Initialise));
        queue::applyOfficeConfig(*p.db, config);
    } else {
        p.db.emplace(queue::openStore(dbPath, queue::OpenPurpose::Use, {std::chrono::milliseconds(2000)}));
    }

    KioskServicesOptions so;
    so.printerUri = m_options.program.printer.value_or("");
    so.printerTransport = m_options.printerTransport;
    so.log = p.log;
    if (m_options.readAloud) {
        so.readAloud = m_options.readAloud;
    } else if (m_options.voice) {
        p.voice = std::make_unique<LazyVoice>(p.log);
        so.readAloud = [voice = p.voice.get()](const std::string& number, Language) { voice->read(number); };
    }
    p.services = std::make_unique<KioskServices>(*p.db, *p.clock, std::move(so));

    p.sdl = std::make_unique<ui::SdlContext>(ui::SdlOptions{m_options.program.headless});
    p.ttf = std::make_unique<ui::TtfContext>(*p.sdl);
    ui::WindowOptions wo;
    wo.title = "motcua – " + p.services->office("name");
    wo.size = m_options.program.size;
    wo.fullscreen = m_options.program.wantsFullscreen();
    p.window = std::make_unique<ui::Window>(*p.sdl, wo);
    p.renderer = std::make_unique<ui::Renderer>(*p.window);
    p.fonts = std::make_unique<ui::FontCache>(*p.ttf, ui::FontSet::locate());
    p.screens = std::make_unique<ui::ScreenStack>();
    ui::AppOptions ao;
    ao.log = p.log;
    ao.ignoreQuitRequests = true;  // a citizen cannot close the kiosk; the maintenance screen can
    ao.errorMessage = "Đã xảy ra lỗi. Xin mời ông/bà thực hiện lại từ đầu. / Something went wrong, please start again.";
    // The printer thread's outcomes reach the screens at the start of each frame.
    ao.onFrame = [services = p.services.get()] { services->pollPrinter(); };
    ao.backgroundBusy = [services = p.services.get()] { return services->printerBusy(); };
    p.app = std::make_unique<ui::App>(*p.renderer, *p.fonts, *p.screens, *p.clock, ui::Theme{}, ao);
    SessionSettings ss;
    ss.idleTimeout = std::chrono::seconds(m_options.idleSeconds);
    if (m_options.dpi > 0) ss.dpi = m_options.dpi;
    p.session = std::make_unique<KioskSession>(*p.app, *p.services, ss);
}

KioskProgram::~KioskProgram() = default;

ui::App& KioskProgram::app() noexcept { return *m_parts->app; }
KioskSession& KioskProgram::session() noexcept { return *m_parts->session; }
KioskServices& KioskProgram::services() noexcept { return *m_parts->services; }
queue::Database& KioskProgram::database() noexcept { return *m_parts->db; }
queue::ManualClock* KioskProgram::manualClock() noexcept { return m_parts->manual; }

ui::ScriptOutcome KioskProgram::runScript(const std::filesystem::path& path) {
    if (!m_parts->manual) throw std::logic_error("runScript needs the manual clock (KioskOptions::manualClock)");
    const auto base = m_options.screenshotDir.empty() ? std::filesystem::current_path() : m_options.screenshotDir;
    ui::ScriptRunner runner(*m_parts->app, *m_parts->manual, base);
    return runner.runFile(path);
}

int KioskProgram::run() { return m_parts->app->run(); }

int runKiosk(const KioskOptions& options) {
    const LogSink log = orStderr(options.log);
    std::unique_ptr<KioskProgram> program;
    try {
        program = std::make_unique<KioskProgram>(options);
    } catch (const queue::StoreRefused& e) {
        log(e.what());
        return static_cast<int>(KioskExit::Database);
    } catch (const queue::ConfigError& e) {
        log(e.what());
        return static_cast<int>(KioskExit::Database);
    } catch (const queue::SqliteError& e) {
        log(std::string("database: ") + e.what());
        return static_cast<int>(KioskExit::Database);
    } catch (const std::exception& e) {
        log(std::string("cannot start the screen: ") + e.what());
        return static_cast<int>(KioskExit::Display);
    }
    if (options.program.script) {
        const auto outcome = program->runScript(*options.program.script);
        if (!outcome.ok) {
            std::cerr << ui::formatOutcome(outcome, options.program.script->string()) << '\n';
            return static_cast<int>(KioskExit::ScriptFailed);
        }
        // A script that ends without `quit` on a real display hands the kiosk over to the user.
        if (outcome.quit || options.program.headless) return static_cast<int>(KioskExit::Ok);
    }
    return program->run();
}

}  // namespace motcua::kiosk
