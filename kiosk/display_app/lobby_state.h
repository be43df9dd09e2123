// What the lobby and counter displays show, as plain data: rebuilt from QueueService::status() and
// advanced by the events a ChangeWatcher delivers. No SDL, no I/O of its own.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "queue/queue_service.h"

namespace motcua::display {

struct CallEntry {
    std::string number;  // "A012"
    int counter = 0;
    bool priority = false;
    bool recall = false;
    queue::TimeMs at = 0;
    std::string serviceName;  // the ticket's service (lĩnh vực) at the call
};

struct CounterRow {
    int number = 0;
    std::string name;         // "Quầy 2 – Chứng thực"
    std::string displayName;  // the short name for the TV ("Chứng thực"): the office's, else name shortened
    std::string field;        // the names of the services it serves, joined
    std::optional<std::string> serving;  // the ticket at the counter: called or being served
    bool servingPriority = false;
    bool called = false;  // serving is still being called (the citizen has not come yet)
    bool onBreak = false;
    std::string breakReason;
    std::optional<std::string> staffName;
};

struct ServiceWaiting {
    std::string name;
    std::string prefix;
    int waiting = 0;
    int priorityWaiting = 0;
};

// The office's own lines from its settings (QueueService::office()).
struct OfficeInfo {
    std::string name;
    std::string unit;
    std::string slogan;
    std::string hotline;
    std::string openingHours;
    std::string onlinePortal;

    static OfficeInfo from(const nlohmann::json& office);
    // The ticker's messages in order; empty settings give no message.
    std::vector<std::string> tickerLines() const;
};

class LobbyState {
  public:
    static constexpr std::size_t kRecentCalls = 8;

    // Counters, what they serve and the waiting counts, from a fresh status. displayNames: the
    // office's short counter names by number (office.counter_display_names).
    void refresh(const queue::QueueStatus& status,
                 const nlohmann::json& displayNames = nlohmann::json::object());
    // Advances by one event; for a call or recall, returns the call (which becomes the latest).
    std::optional<CallEntry> apply(const queue::Event& event);

    const std::vector<CounterRow>& counters() const noexcept { return m_counters; }
    const CounterRow* counter(int number) const;
    // Newest first; a recalled number moves to the front.
    const std::deque<CallEntry>& recentCalls() const noexcept { return m_recent; }
    // The newest call whose counter still calls that number (not yet served, finished, or on a
    // break): what "Mời công dân có số" may show; null when none.
    const CallEntry* stillCalled() const;
    const std::vector<ServiceWaiting>& services() const noexcept { return m_services; }
    // The service name for a service code ("" when unknown).
    std::string serviceName(const std::string& code) const;

  private:
    std::vector<CounterRow> m_counters;
    std::vector<ServiceWaiting> m_services;
    std::map<std::string, std::string> m_serviceNames;
    std::deque<CallEntry> m_recent;
};

// "Quầy 4 – Đất đai" -> "Đất đai" (what the number box does not already say); the name when nothing is left.
std::string shortCounterName(const std::string& name, int number);

// Monday 30/11/2026 -> "Thứ Hai, 30/11/2026" (local date in the calendar's time zone).
std::string vietnameseDate(const queue::BusinessCalendar& calendar, queue::TimeMs t);

}  // namespace motcua::display
