// A private cupsd for tests: its own configuration, spool and Unix socket under a TempDir, started
// in the foreground as a child (no systemd), stopped on destruction. CUPS_SERVER is set to its
// socket for this process, so libcups and lpadmin talk to it.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

#include "support/test_support.h"

namespace motcua::testing {

class Cupsd {
public:
    // Throws std::runtime_error with cupsd's log when it does not come up: a test that needs
    // cupsd fails (never skips) when it is missing.
    Cupsd();
    ~Cupsd();
    Cupsd(const Cupsd&) = delete;
    Cupsd& operator=(const Cupsd&) = delete;

    const std::string& socketPath() const { return m_socket; }
    // Runs lpadmin against this server; returns its exit status, output in `output`.
    int lpadmin(const std::vector<std::string>& args, std::string& output) const;
    std::string errorLog() const;

private:
    TempDir m_dir;
    std::string m_socket;
    pid_t m_pid = -1;
};

// Runs a program with arguments, output (stdout+stderr) captured; returns the exit status.
int runProgram(const std::vector<std::string>& argv, std::string& output);

}  // namespace motcua::testing
