// The office the crash test's writer and checker share: the kinds of write, the staff and their PINs,
// two variants of the office config, the catalogue files. Used by tests/queue/crash_test.cpp (the
// checker) and tests/queue/children/crash_child.cpp (the writer it kills).
#pragma once

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "queue/catalogue_files.h"
#include "support/test_office.h"
#include "support/test_support.h"

namespace motcua::testing::crash {

// The kinds of write, and how often the child picks each between targets (0: only as a target).
struct KindInfo {
    const char* name;
    double weight;
};
inline constexpr KindInfo kKinds[] = {
    {"take", 3},        {"take_priority", 1},  {"call_next", 3},       {"call_number", 1},
    {"recall", 1},      {"start", 2},          {"finish", 2},          {"noshow", 1},
    {"return", 1},      {"hold", 1},           {"transfer", 1},        {"cancel", 1},
    {"reactivate", 1},  {"rate", 1},           {"printed", 1},         {"print_failed", 0.5},
    {"login", 0.4},     {"login_failed", 0.4}, {"logout", 0.5},        {"break_start", 0.5},
    {"break_end", 0.5}, {"set_pin", 0.15},     {"office_config", 0.2}, {"catalogue", 0.2},
    {"backup", 0.2},    {"expire", 0},         {"restore", 0},         {"migrate", 0},
};

inline constexpr const char* kPin = "135792";
inline constexpr const char* kWrongPin = "0000";
// Officers who always type the right PIN, and two who always type a wrong one (towards lockouts).
inline const std::vector<std::string> kOfficers = {"cb1", "cb2", "cb3"};
inline const std::vector<std::string> kForgetful = {"cb4", "cb5"};
inline const std::vector<std::string> kAllStaff = {"cb1", "cb2", "cb3", "cb4", "cb5", "truong"};
inline constexpr int kMaxWaiting = 40;  // take makes room (cancel) beyond this, so queries stay small
inline constexpr const char* kCatalogueFiles[] = {"fields.tsv", "procedures.tsv", "documents.tsv",
                                                  "legal_basis.tsv", "synonyms.tsv"};
inline constexpr const char* kOfficeName1 = "UBND phường Thử Mất Điện";
inline constexpr const char* kOfficeName2 = "UBND phường Thử Mất Điện – cấu hình 2";

// Two variants of the office: same services, counters and staff, different names, links and settings.
inline std::string officeToml(int variant) {
    const bool second = variant == 2;
    const std::string mark = second ? " (2)" : "";
    TestOffice o;
    o.office = {{"name", second ? kOfficeName2 : kOfficeName1},
                {"hotline", second ? "024 3825 0000" : ""},
                {"slogan", second ? "Phục vụ nhân dân" : "Thân thiện"}};
    o.services = {{"HT", "Hộ tịch" + mark, "A"},
                  {"CT",
                   "Chứng thực" + mark,
                   "B",
                   {},
                   {},
                   second ? "Nộp sau 15 giờ trả kết quả ngày làm việc tiếp theo." : ""},
                  {"XH", "Lao động – Thương binh – Xã hội" + mark, "C"},
                  {"DD", "Đất đai – Xây dựng" + mark, "D"}};
    const std::vector<std::vector<std::string>> links =
        second ? std::vector<std::vector<std::string>>{{"HT", "XH"}, {"HT", "CT"}, {"CT", "XH"}, {"DD"}}
               : std::vector<std::vector<std::string>>{{"HT"}, {"HT", "CT"}, {"CT", "XH"}, {"XH", "DD"}};
    for (std::size_t i = 0; i < links.size(); ++i) {
        const int number = static_cast<int>(i) + 1;
        o.counters.push_back({number, "Quầy " + std::to_string(number) + mark, links[i]});
    }
    for (const auto& login : kAllStaff) {
        o.staff.push_back({login, "Cán bộ " + login + mark, login == "truong" ? "supervisor" : "officer"});
    }
    o.priorities = {{"cao_tuoi", "Người cao tuổi", second ? "Older person" : "Elderly person"},
                    {"khuyet_tat", "Người khuyết tật"}};
    o.callOrder = {{"priority_interleave", second ? 3 : 2},
                   {"recall_limit", second ? 3 : 2},
                   {"wait_target_minutes", second ? 20 : 15}};
    o.rating = {{"levels", 3}};
    return o.toml();
}

inline std::vector<queue::CatalogueFile> readCatalogueDir(const std::filesystem::path& dir) {
    std::vector<queue::CatalogueFile> files;
    for (const char* name : kCatalogueFiles) files.push_back({name, readFile(dir / name)});
    return files;
}

inline std::string envOr(const char* name, const std::string& fallback = {}) {
    const char* value = std::getenv(name);
    return value ? value : fallback;
}

}  // namespace motcua::testing::crash
