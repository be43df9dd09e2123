// The kiosk session as the units start it, on a real compositor: motcua-session.service's own
// ExecStart (sway with packaging/session/sway.conf) on sway's headless backend, and the kiosk and
// display units' own command lines and environment, as processes of their own. The window of each
// program must be fullscreen on the screen sway.conf puts it on, and show what the program draws
// (sway's screenshot tool, grim, takes the screen; the PNG goes to the screenshots folder).
//
// Only the paths move into a temporary folder (/etc/motcua, /run/motcua, /var/lib/motcua, /usr/bin)
// and sway gets its headless backend through wlroots' environment (WLR_BACKENDS=headless), where the
// office PC has screens. sway refuses to run as root: as root the test runs it as `nobody`.
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "kiosk/ui/image.h"
#include "kiosk_app/kiosk_fixture.h"
#include "shell/child_process.h"
#include "support/test_support.h"

using namespace motcua;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

const bool kRoot = ::geteuid() == 0;

// A command run as the session's user: `nobody` when the test runs as root, else this user.
std::vector<std::string> asSessionUser(std::vector<std::string> argv) {
    if (kRoot) argv.insert(argv.begin(), {"runuser", "-u", "nobody", "--"});
    return argv;
}

void giveToSessionUser(const fs::path& path, fs::perms perms) {
    fs::permissions(path, perms);
    if (kRoot) REQUIRE(::chown(path.c_str(), 65534, 65534) == 0);  // nobody:nogroup
}

// A unit of packaging/systemd: its Environment= assignments and its ExecStart words.
struct Unit {
    std::map<std::string, std::string> environment;
    std::vector<std::string> execStart;
};

Unit readUnit(const std::string& name) {
    const std::string text = testing::readFile(testing::sourcePath("packaging/systemd/" + name));
    Unit unit;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        if (line.rfind("Environment=", 0) == 0) {
            const auto value = line.substr(12);
            const auto eq = value.find('=');
            REQUIRE(eq != std::string::npos);
            unit.environment[value.substr(0, eq)] = value.substr(eq + 1);
        } else if (line.rfind("ExecStart=", 0) == 0) {
            std::istringstream words(line.substr(10));
            for (std::string w; words >> w;) unit.execStart.push_back(w);
        }
    }
    REQUIRE_FALSE(unit.execStart.empty());
    return unit;
}

// Every node of sway's tree with an app_id: the output it is on, fullscreen or not, its rectangle.
struct Window {
    std::string appId;
    std::string output;
    bool fullscreen = false;
    int x = 0, y = 0, width = 0, height = 0;
};

void collectWindows(const nlohmann::json& node, std::string output, std::vector<Window>& out) {
    if (node.value("type", "") == "output") output = node.value("name", "");
    if (node.contains("app_id") && node["app_id"].is_string()) {
        const auto& r = node["rect"];
        out.push_back({node["app_id"].get<std::string>(), output, node.value("fullscreen_mode", 0) == 1,
                       r.value("x", 0), r.value("y", 0), r.value("width", 0), r.value("height", 0)});
    }
    for (const char* key : {"nodes", "floating_nodes"}) {
        if (node.contains(key)) {
            for (const auto& child : node[key]) collectWindows(child, output, out);
        }
    }
}

