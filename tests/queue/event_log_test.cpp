#include <fmt/format.h>

#include <catch2/catch.hpp>
#include <map>
#include <random>

#include "queue_fixture.h"
#include "replay.h"

using namespace motcua::queue;
using namespace motcua::testing;

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
            case 2:
                ok = f.queue->callNext(counter).ok();
                break;
            case 3:
                ok = f.queue->start(counter).ok();
                break;
            case 4:
                ok = f.queue->finish(counter).ok();
                break;
            case 5:
                ok = f.queue->recall(counter).ok();
                break;
            case 6:
                ok = f.queue->noShow(counter).ok();
                break;
            case 7:
                ok = f.queue->returnToQueue(counter, rng() % 2).ok();
                break;
            case 8:
                ok = f.queue->hold(counter).ok();
                break;
            case 9:
                ok = f.queue->transfer(counter, services[rng() % 3]).ok();
                break;
            case 10:
                ok = f.queue->cancel(fmt::format("A{:03}", rng() % 20 + 1)).ok();
                break;
            case 11:
                ok = f.queue->reactivate(fmt::format("A{:03}", rng() % 20 + 1)).ok();
                break;
        }
        (ok ? done : refused)++;
    }
    CHECK(done > 150);
    CHECK(refused > 50);

    CHECK(checkTicketsMatchEvents(f.db, *f.queue) > 50);
    CHECK(f.db.queryInt("SELECT COUNT(*) FROM events WHERE kind = 'expire'") > 0);
}
