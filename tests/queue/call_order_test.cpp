#include "queue/call_order.h"

#include <fmt/format.h>

#include <catch2/catch.hpp>
#include <map>

#include "queue_fixture.h"

using namespace motcua::queue;
using namespace motcua::testing;

namespace {
// Calls a given number at a counter and finishes it: one more call in the counter's streak.
void serveByNumber(QueueFixture& f, int counter, const std::string& number) {
    REQUIRE(f.queue->callNumber(counter, number).ok());
    REQUIRE(f.queue->start(counter).ok());
    REQUIRE(f.queue->finish(counter).ok());
}
}  // namespace

// The rule is SQL (kCallOrder in queue/ticket_store.cpp): it is tested through the store, on
// whichever store the suite runs against.
TEST_CASE("The call order in a table: the counter's streak and the interleave decide",
          "[call-order][queue]") {
    struct Row {
        std::optional<int>
            streak;  // normal calls since this counter's last priority call; none: no priority call today
        int interleave;
        std::vector<std::string> order;  // of the four tickets below, by name
        CallReason reason;
    };
    // n1 (normal) came first, then n2 (normal), then p1 and p2 (priority).
    auto row = GENERATE(Row{std::nullopt, 2, {"p1", "n1", "n2", "p2"}, CallReason::PriorityFirst},
                        Row{0, 2, {"n1", "n2", "p1", "p2"}, CallReason::NormalInterleave},
                        Row{1, 2, {"n1", "p1", "n2", "p2"}, CallReason::NormalInterleave},
                        Row{2, 2, {"p1", "n1", "n2", "p2"}, CallReason::PriorityFirst},
                        Row{7, 2, {"p1", "n1", "n2", "p2"}, CallReason::PriorityFirst},
                        Row{0, 0, {"p1", "p2", "n1", "n2"}, CallReason::StrictPriority});
    CAPTURE(row.streak, row.interleave);
    std::string toml = kTestOfficeToml;
    toml.replace(toml.find("priority_interleave = 2"), 23,
                 fmt::format("priority_interleave = {}", row.interleave));
    QueueFixture f(toml);
    if (row.streak) {  // one priority call, then streak normal calls, at counter 1
        serveByNumber(f, 1, f.take("HT", "cao_tuoi"));
        for (int i = 0; i < *row.streak; ++i) serveByNumber(f, 1, f.take("HT"));
    }
    std::map<std::string, std::string> name;  // ticket number -> n1, n2, p1, p2
    for (const auto& [who, priority] : std::vector<std::pair<std::string, std::optional<std::string>>>{
             {"n1", std::nullopt}, {"n2", std::nullopt}, {"p1", "cao_tuoi"}, {"p2", "khuyet_tat"}}) {
        f.clock.advanceMinutes(1);
        name[f.take("HT", priority)] = who;
    }

    const auto listed = f.queue->queueFor(1);
    std::vector<std::string> listedOrder;
    for (const auto& t : listed.waiting) listedOrder.push_back(name[t.number]);
    CHECK(listedOrder == row.order);
    REQUIRE(listed.next);
    CHECK(listed.next->reason == row.reason);
    CHECK_FALSE(listed.nextReasonVi.empty());

    auto first = f.queue->callNext(1);
    REQUIRE(first.ok());
    CHECK(name[first.value->ticket.number] == row.order.front());
    CHECK(first.value->reason == row.reason);
    CHECK_FALSE(first.value->reasonVi.empty());
    // The listing is the order of successive calls.
    std::vector<std::string> called{name[first.value->ticket.number]};
    f.queue->noShow(1);
    for (int i = 0; i < 3; ++i) {
        called.push_back(name[f.callNext(1)]);
        f.queue->noShow(1);
    }
    CHECK(called == row.order);
}

