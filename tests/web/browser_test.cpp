// The pages in a real browser: Debian's chromium, headless, driven through its DevTools protocol over
// a WebSocket from C++ (Boost.Beast, which motcua-web is built on). Chosen over puppeteer-core from
// npm: nothing is downloaded at test time, no node toolchain joins the build, and the test is one
// more Catch2 case that can use the suite's fixtures.
//
// At 360×800 and 390×844: a phone takes a number on /lay-so after two taken at the kiosk; `motcua
// call` from another process calls the three in turn, and the open page follows (2 left, 1 left,
// next, then called at the counter), without a reload. Screenshots of every page, in Vietnamese and English,
// go to <build>/screenshots/web/. The page must raise no script error and no CSP violation.
#include <utility>
// clang-format off
#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <boost/beast/websocket.hpp>
// clang-format on
#include <fcntl.h>
#include <signal.h>
#include <sodium.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <regex>
#include <thread>

#include "../queue/queue_fixture.h"
#include "support/test_support.h"

using namespace motcua;
using namespace motcua::testing;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

const fs::path kShots = fs::path(MOTCUA_BINARY_DIR) / "screenshots" / "web";

// A child process, killed and reaped when this goes.
struct Child {
    pid_t pid = -1;
    int out = -1;  // its stdout
    Child(const std::vector<std::string>& argv, bool quietStderr) {
        int pipeFds[2];
        REQUIRE(pipe(pipeFds) == 0);
        pid = fork();
        if (pid == 0) {
            dup2(pipeFds[1], STDOUT_FILENO);
            if (quietStderr) {
                const int null = ::open("/dev/null", O_WRONLY);
                dup2(null, STDERR_FILENO);
            }
            close(pipeFds[0]);
            close(pipeFds[1]);
            std::vector<char*> args;
            for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
            args.push_back(nullptr);
            execvp(args[0], args.data());
            _exit(127);
        }
        close(pipeFds[1]);
        out = pipeFds[0];
    }
    std::string line() {
        std::string l;
        for (char c; read(out, &c, 1) == 1 && c != '\n';) l += c;
        return l;
    }
    ~Child() {
        if (pid > 0) {
            kill(pid, SIGTERM);
            waitpid(pid, nullptr, 0);
        }
        if (out >= 0) close(out);
    }
};

