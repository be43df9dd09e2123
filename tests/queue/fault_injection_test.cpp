// SQLite I/O errors injected under the queue: the operation reports failure, the database stays
// consistent, nothing half-written is visible, and the next operation succeeds once the fault clears.
#include <catch2/catch.hpp>

#include "fault_vfs.h"
#include "queue/sqlite.h"
#include "queue_fixture.h"
#include "replay.h"

using namespace motcua::queue;
using namespace motcua::testing;

namespace {
std::int64_t countIn(const std::filesystem::path& path, const char* sql) {
    auto other = openStore(path, OpenPurpose::Use);  // a fresh connection, as another process sees it
    return other.queryInt(sql);
}
}  // namespace

TEST_CASE("I/O faults during a write leave the database consistent and usable",
          "[queue][faults][sqlite-only]") {
    FaultVfs vfs;  // before the fixture opens the database
    QueueFixture f;
    f.take("HT");
    f.take("HT");
    const auto ticketsBefore = countIn(f.path, "SELECT COUNT(*) FROM tickets");
    const auto eventsBefore = countIn(f.path, "SELECT COUNT(*) FROM events");

    const char* fault = GENERATE("write", "fsync", "disk full");
    CAPTURE(fault);
    auto inject = [&] {
        if (std::string(fault) == "write") vfs.failWrites(true);
        if (std::string(fault) == "fsync") vfs.failSyncs(true);
        if (std::string(fault) == "disk full") vfs.diskFull(true);
    };

    SECTION("issuing a ticket") {
        inject();
        CHECK_THROWS_AS(f.queue->take("HT"), SqliteError);
    }
    SECTION("calling a ticket") {
        inject();
        CHECK_THROWS_AS(f.queue->callNext(1), SqliteError);
    }
    CHECK(vfs.faultsHit() > 0);
    vfs.clear();

    // Nothing half-written is visible to anyone.
    CHECK(countIn(f.path, "SELECT COUNT(*) FROM tickets") == ticketsBefore);
    CHECK(countIn(f.path, "SELECT COUNT(*) FROM events") == eventsBefore);
    CHECK(countIn(f.path, "SELECT COUNT(*) FROM tickets WHERE state <> 'waiting'") == 0);
    // The same connection works again, and numbers continue without a duplicate.
    CHECK(f.take("HT") == "A003");
    CHECK(f.callNext(1) == "A001");
    Statement integrity(f.db, "PRAGMA integrity_check");
    REQUIRE(integrity.step());
    CHECK(integrity.getText(0) == "ok");
    checkTicketsMatchEvents(f.db, *f.queue);
}