TEST_CASE("The call order with one class, or nothing, waiting", "[call-order][queue]") {
    QueueFixture f;
    CHECK(f.queue->callNext(1).outcome == Outcome::NothingWaiting);
    CHECK_FALSE(f.queue->queueFor(1).next);

    SECTION("only normal tickets: the oldest") {
        f.take("HT");
        f.clock.advanceMinutes(1);
        f.take("HT");
        auto r = f.queue->callNext(1);
        REQUIRE(r.ok());
        CHECK(r.value->ticket.number == "A001");
        CHECK(r.value->reason == CallReason::OnlyNormalWaiting);
    }
    SECTION("only priority tickets: the oldest") {
        f.take("HT", "khuyet_tat");
        f.clock.advanceMinutes(1);
        f.take("HT", "cao_tuoi");
        auto r = f.queue->callNext(1);
        REQUIRE(r.ok());
        CHECK(r.value->ticket.number == "A001");
        CHECK(r.value->reason == CallReason::OnlyPriorityWaiting);
    }
    SECTION("the same queue position: the older row first") {
        f.take("HT");
        f.take("HT");
        f.take("HT");
        f.db.exec("UPDATE tickets SET queue_key = 5");  // as rows written before positions were unique
        CHECK(f.callNext(1) == "A001");
        f.queue->noShow(1);
        CHECK(f.callNext(1) == "A002");
    }
}

TEST_CASE("A counter interleaves N normal tickets after each priority ticket", "[call-order][queue]") {
    QueueFixture f;  // interleave 2
    for (int i = 0; i < 6; ++i) {
        f.take("HT");
        f.clock.advanceMinutes(1);
    }
    f.take("HT", "cao_tuoi");  // A007
    f.clock.advanceMinutes(1);
    f.take("HT", "khuyet_tat");  // A008
    f.clock.advanceMinutes(1);

    std::vector<std::string> order;
    std::vector<CallReason> reasons;
    for (int i = 0; i < 8; ++i) {
        auto r = f.queue->callNext(1);
        REQUIRE(r.ok());
        order.push_back(r.value->ticket.number);
        reasons.push_back(r.value->reason);
        f.queue->start(1);
        f.queue->finish(1);
    }
    CHECK(order == std::vector<std::string>{"A007", "A001", "A002", "A008", "A003", "A004", "A005", "A006"});
    CHECK(reasons[0] == CallReason::PriorityFirst);
    CHECK(reasons[1] == CallReason::NormalInterleave);
    CHECK(reasons[3] == CallReason::PriorityFirst);
    CHECK(reasons[4] == CallReason::OnlyNormalWaiting);
}

TEST_CASE("Interleave 0 is strict priority; FIFO holds within a class", "[call-order][queue]") {
    std::string toml = kTestOfficeToml;
    toml.replace(toml.find("priority_interleave = 2"), 23, "priority_interleave = 0");
    QueueFixture f(toml);
    f.take("HT");
    f.clock.advanceMinutes(1);
    f.take("HT", "cao_tuoi");
    f.clock.advanceMinutes(1);
    f.take("HT", "khuyet_tat");
    f.clock.advanceMinutes(1);
    f.take("HT");
    std::vector<std::string> order;
    for (int i = 0; i < 4; ++i) {
        order.push_back(f.callNext(1));
        f.queue->noShow(1);
    }
    CHECK(order == std::vector<std::string>{"A002", "A003", "A001", "A004"});
}

TEST_CASE("A counter calls across all the services it serves, oldest first", "[call-order][queue]") {
    QueueFixture f;
    f.take("CT");  // B001 at 08:00
    f.clock.advanceMinutes(1);
    f.take("HT");  // A001
    f.clock.advanceMinutes(1);
    f.take("XH");  // C001: counter 2 does not serve XH
    f.clock.advanceMinutes(1);
    f.take("CT");  // B002
    std::vector<std::string> order;
    for (int i = 0; i < 3; ++i) {
        order.push_back(f.callNext(2));
        f.queue->noShow(2);
    }
    CHECK(order == std::vector<std::string>{"B001", "A001", "B002"});
    CHECK(f.queue->callNext(2).outcome == Outcome::NothingWaiting);

    SECTION("waitingFor lists the remaining tickets in call order") {
        f.take("HT", "cao_tuoi");
        f.take("HT");
        auto list = f.queue->waitingFor(3);
        REQUIRE(list.size() == 1);
        CHECK(list[0].number == "C001");
        auto list2 = f.queue->waitingFor(1);
        REQUIRE(list2.size() == 2);
        CHECK(list2[0].number == "A002");
    }
}