// sway as motcua-session.service starts it, with `outputs` headless screens of 1280x720 (HEADLESS-1,
// HEADLESS-2, ...), and sway.conf's commented lines `uncomment` turned on.
class Session {
  public:
    Session(int outputs, const std::map<std::string, std::string>& uncomment = {}) {
        fs::permissions(m_dir.path(), fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                                          fs::perms::others_read | fs::perms::others_exec);
        fs::create_directory(m_xdg);
        giveToSessionUser(m_xdg, fs::perms::owner_all);
        fs::create_directory(m_run);
        giveToSessionUser(m_run, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                                     fs::perms::others_read | fs::perms::others_exec);

        // The shipped sway.conf, with /run/motcua moved and the asked-for lines turned on.
        std::string config = testing::readFile(testing::sourcePath("packaging/session/sway.conf"));
        replaceAll(config, "/run/motcua", m_run.string());
        for (const auto& [line, replacement] : uncomment) {
            const auto at = config.find("\n#" + line);
            INFO(line);
            REQUIRE(at != std::string::npos);
            config.replace(at + 1, line.size() + 1, replacement);
        }
        testing::writeFile(m_dir / "sway.conf", config);

        // The unit's ExecStart, its config in the temporary folder.
        auto argv = readUnit("motcua-session.service").execStart;
        REQUIRE(argv.front() == "/usr/bin/sway");
        argv.front() = "sway";
        for (auto& word : argv) {
            if (word == "/etc/motcua/sway.conf") word = (m_dir / "sway.conf").string();
        }
        REQUIRE(std::find(argv.begin(), argv.end(), (m_dir / "sway.conf").string()) != argv.end());
        argv.insert(argv.begin(), {"env", "XDG_RUNTIME_DIR=" + m_xdg.string(), "WLR_BACKENDS=headless",
                                   "WLR_LIBINPUT_NO_DEVICES=1", "WLR_RENDERER=pixman",
                                   "WLR_HEADLESS_OUTPUTS=" + std::to_string(outputs)});
        m_sway.emplace(asSessionUser(argv), m_dir / "sway.log");

        // motcua-session.service's ExecStartPost: ready once the programs' socket is linked.
        const auto deadline = Clock::now() + std::chrono::seconds(30);
        while (!fs::is_socket(socket())) {
            INFO(m_sway->output());
            REQUIRE(m_sway->running());
            REQUIRE(Clock::now() < deadline);
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
    }
    ~Session() {
        if (m_sway) {
            m_sway->signalGroup(SIGTERM);
            m_sway->waitExit(std::chrono::seconds(5));
        }
    }
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;

    fs::path socket() const { return m_run / "wayland-motcua"; }

    // A motcua program started as its unit starts it: the unit's Environment= (the session's paths
    // moved here) and its ExecStart, the program from the build.
    testing::ChildProcess& start(const std::string& unitName, const fs::path& db,
                                 const std::string& instance = {}) {
        const Unit unit = readUnit(unitName);
        testing::ChildProcess::Environment env;
        for (auto [name, value] : unit.environment) {
            replaceAll(value, "/run/motcua", m_run.string());
            replaceAll(value, "%i", instance);
            if (name == "MOTCUA_DB") value = db.string();
            if (name == "MOTCUA_CONFIG") value = testing::sourcePath("assets/office.toml").string();
            env.emplace_back(name, value);
        }
        std::vector<std::string> argv;
        for (auto word : unit.execStart) {
            for (const auto& [name, value] : env) replaceAll(word, "${" + name + "}", value);
            replaceAll(word, "%i", instance);
            if (word.rfind("/usr/bin/", 0) == 0) word = testing::ChildProcess::program(word.substr(9));
            argv.push_back(word);
        }
        const auto log = m_dir / (unitName + instance + ".log");
        m_programs.push_back(std::make_unique<testing::ChildProcess>(argv, log, env));
        return *m_programs.back();
    }

    std::vector<Window> windows() const {
        const auto ipc = ipcSocket();
        const auto r =
            testing::runShell(shellJoin(asSessionUser({"swaymsg", "-s", ipc, "-r", "-t", "get_tree"})));
        INFO(r.out);
        REQUIRE(r.status == 0);
        std::vector<Window> found;
        collectWindows(nlohmann::json::parse(r.out), "", found);
        return found;
    }

    // Waits until app_id has a window; fails after 60 s with the program's and sway's logs.
    Window waitForWindow(const std::string& appId, testing::ChildProcess& program) {
        const auto deadline = Clock::now() + std::chrono::seconds(60);
        for (;;) {
            for (const auto& w : windows()) {
                if (w.appId == appId && w.fullscreen) return w;
            }
            INFO(program.output());
            INFO(m_sway->output());
            REQUIRE(program.running());
            REQUIRE(Clock::now() < deadline);
            std::this_thread::sleep_for(std::chrono::milliseconds(200));
        }
    }

    // grim's PNG of one screen, kept in the build's screenshots folder.
    ui::Image screenshot(const std::string& output, const std::string& name) const {
        const auto shot = m_xdg / (name + ".png");  // where the session user may write
        const auto r = testing::runShell(
            shellJoin(asSessionUser({"env", "XDG_RUNTIME_DIR=" + m_xdg.string(),
                                     "WAYLAND_DISPLAY=" + fs::read_symlink(socket()).filename().string(),
                                     "grim", "-o", output, shot.string()})) +
            " 2>&1");
        INFO(r.out);
        REQUIRE(r.status == 0);
        const auto kept = fs::path(MOTCUA_BINARY_DIR) / "screenshots" / "session" / (name + ".png");
        fs::create_directories(kept.parent_path());
        fs::copy_file(shot, kept, fs::copy_options::overwrite_existing);
        return ui::loadPng(shot);
    }

  private:
    static void replaceAll(std::string& s, const std::string& from, const std::string& to) {
        for (auto at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
            s.replace(at, from.size(), to);
    }
    static std::string shellJoin(const std::vector<std::string>& argv) {
        std::string line;
        for (const auto& a : argv) {
            if (!line.empty()) line += ' ';
            line += testing::shellQuote(a);
        }
        return line;
    }
    std::string ipcSocket() const {
        for (const auto& e : fs::directory_iterator(m_xdg)) {
            if (e.path().filename().string().rfind("sway-ipc.", 0) == 0) return e.path().string();
        }
        FAIL("sway made no IPC socket in " << m_xdg);
        return {};
    }

    testing::TempDir m_dir;
    fs::path m_xdg = m_dir / "xdg";
    fs::path m_run = m_dir / "run-motcua";
    std::optional<testing::ChildProcess> m_sway;
    std::vector<std::unique_ptr<testing::ChildProcess>> m_programs;
};

// How many different colours the screen shows (a program that drew nothing leaves one).
std::size_t colours(const ui::Image& image) {
    std::set<std::uint32_t> seen;
    for (int y = 0; y < image.height; y += 4) {
        for (int x = 0; x < image.width; x += 4) {
            const auto p = image.at(x, y);
            seen.insert(static_cast<std::uint32_t>(p.r) << 16 | static_cast<std::uint32_t>(p.g) << 8 | p.b);
        }
    }
    return seen.size();
}

}  // namespace

TEST_CASE("The kiosk session's own units: the kiosk fills the one screen of sway's headless session",
          "[shell][session][process]") {
    testing::TempDir data;
    testing::initialiseOffice(data / "motcua.db", false);
    Session session(1);
    auto& kiosk = session.start("motcua-kiosk.service", data / "motcua.db");
    const auto window = session.waitForWindow("motcua-kiosk", kiosk);
    CHECK(window.output == "HEADLESS-1");
    CHECK(window.x == 0);
    CHECK(window.y == 0);
    CHECK(window.width == 1280);
    CHECK(window.height == 720);
    // Its welcome screen, drawn (give it the few frames after the window maps).
    std::this_thread::sleep_for(std::chrono::seconds(2));
    const auto shot = session.screenshot("HEADLESS-1", "kiosk-one-screen");
    CHECK(shot.width == 1280);
    CHECK(shot.height == 720);
    CHECK(colours(shot) > 20);
    // systemctl stop: SIGTERM, and the kiosk ends by itself.
    kiosk.signal(SIGTERM);
    const auto status = kiosk.waitExit(std::chrono::seconds(15));
    INFO(kiosk.output());
    REQUIRE(status);
    CHECK(*status == 0);
}

TEST_CASE(
    "The kiosk session with two screens: sway.conf's documented lines put the kiosk and the lobby display "
    "each on its own screen",
    "[shell][session][process]") {
    testing::TempDir data;
    testing::initialiseOffice(data / "motcua.db", false);
    Session session(2, {{"for_window [app_id=\"^motcua-kiosk$\"] move container to output eDP-1",
                         "for_window [app_id=\"^motcua-kiosk$\"] move container to output HEADLESS-1"},
                        {"for_window [app_id=\"^motcua-display$\"] move container to output HDMI-A-1",
                         "for_window [app_id=\"^motcua-display$\"] move container to output HEADLESS-2"}});
    // The display first: it must still go to the second screen, not to the first free one.
    auto& display = session.start("motcua-display.service", data / "motcua.db");
    const auto lobby = session.waitForWindow("motcua-display", display);
    auto& kiosk = session.start("motcua-kiosk.service", data / "motcua.db");
    const auto touch = session.waitForWindow("motcua-kiosk", kiosk);
    CHECK(touch.output == "HEADLESS-1");
    CHECK(lobby.output == "HEADLESS-2");
    CHECK(lobby.width == 1280);
    CHECK(lobby.height == 720);
    std::this_thread::sleep_for(std::chrono::seconds(2));
    CHECK(colours(session.screenshot("HEADLESS-1", "two-screens-kiosk")) > 20);
    CHECK(colours(session.screenshot("HEADLESS-2", "two-screens-lobby")) > 20);
}

TEST_CASE("systemd-analyze verify passes every unit, with the build's programs in place of /usr/bin",
          "[shell][units]") {
    testing::TempDir dir;
    std::vector<std::string> units;
    for (const auto& e : fs::directory_iterator(testing::sourcePath("packaging/systemd"))) {
        std::string text = testing::readFile(e.path());
        const std::string kiosk = (fs::path(MOTCUA_BINARY_DIR) / "kiosk").string();
        for (auto at = text.find("/usr/bin/motcua"); at != std::string::npos;
             at = text.find("/usr/bin/motcua", at + kiosk.size())) {
            text.replace(at, 8, kiosk);
        }
        testing::writeFile(dir / e.path().filename().string(), text);
        units.push_back((dir / e.path().filename().string()).string());
    }
    std::sort(units.begin(), units.end());
    REQUIRE(units.size() >= 6);
    auto verify = [&](const std::vector<std::string>& files) {
        std::string command = "systemd-analyze verify --man=no";
        for (const auto& f : files) {
            command += ' ';
            command += testing::shellQuote(f);
        }
        command += " 2>&1";
        return testing::runShell(command);
    };
    const auto r = verify(units);
    INFO(r.out);
    CHECK(r.status == 0);
    CHECK(r.out.empty());

    // It would tell: a misspelt key in the kiosk's unit is reported.
    const auto kiosk = dir / "motcua-kiosk.service";
    std::string text = testing::readFile(kiosk);
    text.replace(text.find("\nRestart="), 9, "\nRestrat=");
    testing::writeFile(kiosk, text);
    const auto broken = verify({kiosk.string()});
    CHECK_THAT(broken.out, Catch::Contains("Restrat"));
}
