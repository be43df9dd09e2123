#include <catch2/catch.hpp>

#include <map>
#include <random>

#include <fmt/format.h>

#include "queue_fixture.h"

using namespace motcua::queue;
using namespace motcua::testing;

namespace {

struct Rebuilt {
    std::string state = "waiting";
    std::optional<int> counter;
    std::string service;
    int recalls = 0;
    int leg = 1;
};

// Replays the event log into ticket states, knowing nothing of the tickets table.
std::map<std::int64_t, Rebuilt> replay(QueueService& q) {
    std::map<std::int64_t, Rebuilt> out;
    for (const auto& e : q.events(0, 1'000'000)) {
        if (!e.ticketId) continue;
        auto& t = out[*e.ticketId];
        if (e.kind == "issue") {
            t = Rebuilt{};
            t.service = e.serviceCode;
        } else if (e.kind == "call") {
            t.state = "called";
            t.counter = e.counter;
            t.recalls = 0;
        } else if (e.kind == "recall") {
            t.recalls = e.detail.at("recalls").get<int>();
        } else if (e.kind == "start") {
            t.state = "serving";
        } else if (e.kind == "finish") {
            t.state = "done";
            t.counter.reset();
        } else if (e.kind == "noshow") {
            t.state = "noshow";
            t.counter.reset();
        } else if (e.kind == "hold") {
            t.state = "held";
        } else if (e.kind == "return") {
            t.state = "waiting";
            t.counter.reset();
            t.recalls = 0;
        } else if (e.kind == "transfer") {
            t.state = "waiting";
            t.counter.reset();
            t.service = e.detail.at("to_service").get<std::string>();
            t.leg = e.detail.at("leg").get<int>();
            t.recalls = 0;
        } else if (e.kind == "cancel") {
            t.state = "cancelled";
            t.counter.reset();
        } else if (e.kind == "reactivate") {
            t.state = "waiting";
            t.recalls = 0;
        } else if (e.kind == "expire") {
            t.state = "expired";
            t.counter.reset();
        } else {
            FAIL("unknown event kind " << e.kind);
        }
    }
    return out;
}

}  // namespace

TEST_CASE("Ticket state can be rebuilt from the event log alone", "[queue][events]") {
    QueueFixture f;
    const auto seed = GENERATE(1u, 2u, 3u);
    CAPTURE(seed);
    std::mt19937 rng(seed);
    const std::vector<std::string> services = {"HT", "CT", "XH"};
    int refused = 0, done = 0;
    for (int step = 0; step < 600; ++step) {
        f.clock.advance(std::uniform_int_distribution<int>(1, 90'000)(rng));
        if (step == 300) f.clock.advance(kDay);  // a day rollover in the middle expires open tickets
        const int counter = std::uniform_int_distribution<int>(1, 3)(rng);
        bool ok = true;
        switch (std::uniform_int_distribution<int>(0, 11)(rng)) {
            case 0:
            case 1: {
                std::optional<std::string> prio;
                if (rng() % 4 == 0) prio = "cao_tuoi";
                ok = f.queue->take(services[rng() % 3], prio).ok();
                break;
            }
            case 2: ok = f.queue->callNext(counter).ok(); break;
            case 3: ok = f.queue->start(counter).ok(); break;
            case 4: ok = f.queue->finish(counter).ok(); break;
            case 5: ok = f.queue->recall(counter).ok(); break;
            case 6: ok = f.queue->noShow(counter).ok(); break;
            case 7: ok = f.queue->returnToQueue(counter, rng() % 2).ok(); break;
            case 8: ok = f.queue->hold(counter).ok(); break;
            case 9: ok = f.queue->transfer(counter, services[rng() % 3]).ok(); break;
            case 10: ok = f.queue->cancel(fmt::format("A{:03}", rng() % 20 + 1)).ok(); break;
            case 11: ok = f.queue->reactivate(fmt::format("A{:03}", rng() % 20 + 1)).ok(); break;
        }
        (ok ? done : refused)++;
    }
    CHECK(done > 150);
    CHECK(refused > 50);

    const auto rebuilt = replay(*f.queue);
    motcua::queue::Statement st(f.db,
                                "SELECT t.id, t.state, c.number, s.code, t.recalls, t.leg FROM tickets t "
                                "JOIN services s ON s.id = t.cur_service_id LEFT JOIN counters c ON c.id = t.counter_id");
    int compared = 0;
    while (st.step()) {
        const auto id = st.getInt(0);
        CAPTURE(id);
        REQUIRE(rebuilt.count(id));
        const auto& r = rebuilt.at(id);
        CHECK(r.state == st.getText(1));
        CHECK(r.counter == (st.isNull(2) ? std::optional<int>() : std::optional<int>(static_cast<int>(st.getInt(2)))));
        CHECK(r.service == st.getText(3));
        CHECK(r.recalls == st.getInt(4));
        CHECK(r.leg == st.getInt(5));
        ++compared;
    }
    CHECK(compared == static_cast<int>(rebuilt.size()));
    CHECK(f.db.queryInt("SELECT COUNT(*) FROM events WHERE kind = 'expire'") > 0);
}
