#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <fstream>
#include <set>
#include <thread>

#include "console_fixture.h"
#include "queue/queue_service.h"

using namespace motcua;
using namespace motcua::testing;

namespace {

void waitForFile(const std::filesystem::path& path) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (!std::filesystem::exists(path) && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
}

// A console process: logs in at `counter`, says it is ready, waits for "go", presses F1 and writes
// what its screen says (the called number, or the refusal) to result-<name>. Runs in a forked child.
int consoleProcess(const ConsoleOffice& office, const std::string& name, const std::string& login,
                   const std::string& pin, int counter) {
    try {
        HeadlessConsole c(office, counter);
        auto outcome = c.run("tap \"" + std::string(login == "lan" ? "Nguyễn Thị Lan" : "Trần Văn Hùng") +
                                 "\"\ntype \"" + pin + "\"\nkey Return\nexpect \"Quầy " +
                                 std::to_string(counter) + " ·\"\n",
                             "race");
        if (!outcome.ok) return 2;
        writeFile(office.dir / ("ready-" + name), "");
        waitForFile(office.dir / "go");
        outcome = c.run("key F1\nwait 300\nscreenshot " + name + ".png\n", "race");
        if (!outcome.ok) return 3;
        std::string said;
        if (const auto notice = c.console.notice()) said = notice->text;
        const auto& view = c.console.session().view();
        writeFile(office.dir / ("result-" + name),
                  (view.current ? view.current->ticket.number : std::string("-")) + "\n" + said + "\n");
        return 0;
    } catch (...) {
        return 4;
    }
}

struct Outcome {
    std::string number;  // the counter's ticket after pressing F1
    std::string said;    // the console's message
};

Outcome readResult(const ConsoleOffice& office, const std::string& name) {
    std::ifstream in(office.dir / ("result-" + name));
    Outcome o;
    std::getline(in, o.number);
    std::getline(in, o.said);
    return o;
}

// Two console processes on one database file press "call next" at the same moment.
std::pair<Outcome, Outcome> race(const ConsoleOffice& office, int counterA, int counterB) {
    const pid_t a = fork();
    REQUIRE(a >= 0);
    if (a == 0) _exit(consoleProcess(office, "a", "lan", "246813", counterA));
    const pid_t b = fork();
    REQUIRE(b >= 0);
    if (b == 0) _exit(consoleProcess(office, "b", "hung", "135792", counterB));
    waitForFile(office.dir / "ready-a");
    waitForFile(office.dir / "ready-b");
    writeFile(office.dir / "go", "");
    int statusA = 0, statusB = 0;
    waitpid(a, &statusA, 0);
    waitpid(b, &statusB, 0);
    REQUIRE(WIFEXITED(statusA));
    REQUIRE(WEXITSTATUS(statusA) == 0);
    REQUIRE(WIFEXITED(statusB));
    REQUIRE(WEXITSTATUS(statusB) == 0);
    return {readResult(office, "a"), readResult(office, "b")};
}

// Issues count tickets for HT, as the kiosk would.
void takeTickets(ConsoleOffice& office, int count) {
    auto db = office.open();
    queue::ManualClock clock(kConsoleClockStart);  // the consoles' day
    queue::QueueService q(db, clock);
    for (int i = 0; i < count; ++i) REQUIRE(q.take("HT").ok());
}

}  // namespace

TEST_CASE("Two console processes on different counters pressing call next at once never get the same ticket",
          "[console][race][multiprocess]") {
    ConsoleOffice office{{"lan", "246813"}, {"hung", "135792"}};
    takeTickets(office, 3);
    const auto [a, b] = race(office, 1, 2);
    CAPTURE(a.number, a.said, b.number, b.said);
    CHECK(a.number.rfind("A00", 0) == 0);
    CHECK(b.number.rfind("A00", 0) == 0);
    CHECK(a.number != b.number);
    auto db = office.open();
    CHECK(db.queryInt("SELECT COUNT(DISTINCT ticket_id) FROM events WHERE kind = 'call'") == 2);
    CHECK(db.queryInt("SELECT COUNT(*) FROM events WHERE kind = 'call'") == 2);
}

