// The Debian package built from this build tree (cpack -G DEB, without rebuilding anything that is
// already built): its contents, control fields, conffiles, maintainer scripts and lintian.
#include <fmt/format.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "support/test_support.h"

using motcua::testing::readFile;
using motcua::testing::runShell;
using motcua::testing::shellQuote;
using motcua::testing::sourcePath;
using motcua::testing::TempDir;
using motcua::testing::writeFile;
namespace fs = std::filesystem;

namespace {

std::string quote(const fs::path& p) {
    return shellQuote(p.string());
}

std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
}

// The programs built in this tree (each is packaged when it exists).
std::vector<std::string> builtPrograms() {
    std::vector<std::string> found;
    for (const char* name :
         {"motcua", "motcua-kiosk", "motcua-display", "motcua-console", "motcua-say", "motcua-web"}) {
        for (const auto& e : fs::recursive_directory_iterator(fs::path(MOTCUA_BINARY_DIR) / "kiosk")) {
            if (e.is_regular_file() && e.path().filename() == name) {
                found.push_back(name);
                break;
            }
        }
    }
    return found;
}

fs::path buildPackage(const TempDir& dir) {
    const auto config = fs::path(MOTCUA_BINARY_DIR) / "CPackConfig.cmake";
    REQUIRE(fs::exists(config));
    const auto r = runShell(fmt::format("cd {} && cpack -G DEB --config {} -B {}", quote(MOTCUA_BINARY_DIR),
                                        quote(config), quote(dir.path())));
    INFO(r.out);
    REQUIRE(r.status == 0);
    for (const auto& e : fs::directory_iterator(dir.path())) {
        if (std::regex_match(e.path().filename().string(),
                             std::regex(R"(motcua_\d+\.\d+\.\d+_amd64\.deb)"))) {
            return e.path();
        }
    }
    FAIL("no motcua_VERSION_amd64.deb in " << dir.path());
    return {};
}

}  // namespace

TEST_CASE(
    "the Debian package holds the programs, assets, conffiles, units and udev rule, and lintian finds no "
    "error",
    "[packaging][package][slow]") {
    TempDir dir;
    const auto deb = buildPackage(dir);

    const auto listing = runShell("dpkg-deb -c " + quote(deb));
    REQUIRE(listing.status == 0);
    std::set<std::string> files;
    for (const auto& line : lines(listing.out)) {
        const auto at = line.find(" ./");
        if (at != std::string::npos) files.insert(line.substr(at + 2));
    }
    auto has = [&](const std::string& path) {
        CAPTURE(path);
        CHECK(files.count(path) == 1);
    };
    const auto programs = builtPrograms();
    REQUIRE(std::find(programs.begin(), programs.end(), "motcua") != programs.end());
    for (const auto& p : programs) {
        has("/usr/bin/" + p);
        has("/usr/share/man/man1/" + p + ".1.gz");
    }
    for (const char* path :
         {"/etc/motcua/office.toml", "/etc/motcua/calendar.toml", "/etc/motcua/sway.conf",
          "/etc/pam.d/motcua-session", "/usr/share/motcua/calendar.toml",
          "/lib/udev/rules.d/60-motcua-printer.rules", "/lib/systemd/system/motcua-session.service",
          "/lib/systemd/system/motcua-kiosk.service", "/lib/systemd/system/motcua-display.service",
          "/lib/systemd/system/motcua-counter-display@.service", "/lib/systemd/system/motcua-backup.service",
          "/lib/systemd/system/motcua-backup.timer", "/lib/systemd/system/motcua-web.service",
          "/usr/share/motcua/office.toml", "/usr/share/motcua/catalogue/procedures.tsv",
          "/usr/share/doc/motcua/udev/README.md", "/usr/share/doc/motcua/voice/README.md",
          "/usr/share/doc/motcua/copyright", "/usr/share/doc/motcua/changelog.gz"}) {
        has(path);
    }
    // Nothing of the build machine, and no data folder: /var/lib/motcua is made by the postinst.
    for (const auto& f : files) {
        CAPTURE(f);
        CHECK(f.find("/work/") == std::string::npos);
        CHECK(f.rfind("/var/", 0) != 0);
    }

    // Control fields: shared-library dependencies from dpkg-shlibdeps, plus fonts and voice data.
    const auto depends = runShell("dpkg-deb -f " + quote(deb) + " Depends");
    REQUIRE(depends.status == 0);
    for (const char* dep : {"fonts-noto-core", "espeak-ng-data", "adduser", "libc6", "libsqlite3-0",
                            "libsodium23", "sway", "libpam-systemd", "libpulse0"}) {
        CAPTURE(dep);
        CHECK_THAT(depends.out, Catch::Contains(dep));
    }
    // An office installs with --no-install-recommends as often as not: nothing the programs need may
    // rest on Recommends. The one recommended package is the PostgreSQL server of an office whose PCs
    // share one queue; the other PCs go without it.
    const auto recommends = runShell("dpkg-deb -f " + quote(deb) + " Recommends").out;
    CHECK(recommends == "postgresql\n");

    // Control archive: every file under /etc is a conffile; the scripts are executable and parse.
    const auto control = dir / "control";
    REQUIRE(runShell(fmt::format("dpkg-deb -e {} {}", quote(deb), quote(control))).status == 0);
    std::set<std::string> conffiles;
    for (const auto& line : lines(readFile(control / "conffiles"))) conffiles.insert(line);
    for (const auto& f : files) {
        if (f.rfind("/etc/", 0) == 0 && f.back() != '/') {
            CAPTURE(f);
            CHECK(conffiles.count(f) == 1);
        }
    }
    for (const char* script : {"postinst", "prerm", "postrm"}) {
        CAPTURE(script);
        struct stat st {};
        REQUIRE(::stat((control / script).c_str(), &st) == 0);
        CHECK((st.st_mode & 0777) == 0755);
        CHECK(readFile(control / script) == readFile(sourcePath(std::string("packaging/debian/") + script)));
        CHECK(runShell("sh -n " + quote(control / script)).status == 0);
    }

    const auto lintian = runShell("lintian --tag-display-limit 0 " + quote(deb));
    // Warnings are listed in the log; errors fail the test.
    WARN("lintian:\n" << lintian.out);
    for (const auto& line : lines(lintian.out)) {
        CAPTURE(line);
        CHECK(line.rfind("E: ", 0) != 0);
    }
}

