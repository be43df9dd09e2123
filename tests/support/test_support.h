// Helpers shared by the test suites.
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <string>

namespace motcua::testing {

// 09:00 on Tuesday 10 March 2026 in Hà Nội (ms since the epoch): inside the issuing hours of the
// example office (assets/office.toml issues numbers Monday to Friday from 08:00), so a test that takes
// numbers with it does not depend on the hour it runs at.
inline constexpr std::int64_t kOfficeHoursMorning = 1773108000000;

// A fresh directory under the system temp dir, removed with everything in it on destruction.
class TempDir {
  public:
    TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    ~TempDir();
    const std::filesystem::path& path() const { return m_path; }
    std::filesystem::path operator/(const std::string& name) const { return m_path / name; }

  private:
    std::filesystem::path m_path;
};

// Whole file as bytes ("" when missing).
std::string readFile(const std::filesystem::path& path);
void writeFile(const std::filesystem::path& path, const std::string& bytes);

// Runs fn in a child process that is killed after limit: true when fn returned true in time. For
// code that may hang (a read from a FIFO) or run out of memory (a read of /dev/zero), so that a
// regression fails the test instead of blocking the suite.
bool finishesWithin(std::chrono::seconds limit, const std::function<bool()>& fn);

// Path inside the source tree (assets, reference data).
std::filesystem::path sourcePath(const std::string& relative);

// The outcome of a shell command: its exit status (-1 when killed by a signal) and its output.
struct ShellResult {
    int status;
    std::string out;  // stdout and stderr
};

// Runs command with /bin/sh, stdout and stderr captured together.
ShellResult runShell(const std::string& command);

// s as one single-quoted shell word.
std::string shellQuote(const std::string& s);

}  // namespace motcua::testing
