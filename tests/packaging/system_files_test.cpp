// Every program and file the tests (and the scripts that run them) take from the system comes from a
// Debian package that scripts/install-deps.sh names. CI runs on a fresh Debian 12 root with only what
// that script installs, with --no-install-recommends: a file that comes with a recommended package,
// or with a package installed by hand, passes on a developer's machine and fails there (CUPS's
// socket backend, in the `cups` package, was such a file).
//
// A test that starts a new outside program or reads a new system file adds one line to
// kSystemFiles below; the package providing it then has to be in install-deps.sh.
#include <glob.h>
#include <sys/stat.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <set>
#include <sstream>

#include "fonts/font_locator.h"
#include "support/test_support.h"

using motcua::testing::runShell;
using motcua::testing::shellQuote;
using motcua::testing::sourcePath;
namespace fs = std::filesystem;

namespace {

// What the tests use from the system, and who uses it. A bare name is a program found on PATH (as
// execvp and the shell find it); an absolute path may hold glob wildcards (the multiarch folder).
struct SystemFile {
    const char* file;
    const char* usedBy;
};

constexpr SystemFile kSystemFiles[] = {
    {"/usr/sbin/cupsd", "tests/support/cupsd_harness.h: a private cupsd"},
    {"lpadmin", "cupsd_harness.h: adds the test printer"},
    {"lpstat", "cupsd_harness.h: pending jobs"},
    {"cupsenable", "cups_transport_test, printer_faults_test"},
    {"cupsdisable", "cups_transport_test, printer_faults_test"},
    {"cupsreject", "cups_transport_test"},
    {"/usr/lib/cups/backend/socket", "the socket:// device of the test printer (cupsd runs it)"},
    {"/usr/lib/*/espeak-ng-data/phontab", "tests/voice: espeak-ng's phonemes"},
    {"/usr/lib/*/espeak-ng-data/vi_dict", "tests/voice: the Vietnamese dictionary"},
    {"/usr/lib/*/espeak-ng-data/lang/aav/vi-VN-x-south", "tests/voice: the southern Vietnamese voice"},
    {"chromium",
     "tests/report: the HTML report in a real browser; tests/web: the phone pages, over DevTools"},
    {"timeout", "tests/report: a hung chromium is stopped"},
    {"cpack", "tests/packaging: builds the .deb"},
    {"dpkg-deb", "tests/packaging: reads the .deb"},
    {"dpkg-shlibdeps", "cpack: the .deb's library dependencies"},
    {"lintian", "tests/packaging: checks the .deb"},
    {"help2man", "the man pages in the .deb"},
    {"gzip", "the man pages and changelog in the .deb"},
    {"sqlite3", "scripts/asan-hour.sh: counts the work done"},
    {"git", "scripts/fresh-check.sh: the clean clone"},
    {"sway", "tests/shell/session_test.cpp: the kiosk session, on its headless backend"},
    {"swaymsg", "session_test.cpp: where sway put each window"},
    {"grim", "session_test.cpp: screenshots of the session's screens"},
    {"systemd-analyze", "session_test.cpp: verifies the units"},
    {"clang-format", "scripts/check-format.sh: the test that every C++ file follows .clang-format"},
    {"/usr/lib/postgresql/*/bin/initdb",
     "scripts/test-postgres.sh: the private PostgreSQL server of the test run"},
    {"/usr/lib/postgresql/*/bin/pg_ctl", "scripts/test-postgres.sh: starts and stops it"},
    {"/usr/lib/postgresql/*/bin/postgres", "the test server itself"},
    {"runuser", "scripts/test-postgres.sh: initdb refuses root, the server runs as nobody"},
    {"pulseaudio", "tests/voice/headphone_watch_test.cpp: the private sound server"},
    {"pactl", "headphone_watch_test.cpp: sinks come and go, the default sink changes"},
    {"/usr/lib/pulse-*/modules/module-null-sink.so", "headphone_watch_test.cpp: the test's sinks"},
};

std::set<std::string> installDepsPackages() {
    const auto listed = runShell(shellQuote(sourcePath("scripts/install-deps.sh").string()) + " --list");
    INFO(listed.out);
    REQUIRE(listed.status == 0);
    std::set<std::string> packages;
    std::istringstream in(listed.out);
    for (std::string line; std::getline(in, line);) packages.insert(line);
    REQUIRE(packages.count("cmake") == 1);
    return packages;
}

// Paths of file: a program found on PATH (with the sbin folders, where the CUPS tools live), or the
// glob's matches.
std::vector<fs::path> locate(const std::string& file) {
    if (file.find('/') == std::string::npos) {
        const auto found = runShell("PATH=\"$PATH:/usr/sbin:/sbin\" command -v " + shellQuote(file));
        if (found.status != 0 || found.out.empty()) return {};
        return {fs::path(found.out.substr(0, found.out.find('\n')))};
    }
    std::vector<fs::path> paths;
    glob_t matches{};
    if (::glob(file.c_str(), 0, nullptr, &matches) == 0) {
        for (std::size_t i = 0; i < matches.gl_pathc; ++i) paths.emplace_back(matches.gl_pathv[i]);
    }
    ::globfree(&matches);
    return paths;
}

// Package names from `dpkg -S` lines ("pkg1, pkg2:amd64: /path").
std::set<std::string> packagesOf(const std::string& dpkgOutput, const fs::path& wanted) {
    std::set<std::string> packages;
    std::istringstream in(dpkgOutput);
    for (std::string line; std::getline(in, line);) {
        const auto colon = line.find(": /");
        if (colon == std::string::npos || line.rfind("diversion", 0) == 0) continue;
        const fs::path path = line.substr(colon + 2);
        std::error_code ec;
        if (path != wanted && !fs::equivalent(path, wanted, ec)) continue;
        std::istringstream names(line.substr(0, colon));
        for (std::string name; std::getline(names, name, ',');) {
            name.erase(0, name.find_first_not_of(' '));
            packages.insert(name.substr(0, name.find(':')));
        }
    }
    return packages;
}

// The packages that provide path. dpkg knows a file by the path its package ships: a symbolic link
// is followed to the real file (/usr/bin/x -> /etc/alternatives/x -> ...), the merged /usr is tried
// both ways (/bin/gzip is /usr/bin/gzip), and a file a maintainer script made as a hard link (CUPS
// links its enabled backends from backend-available/) is found by name and compared by inode.
std::set<std::string> providers(const fs::path& path) {
    const fs::path real = fs::canonical(path);
    std::vector<fs::path> candidates{path, real};
    for (const auto& p : std::vector<fs::path>{path, real}) {
        const std::string s = p.string();
        for (const char* dir : {"/bin/", "/sbin/", "/lib/"}) {
            if (s.rfind(std::string("/usr") + dir, 0) == 0) candidates.emplace_back(s.substr(4));
            if (s.rfind(dir, 0) == 0) candidates.emplace_back("/usr" + s);
        }
    }
    for (const auto& candidate : candidates) {
        const auto owned = runShell("dpkg -S " + shellQuote(candidate.string()));
        if (owned.status == 0) {
            auto packages = packagesOf(owned.out, candidate);
            if (!packages.empty()) return packages;
        }
    }
    const auto byName = runShell("dpkg -S " + shellQuote("*/" + real.filename().string()));
    return packagesOf(byName.out, real);
}

bool essential(const std::string& package) {
    return runShell("dpkg-query -W -f='${Essential}' " + shellQuote(package)).out == "yes";
}

}  // namespace

