// motcua-display as a program: its steps in the shell's start-up (kiosk/shell/program_shell.h). The
// database and the queue feed before any window, the voice after SDL (it opens SDL audio), then the
// lobby or the counter screen. A lobby that is stopped lets the announcement in progress end.
//
//   motcua-display [--headless] [--size WxH] [--fullscreen] [--db FILE] [--script FILE]
//                  [--screenshots DIR] [--counter N] [--mute]
//
// It takes neither --config nor --printer (refused: usage, exit status 2). Exit statuses are the
// shell's.
#pragma once

#include <memory>
#include <optional>

#include "kiosk/display_app/display_app.h"
#include "kiosk/shell/program_shell.h"

namespace motcua::display {

inline const shell::ProgramSpec kDisplayProgram{
    "motcua-display", "motcua-display: lobby call display (TV) or, with --counter N, a counter's display"};

class DisplayProgram final : public shell::Program {
  public:
    // Builds the display in its shell. Throws queue::StoreRefused / shell::StartupError.
    explicit DisplayProgram(DisplayOptions options);
    ~DisplayProgram() override;
    DisplayProgram(const DisplayProgram&) = delete;
    DisplayProgram& operator=(const DisplayProgram&) = delete;

    int run();

    void open(const shell::ShellContext& context) override;
    ui::WindowOptions window(const shell::ShellContext& context) const override;
    void configure(const shell::ShellContext& context, ui::AppOptions& options, ui::Theme& theme) override;
    void start(const shell::ShellContext& context, ui::App& app, ui::ScreenStack& screens) override;
    void finish(std::chrono::milliseconds grace) override;
    void close() override;

  private:
    struct Parts;
    DisplayOptions m_options;
    std::unique_ptr<Parts> m_parts;
    std::unique_ptr<shell::ProgramShell> m_shell;
};

// The program in its shell, run; exceptions become exit statuses.
int runDisplay(const DisplayOptions& options);

}  // namespace motcua::display