TEST_CASE("Two console processes on the same counter: one gets the ticket, the other is told and refreshed",
          "[console][race][multiprocess]") {
    ConsoleOffice office{{"lan", "246813"}, {"hung", "135792"}};
    takeTickets(office, 3);
    const auto [a, b] = race(office, 1, 1);
    CAPTURE(a.number, a.said, b.number, b.said);
    // Both screens end up showing the one ticket the counter holds.
    CHECK(a.number == b.number);
    auto db = office.open();
    CHECK(db.queryInt("SELECT COUNT(*) FROM events WHERE kind = 'call'") == 1);
    const bool aWon = a.said.rfind("Đã gọi số", 0) == 0;
    const auto& loser = aWon ? b : a;
    const bool told =
        loser.said == "Quầy 1 đã có số " + a.number + " (máy khác vừa gọi). Màn hình đã được cập nhật." ||
        loser.said == "Quầy 1 đang có số " + a.number + " (do máy khác gọi). Màn hình đã được cập nhật.";
    CHECK(told);
}

TEST_CASE("A stale screen acting on a ticket another console moved is refused and refreshed",
          "[console][stale]") {
    ConsoleOffice office{{"lan", "246813"}};
    queue::ManualClock clock(kConsoleClockStart);
    auto dbA = office.open();
    auto dbB = office.open();
    console::ConsoleSession a(dbA, clock), b(dbB, clock);
    queue::QueueService kiosk(dbA, clock);
    REQUIRE(kiosk.take("HT").ok());
    REQUIRE(kiosk.take("HT").ok());
    REQUIRE(a.login("lan", "246813", 1).outcome == queue::LoginOutcome::Ok);
    // Console B is the same officer's second window on the counter (no second PIN hash needed).
    REQUIRE(b.login("lan", "246813", 1).outcome == queue::LoginOutcome::Ok);
    REQUIRE(a.callNext("").ok);
    CHECK(b.view().current == std::nullopt);  // B has not refreshed yet

    SECTION("call next from the stale screen") {
        const auto r = b.callNext("");
        CHECK_FALSE(r.ok);
        CHECK(r.stale);
        CHECK(r.messageVi == "Quầy 1 đang có số A001 (do máy khác gọi). Màn hình đã được cập nhật.");
        CHECK(b.view().current->ticket.number == "A001");
    }
    SECTION("A finishes and calls the next one; B still shows A001 and presses start") {
        REQUIRE(a.start("A001").ok);
        REQUIRE(a.finish("A001", {}).ok);
        REQUIRE(a.callNext("").ok);
        const auto r = b.start("A001");
        CHECK_FALSE(r.ok);
        CHECK(r.stale);
        CHECK(r.messageVi ==
              "Quầy đang có số A002, không phải A001 (đã thay đổi ở máy khác). Màn hình đã được cập nhật.");
        // A002 was not started by mistake.
        CHECK(b.view().current->ticket.state == queue::TicketState::Called);
    }
    SECTION("an officer cannot cancel a ticket another officer handled") {
        REQUIRE(a.noShow("A001").ok);
        auto dbC = office.open();
        queue::StaffService staff(dbC, clock);
        REQUIRE(staff.setPin("hung", "135792").ok());
        console::ConsoleSession c(dbC, clock);
        REQUIRE(c.login("hung", "135792", 2).outcome == queue::LoginOutcome::Ok);
        const auto r = c.reactivate("A001");
        CHECK_FALSE(r.ok);
        CHECK(r.messageVi == "Chỉ trưởng bộ phận được thao tác với số A001 vì cán bộ khác đã xử lý số này.");
        CHECK(a.reactivate("a1").ok);
    }
}