namespace {

// Runs a maintainer script with every command it calls replaced by a stub that records its
// arguments; getent answers as if the user and groups existed or not.
std::vector<std::string> runScript(const TempDir& dir, const std::string& script, const std::string& args,
                                   bool userExists) {
    const auto bin = dir / "bin";
    fs::create_directories(bin);
    const auto log = dir / "calls.log";
    fs::remove(log);
    for (const char* tool : {"addgroup", "adduser", "install", "chown", "chmod", "udevadm",
                             "deb-systemd-helper", "deb-systemd-invoke", "systemctl"}) {
        writeFile(bin / tool, fmt::format("#!/bin/sh\necho \"{} $*\" >> {}\nexit 1\n", tool, quote(log)));
        fs::permissions(bin / tool, fs::perms::owner_all);
    }
    // deb-systemd-helper was-enabled answers "no"; the other stubs fail so `|| true` is exercised,
    // except those the script must not ignore.
    for (const char* tool : {"addgroup", "adduser", "install", "chown", "chmod"}) {
        writeFile(bin / tool, fmt::format("#!/bin/sh\necho \"{} $*\" >> {}\nexit 0\n", tool, quote(log)));
    }
    writeFile(bin / "getent",
              fmt::format("#!/bin/sh\necho \"getent $*\" >> {}\nexit {}\n", quote(log), userExists ? 0 : 2));
    for (const char* tool : {"getent", "addgroup", "adduser", "install", "chown", "chmod"}) {
        fs::permissions(bin / tool, fs::perms::owner_all);
    }
    const auto r = runShell(fmt::format("PATH={}:/usr/bin:/bin sh {} {}", quote(bin),
                                        quote(sourcePath("packaging/debian/" + script)), args));
    INFO(r.out);
    CHECK(r.status == 0);
    return lines(readFile(log));
}

bool called(const std::vector<std::string>& calls, const std::string& prefix) {
    return std::any_of(calls.begin(), calls.end(), [&](const auto& c) { return c.rfind(prefix, 0) == 0; });
}

}  // namespace

