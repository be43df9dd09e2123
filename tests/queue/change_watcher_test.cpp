#include <catch2/catch.hpp>

#include "queue/change_watcher.h"
#include "queue_fixture.h"

using namespace motcua::queue;
using namespace motcua::testing;

TEST_CASE("A watcher notices commits from another connection and misses none of its events", "[queue][watcher]") {
    QueueFixture f;
    f.take("HT");
    auto reader = openStore(f.path, OpenPurpose::Use);
    QueueService readerQueue(reader, f.clock);
    ChangeWatcher watcher(reader);
    CHECK_FALSE(watcher.changed());
    CHECK(watcher.newEvents(readerQueue).empty());  // history before the watcher is not replayed

    // Several moves by "another process" between two polls.
    f.take("HT");
    f.callNext(1);
    f.callNext(2);
    CHECK(watcher.changed());
    CHECK_FALSE(watcher.changed());
    const auto events = watcher.newEvents(readerQueue);
    REQUIRE(events.size() == 3);
    CHECK(events[0].kind == "issue");
    CHECK(events[1].kind == "call");
    CHECK(events[1].counter == 1);
    CHECK(events[2].number == "A002");
    CHECK(watcher.newEvents(readerQueue).empty());
}

TEST_CASE("Reading the status leaves no snapshot open: later commits are seen", "[queue][watcher]") {
    QueueFixture f;
    f.take("HT");
    auto reader = openStore(f.path, OpenPurpose::Use);
    QueueService readerQueue(reader, f.clock);
    ChangeWatcher watcher(reader);
    for (int round = 0; round < 3; ++round) {
        CAPTURE(round);
        (void)readerQueue.status();
        (void)readerQueue.waitingFor(1);
        f.take("HT");
        CHECK(watcher.changed());
        const auto events = watcher.newEvents(readerQueue);
        REQUIRE(events.size() == 1);
        CHECK(events[0].kind == "issue");
        CHECK(readerQueue.status().services[0].waiting == round + 2);
    }
}
