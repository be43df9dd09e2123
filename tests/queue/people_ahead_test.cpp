// peopleAhead (queue/people_ahead.h): the figure a ticket, the kiosk and the live page show.
#include "queue/people_ahead.h"

#include <catch2/catch.hpp>

using namespace motcua::queue;

namespace {

constexpr TimeMs kMin = 60'000;
constexpr TimeMs kNow = 1'000 * kMin;
const ServiceRate kRate{5.0 * kMin, 2};  // a call every 2.5 minutes

WaitingTicket walkIn(std::int64_t id, bool priority = false) {
    return {id, priority, id, std::nullopt};
}
WaitingTicket appointment(std::int64_t id, TimeMs due) {
    return {id, false, id, due};
}

}  // namespace

TEST_CASE("Without appointments: priority ahead of normal, first come first served within each",
          "[queue][estimate]") {
    const std::vector<WaitingTicket> waiting{walkIn(1), walkIn(2, true), walkIn(3), walkIn(4, true),
                                             walkIn(5)};
    CHECK(peopleAhead(waiting, waiting[0], kNow, kRate) == 2);  // both priority tickets
    CHECK(peopleAhead(waiting, waiting[4], kNow, kRate) == 4);
    CHECK(peopleAhead(waiting, waiting[1], kNow, kRate) == 0);
    CHECK(peopleAhead(waiting, waiting[3], kNow, kRate) == 1);
    // A ticket being issued is not in the list yet: it is the newest.
    CHECK(peopleAhead(waiting, walkIn(6), kNow, kRate) == 5);
    CHECK(peopleAhead(waiting, walkIn(6, true), kNow, kRate) == 2);
    CHECK(expectedWaitSeconds(4, kRate) == 4 * 150);
    CHECK(expectedWaitSeconds(0, kRate) == 0);
}

TEST_CASE("An appointment that came later is ahead once its slot begins before one's call",
          "[queue][estimate][appointments]") {
    // Four walk-ins; then two appointments checked in, due in 4 and in 6 minutes.
    std::vector<WaitingTicket> waiting{walkIn(1), walkIn(2), walkIn(3), walkIn(4)};
    waiting.push_back(appointment(5, kNow + 4 * kMin));
    waiting.push_back(appointment(6, kNow + 6 * kMin));
    // Ticket 1 is called now, ticket 2 at +2.5: both before either slot.
    CHECK(peopleAhead(waiting, waiting[0], kNow, kRate) == 0);
    CHECK(peopleAhead(waiting, waiting[1], kNow, kRate) == 1);
    // Ticket 3 at +5 after the first slot (+4): 3 ahead, its call moves to +7.5, after the second
    // slot (+6) too: 4 ahead.
    CHECK(peopleAhead(waiting, waiting[2], kNow, kRate) == 4);
    CHECK(peopleAhead(waiting, waiting[3], kNow, kRate) == 5);
    // A slot that has begun is ahead of everyone, a priority ticket too; the next slot as well when
    // it begins before that one is served (+6 against +4 + 2.5).
    CHECK(peopleAhead(waiting, walkIn(7, true), kNow + 4 * kMin, kRate) == 2);
    CHECK(peopleAhead(waiting, walkIn(7, true), kNow + 3 * kMin, kRate) == 0);
    // The appointments' own numbers: before the slot, the calls until it and the earlier slots.
    CHECK(peopleAhead(waiting, waiting[4], kNow, kRate) == 1);  // due in 4 min: the call at +2.5 first
    CHECK(peopleAhead(waiting, waiting[5], kNow, kRate) == 3);  // due in 6 min: two calls and slot +4
    // From its slot on, only earlier slots.
    CHECK(peopleAhead(waiting, waiting[5], kNow + 4 * kMin, kRate) == 1);
    CHECK(peopleAhead(waiting, waiting[5], kNow + 6 * kMin, kRate) == 1);
    CHECK(peopleAhead(waiting, waiting[4], kNow + 6 * kMin, kRate) == 0);
    // Its turn as a walk-in comes before its slot: that turn.
    const std::vector<WaitingTicket> short_{walkIn(1), appointment(2, kNow + 60 * kMin)};
    CHECK(peopleAhead(short_, short_[1], kNow, kRate) == 1);
}
