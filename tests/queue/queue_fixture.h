// A database initialised with a small office, and a manual clock at Monday 2026-11-30 08:00 (+07).
#pragma once

#include <memory>

#include "queue/clock.h"
#include "queue/office_config.h"
#include "queue/queue_service.h"
#include "queue/store.h"
#include "support/test_office.h"
#include "support/test_store.h"
#include "support/test_support.h"

namespace motcua::testing {

// The ward office of support/test_office.h with a daily cap of 5 on CT: HT (prefix A, counters 1, 2),
// CT (B, counters 2, 3; cap 5), XH (C, counter 3).
inline TestOffice queueTestOffice() {
    TestOffice office = wardOffice();
    office.services[1].dailyCap = 5;
    return office;
}
inline const std::string kTestOfficeToml = queueTestOffice().toml();

// On the store the suite runs against (support/test_store.h): path is the database's file, or its
// postgresql:// URL.
struct QueueFixture {
    explicit QueueFixture(const std::string& toml = kTestOfficeToml)
        : store(dir.path()),
          clock(kMonday0800),
          path(store.location()),
          db(queue::openStore(path, queue::OpenPurpose::Initialise)) {
        queue::applyOfficeConfig(db, queue::parseOfficeConfig(toml, "test.toml"));
        queue = std::make_unique<queue::QueueService>(db, clock);
    }

    TempDir dir;
    TestDatabase store;
    queue::ManualClock clock;
    std::filesystem::path path;
    queue::Database db;
    std::unique_ptr<queue::QueueService> queue;

    std::string take(const std::string& service, std::optional<std::string> priority = {}) {
        auto r = queue->take(service, priority);
        if (!r.ok()) throw std::runtime_error("take failed: " + r.message);
        return r.value->ticket.number;
    }
    std::string callNext(int counter) {
        auto r = queue->callNext(counter);
        if (!r.ok()) throw std::runtime_error("call failed: " + r.message);
        return r.value->ticket.number;
    }
    queue::TicketState state(const std::string& number) { return queue->findToday(number).value().state; }
    std::int64_t eventCount() { return db.queryInt("SELECT COUNT(*) FROM events"); }
};

}  // namespace motcua::testing
