#include "kiosk/display_app/lobby_state.h"

#include <algorithm>
#include <cctype>

namespace motcua::display {

namespace {
std::string text(const nlohmann::json& j, const char* key) {
    const auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}
}  // namespace

OfficeInfo OfficeInfo::from(const nlohmann::json& office) {
    return {text(office, "name"),
            text(office, "unit"),
            text(office, "slogan"),
            text(office, "hotline"),
            text(office, "opening_hours_text"),
            text(office, "online_portal")};
}

std::vector<std::string> OfficeInfo::tickerLines() const {
    std::vector<std::string> lines;
    if (!slogan.empty()) lines.push_back(slogan);
    if (!hotline.empty()) lines.push_back("Đường dây nóng: " + hotline);
    if (!openingHours.empty()) lines.push_back("Giờ làm việc: " + openingHours);
    if (!onlinePortal.empty()) {
        lines.push_back("Nộp hồ sơ trực tuyến tại " + onlinePortal +
                        " – không phải xếp hàng, theo dõi kết quả tại nhà");
    }
    return lines;
}

std::string shortCounterName(const std::string& name, int number) {
    const std::string prefix = "Quầy " + std::to_string(number);
    if (name.rfind(prefix, 0) != 0) return name;
    std::size_t i = prefix.size();
    if (i < name.size() && std::isdigit(static_cast<unsigned char>(name[i]))) return name;  // "Quầy 12" for 1
    for (const std::string sep : {" – ", " - ", ": ", " "}) {
        if (name.compare(i, sep.size(), sep) == 0) {
            i += sep.size();
            break;
        }
    }
    return i >= name.size() ? name : name.substr(i);
}

const CallEntry* LobbyState::stillCalled() const {
    for (const auto& call : m_recent) {
        const CounterRow* row = counter(call.counter);
        if (row && !row->onBreak && row->called && row->serving == call.number) return &call;
    }
    return nullptr;
}

void LobbyState::refresh(const queue::QueueStatus& status, const nlohmann::json& displayNames) {
    m_serviceNames.clear();
    m_services.clear();
    for (const auto& s : status.services) {
        m_serviceNames[s.code] = s.name;
        m_services.push_back({s.name, s.prefix, s.waiting, s.priorityWaiting});
    }
    m_counters.clear();
    for (const auto& c : status.counters) {
        CounterRow row;
        row.number = c.number;
        row.name = c.name;
        for (const auto& code : c.services) {
            if (!row.field.empty()) row.field += ", ";
            row.field += serviceName(code);
        }
        if (c.current) {
            row.serving = c.current->number;
            row.servingPriority = c.current->priority.has_value();
            row.called = c.current->state == queue::TicketState::Called;
        }
        const std::string key = std::to_string(c.number);
        row.displayName =
            displayNames.is_object() && displayNames.contains(key) && displayNames[key].is_string()
                ? displayNames[key].get<std::string>()
                : shortCounterName(c.name, c.number);
        row.onBreak = c.onBreak;
        row.breakReason = c.breakReason;
        row.staffName = c.staffName;
        m_counters.push_back(std::move(row));
    }
}

std::optional<CallEntry> LobbyState::apply(const queue::Event& event) {
    if ((event.kind != "call" && event.kind != "recall") || event.number.empty() || !event.counter)
        return std::nullopt;
    CallEntry entry;
    entry.number = event.number;
    entry.counter = *event.counter;
    entry.recall = event.kind == "recall";
    entry.at = event.at;
    entry.serviceName = serviceName(event.serviceCode);
    if (event.detail.is_object() && event.detail.contains("priority") &&
        event.detail["priority"].is_boolean()) {
        entry.priority = event.detail["priority"].get<bool>();
    }
    // A recall keeps the priority mark of the call it repeats.
    const auto same = std::find_if(m_recent.begin(), m_recent.end(), [&](const CallEntry& e) {
        return e.number == entry.number && e.counter == entry.counter;
    });
    if (same != m_recent.end()) {
        if (entry.recall) entry.priority = same->priority;
        m_recent.erase(same);
    }
    m_recent.push_front(entry);
    if (m_recent.size() > kRecentCalls) m_recent.pop_back();
    // The counter serves it now (status() will say the same at the next refresh).
    for (auto& row : m_counters) {
        if (row.number == entry.counter) {
            row.serving = entry.number;
            row.servingPriority = entry.priority;
            row.called = true;
        }
    }
    return entry;
}

const CounterRow* LobbyState::counter(int number) const {
    for (const auto& row : m_counters) {
        if (row.number == number) return &row;
    }
    return nullptr;
}

std::string LobbyState::serviceName(const std::string& code) const {
    const auto it = m_serviceNames.find(code);
    return it == m_serviceNames.end() ? std::string() : it->second;
}

std::string vietnameseDate(const queue::BusinessCalendar& calendar, queue::TimeMs t) {
    static const char* const kWeekdays[] = {"Thứ Hai", "Thứ Ba",  "Thứ Tư",  "Thứ Năm",
                                            "Thứ Sáu", "Thứ Bảy", "Chủ Nhật"};
    const int weekday = std::clamp(calendar.weekday(t), 1, 7);
    const std::string iso = calendar.dayOf(t);  // YYYY-MM-DD
    if (iso.size() != 10) return kWeekdays[weekday - 1];
    return std::string(kWeekdays[weekday - 1]) + ", " + iso.substr(8, 2) + "/" + iso.substr(5, 2) + "/" +
           iso.substr(0, 4);
}

}  // namespace motcua::display
