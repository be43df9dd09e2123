// A private cupsd for tests: its own configuration, spool and Unix socket under a TempDir, started
// in the foreground as a child (no systemd), stopped on destruction. CUPS_SERVER is set to its
// socket for this process, so libcups and the CUPS tools talk to it. Header-only: the printer and
// kiosk suites both use it.
#pragma once

#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "support/test_support.h"

namespace motcua::testing {

// Runs a program with arguments, output (stdout+stderr) captured; returns the exit status.
inline int runProgram(const std::vector<std::string>& argv, std::string& output) {
    int pipeFds[2];
    if (::pipe2(pipeFds, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
    const pid_t pid = ::fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {
        ::dup2(pipeFds[1], 1);
        ::dup2(pipeFds[1], 2);
        std::vector<char*> args;
        for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
        args.push_back(nullptr);
        ::execvp(args[0], args.data());
        ::_exit(127);
    }
    ::close(pipeFds[1]);
    char buffer[4096];
    ssize_t n;
    while ((n = ::read(pipeFds[0], buffer, sizeof buffer)) > 0)
        output.append(buffer, static_cast<std::size_t>(n));
    ::close(pipeFds[0]);
    int status = 0;
    ::waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

class Cupsd {
  public:
    // Throws std::runtime_error with cupsd's log when it does not come up: a test that needs
    // cupsd fails (never skips) when it is missing.
    Cupsd() {
        const auto root = m_dir.path();
        for (const char* sub :
             {"etc", "etc/ppd", "spool", "spool/tmp", "cache", "run", "run/certs", "log", "state"}) {
            std::filesystem::create_directories(root / sub);
        }
        // cupsd refuses a tree others can write to, and the lp-run backends need to reach the spool.
        ::chmod(root.c_str(), 0755);
        group* lp = ::getgrnam("lp");
        const gid_t lpGid = lp ? lp->gr_gid : 7;
        for (const char* sub : {"spool", "spool/tmp"}) {
            [[maybe_unused]] int rc = ::chown((root / sub).c_str(), 0, lpGid);
        }
        ::chmod((root / "spool").c_str(), 0710);
        ::chmod((root / "spool/tmp").c_str(), 01770);
        m_socket = (root / "cups.sock").string();
        writeFile(
            root / "etc/cups-files.conf",
            "ServerRoot " + (root / "etc").string() + "\n" + "RequestRoot " + (root / "spool").string() +
                "\n" + "TempDir " + (root / "spool/tmp").string() + "\n" + "CacheDir " +
                (root / "cache").string() + "\n" + "StateDir " + (root / "state").string() + "\n" +
                "ErrorLog " + (root / "log/error_log").string() + "\n" + "AccessLog " +
                (root / "log/access_log").string() + "\n" + "PageLog " + (root / "log/page_log").string() +
                "\n" +
                "ServerBin /usr/lib/cups\nDataDir /usr/share/cups\nSystemGroup root\nUser lp\nGroup lp\n");
        writeFile(root / "etc/cupsd.conf",
                  "Listen " + m_socket +
                      "\n"
                      "Browsing Off\nWebInterface No\nLogLevel debug\nDefaultAuthType None\n"
                      "<Location />\n  Order allow,deny\n  Allow all\n</Location>\n"
                      "<Policy default>\n  <Limit All>\n    Order deny,allow\n  </Limit>\n</Policy>\n");

        const std::string conf = (root / "etc/cupsd.conf").string();
        const std::string files = (root / "etc/cups-files.conf").string();
        m_pid = ::fork();
        if (m_pid < 0) throw std::runtime_error("fork failed");
        if (m_pid == 0) {
            const int devnull = ::open("/dev/null", O_RDWR);
            ::dup2(devnull, 0);
            const int log = ::open((root / "log/stdout").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
            ::dup2(log, 1);
            ::dup2(log, 2);
            ::execl("/usr/sbin/cupsd", "cupsd", "-f", "-c", conf.c_str(), "-s", files.c_str(),
                    static_cast<char*>(nullptr));
            ::_exit(127);
        }
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
        while (!socketAccepts(m_socket)) {
            int status = 0;
            if (::waitpid(m_pid, &status, WNOHANG) == m_pid) {
                m_pid = -1;
                throw std::runtime_error("cupsd exited at start (status " + std::to_string(status) +
                                         ", 127: /usr/sbin/cupsd missing, install cups-daemon): " +
                                         readFile(root / "log/stdout") + errorLog());
            }
            if (std::chrono::steady_clock::now() > deadline)
                throw std::runtime_error("cupsd did not listen: " + errorLog());
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        ::setenv("CUPS_SERVER", m_socket.c_str(), 1);
    }
    ~Cupsd() {
        if (m_pid > 0) {
            ::kill(m_pid, SIGTERM);
            int status = 0;
            ::waitpid(m_pid, &status, 0);
        }
        ::unsetenv("CUPS_SERVER");
    }
    Cupsd(const Cupsd&) = delete;
    Cupsd& operator=(const Cupsd&) = delete;

    const std::string& socketPath() const { return m_socket; }
    // Runs lpadmin against this server; returns its exit status, output in `output`.
    int lpadmin(const std::vector<std::string>& args, std::string& output) const {
        return tool("lpadmin", args, output);
    }
    // Any CUPS tool that takes -h SERVER (cupsdisable, cupsenable, cupsreject, cupsaccept, lpstat),
    // against this server.
    int tool(const std::string& name, const std::vector<std::string>& args, std::string& output) const {
        std::vector<std::string> argv{name, "-h", m_socket};
        argv.insert(argv.end(), args.begin(), args.end());
        return runProgram(argv, output);
    }
    // The jobs of queue that have not completed (`lpstat -o`): "" when none is pending or held.
    std::string pendingJobs(const std::string& queue) const {
        std::string output;
        tool("lpstat", {"-o", queue}, output);
        return output;
    }
    std::string errorLog() const { return readFile(m_dir.path() / "log/error_log"); }

  private:
    static bool socketAccepts(const std::string& path) {
        const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_un addr{};
        addr.sun_family = AF_UNIX;
        path.copy(addr.sun_path, sizeof addr.sun_path - 1);
        const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
        ::close(fd);
        return ok;
    }

    TempDir m_dir;
    std::string m_socket;
    pid_t m_pid = -1;
};

}  // namespace motcua::testing
