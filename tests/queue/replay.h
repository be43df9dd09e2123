// Rebuilds ticket state from the event log alone, and compares it with the tickets table.
#pragma once

#include <catch2/catch.hpp>

#include <map>

#include "queue/queue_service.h"

namespace motcua::testing {

struct Rebuilt {
    std::string state = "waiting";
    std::optional<int> counter;
    std::string service;
    int recalls = 0;
    int leg = 1;
};

// Replays the event log into ticket states, knowing nothing of the tickets table.
inline std::map<std::int64_t, Rebuilt> replay(queue::QueueService& q) {
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
        } else if (e.kind == "rate" || e.kind == "print_failed" || e.kind == "printed") {
            // ratings and device reports do not move the ticket
        } else {
            FAIL("unknown event kind " << e.kind);
        }
    }
    return out;
}


// Checks every ticket row against the replayed events; returns how many tickets were compared.
inline int checkTicketsMatchEvents(queue::Database& db, queue::QueueService& q) {
    const auto rebuilt = replay(q);
    queue::Statement st(db,
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
    return compared;
}

}  // namespace motcua::testing
