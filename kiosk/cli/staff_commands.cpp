// `motcua staff list` and `motcua staff set-pin LOGIN`. A PIN is read from standard input, never
// from the command line (argv is visible to every user of the host in ps and shell history); on a
// terminal it is read twice without echo.
#include <fmt/format.h>
#include <termios.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "kiosk/cli/cli.h"
#include "queue/staff_service.h"

namespace motcua::cli {

namespace {

// Turns terminal echo off for its lifetime (when stdin is a terminal).
class NoEcho {
  public:
    NoEcho() {
        if (!isatty(STDIN_FILENO) || tcgetattr(STDIN_FILENO, &m_saved) != 0) return;
        termios quiet = m_saved;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        m_active = tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
    }
    NoEcho(const NoEcho&) = delete;
    NoEcho& operator=(const NoEcho&) = delete;
    ~NoEcho() {
        if (m_active) tcsetattr(STDIN_FILENO, TCSAFLUSH, &m_saved);
    }

  private:
    termios m_saved{};
    bool m_active = false;
};

std::string readPinLine(std::istream& in) {
    std::string line;
    if (!std::getline(in, line)) throw CommandError(Exit::Usage, "no PIN on standard input");
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    return line;
}

// std::cin's buffer at start-up: when a caller (a test) has redirected std::cin, the terminal is not
// where the PIN comes from.
std::streambuf* const kStdinBuffer = std::cin.rdbuf();

std::string readPin(Context& ctx, const std::string& login) {
    if (std::cin.rdbuf() != kStdinBuffer || !isatty(STDIN_FILENO)) return readPinLine(std::cin);
    NoEcho quiet;
    ctx.err << fmt::format("New PIN for {} (6 to 8 digits, not easy to guess): ", login) << std::flush;
    const std::string first = readPinLine(std::cin);
    ctx.err << "\nAgain: " << std::flush;
    const std::string second = readPinLine(std::cin);
    ctx.err << '\n';
    if (first != second) throw CommandError(Exit::Usage, "the two PINs differ; nothing changed");
    return first;
}

}  // namespace

void registerStaffCommands(CLI::App& app, Context& ctx) {
    auto* staff = app.add_subcommand("staff", "Officers: list them, set a PIN");
    staff->require_subcommand(1, 1);

    auto* list = staff->add_subcommand("list", "The officers, their roles and whether they have a PIN");
    list->callback([&ctx] {
        ctx.action = [&ctx] {
            queue::StaffService service(ctx.database(), ctx.clock);
            nlohmann::json rows = nlohmann::json::array();
            std::ostringstream text;
            for (const auto& s : service.list()) {
                rows.push_back({{"id", s.id},
                                {"login", s.login},
                                {"name", s.name},
                                {"role", queue::toString(s.role)},
                                {"has_pin", s.hasPin}});
                text << fmt::format("{:<16} {:<11} {:<7} {}\n", s.login, queue::toString(s.role),
                                    s.hasPin ? "PIN" : "no PIN", s.name);
            }
            ctx.print({{"staff", rows}}, text.str());
        };
    });

    auto login = std::make_shared<std::string>();
    auto* setPin = staff->add_subcommand(
        "set-pin", "Set an officer's PIN, read from standard input (never an argument)");
    setPin->add_option("LOGIN", *login, "The officer's login")->required();
    setPin->callback([&ctx, login] {
        ctx.action = [&ctx, login] {
            queue::StaffService service(ctx.database(), ctx.clock);
            if (!service.find(*login))
                throw CommandError(Exit::Usage, fmt::format("no officer with login '{}'", *login));
            const std::string pin = readPin(ctx, *login);
            if (!queue::StaffService::validPin(pin))
                throw CommandError(Exit::Usage, queue::StaffService::kPinRule);
            const auto result = service.setPin(*login, pin);
            if (!result.ok()) throw CommandError(Exit::Usage, result.message);
            ctx.print({{"login", *login}, {"pin_set", true}},
                      fmt::format("PIN set for {} ({})\n", *login, result.value->name));
        };
    });
}

}  // namespace motcua::cli