TEST_CASE("postinst creates the motcua user once, its data folder 0750, and enables the backup timer",
          "[packaging][scripts]") {
    TempDir dir;
    SECTION("first install") {
        const auto calls = runScript(dir, "postinst", "configure", false);
        CAPTURE(calls);
        CHECK(called(calls, "addgroup --system --quiet motcua"));
        CHECK(called(calls, "adduser --system --quiet --ingroup motcua --home /var/lib/motcua"));
        CHECK(called(calls, "adduser --quiet motcua lp") == false);  // getent says lp does not exist here
        CHECK(called(calls, "adduser --system --quiet --group --home /var/lib/motcua-web"));
        CHECK(called(calls, "adduser --quiet motcua-web motcua"));
        CHECK(
            called(calls, "install -d -o motcua -g motcua -m 0750 /var/lib/motcua /var/lib/motcua/backups"));
        CHECK(called(calls, "deb-systemd-helper --quiet was-enabled motcua-backup.timer"));
        CHECK(called(calls, "deb-systemd-helper update-state motcua-backup.timer"));
    }
    SECTION("upgrade with the user in place") {
        const auto calls = runScript(dir, "postinst", "configure 0.0.9", true);
        CAPTURE(calls);
        CHECK_FALSE(called(calls, "addgroup"));
        CHECK_FALSE(called(calls, "adduser --system"));
        CHECK(called(calls, "adduser --quiet motcua lp"));
        CHECK(called(calls, "adduser --quiet motcua audio"));
        CHECK(called(calls, "install -d -o motcua -g motcua -m 0750 /var/lib/motcua"));
    }
    SECTION("other postinst actions do nothing") {
        CHECK(runScript(dir, "postinst", "abort-upgrade 0.1.0", false).empty());
    }
    SECTION("remove and purge keep the data and the user") {
        for (const char* action : {"remove", "purge"}) {
            const auto calls = runScript(dir, "postrm", action, true);
            CAPTURE(action, calls);
            CHECK_FALSE(called(calls, "deluser"));
            CHECK_FALSE(called(calls, "rm"));
        }
        const auto purge = runScript(dir, "postrm", "purge", true);
        CHECK(called(purge, "deb-systemd-helper purge motcua-backup.timer"));
    }
}

TEST_CASE("motcua-web runs as its own user, reaches only the database, behind the proxy's TLS",
          "[packaging][units]") {
    const auto text = readFile(sourcePath("packaging/systemd/motcua-web.service"));
    CHECK_THAT(text, Catch::Contains("\nUser=motcua-web\n"));
    CHECK_THAT(text, Catch::Contains("\nSupplementaryGroups=motcua\n"));
    CHECK_THAT(text, Catch::Contains("\nEnvironment=MOTCUA_DB=/var/lib/motcua/motcua.db\n"));
    CHECK_THAT(text, Catch::Contains("\nEnvironment=MOTCUA_WEB_LISTEN=127.0.0.1:8080\n"));
    CHECK_THAT(
        text, Catch::Contains("ExecStart=/usr/bin/motcua-web --db ${MOTCUA_DB} --listen ${MOTCUA_WEB_LISTEN} "
                              "--behind-tls --trust-proxy --secret-file /var/lib/motcua-web/secret"));
    CHECK_THAT(text, Catch::Contains("\nProtectSystem=strict\n"));
    CHECK_THAT(text, Catch::Contains("\nReadWritePaths=/var/lib/motcua\n"));
    CHECK_THAT(text, Catch::Contains("\nRestart=always\n"));
}

TEST_CASE("the kiosk and display units run as motcua with the installed paths and restart on failure",
          "[packaging][units]") {
    const auto unit = GENERATE(as<std::string>{}, "motcua-kiosk.service", "motcua-display.service",
                               "motcua-counter-display@.service", "motcua-backup.service");
    CAPTURE(unit);
    const auto text = readFile(sourcePath("packaging/systemd/" + unit));
    CHECK_THAT(text, Catch::Contains("\nUser=motcua\n"));
    CHECK_THAT(text, Catch::Contains("\nEnvironment=MOTCUA_DB=/var/lib/motcua/motcua.db\n"));
    CHECK_THAT(text, Catch::Contains("\nUMask=0027\n"));  // new database files 0640
    CHECK_THAT(text, Catch::Contains("\nStateDirectoryMode=0750\n"));
    if (unit == "motcua-backup.service") {
        CHECK_THAT(text, Catch::Contains("ExecStart=/usr/bin/motcua backup"));
    } else {
        CHECK_THAT(text, Catch::Contains("\nRestart=always\n"));
        CHECK_THAT(text, Catch::Contains("\nEnvironment=MOTCUA_CONFIG=/etc/motcua/office.toml\n"));
        CHECK_THAT(text, Catch::Contains("\nBindsTo=motcua-session.service\n"));
    }
}
