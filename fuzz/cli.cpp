// Fuzz target: the motcua command line, in process. The input is up to kMaxCommands command lines
// separated by 0x01 bytes, each an argument list split on NUL bytes (so a run can take a ticket,
// call it and report on it); they run in order against a database initialised once per process from
// assets/office.toml and put back byte for byte before every run, under a fixed clock, so a crashing input
// reproduces. Any exit status is fine; a crash, UB, a leak or an exception escaping run() is a bug.
//
// Containment: the fuzzer must never touch files outside its own temporary directory, the network,
// a printer or a CUPS server. So every run gets a fixed leading `--db motcua.db` and runs with that
// directory as the working directory; inputs are refused (not run) when an argument contains "/"
// (any path leaving the directory), "..", ":" (every printer URI: file:, tcp:, cups:, usb:) or
// names --db itself; $MOTCUA_PRINTER points at a file: printer inside the directory (the default
// when no --to is given), $MOTCUA_CONFIG at a copy of the office config there, $CUPS_SERVER at a
// socket that does not exist, and standard input is /dev/null (staff set-pin reads it). Whatever a
// run leaves in the directory (exports, backups, reports) is deleted before the next one. (The
// working directory is only the temporary one during a run: see InDirectory.)
#include "kiosk/cli/cli.h"

#include <fcntl.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "queue/clock.h"

namespace {

namespace fs = std::filesystem;

constexpr const char* kDatabase = "motcua.db";
constexpr std::size_t kMaxCommands = 8;
constexpr std::size_t kMaxArguments = 24;
// 2024-03-05 09:30 in Hà Nội (UTC+7), a Tuesday inside opening hours.
constexpr motcua::queue::TimeMs kNow = 1709605800000;

std::string g_pristineDatabase;
fs::path g_directory;

// Runs with the temporary directory as the working directory and goes back afterwards: libFuzzer
// reads and writes its corpus and artifacts by the paths it was given, relative to where it started.
class InDirectory {
  public:
    InDirectory() : m_previous(fs::current_path()) { fs::current_path(g_directory); }
    ~InDirectory() { fs::current_path(m_previous); }
    InDirectory(const InDirectory&) = delete;
    InDirectory& operator=(const InDirectory&) = delete;

  private:
    fs::path m_previous;
};

std::string readFile(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

void writeFile(const fs::path& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << bytes;
}

// Deletes everything a run left behind and puts the initialised database back.
void resetDirectory() {
    for (const auto& entry : fs::directory_iterator(fs::current_path())) {
        const auto name = entry.path().filename().string();
        if (name == "office.toml") continue;
        std::error_code ignored;
        fs::remove_all(entry.path(), ignored);
    }
    writeFile(kDatabase, g_pristineDatabase);
}

bool isContained(const std::string& argument) {
    return argument.find('/') == std::string::npos && argument.find("..") == std::string::npos &&
           argument.find(':') == std::string::npos && argument.find("--db") == std::string::npos;
}

int runCli(const std::vector<std::string>& arguments) {
    std::vector<const char*> argv{"motcua", "--db", kDatabase};
    for (const auto& a : arguments) argv.push_back(a.c_str());
    std::ostringstream out;
    std::ostringstream err;
    motcua::queue::ManualClock clock(kNow);
    return motcua::cli::run(static_cast<int>(argv.size()), argv.data(), out, err, clock);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    char pattern[] = "/dev/shm/motcua-fuzz-cli-XXXXXX";
    char shmFallback[] = "/tmp/motcua-fuzz-cli-XXXXXX";
    const char* dir = mkdtemp(pattern);
    if (!dir) dir = mkdtemp(shmFallback);
    if (!dir) {
        std::perror("mkdtemp");
        std::abort();
    }
    g_directory = dir;
    // The directory goes when the process ends normally; a crash leaves it for inspection.
    std::atexit([] {
        std::error_code ignored;
        fs::remove_all(g_directory, ignored);
    });
    const InDirectory inDirectory;

    const int devNull = open("/dev/null", O_RDONLY);
    if (devNull < 0 || dup2(devNull, STDIN_FILENO) < 0) std::abort();
    close(devNull);

    // The bundled config with its printer turned into a file inside the directory.
    std::string config = readFile(fs::path(MOTCUA_ASSETS_DIR) / "office.toml");
    const std::string usbPrinter = "uri = \"usb:\"";
    const auto at = config.find(usbPrinter);
    if (at == std::string::npos) {
        std::fprintf(stderr, "fuzz_cli: assets/office.toml no longer has %s\n", usbPrinter.c_str());
        std::abort();
    }
    config.replace(at, usbPrinter.size(), "uri = \"file:printed.bin\"");
    writeFile("office.toml", config);
    // office.toml names its calendar file beside it.
    writeFile("calendar.toml", readFile(fs::path(MOTCUA_ASSETS_DIR) / "calendar.toml"));
    setenv("MOTCUA_CONFIG", (g_directory / "office.toml").c_str(), 1);
    setenv("MOTCUA_PRINTER", "file:printed.bin", 1);
    setenv("CUPS_SERVER", (g_directory / "no-cups.sock").c_str(), 1);
    unsetenv("MOTCUA_DB");

    if (runCli({"init"}) != 0) {
        std::fprintf(stderr, "fuzz_cli: motcua init failed in %s\n", dir);
        std::abort();
    }
    for (const char* suffix : {"-wal", "-shm"}) {
        if (fs::exists(std::string(kDatabase) + suffix)) {
            std::fprintf(stderr, "fuzz_cli: the database was left with a %s file\n", suffix);
            std::abort();
        }
    }
    g_pristineDatabase = readFile(kDatabase);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::vector<std::vector<std::string>> commands(1);
    std::string current;
    for (std::size_t i = 0; i < size; ++i) {
        if (data[i] == 0 || data[i] == 1) {
            commands.back().push_back(std::move(current));
            current.clear();
            if (data[i] == 1) commands.emplace_back();
        } else {
            current.push_back(static_cast<char>(data[i]));
        }
    }
    if (!current.empty() || (size > 0 && data[size - 1] == 0)) commands.back().push_back(std::move(current));
    if (commands.size() > kMaxCommands) return -1;
    for (const auto& arguments : commands) {
        if (arguments.size() > kMaxArguments) return -1;
        for (const auto& a : arguments) {
            if (!isContained(a)) return -1;  // -1: libFuzzer keeps it out of the corpus
        }
    }
    const InDirectory inDirectory;
    resetDirectory();
    for (const auto& arguments : commands) runCli(arguments);
    return 0;
}
