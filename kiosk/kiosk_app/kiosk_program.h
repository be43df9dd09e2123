// The kiosk program: its options and its steps in the shell's start-up (kiosk/shell/program_shell.h):
// the database and the services (printer thread) before any window, then the session's screens.
//
//   motcua-kiosk [--headless] [--size WxH] [--fullscreen] [--db FILE] [--config FILE]
//                [--script FILE] [--screenshots DIR] [--printer URI] [--idle-seconds N] [--dpi N]
//                [--no-voice]
//
// Exit statuses are the shell's (shell::ExitStatus): 0 done (maintenance exit, script finished,
// SIGTERM/SIGINT after the print in progress), 1 a script command failed (its line is printed),
// 2 bad usage, 5 database refused or office config invalid, 7 no display or font.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "kiosk/kiosk_app/kiosk_services.h"
#include "kiosk/kiosk_app/kiosk_session.h"
#include "kiosk/shell/program_shell.h"
#include "kiosk/ui/program_options.h"
#include "kiosk/ui/script_runner.h"
#include "kiosk/voice/audio_output.h"
#include "kiosk/voice/headphone_watch.h"

namespace CLI {
class App;
}

namespace motcua::kiosk {

// The kiosk takes --config (loaded into the database first, as `motcua init` does) and --printer.
inline const shell::ProgramSpec kKioskProgram{
    "motcua-kiosk", "motcua-kiosk: the citizen kiosk of the one-stop office (Bộ phận Một cửa)",
    /*config=*/true, /*printer=*/true};

struct KioskOptions {
    ui::ProgramOptions program;
    // Back to the welcome screen after this long without a touch.
    int idleSeconds = 90;
    // Screen density for the 15 mm touch targets; 0: the office config's [kiosk] dpi, else
    // SessionSettings::kDefaultDpi.
    double dpi = 0;
    // Read the number aloud after printing when the citizen chose large text.
    bool voice = true;
    // Frame times and queue times from a manual clock (scripts always use one).
    bool manualClock = false;
    LogSink log;             // empty: stderr
    NumberReader readAloud;  // empty: the office voice (espeak-ng), started on first use
    // How the printer is opened (connect timeout; tests put a fake USB printer behind "usb:").
    printer::TransportOptions printerTransport;
    // Where voice guidance plays (made when it is first turned on); empty: the sound device (silent
    // when there is none). Tests record it.
    std::function<std::unique_ptr<voice::AudioOutput>()> guideOutput;
    // The ID card's chip reader (card_reader.h), when the kiosk has one; empty: none (the QR
    // scanner, which needs nothing here, is the way cards are read today).
    std::function<std::unique_ptr<CardReader>()> cardReader;
    // Whether headphones are plugged in (kiosk/voice/headphone_watch.h), asked once a frame: plugging
    // them in turns voice guidance on (KioskSession::onHeadphones). Made at start when voice is on;
    // empty: none. motcua-kiosk watches the sound server (pulse_headphone_watch.h); tests script it.
    std::function<std::unique_ptr<voice::HeadphoneWatch>()> headphoneWatch;
};

// Registers the kiosk's own options (the shell registers the shared ones).
void addKioskOptions(CLI::App& app, KioskOptions& options);

// Everything the running kiosk is made of, built by its ProgramShell in dependency order and
// destroyed in reverse. Throws queue::StoreRefused / queue::ConfigError / shell::StartupError.
class KioskProgram final : public shell::Program {
  public:
    explicit KioskProgram(KioskOptions options);
    ~KioskProgram() override;
    KioskProgram(const KioskProgram&) = delete;
    KioskProgram& operator=(const KioskProgram&) = delete;

    ui::App& app() noexcept;
    KioskSession& session() noexcept;
    KioskServices& services() noexcept;
    queue::Database& database() noexcept;
    // Set when the options asked for a manual clock (or a script is given).
    queue::ManualClock* manualClock() noexcept;
    const KioskOptions& options() const noexcept { return m_options; }

    // Runs a script file against the kiosk (needs the manual clock).
    ui::ScriptOutcome runScript(const std::filesystem::path& path);
    // The script or the frame loop, then the print in progress (the shell's run()).
    int run();

    // The shell's steps.
    void open(const shell::ShellContext& context) override;
    ui::WindowOptions window(const shell::ShellContext& context) const override;
    void configure(const shell::ShellContext& context, ui::AppOptions& options, ui::Theme& theme) override;
    void start(const shell::ShellContext& context, ui::App& app, ui::ScreenStack& screens) override;
    void prepareScript(ui::ScriptRunner& runner) override;
    void finish(std::chrono::milliseconds grace) override;
    void close() override;

  private:
    struct Parts;
    KioskOptions m_options;
    std::unique_ptr<Parts> m_parts;
    std::unique_ptr<shell::ProgramShell> m_shell;  // last: made from the parts, destroyed first
};

// The program (in-process: tests): the kiosk in its shell, run; exceptions become exit statuses.
int runKiosk(const KioskOptions& options);

}  // namespace motcua::kiosk
