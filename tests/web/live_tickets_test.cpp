#include <catch2/catch.hpp>

#include "../queue/queue_fixture.h"
#include "queue/ticket_links.h"

using namespace motcua;
using namespace motcua::testing;

TEST_CASE("The live pages' people ahead and wait are the queue's own estimate, for every linked ticket",
          "[web][live]") {
    QueueFixture f;
    queue::TicketLinks links(f.db);
    queue::LiveTickets live(f.db, f.queue->callOrder());
    std::vector<std::string> numbers;
    auto take = [&](const std::string& service, std::optional<std::string> priority = {}) {
        const auto t = f.queue->take(service, priority).value->ticket;
        links.linkFor(t, f.clock.now());
        numbers.push_back(t.number);
    };
    take("HT");
    take("HT");
    take("CT");
    take("HT", "cao_tuoi");
    take("HT");
    take("CT", "khuyet_tat");
    take("XH");
    take("HT", "cao_tuoi");
    // History: one HT ticket served for 7 minutes, so HT's estimate comes from it.
    f.callNext(1);
    f.queue->start(1);
    f.clock.advanceMinutes(7);
    f.queue->finish(1);
    f.callNext(2);
    f.queue->start(2);
    f.callNext(3);
    const auto tickets = live.today(f.queue->businessDay(), f.clock.now());
    REQUIRE(tickets.size() == numbers.size());
    for (const auto& [id, t] : tickets) {
        CAPTURE(t.number);
        const auto estimate = f.queue->estimate(t.number);
        REQUIRE(estimate);
        REQUIRE(t.state == estimate->ticket.state);
        REQUIRE(t.counter == estimate->ticket.counter);
        REQUIRE(t.serviceCode == estimate->ticket.currentServiceCode);
        if (t.state == queue::TicketState::Waiting) {
            REQUIRE(t.ahead == estimate->ahead);
            REQUIRE(t.waitSeconds == estimate->estimatedWaitSeconds);
        } else {
            REQUIRE(t.ahead == 0);
        }
    }
}

TEST_CASE("Only linked tickets of the day are live", "[web][live]") {
    QueueFixture f;
    queue::TicketLinks links(f.db);
    queue::LiveTickets live(f.db, f.queue->callOrder());
    f.take("HT");
    const auto linked = f.queue->take("HT").value->ticket;
    links.linkFor(linked, f.clock.now());
    auto today = live.today(f.queue->businessDay(), f.clock.now());
    REQUIRE(today.size() == 1);
    REQUIRE(today.begin()->second.number == linked.number);
    REQUIRE(today.begin()->second.ahead == 1);
    REQUIRE(live.today("2026-12-01", f.clock.now()).empty());
}
