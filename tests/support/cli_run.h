// The `motcua` command run in this process, for the suites that link motcua::cli: one way to build its
// argv, give it a clock and a standard input, and keep what it wrote.
#pragma once

#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "kiosk/cli/cli.h"
#include "queue/clock.h"

namespace motcua::testing {

struct CliResult {
    int status = -1;
    std::string out;
    std::string err;
    // Stdout as JSON: a command given --json writes one object (throws on anything else).
    nlohmann::json json() const { return nlohmann::json::parse(out); }
};

// `motcua ARGS...` (argv[0] is "motcua"). Without a clock the command reads the system clock, as the
// installed program does; a test whose outcome depends on the office's hours passes a ManualClock.
// With stdinText, std::cin reads it for the length of the run (the PIN prompts).
inline CliResult runCli(const std::vector<std::string>& args, queue::Clock* clock = nullptr,
                        const std::optional<std::string>& stdinText = std::nullopt) {
    std::vector<const char*> argv = {"motcua"};
    for (const auto& a : args) argv.push_back(a.c_str());
    std::ostringstream out, err;
    std::istringstream in(stdinText.value_or(""));
    // std::cin reads `in` until the end of the run, also when the command throws.
    struct StdinSwap {
        std::streambuf* saved;
        ~StdinSwap() {
            if (saved) std::cin.rdbuf(saved);
        }
    } swap{stdinText ? std::cin.rdbuf(in.rdbuf()) : nullptr};
    CliResult result;
    const int argc = static_cast<int>(argv.size());
    result.status =
        clock ? cli::run(argc, argv.data(), out, err, *clock) : cli::run(argc, argv.data(), out, err);
    result.out = out.str();
    result.err = err.str();
    return result;
}

// `--db DB --config CONFIG ARGS...`, the arguments of a command on one office's database.
inline std::vector<std::string> onOffice(const std::string& db, const std::string& config,
                                         const std::vector<std::string>& args) {
    std::vector<std::string> all = {"--db", db, "--config", config};
    all.insert(all.end(), args.begin(), args.end());
    return all;
}

}  // namespace motcua::testing
