// Which waiting ticket a counter calls next, documented in README ("Call order"):
//
// Priority tickets (elderly, disabled, pregnant or with a small child, people with meritorious
// service...) go ahead of normal tickets. So that normal citizens never wait without bound, after
// each priority ticket a counter calls up to N normal tickets (N = call_order.priority_interleave)
// before the next priority ticket; N = 0 means priority tickets always go first. Within each class,
// first come first served (by queue position: issue time, or where a ticket was put back).
// A number issued at an appointment's check-in (Ticket::dueAt) is called before all of these once
// its slot has begun (the earliest slot first); before its slot it waits like any other number. Its
// call counts as a normal call for the interleave.
//
// The rule itself is one SQL statement, kCallOrder in ticket_store.cpp, run by the store for both
// SQLite and PostgreSQL: the database chooses, and says why with one of the reason codes below.
// This header only names the reasons and explains them to people.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace motcua::queue {

enum class CallReason {
    OnlyNormalWaiting,    // no priority ticket waits: the oldest normal ticket
    OnlyPriorityWaiting,  // no normal ticket waits: the oldest priority ticket
    StrictPriority,       // interleave 0: priority always first
    PriorityFirst,        // a priority ticket waits and its turn has come
    NormalInterleave,     // a priority ticket waits, but normal tickets get their share first
    ByNumber,             // the officer called this number on purpose
    FromHold,             // called back from hold
    Appointment,          // a checked-in appointment whose slot has begun
};

struct CallChoice {
    std::size_t index = 0;  // into the waiting list in call order (0: the next one)
    CallReason reason = CallReason::OnlyNormalWaiting;
    int normalsSincePriority = 0;  // for the explanation; -1: no priority call today yet
    std::string slotText;          // Appointment: the slot's local start, "09:30"
};

// One line explaining the choice, for the officer (Vietnamese) and the log (English).
std::string explainVi(const CallChoice& choice, int interleave);
std::string explainEn(const CallChoice& choice, int interleave);
const char* reasonCode(CallReason reason);
std::optional<CallReason> callReasonFromCode(std::string_view code);

}  // namespace motcua::queue
