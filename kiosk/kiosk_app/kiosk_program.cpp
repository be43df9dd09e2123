#include "kiosk/kiosk_app/kiosk_program.h"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <iostream>

#include "kiosk/voice/speaker.h"
#include "kiosk/voice/voice.h"
#include "queue/integrity.h"
#include "queue/office_config.h"
#include "queue/store.h"

namespace motcua::kiosk {

void addKioskOptions(CLI::App& app, KioskOptions& options) {
    app.add_option("--idle-seconds", options.idleSeconds,
                   "Back to the welcome screen after this many seconds without a touch")
        ->check(CLI::Range(5, 3600));
    app.add_option("--dpi", options.dpi,
                   "Touchscreen density, for 15 mm touch targets (default: [kiosk] dpi of the office config, "
                   "else 102, a 21.5\" full-HD panel)")
        ->check(CLI::Range(50.0, 600.0));
    app.add_flag("!--no-voice", options.voice,
                 "No voice: the number is not read aloud after printing, voice guidance is off and "
                 "headphones are not watched");
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
            m_voice = std::make_unique<voice::Voice>(m_settings, m_log);
            m_log("voice: " + m_voice->describe());
        }
        voice::AnnouncementText text;
        text.phrases.push_back({voice::Phrase::Kind::Text, "Số thứ tự của ông, bà là",
                                voice::clipSlug("Số thứ tự của ông, bà là")});
        for (auto& p : voice::readTicketNumber(number, {})) text.phrases.push_back(std::move(p));
        m_voice->announcer().announce(std::move(text), false, 2);
    }

  private:
    // The default settings as a member, not a `{}` temporary in read(): GCC 12 at -O3 reports a false
    // -Wmaybe-uninitialized on such a temporary's vector (issue 17.7).
    voice::VoiceSettings m_settings;
    LogSink m_log;
    std::unique_ptr<voice::Voice> m_voice;
};

}  // namespace

// Voice guidance's voices and output, started the first time a citizen turns it on.
class GuideVoice {
  public:
    GuideVoice(LogSink log, std::function<std::unique_ptr<voice::AudioOutput>()> output)
        : m_log(std::move(log)), m_makeOutput(std::move(output)) {}
    ~GuideVoice() { m_speaker.reset(); }  // the speaker's thread goes before the voices it uses

    voice::Speaker* speaker() {
        if (m_speaker) return m_speaker.get();
        m_vietnamese = open("vi");
        m_english = open("en");
        m_output = m_makeOutput ? m_makeOutput() : voice::openAudioOutput({}, m_log);
        m_speaker = std::make_unique<voice::Speaker>(m_vietnamese.get(), m_english.get(), *m_output, m_log);
        m_log("voice guidance: " + m_output->describe());
        return m_speaker.get();
    }

  private:
    std::unique_ptr<voice::EspeakSynthesizer> open(const char* name) {
        try {
            voice::EspeakSettings settings;
            settings.voice = name;
            settings.rateWpm = 140;  // unhurried: many listeners are elderly
            return std::make_unique<voice::EspeakSynthesizer>(settings);
        } catch (const std::exception& e) {
            m_log(std::string("voice guidance has no ") + name + " voice: " + e.what());
            return nullptr;
        }
    }
    LogSink m_log;
    std::function<std::unique_ptr<voice::AudioOutput>()> m_makeOutput;
    std::unique_ptr<voice::EspeakSynthesizer> m_vietnamese;
    std::unique_ptr<voice::EspeakSynthesizer> m_english;
    std::unique_ptr<voice::AudioOutput> m_output;
    std::unique_ptr<voice::Speaker> m_speaker;
};

struct KioskProgram::Parts {
    LogSink log;
    std::unique_ptr<GuideVoice> guideVoice;
    std::optional<queue::Database> db;
    std::unique_ptr<LazyVoice> voice;
    std::unique_ptr<KioskServices> services;
    std::unique_ptr<KioskSession> session;
    std::unique_ptr<voice::HeadphoneWatch> headphones;
};

KioskProgram::KioskProgram(KioskOptions options)
    : m_options(std::move(options)), m_parts(std::make_unique<Parts>()) {
    m_parts->log = orStderr(m_options.log);
    shell::ShellSettings settings;
    settings.manualClock = m_options.manualClock;
    settings.log = m_parts->log;
    m_shell = std::make_unique<shell::ProgramShell>(kKioskProgram, m_options.program, *this, settings);
}

KioskProgram::~KioskProgram() = default;

void KioskProgram::close() {
    // The session before the services, the services (and their printer thread, which records the
    // last outcomes) before the database.
    auto& p = *m_parts;
    p.headphones.reset();
    p.session.reset();
    p.guideVoice.reset();  // after the session that speaks through it
    p.services.reset();
    p.voice.reset();
    p.db.reset();
}

