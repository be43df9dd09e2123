#include "queue/people_ahead.h"

#include <algorithm>
#include <cmath>
#include <tuple>

namespace motcua::queue {

int peopleAhead(const std::vector<WaitingTicket>& waiting, const WaitingTicket& self, TimeMs now,
                const ServiceRate& rate) {
    const double perCall = rate.msPerCall();
    const auto cameBefore = [&](const WaitingTicket& w) {
        return std::tie(w.queueKey, w.id) < std::tie(self.queueKey, self.id);
    };
    // As a walk-in: its class's rule, then the appointments not counted by it whose slot begins
    // before its call, the earliest first (each one counted moves the call later).
    int asWalkIn = 0;
    std::vector<TimeMs> slots;
    for (const auto& w : waiting) {
        if (w.id == self.id) continue;
        const bool ahead = self.priority ? (w.priority && cameBefore(w)) : (w.priority || cameBefore(w));
        if (ahead) {
            ++asWalkIn;
        } else if (w.dueAt) {
            slots.push_back(*w.dueAt);
        }
    }
    std::sort(slots.begin(), slots.end());
    for (const TimeMs slot : slots) {
        if (static_cast<double>(slot - now) > asWalkIn * perCall) break;
        ++asWalkIn;
    }
    if (!self.dueAt) return asWalkIn;

    // An appointment's own number: from its slot on, only earlier slots (or the same slot checked in
    // earlier) go first.
    const auto earlierSlot = [&](const WaitingTicket& w) {
        return w.id != self.id && w.dueAt &&
               std::tie(*w.dueAt, w.queueKey, w.id) < std::tie(*self.dueAt, self.queueKey, self.id);
    };
    const int earlierSlots = static_cast<int>(std::count_if(waiting.begin(), waiting.end(), earlierSlot));
    if (*self.dueAt <= now) return earlierSlots;
    const double untilSlot = static_cast<double>(*self.dueAt - now);
    if (asWalkIn * perCall <= untilSlot) return asWalkIn;
    const int callsUntilSlot = perCall > 0 ? static_cast<int>(untilSlot / perCall) : asWalkIn;
    return std::min(asWalkIn, callsUntilSlot + earlierSlots);
}

int expectedWaitSeconds(int ahead, const ServiceRate& rate) {
    return static_cast<int>(std::lround(ahead * rate.msPerCall() / 1000.0));
}

}  // namespace motcua::queue
