// A queue ticket and the events of its life, as the stores hold them and the rules move them.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "queue/clock.h"

namespace motcua::queue {

enum class TicketState { Waiting, Called, Serving, Done, NoShow, Held, Cancelled, Expired };

// The no-show event's reason when a called number taken online was not checked in at the kiosk in
// time (queue/EVENTS.md); reports count these apart.
inline constexpr const char* kNotCheckedInReason = "not checked in";
const char* toString(TicketState state);
std::optional<TicketState> ticketStateFromString(std::string_view text);

struct Ticket {
    std::int64_t id = 0;
    std::string number;  // "A012"
    std::string businessDay;
    std::string serviceCode;         // the service that issued the number
    std::string currentServiceCode;  // after transfers
    std::string currentServiceName;
    std::optional<std::string> priority;  // category code; nullopt: normal
    std::string priorityName;
    TicketState state = TicketState::Waiting;
    std::optional<int> counter;  // counter number while called, serving or held
    int recalls = 0;
    int leg = 1;
    TimeMs issuedAt = 0;
    TimeMs updatedAt = 0;
    std::int64_t queueKey = 0;
    std::optional<std::int64_t> staffId;  // the officer who last called it
    // The store's row ids behind the codes and numbers above.
    std::int64_t serviceId = 0;
    std::int64_t curServiceId = 0;
    std::optional<std::int64_t> counterId;
    // A number issued at an appointment's check-in: its slot's start, from which the call order
    // serves it first (README, "Call order"); nullopt for every other number.
    std::optional<TimeMs> dueAt;
};

struct Event {
    std::int64_t id = 0;
    std::optional<std::int64_t> ticketId;
    std::string number;  // of the ticket, "" for events without one
    std::string kind;
    TimeMs at = 0;
    std::optional<int> counter;
    std::optional<std::int64_t> staffId;
    std::string serviceCode;
    nlohmann::json detail;
};

// One of today's tickets whose last print attempt did not end in `printed`.
struct UnprintedTicket {
    // What the latest attempt says.
    enum class Last {
        NotPrinted,    // `print_failed`: no whole ticket came out
        MaybePrinted,  // `print_failed` with outcome "unknown": it may have printed ("có thể đã in")
        Unfinished,    // `print_started` and nothing since: printing now, or the program printing it
                       // stopped before it could say (detail names the host and process)
    };
    Ticket ticket;
    std::string error;            // the `print_failed` event's "error" ("paper-out"); "" for Unfinished
    TimeMs failedAt = 0;          // when that event was recorded
    std::string language = "vi";  // the ticket's language at the kiosk ("vi" or "en"), for the reprint
    Last last = Last::NotPrinted;
    nlohmann::json detail = nlohmann::json::object();  // that event's detail
};

// When a ticket was issued, put in the queue for its current leg (issue, return, transfer or
// reactivate), called and started: the times an officer sees at the counter.
struct TicketTimes {
    TimeMs issued = 0;
    TimeMs queued = 0;
    std::optional<TimeMs> called;
    std::optional<TimeMs> started;
    // The officer's latest check of a priority ticket's papers (event `priority_checked`): when, and
    // whether the citizen is of the category.
    std::optional<TimeMs> priorityChecked;
    bool priorityConfirmed = false;
    // A results or supplement number: the dossier receipt's code it was taken with (its issue event).
    std::string dossierCode;
};

struct ServiceStatus {
    std::string code;
    std::string name;
    std::string nameEn;
    std::string prefix;
    int waiting = 0;
    int priorityWaiting = 0;
    int issuedToday = 0;
    std::optional<int> dailyCap;
    std::vector<int> counters;
};

struct CounterStatus {
    int number = 0;
    std::string name;
    std::vector<std::string> services;
    std::optional<Ticket> current;  // called or serving
    int held = 0;
    std::optional<std::string> staffName;  // the officer logged in here
    bool onBreak = false;                  // calling is paused
    std::string breakReason;
};

struct QueueStatus {
    std::string businessDay;
    std::vector<CounterStatus> counters;
    std::vector<ServiceStatus> services;
};

}  // namespace motcua::queue
