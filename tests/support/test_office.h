// The one place where tests and benchmarks write an office config. An office is described in C++
// (TestOffice) and toml() writes the TOML that `motcua init --config` and parseOfficeConfig read, so
// the format of office.toml is spelled out once; a fixture changes only what its tests are about.
//
// wardOffice() is the small ward office most tests use. Tests of the config parser itself keep
// writing TOML by hand (tests/queue/office_config_test.cpp): there the text is what is tested.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace motcua::testing {

// The fixtures' working day: 08:00 local time in Hà Nội (UTC+7) on Monday 30 November 2026, in
// milliseconds since the epoch (queue::TimeMs).
inline constexpr std::int64_t kMonday0800 = 1796000400000;
inline constexpr std::int64_t kMinute = 60'000;
inline constexpr std::int64_t kDay = 24 * 60 * kMinute;

struct TestService {
    std::string code;
    std::string name;
    std::string prefix;
    std::string nameEn = {};
    std::optional<int> dailyCap = {};
    std::string ticketNote = {};
    std::string kind = {};  // "results", "supplement"; empty: new dossiers
};

struct TestCounter {
    int number = 0;
    std::string name;
    std::vector<std::string> services;
    std::string displayName = {};
};

struct TestStaff {
    std::string login;
    std::string name;
    std::string role = "officer";
};

struct TestPriority {
    std::string code;
    std::string name;
    std::string nameEn = {};
    std::string definition = {};  // with its legal basis, or neither
    std::string legalBasis = {};
};

struct TestHours {
    std::vector<int> days;  // 1 Monday … 7 Sunday
    std::string open;       // "08:00"
    std::string close;
};

struct TestOffice {
    // [office]: key and value, in the order written (name first).
    std::vector<std::pair<std::string, std::string>> office = {{"name", "UBND phường Thử Nghiệm"}};
    std::vector<TestHours> openingHours;
    std::vector<TestService> services;
    std::vector<TestCounter> counters;
    std::vector<TestStaff> staff;
    std::vector<TestPriority> priorities;
    std::vector<std::pair<std::string, int>> callOrder;  // [call_order]
    std::vector<std::pair<std::string, int>> rating;     // [rating]

    TestOffice& set(const std::string& key, const std::string& value) {
        for (auto& [k, v] : office) {
            if (k == key) {
                v = value;
                return *this;
            }
        }
        office.emplace_back(key, value);
        return *this;
    }
    TestCounter& counter(int number) {
        for (auto& c : counters) {
            if (c.number == number) return c;
        }
        throw std::out_of_range("TestOffice: no counter " + std::to_string(number));
    }

    std::string toml() const {
        std::string t = "[office]\n";
        for (const auto& [key, value] : office) t += key + " = " + quoted(value) + "\n";
        for (const auto& h : openingHours) {
            t += "\n[[opening_hours]]\ndays = [";
            for (std::size_t i = 0; i < h.days.size(); ++i) t += (i ? ", " : "") + std::to_string(h.days[i]);
            t += "]\nopen = " + quoted(h.open) + "\nclose = " + quoted(h.close) + "\n";
        }
        for (const auto& s : services) {
            t += "\n[[services]]\ncode = " + quoted(s.code) + "\nname = " + quoted(s.name) + "\n";
            if (!s.nameEn.empty()) t += "name_en = " + quoted(s.nameEn) + "\n";
            t += "prefix = " + quoted(s.prefix) + "\n";
            if (s.dailyCap) t += "daily_cap = " + std::to_string(*s.dailyCap) + "\n";
            if (!s.ticketNote.empty()) t += "ticket_note = " + quoted(s.ticketNote) + "\n";
            if (!s.kind.empty()) t += "kind = " + quoted(s.kind) + "\n";
        }
        for (const auto& c : counters) {
            t += "\n[[counters]]\nnumber = " + std::to_string(c.number) + "\nname = " + quoted(c.name) + "\n";
            if (!c.displayName.empty()) t += "display_name = " + quoted(c.displayName) + "\n";
            t += "services = [";
            for (std::size_t i = 0; i < c.services.size(); ++i) t += (i ? ", " : "") + quoted(c.services[i]);
            t += "]\n";
        }
        for (const auto& s : staff) {
            t += "\n[[staff]]\nlogin = " + quoted(s.login) + "\nname = " + quoted(s.name) +
                 "\nrole = " + quoted(s.role) + "\n";
        }
        for (const auto& p : priorities) {
            t += "\n[[priority_categories]]\ncode = " + quoted(p.code) + "\nname = " + quoted(p.name) + "\n";
            if (!p.nameEn.empty()) t += "name_en = " + quoted(p.nameEn) + "\n";
            if (!p.definition.empty()) t += "definition = " + quoted(p.definition) + "\n";
            if (!p.legalBasis.empty()) t += "legal_basis = " + quoted(p.legalBasis) + "\n";
        }
        t += table("call_order", callOrder);
        t += table("rating", rating);
        return t;
    }

  private:
    // A TOML basic string: quotes, backslashes and control characters escaped.
    static std::string quoted(const std::string& s) {
        std::string out = "\"";
        for (const char c : s) {
            if (c == '"' || c == '\\') {
                out += '\\';
                out += c;
            } else if (static_cast<unsigned char>(c) < 0x20) {
                static const char* hex = "0123456789ABCDEF";
                out += "\\u00";
                out += hex[(c >> 4) & 0xF];
                out += hex[c & 0xF];
            } else {
                out += c;
            }
        }
        return out + "\"";
    }
    static std::string table(const std::string& name, const std::vector<std::pair<std::string, int>>& keys) {
        if (keys.empty()) return {};
        std::string t = "\n[" + name + "]\n";
        for (const auto& [key, value] : keys) t += key + " = " + std::to_string(value) + "\n";
        return t;
    }
};

// HT (prefix A, counters 1, 2), CT (B, counters 2, 3), XH (C, counter 3); the categories cao_tuoi
// and khuyet_tat; every second call a priority ticket, two recalls, 5 minutes a service when no
// history says otherwise. No staff: a fixture adds the officers its tests log in.
inline TestOffice wardOffice() {
    TestOffice o;
    o.services = {
        {"HT", "Hộ tịch", "A"}, {"CT", "Chứng thực", "B"}, {"XH", "Lao động – Thương binh – Xã hội", "C"}};
    o.counters = {{1, "Quầy 1", {"HT"}}, {2, "Quầy 2", {"HT", "CT"}}, {3, "Quầy 3", {"CT", "XH"}}};
    o.priorities = {{"cao_tuoi", "Người cao tuổi"}, {"khuyet_tat", "Người khuyết tật"}};
    o.callOrder = {{"priority_interleave", 2}, {"recall_limit", 2}, {"default_service_minutes", 5}};
    return o;
}

// The ward's three services with `counters` counters that each serve all of them, one priority
// category and the default call order: the office of the load and crash tests and the benchmarks.
inline TestOffice busyOffice(int counters) {
    TestOffice o = wardOffice();
    o.counters.clear();
    for (int c = 1; c <= counters; ++c)
        o.counters.push_back({c, "Quầy " + std::to_string(c), {"HT", "CT", "XH"}});
    o.priorities.resize(1);
    o.callOrder.clear();
    return o;
}

}  // namespace motcua::testing
