#include <catch2/catch.hpp>

#include "queue_fixture.h"

using namespace motcua::queue;
using namespace motcua::testing;

TEST_CASE("On issue the citizen learns how many are ahead and the expected wait", "[queue][estimate]") {
    QueueFixture f;  // default 5 min per citizen; HT served by counters 1 and 2

    SECTION("no history: the configured default, divided over the counters serving the service") {
        auto first = f.queue->take("HT");
        REQUIRE(first.ok());
        CHECK(first.value->ahead == 0);
        CHECK(first.value->estimatedWaitSeconds == 0);
        CHECK(first.value->basis == EstimateBasis::Default);
        CHECK(first.value->counters == std::vector<int>{1, 2});
        f.take("HT");
        f.take("HT");
        auto fourth = f.queue->take("HT");
        CHECK(fourth.value->ahead == 3);
        CHECK(fourth.value->estimatedWaitSeconds == 3 * 5 * 60 / 2);
    }
    SECTION("with history: the mean of recent call-to-finish times") {
        for (int minutes : {4, 8}) {
            f.take("XH");
            f.callNext(3);
            f.queue->start(3);
            f.clock.advanceMinutes(minutes);
            f.queue->finish(3);
        }
        f.take("XH");
        auto r = f.queue->take("XH");
        CHECK(r.value->basis == EstimateBasis::History);
        CHECK(r.value->historySamples == 2);
        CHECK(r.value->ahead == 1);
        CHECK(r.value->estimatedWaitSeconds == 6 * 60);  // one ahead, 6 min mean, one counter
    }
    SECTION("a priority ticket counts only priority tickets ahead; a normal one counts them all") {
        f.take("HT");
        f.take("HT", "cao_tuoi");
        auto p = f.queue->take("HT", std::string("khuyet_tat"));
        CHECK(p.value->ahead == 1);
        auto n = f.queue->take("HT");
        CHECK(n.value->ahead == 3);
    }
}
