// motcua-console as a program: its steps in the shell's start-up (kiosk/shell/program_shell.h). The
// database before any window, then the Console and its login screen; an officer still logged in when
// the program ends (quit, SIGTERM) is logged out.
//
//   motcua-console [--headless] [--size WxH] [--fullscreen] [--db FILE] [--script FILE]
//                  [--screenshots DIR] [--counter N] [--lock-minutes N]
//
// It takes neither --config nor --printer (refused: usage, exit status 2). A window of 1366×768 by
// default, not the whole screen: the officer's PC runs the office's other programs beside it. Exit
// statuses are the shell's.
#pragma once

#include <memory>

#include "kiosk/console_app/console.h"
#include "kiosk/shell/program_shell.h"

namespace motcua::console {

inline const shell::ProgramSpec kConsoleProgram{"motcua-console",
                                                "motcua-console: call and serve citizens at a counter"};

class ConsoleProgram final : public shell::Program {
  public:
    // Builds the console in its shell. Throws queue::StoreRefused / shell::StartupError.
    explicit ConsoleProgram(ConsoleOptions options);
    ~ConsoleProgram() override;
    ConsoleProgram(const ConsoleProgram&) = delete;
    ConsoleProgram& operator=(const ConsoleProgram&) = delete;

    int run();

    void open(const shell::ShellContext& context) override;
    ui::WindowOptions window(const shell::ShellContext& context) const override;
    void configure(const shell::ShellContext& context, ui::AppOptions& options, ui::Theme& theme) override;
    void start(const shell::ShellContext& context, ui::App& app, ui::ScreenStack& screens) override;
    void finish(std::chrono::milliseconds grace) override;
    void close() override;

  private:
    struct Parts;
    ConsoleOptions m_options;
    std::unique_ptr<Parts> m_parts;
    std::unique_ptr<shell::ProgramShell> m_shell;
};

// The program in its shell, run; exceptions become exit statuses.
int runConsole(const ConsoleOptions& options);

}  // namespace motcua::console
