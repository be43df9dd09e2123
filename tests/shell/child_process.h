// A program started as a process of its own for a test, in a process group of its own (so whatever it
// starts is stopped with it: runuser's child, sway's children), its stdout and stderr in a file. The
// destructor kills the group and reaps the process.
#pragma once

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "support/test_support.h"

namespace motcua::testing {

class ChildProcess {
  public:
    using Environment = std::vector<std::pair<std::string, std::string>>;

    // argv[0] is a path (or a name execvp finds on PATH); env is added to this process's environment.
    ChildProcess(const std::vector<std::string>& argv, const std::filesystem::path& output,
                 const Environment& env = {})
        : m_output(output) {
        REQUIRE_FALSE(argv.empty());
        m_pid = ::fork();
        if (m_pid == 0) {
            ::setpgid(0, 0);
            const int fd = ::open(output.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
            ::dup2(fd, 1);
            ::dup2(fd, 2);
            for (const auto& [name, value] : env) ::setenv(name.c_str(), value.c_str(), 1);
            std::vector<std::string> args = argv;
            std::vector<char*> raw;
            for (auto& a : args) raw.push_back(a.data());
            raw.push_back(nullptr);
            ::execvp(raw[0], raw.data());
            ::_exit(127);
        }
        REQUIRE(m_pid > 0);
        ::setpgid(m_pid, m_pid);  // also here: the group exists before the parent signals it
    }
    // A program of the build (build/kiosk/NAME).
    static std::string program(const std::string& name) {
        return (std::filesystem::path(MOTCUA_BINARY_DIR) / "kiosk" / name).string();
    }
    ~ChildProcess() {
        if (m_pid > 0) {
            ::kill(-m_pid, SIGKILL);
            ::waitpid(m_pid, nullptr, 0);
        }
    }
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;

    // To the process only (a program's own stop); signalGroup for everything it started.
    void signal(int signal) const { ::kill(m_pid, signal); }
    void signalGroup(int signal) const { ::kill(-m_pid, signal); }

    // Its exit status (128 + signal when a signal ended it), or nullopt if it still runs after timeout.
    std::optional<int> waitExit(std::chrono::milliseconds timeout) {
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        while (running()) {
            if (std::chrono::steady_clock::now() >= deadline) return std::nullopt;
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        return m_exit;
    }
    // False once it has exited (its status is then kept for waitExit).
    bool running() {
        if (m_pid <= 0) return false;
        int status = 0;
        if (::waitpid(m_pid, &status, WNOHANG) != m_pid) return true;
        // The group may outlive its leader (a child it left): end that too.
        ::kill(-m_pid, SIGKILL);
        m_pid = -1;
        m_exit = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        return false;
    }
    std::string output() const { return readFile(m_output); }

  private:
    std::filesystem::path m_output;
    pid_t m_pid = -1;
    std::optional<int> m_exit;
};

}  // namespace motcua::testing