// Chromium's DevTools protocol: commands by id, events collected (script errors, console errors).
class DevTools {
  public:
    DevTools(unsigned short port, const std::string& path) : m_ws(m_io) {
        auto& socket = boost::beast::get_lowest_layer(m_ws);
        socket.connect({boost::asio::ip::make_address("127.0.0.1"), port});
        timeval tv{60, 0};
        ::setsockopt(socket.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
        m_ws.read_message_max(64 * 1024 * 1024);
        m_ws.handshake("127.0.0.1:" + std::to_string(port), path);
    }
    json call(const std::string& method, json params = json::object(), const std::string& session = {}) {
        const int id = ++m_id;
        json message = {{"id", id}, {"method", method}, {"params", std::move(params)}};
        if (!session.empty()) message["sessionId"] = session;
        m_ws.write(boost::asio::buffer(message.dump()));
        for (;;) {
            boost::beast::flat_buffer buffer;
            m_ws.read(buffer);
            auto reply = json::parse(boost::beast::buffers_to_string(buffer.data()));
            if (reply.contains("method")) {
                note(reply);
                continue;
            }
            if (reply.value("id", 0) != id) continue;
            if (reply.contains("error")) throw std::runtime_error(method + ": " + reply["error"].dump());
            return reply["result"];
        }
    }
    std::vector<std::string> problems;  // script exceptions and console errors, as reported

  private:
    void note(const json& event) {
        const auto method = event["method"].get<std::string>();
        if (method == "Runtime.exceptionThrown")
            problems.push_back(event["params"]["exceptionDetails"].dump());
        if (method == "Log.entryAdded" && event["params"]["entry"].value("level", "") == "error")
            problems.push_back(event["params"]["entry"].dump());
        if (method == "Runtime.consoleAPICalled" && event["params"].value("type", "") == "error")
            problems.push_back(event["params"].dump());
    }
    boost::asio::io_context m_io;
    boost::beast::websocket::stream<boost::asio::ip::tcp::socket> m_ws;
    int m_id = 0;
};

// One phone: a browser context of its own (its own cookies), one page, one screen size.
class Phone {
  public:
    Phone(DevTools& devtools, std::string base, int width, int height)
        : m_dt(devtools), m_base(std::move(base)), m_size(fmt::format("{}x{}", width, height)) {
        const auto context = m_dt.call("Target.createBrowserContext")["browserContextId"];
        const auto target = m_dt.call("Target.createTarget",
                                      {{"url", "about:blank"}, {"browserContextId", context}})["targetId"];
        m_session =
            m_dt.call("Target.attachToTarget", {{"targetId", target}, {"flatten", true}})["sessionId"];
        call("Page.enable");
        call("Runtime.enable");
        call("Log.enable");
        call("Emulation.setDeviceMetricsOverride",
             {{"width", width}, {"height", height}, {"deviceScaleFactor", 1}, {"mobile", true}});
        call("Emulation.setTouchEmulationEnabled", {{"enabled", true}});
    }
    json call(const std::string& method, json params = json::object()) {
        return m_dt.call(method, std::move(params), m_session);
    }
    void open(const std::string& path) {
        call("Page.navigate", {{"url", m_base + path}});
        waitFor("document.readyState === 'complete' && location.href.startsWith('" + m_base + "')");
    }
    json eval(const std::string& expression) {
        const auto r = call("Runtime.evaluate", {{"expression", expression}, {"returnByValue", true}});
        if (r.contains("exceptionDetails"))
            throw std::runtime_error(expression + ": " + r["exceptionDetails"].dump());
        return r["result"].value("value", json());
    }
    // Polls until expression is true; a page that never gets there fails the test (after 60 s, so a
    // hang cannot block the suite), it is not a timing assertion. A poll that meets a page being
    // replaced (its context closed under the evaluation) counts as not yet.
    void waitFor(const std::string& expression) {
        const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(60);
        while (!holds("!!(" + expression + ")")) {
            if (std::chrono::steady_clock::now() > until) FAIL("the page never got to: " << expression);
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
    }
    // Clicks the element that `element` (a JavaScript expression) names, as a person follows a link
    // or sends a form, once the page is loaded and the element is there, then waits until the page
    // it leads to is loaded and `until` holds. The click runs after the evaluation has answered: a
    // navigation started inside Runtime.evaluate can close the page's context before the answer
    // comes ("Inspected target navigated or closed"), which failed this test now and then.
    void follow(const std::string& element, const std::string& until) {
        waitFor("document.readyState === 'complete' && " + element);
        eval("setTimeout(() => (" + element + ").click(), 0); true");
        waitFor("document.readyState === 'complete' && (" + until + ")");
    }
    // A tap as a finger makes it (the browser counts it as the person's gesture, which vibration and
    // sound need), at the middle of the element.
    void tap(const std::string& id) {
        const auto box =
            eval("(() => { const r = document.getElementById('" + id +
                 "').getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; })()");
        const json point = {{"x", box[0]}, {"y", box[1]}};
        call("Input.dispatchTouchEvent", {{"type", "touchStart"}, {"touchPoints", json::array({point})}});
        call("Input.dispatchTouchEvent", {{"type", "touchEnd"}, {"touchPoints", json::array()}});
    }
    std::string text(const std::string& id) {
        return eval("document.getElementById('" + id + "').textContent");
    }
    void screenshot(const std::string& name) {
        const auto data = call("Page.captureScreenshot", {{"format", "png"}})["data"].get<std::string>();
        std::string png(data.size(), '\0');
        std::size_t length = 0;
        REQUIRE(sodium_base642bin(reinterpret_cast<unsigned char*>(png.data()), png.size(), data.data(),
                                  data.size(), nullptr, &length, nullptr,
                                  sodium_base64_VARIANT_ORIGINAL) == 0);
        png.resize(length);
        fs::create_directories(kShots);
        writeFile(kShots / (name + "-" + m_size + ".png"), png);
    }

  private:
    bool holds(const std::string& expression) {
        try {
            return eval(expression) == true;
        } catch (const std::runtime_error& e) {
            const std::string what = e.what();
            for (const char* replaced :
                 {"Inspected target navigated or closed", "Execution context was destroyed",
                  "Cannot find context with specified id"})
                if (what.find(replaced) != std::string::npos) return false;
            throw;
        }
    }
    DevTools& m_dt;
    std::string m_base;
    std::string m_size;
    std::string m_session;
};

// Debian's chromium, headless, with its DevTools protocol connected; killed when this goes.
struct Chromium {
    explicit Chromium(const fs::path& profile)
        : chromium({"chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                    "--disable-extensions", "--hide-scrollbars", "--mute-audio", "--remote-debugging-port=0",
                    "--user-data-dir=" + profile.string(), "about:blank"},
                   true),
          devtools(connect(profile)) {}
    static DevTools connect(const fs::path& profile) {
        REQUIRE(std::system("command -v chromium > /dev/null 2>&1") == 0);  // install-deps.sh installs it
        const auto portFile = profile / "DevToolsActivePort";
        for (int i = 0; i < 600 && readFile(portFile).find('\n') == std::string::npos; ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        const auto active = readFile(portFile);
        REQUIRE(active.find('\n') != std::string::npos);
        const auto port = static_cast<unsigned short>(std::stoi(active.substr(0, active.find('\n'))));
        auto path = active.substr(active.find('\n') + 1);
        path = path.substr(0, path.find('\n'));
        return DevTools(port, path);
    }
    Child chromium;
    DevTools devtools;
};

std::string motcuaCli(const std::string& db, const std::string& args) {
    const auto r = runShell(fmt::format("{} --db {} {}", shellQuote(MOTCUA_CLI_PATH), shellQuote(db), args));
    INFO(r.out);
    REQUIRE(r.status == 0);
    return r.out;
}

// An office in a new database, motcua-web serving it on a free port of 127.0.0.1, and a headless
// chromium with a profile of its own; extraToml is added to the office's TOML.
struct BrowserOffice {
    TempDir dir;
    std::string db = (dir / "motcua.db").string();
    std::optional<Child> web;
    std::string base;  // http://127.0.0.1:PORT
    std::optional<Chromium> browser;

