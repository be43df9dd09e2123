// Which waiting ticket a counter calls next. Pure logic, documented in README ("Call order"):
//
// Priority tickets (elderly, disabled, pregnant or with a small child, people with meritorious
// service...) go ahead of normal tickets. So that normal citizens never wait without bound, after
// each priority ticket a counter calls up to N normal tickets (N = call_order.priority_interleave)
// before the next priority ticket; N = 0 means priority tickets always go first. Within each class,
// first come first served (by queue position: issue time, or where a ticket was put back).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace motcua::queue {

enum class CallReason {
    OnlyNormalWaiting,    // no priority ticket waits: the oldest normal ticket
    OnlyPriorityWaiting,  // no normal ticket waits: the oldest priority ticket
    StrictPriority,       // interleave 0: priority always first
    PriorityFirst,        // a priority ticket waits and its turn has come
    NormalInterleave,     // a priority ticket waits, but normal tickets get their share first
    ByNumber,             // the officer called this number on purpose
    FromHold,             // called back from hold
};

struct CallCandidate {
    std::int64_t id = 0;
    bool priority = false;
    std::int64_t queueKey = 0;
};

struct CallChoice {
    std::size_t index = 0;  // into the candidate list
    CallReason reason = CallReason::OnlyNormalWaiting;
    int normalsSincePriority = 0;  // for the explanation; -1: no priority call today yet
};

// normalsSincePriority: normal calls this counter made today since its last priority call, or
// nullopt when it has made no priority call today (a priority ticket then goes first).
std::optional<CallChoice> chooseNext(const std::vector<CallCandidate>& waiting,
                                     std::optional<int> normalsSincePriority, int interleave);

// One line explaining the choice, for the officer (Vietnamese) and the log (English).
std::string explainVi(const CallChoice& choice, int interleave);
std::string explainEn(const CallChoice& choice, int interleave);
const char* reasonCode(CallReason reason);

}  // namespace motcua::queue
