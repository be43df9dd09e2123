#include <catch2/catch.hpp>

#include "queue/call_order.h"
#include "queue_fixture.h"

using namespace motcua::queue;
using namespace motcua::testing;

TEST_CASE("chooseNext: the rule in a table", "[call-order]") {
    const std::vector<CallCandidate> mixed = {{1, false, 10}, {2, true, 20}, {3, false, 5}, {4, true, 15}};
    struct Row {
        std::optional<int> streak;
        int interleave;
        std::int64_t expectId;
        CallReason reason;
    };
    auto row = GENERATE(Row{std::nullopt, 2, 4, CallReason::PriorityFirst},  // no priority called today yet
                        Row{0, 2, 3, CallReason::NormalInterleave},
                        Row{1, 2, 3, CallReason::NormalInterleave},
                        Row{2, 2, 4, CallReason::PriorityFirst},
                        Row{7, 2, 4, CallReason::PriorityFirst},
                        Row{0, 0, 4, CallReason::StrictPriority});
    CAPTURE(row.streak, row.interleave);
    auto c = chooseNext(mixed, row.streak, row.interleave);
    REQUIRE(c);
    CHECK(mixed[c->index].id == row.expectId);
    CHECK(c->reason == row.reason);
    CHECK_FALSE(explainVi(*c, row.interleave).empty());
}

TEST_CASE("chooseNext with one class, or nothing, waiting", "[call-order]") {
    CHECK_FALSE(chooseNext({}, 0, 3));
    auto normal = chooseNext({{1, false, 9}, {2, false, 3}}, 0, 3);
    CHECK(normal->index == 1);
    CHECK(normal->reason == CallReason::OnlyNormalWaiting);
    auto prio = chooseNext({{1, true, 9}, {2, true, 3}}, 0, 3);
    CHECK(prio->index == 1);
    CHECK(prio->reason == CallReason::OnlyPriorityWaiting);
    // Same queue position: the older row first.
    CHECK(chooseNext({{5, false, 3}, {4, false, 3}}, 0, 3)->index == 1);
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
