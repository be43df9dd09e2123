#include "queue/change_watcher.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <thread>

#include "queue_fixture.h"

using namespace motcua::queue;
using namespace motcua::testing;

namespace {
// SQLite's data_version changes as the other connection commits; PostgreSQL's NOTIFY reaches the
// listener's socket a moment after the COMMIT returns. Either way: changed within two seconds.
bool changedSoon(ChangeWatcher& watcher) {
    for (int i = 0; i < 200; ++i) {
        if (watcher.changed()) return true;
        if (!onPostgres()) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
}
// Nothing more arrives: on PostgreSQL, after notifications still on their way have been taken.
bool quiet(ChangeWatcher& watcher) {
    if (onPostgres()) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        (void)watcher.changed();
    }
    return !watcher.changed();
}
}  // namespace

TEST_CASE("A watcher notices commits from another connection and misses none of its events",
          "[queue][watcher]") {
    QueueFixture f;
    f.take("HT");
    auto reader = openStore(f.path, OpenPurpose::Use);
    QueueService readerQueue(reader, f.clock);
    ChangeWatcher watcher(reader);
    CHECK(quiet(watcher));
    CHECK(watcher.newEvents(readerQueue).empty());  // history before the watcher is not replayed

    // Several moves by "another process" between two polls.
    f.take("HT");
    f.callNext(1);
    f.callNext(2);
    CHECK(changedSoon(watcher));
    CHECK(quiet(watcher));
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
        CHECK(changedSoon(watcher));
        const auto events = watcher.newEvents(readerQueue);
        REQUIRE(events.size() == 1);
        CHECK(events[0].kind == "issue");
        CHECK(readerQueue.status().services[0].waiting == round + 2);
    }
}