TEST_CASE("every program and file the tests use from the system comes from a package install-deps.sh names",
          "[packaging][install-deps]") {
    const auto named = installDepsPackages();
    std::vector<std::pair<std::string, std::string>> uses;  // file, used by
    for (const auto& f : kSystemFiles) uses.emplace_back(f.file, f.usedBy);
    // The screens', tickets' and report's font, found the way the programs find it.
    for (auto weight : {motcua::fonts::FontWeight::Regular, motcua::fonts::FontWeight::Bold}) {
        const auto font = motcua::fonts::findFont("Noto Sans", weight);
        REQUIRE(font.has_value());
        uses.emplace_back(font->string(), "fonts/font_locator: Noto Sans for screens and tickets");
    }

    for (const auto& [file, usedBy] : uses) {
        CAPTURE(file, usedBy);
        const auto paths = locate(file);
        CHECK_FALSE(paths.empty());
        for (const auto& path : paths) {
            const auto packages = providers(path);
            CAPTURE(path, packages);
            CHECK_FALSE(packages.empty());
            // Essential packages are in every Debian root by definition; anything else must be named.
            const bool provided = std::any_of(packages.begin(), packages.end(), [&](const std::string& p) {
                return named.count(p) == 1 || essential(p);
            });
            CHECK(provided);
        }
    }
}

TEST_CASE("a file no package provides is reported as such", "[packaging][install-deps]") {
    motcua::testing::TempDir dir;
    motcua::testing::writeFile(dir / "made-by-hand", "x");
    CHECK(providers(dir / "made-by-hand").empty());
    CHECK(locate("motcua-no-such-program").empty());
    CHECK(locate("/usr/lib/*/motcua-no-such-file").empty());
}

TEST_CASE("a hard link a maintainer script made is traced to its package", "[packaging][install-deps]") {
    // /usr/lib/cups/backend/socket is a hard link the cups postinst makes to backend-available/socket.
    const auto packages = providers("/usr/lib/cups/backend/socket");
    CHECK(packages == std::set<std::string>{"cups"});
    CHECK(providers("/bin/gzip") == std::set<std::string>{"gzip"});
}