void KioskProgram::open(const shell::ShellContext& context) {
    auto& p = *m_parts;
    const auto dbPath = queue::programDatabaseLocation(m_options.program.db);
    if (m_options.program.config && queue::looksLikeUrl(dbPath)) {
        // On a server the office config is the owner's to load (`motcua init` on the server PC); the
        // kiosk's role may not change it. The file is still read, so a broken one is reported.
        (void)queue::loadOfficeConfig(*m_options.program.config);
        p.db.emplace(queue::openStore(dbPath, queue::OpenPurpose::Use, {std::chrono::milliseconds(2000)}));
    } else if (m_options.program.config) {
        // An office config given on the command line is loaded first, as `motcua init` would.
        const auto config = queue::loadOfficeConfig(*m_options.program.config);
        p.db.emplace(queue::openStore(dbPath, queue::OpenPurpose::Initialise));
        queue::refuseDamaged(*p.db);
        queue::applyOfficeConfig(*p.db, config);
    } else {
        p.db.emplace(queue::openStore(dbPath, queue::OpenPurpose::Use, {std::chrono::milliseconds(2000)}));
        queue::refuseDamaged(*p.db);
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
    p.services = std::make_unique<KioskServices>(*p.db, context.clock, std::move(so));
    if (m_options.cardReader) p.services->setCardReader(m_options.cardReader());
}

ui::WindowOptions KioskProgram::window(const shell::ShellContext&) const {
    ui::WindowOptions wo;
    wo.title = "motcua – " + m_parts->services->office("name");
    return wo;
}

void KioskProgram::configure(const shell::ShellContext&, ui::AppOptions& ao, ui::Theme&) {
    ao.ignoreQuitRequests = true;  // a citizen cannot close the kiosk; the maintenance screen can
    ao.errorMessage =
        "Đã xảy ra lỗi. Xin mời ông/bà thực hiện lại từ đầu. / Something went wrong, please start again.";
    // The printer thread's outcomes reach the screens at the start of each frame.
    // So does what the ID card's chip reader read, and headphones plugged in or out.
    ao.onFrame = [parts = m_parts.get()] {
        parts->services->pollPrinter();
        if (parts->session) parts->session->pollCardReader();
        if (parts->session && parts->headphones) {
            if (auto report = parts->headphones->poll()) parts->session->onHeadphones(*report);
        }
    };
    ao.backgroundBusy = [services = m_parts->services.get()] { return services->printerBusy(); };
}

void KioskProgram::start(const shell::ShellContext&, ui::App& app, ui::ScreenStack&) {
    SessionSettings ss;
    ss.idleTimeout = std::chrono::seconds(m_options.idleSeconds);
    if (m_options.dpi > 0) {
        ss.dpi = m_options.dpi;
    } else if (const auto& office = m_parts->services->queue().office();
               office.is_object() && office.contains("kiosk_dpi") && office["kiosk_dpi"].is_number() &&
               office["kiosk_dpi"].get<double>() > 0) {
        ss.dpi = office["kiosk_dpi"].get<double>();
    }
    std::function<voice::Speaker*()> speaker;
    if (m_options.voice) {
        m_parts->guideVoice = std::make_unique<GuideVoice>(m_parts->log, m_options.guideOutput);
        speaker = [guide = m_parts->guideVoice.get()] { return guide->speaker(); };
    }
    m_parts->session = std::make_unique<KioskSession>(app, *m_parts->services, ss, std::move(speaker));
    if (m_options.voice && m_options.headphoneWatch) {
        m_parts->headphones = m_options.headphoneWatch();
        if (m_parts->headphones) m_parts->log("headphones: watching " + m_parts->headphones->describe());
    }
}

void KioskProgram::finish(std::chrono::milliseconds grace) {
    // A print in progress ends and is recorded; one still running after grace is logged (its
    // print_started then stands for "may have printed" when the kiosk starts again).
    if (!m_parts->services->finishPrinting(grace))
        m_parts->log(fmt::format("a print was still in progress after {} ms", grace.count()));
}

ui::App& KioskProgram::app() noexcept {
    return m_shell->app();
}
KioskSession& KioskProgram::session() noexcept {
    return *m_parts->session;
}
KioskServices& KioskProgram::services() noexcept {
    return *m_parts->services;
}
queue::Database& KioskProgram::database() noexcept {
    return *m_parts->db;
}
queue::ManualClock* KioskProgram::manualClock() noexcept {
    return m_shell->manualClock();
}

ui::ScriptOutcome KioskProgram::runScript(const std::filesystem::path& path) {
    return m_shell->runScript(path);
}

void KioskProgram::prepareScript(ui::ScriptRunner& runner) {
    runner.setSpokenLog([this] { return m_parts->session->guide().log(); });
}

int KioskProgram::run() {
    return m_shell->run();
}

int runKiosk(const KioskOptions& options) {
    try {
        KioskProgram program(options);
        return program.run();
    } catch (const std::exception& e) {
        return shell::exitStatusFor(e, orStderr(options.log));
    }
}

}  // namespace motcua::kiosk