    // webArgs: more of motcua-web's options.
    explicit BrowserOffice(const TestOffice& office, const std::string& extraToml = {},
                           const std::vector<std::string>& webArgs = {}) {
        {
            auto store = queue::openStore(db, queue::OpenPurpose::Initialise);
            queue::applyOfficeConfig(store, queue::parseOfficeConfig(office.toml() + extraToml, "test.toml"));
        }
        std::vector<std::string> argv{MOTCUA_WEB_PATH, "--db", db, "--listen", "127.0.0.1:0"};
        argv.insert(argv.end(), webArgs.begin(), webArgs.end());
        web.emplace(argv, false);
        const auto listening = web->line();
        std::smatch m;
        REQUIRE(std::regex_search(listening, m, std::regex("(http://127\\.0\\.0\\.1:[0-9]+)/")));
        base = m[1];
        browser.emplace(dir / "chromium");
    }
};

// The two phones of the issue, each with the counter that calls its number.
struct PhoneSize {
    int width, height;
    int counter;
};
constexpr PhoneSize kPhones[] = {{360, 800, 1}, {390, 844, 2}};

TestOffice namedOffice(int counters) {
    auto office = busyOffice(counters);
    office.office = {{"name", "UBND phường Thử Nghiệm"}};
    return office;
}

}  // namespace

TEST_CASE("In a phone's browser: take a number, follow it until a console calls it",
          "[web][browser][sqlite-only]") {
    REQUIRE(sodium_init() >= 0);
    // A notice hook (one that sends nothing): the live page offers to take a phone number.
    BrowserOffice o(namedOffice(6), {}, {"--notify-command", "true"});
    const std::string& db = o.db;
    const std::string& base = o.base;
    Chromium& browser = *o.browser;
    DevTools& devtools = browser.devtools;

    struct Size {
        int width, height;
        int firstCounter;
    };
    for (const auto size : {Size{360, 800, 1}, Size{390, 844, 4}}) {
        CAPTURE(size.width, size.height);
        Phone phone(devtools, base, size.width, size.height);
        phone.open("/");
        REQUIRE(phone.eval("document.documentElement.lang") == "vi");
        phone.screenshot("home-vi");

        // Two citizens take numbers at the kiosk first.
        motcuaCli(db, "take HT");
        motcuaCli(db, "take HT");

        phone.open("/lay-so");
        REQUIRE(phone.eval("document.querySelector('legend').textContent") == "Chọn lĩnh vực");
        phone.screenshot("lay-so-vi");
        phone.eval("document.getElementById('s-HT').click(); true");
        phone.follow("document.querySelector('form button')",
                     "location.pathname.startsWith('/t/') && document.getElementById('headline')");
        const std::string ticketPath = phone.eval("location.pathname");
        const std::string number = phone.eval("document.querySelector('.number').textContent");
        CAPTURE(number);
        REQUIRE(phone.text("headline") == "Còn 2 số nữa là đến lượt ông/bà");
        phone.tap("alerts");
        phone.waitFor("document.getElementById('alerts').disabled");
        phone.screenshot("ticket-waiting-vi");
        // A phone number for the "3 ahead" and "called" messages; the page shows only its end.
        phone.eval("document.getElementById('phone').value = '0912 345 678'; true");
        phone.follow(
            "document.querySelector('#contact button')",
            "document.getElementById('contact') && document.getElementById('contact').tagName === 'P'");
        REQUIRE(phone.text("contact") == "Sẽ nhắn tin đến số ••• ••• •678 khi còn 3 số và khi được gọi.");
        phone.screenshot("ticket-contact-vi");

        motcuaCli(db, fmt::format("call {}", size.firstCounter));
        phone.waitFor(
            "document.getElementById('headline').textContent === 'Còn 1 số nữa là đến lượt ông/bà'");
        motcuaCli(db, fmt::format("call {}", size.firstCounter + 1));
        phone.waitFor("document.getElementById('headline').textContent === 'Ông/bà là người tiếp theo'");
        phone.screenshot("ticket-next-vi");
        motcuaCli(db, fmt::format("call {}", size.firstCounter + 2));
        const auto called = fmt::format("Mời ông/bà đến Quầy {}", size.firstCounter + 2);
        phone.waitFor("document.getElementById('headline').textContent === '" + called + "'");
        REQUIRE(phone.eval("document.body.dataset.state") == "called");
        REQUIRE(phone.text("detail") == "Số " + number + " đang được gọi.");
        phone.screenshot("ticket-called-vi");

        // The same pages in English, and with the phone's text enlarged.
        phone.open(ticketPath + "?lang=en");
        REQUIRE(phone.text("headline") == fmt::format("Please go to counter {}", size.firstCounter + 2));
        phone.screenshot("ticket-called-en");
        phone.open("/lay-so");  // the language is remembered
        REQUIRE(phone.eval("document.documentElement.lang") == "en");
        phone.screenshot("lay-so-en");
        phone.open("/");
        phone.screenshot("home-en");
        phone.open(ticketPath + "?lang=vi");
        phone.eval("document.documentElement.style.fontSize = '200%'; true");
        phone.screenshot("ticket-called-large-text-vi");
        phone.open("/t/AAAAAAAAAAAAAAAAAAAAAA");
        phone.screenshot("not-found-vi");
    }
    INFO(fmt::format("{}", fmt::join(devtools.problems, "\n")));
    // The not-found page's 404 is the only error the browser may log.
    std::erase_if(devtools.problems, [](const std::string& p) {
        return p.find("404") != std::string::npos && p.find("/t/AAAAAAAAAAAAAAAAAAAAAA") != std::string::npos;
    });
    REQUIRE(devtools.problems.empty());
}

TEST_CASE("In a phone's browser: book an appointment, check it in, called by motcua call",
          "[web][browser][appointments][sqlite-only]") {
    REQUIRE(sodium_init() >= 0);
    // Open at every hour of every day with 5-minute slots, in a time zone where it is now about
    // noon: a slot of today is free whenever the test runs (in the office's own zone it would not
    // be in the day's last 5 minutes, when no slot of today is left to book and check in).
    auto office = namedOffice(2);
    const auto utcHour =
        static_cast<int>(std::chrono::system_clock::now().time_since_epoch() / std::chrono::hours(1) % 24);
    const int offset = 12 - utcHour;  // -11 .. +12 hours; Etc/GMT-7 is UTC+7 (POSIX signs)
    office.set("time_zone", offset == 0
                                ? std::string("Etc/GMT")
                                : fmt::format("Etc/GMT{}{}", offset > 0 ? '-' : '+', std::abs(offset)));
    office.openingHours = {{{1, 2, 3, 4, 5, 6, 7}, "00:00", "23:55"}};
    BrowserOffice o(office,
                    "\n[appointments]\nenabled = true\ndays_ahead = 1\nslot_minutes = 5\ncapacity = 2\n");
    const std::string& db = o.db;
    const std::string& base = o.base;
    Chromium& browser = *o.browser;

    for (const auto size : kPhones) {
        CAPTURE(size.width, size.height);
        Phone phone(browser.devtools, base, size.width, size.height);
        phone.open("/");
        phone.follow("document.querySelector('a[href=\"/dat-lich\"]')", "location.pathname === '/dat-lich'");
        phone.screenshot("dat-lich-1-fields-vi");
        phone.follow("document.querySelector('a[href=\"/dat-lich/HT\"]')",
                     "location.pathname === '/dat-lich/HT'");
        phone.screenshot("dat-lich-2-days-vi");
        phone.follow("document.querySelector('ul.links a.button')",
                     "location.pathname.split('/').length === 4 && document.querySelector('ul.slots')");
        phone.screenshot("dat-lich-3-slots-vi");
        phone.follow("document.querySelector('ul.slots a.button')",
                     "location.pathname.split('/').length === 5 && document.querySelector('form button')");
        phone.screenshot("dat-lich-4-confirm-vi");
        phone.follow("document.querySelector('form button')",
                     "location.pathname === '/dat-lich/cua-toi' && document.querySelector('.code')");
        const std::string code = phone.eval("document.querySelector('.code').textContent");
        REQUIRE(code.size() == 11);
        REQUIRE(phone.eval("!!document.querySelector('svg.qr path')") == true);
        phone.screenshot("dat-lich-5-code-vi");
        phone.open("/dat-lich/cua-toi?lang=en");
        phone.screenshot("dat-lich-5-code-en");

        // At the office: the code checked in as the kiosk does it (the kiosk program's screens are
        // tests/kiosk_app/kiosk_appointment_test.cpp), then a counter calls it with `motcua call`.
        std::string number;
        {
            auto store = queue::openStore(db, queue::OpenPurpose::Use);
            queue::SystemClock clock;
            queue::QueueService kiosk(store, clock);
            const auto in = kiosk.checkIn(code);
            INFO(in.result.message);
            REQUIRE(in.result.ok());
            number = in.result.value->ticket.number;
        }
        const auto called = motcuaCli(db, fmt::format("call {}", size.counter));
        CHECK(called.find(number) != std::string::npos);
        phone.open("/dat-lich/cua-toi?lang=vi");
        REQUIRE(phone.eval("document.querySelector('.headline').textContent") == "Đã lấy số " + number);
        phone.screenshot("dat-lich-6-checked-in-vi");
    }
    INFO(fmt::format("{}", fmt::join(browser.devtools.problems, "\n")));
    REQUIRE(browser.devtools.problems.empty());
}

TEST_CASE("In a phone's browser: take a number, check it in at the kiosk, follow it until called",
          "[web][browser][online_checkin][sqlite-only]") {
    REQUIRE(sodium_init() >= 0);
    BrowserOffice o(namedOffice(2), "\n[web]\nonline_checkin_minutes = 10\n");
    const std::string& db = o.db;
    const std::string& base = o.base;
    Chromium& browser = *o.browser;

    for (const auto size : kPhones) {
        CAPTURE(size.width, size.height);
        Phone phone(browser.devtools, base, size.width, size.height);
        phone.open("/lay-so");
        phone.eval("document.getElementById('s-HT').click(); true");
        phone.follow("document.querySelector('form button')",
                     "location.pathname.startsWith('/t/') && document.getElementById('headline')");
        const std::string ticketPath = phone.eval("location.pathname");
        const std::string number = phone.eval("document.querySelector('.number').textContent");
        REQUIRE(phone.eval("document.getElementById('checkin').hidden") == false);
        REQUIRE(phone.eval("!!document.querySelector('#checkin svg.qr path')") == true);
        const std::string code = phone.eval("document.querySelector('#checkin .code').textContent");
        REQUIRE(code.size() == 11);
        phone.screenshot("ticket-checkin-vi");
        phone.eval("document.querySelector('#checkin svg').scrollIntoView(); true");
        phone.screenshot("ticket-checkin-code-vi");
        phone.open(ticketPath + "?lang=en");
        phone.screenshot("ticket-checkin-en");
        phone.open(ticketPath + "?lang=vi");

        // At the office: checked in with the code (as the kiosk does it; its screens are
        // tests/kiosk_app/kiosk_online_checkin_test.cpp), the page drops the request by itself.
        const auto in = motcuaCli(db, "checkin " + code);
        CHECK(in.find(number + " checked in") != std::string::npos);
        phone.waitFor("document.getElementById('checkin').hidden");
        phone.screenshot("ticket-checked-in-vi");
        motcuaCli(db, fmt::format("call {}", size.counter));
        phone.waitFor("document.body.dataset.state === 'called'");
        REQUIRE(phone.eval("document.getElementById('checkin').hidden") == true);
    }
    INFO(fmt::format("{}", fmt::join(browser.devtools.problems, "\n")));
    REQUIRE(browser.devtools.problems.empty());
}
