// What a waiting ticket says to its citizen: how many people are ahead and the expected wait (the
// printed ticket, the kiosk's screen, `motcua status`, the live page on the phone). README, "Call
// order" explains it to people; this is the one place that counts it.
//
// An estimate, not the call order (kCallOrder in ticket_store.cpp is the rule, run by the database):
// - Ahead of a normal ticket: every waiting priority ticket of its service and the normal ones that
//   came before it (the interleave lets some normal tickets go first, which this leaves out: the
//   figure errs on the long side). Ahead of a priority ticket: the priority tickets before it.
// - A checked-in appointment's number (dueAt) is called before everyone once its slot has begun.
//   So one that came after this ticket is still ahead of it when its slot begins before this
//   ticket's expected call; counting one pushes that call later, which can bring the next slot in.
// - An appointment's own number: once its slot has begun, only the numbers of earlier slots (or of
//   the same slot, checked in before it) are ahead; before its slot, whichever comes first: its turn
//   as a walk-in or its slot (then the walk-ins called until the slot, and the earlier slots).
// - Bookings not checked in yet are not counted: the citizen may not come. When one checks in, the
//   live page's figure grows.
// - The expected wait is people ahead × the service's mean service time ÷ the counters serving it.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "queue/clock.h"

namespace motcua::queue {

struct WaitingTicket {
    std::int64_t id = 0;
    bool priority = false;
    std::int64_t queueKey = 0;
    std::optional<TimeMs> dueAt;  // a checked-in appointment's slot start
};

struct ServiceRate {
    double perCitizenMs = 0;  // mean service time (history, or the configured default)
    int counters = 1;         // counters serving the service (at least 1)
    double msPerCall() const { return perCitizenMs / (counters > 0 ? counters : 1); }
};

// waiting: the service's waiting tickets of the day, self among them or not (a ticket being issued).
int peopleAhead(const std::vector<WaitingTicket>& waiting, const WaitingTicket& self, TimeMs now,
                const ServiceRate& rate);
int expectedWaitSeconds(int ahead, const ServiceRate& rate);

}  // namespace motcua::queue
