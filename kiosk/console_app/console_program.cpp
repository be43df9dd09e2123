#include "kiosk/console_app/console_program.h"

#include <iostream>
#include <optional>

#include "queue/integrity.h"
#include "queue/store.h"

namespace motcua::console {

namespace {
void logLine(const std::string& line) {
    std::cerr << "motcua-console: " << line << '\n';
}
}  // namespace

struct ConsoleProgram::Parts {
    std::optional<queue::Database> db;
    std::unique_ptr<Console> console;
};

ConsoleProgram::ConsoleProgram(ConsoleOptions options)
    : m_options(std::move(options)), m_parts(std::make_unique<Parts>()) {
    shell::ShellSettings settings;
    settings.log = logLine;
    m_shell = std::make_unique<shell::ProgramShell>(kConsoleProgram, m_options.program, *this, settings);
}

ConsoleProgram::~ConsoleProgram() = default;

void ConsoleProgram::close() {
    m_parts->console.reset();
    m_parts->db.reset();
}

int ConsoleProgram::run() {
    return m_shell->run();
}

void ConsoleProgram::open(const shell::ShellContext&) {
    m_parts->db.emplace(
        queue::openStore(queue::programDatabaseLocation(m_options.program.db), queue::OpenPurpose::Use));
    queue::refuseDamaged(*m_parts->db);
}

ui::WindowOptions ConsoleProgram::window(const shell::ShellContext&) const {
    ui::WindowOptions wo;
    wo.title = "motcua — quầy tiếp nhận";
    wo.size = ui::Size{1366, 768};
    wo.fullscreen = false;
    return wo;
}

void ConsoleProgram::configure(const shell::ShellContext&, ui::AppOptions& options, ui::Theme& theme) {
    options.errorMessage = "Đã xảy ra lỗi. Màn hình đã quay về đăng nhập; xin đăng nhập lại.";
    theme = consoleTheme();
}

void ConsoleProgram::start(const shell::ShellContext& context, ui::App& app, ui::ScreenStack& screens) {
    m_parts->console = std::make_unique<Console>(*m_parts->db, context.clock, screens, m_options);
    m_parts->console->attach(app);
    if (context.window) m_parts->console->attachWindow(*context.window);
    screens.push(m_parts->console->firstScreen());
}

void ConsoleProgram::finish(std::chrono::milliseconds) {
    // The counter is free again: the officer's session ends with the program.
    m_parts->console->session().logout();
}

int runConsole(const ConsoleOptions& options) {
    try {
        ConsoleProgram program(options);
        return program.run();
    } catch (const std::exception& e) {
        return shell::exitStatusFor(e, logLine);
    }
}

}  // namespace motcua::console
