#include "queue/office_config.h"

#include <fmt/format.h>
#include <toml++/toml.h>
#include <unicode/timezone.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>

#include "queue/business_calendar.h"
#include "queue/file_access.h"
#include "queue/sqlite.h"
#include "queue/ticket_store.h"
#include "text/normalize.h"
#include "text/utf8.h"

namespace motcua::queue {

using text::codePointCount;
using text::isValidUtf8;
using text::toNfc;

namespace {

// " (ESC)" for the control characters people meet, so the message says what was typed.
std::string controlName(char32_t c) {
    switch (c) {
        case 0x07:
            return " (BEL)";
        case 0x08:
            return " (backspace)";
        case 0x09:
            return " (tab)";
        case 0x0A:
            return " (new line)";
        case 0x0D:
            return " (carriage return)";
        case 0x1B:
            return " (ESC)";
        case 0x7F:
            return " (DEL)";
        default:
            return c >= 0x202A ? " (a text-direction control)" : "";
    }
}

class Reader {
  public:
    explicit Reader(std::string source) : m_source(std::move(source)) {}

    [[noreturn]] void fail(const toml::node* node, const std::string& key, const std::string& problem) const {
        const auto line = node ? node->source().begin.line : 0;
        throw ConfigError(fmt::format("{}:{}: {}: {}", m_source, line, key, problem));
    }

    // Rejects keys the program does not know, so a typo is reported instead of silently ignored.
    void onlyKeys(const toml::table& table, const std::string& where,
                  std::initializer_list<std::string_view> known) const {
        for (auto&& [key, node] : table) {
            bool ok = false;
            for (auto k : known) ok = ok || k == key.str();
            if (!ok) {
                fail(&node, where.empty() ? std::string(key.str()) : where + "." + std::string(key.str()),
                     "unknown key (known: " + fmt::format("{}", fmt::join(known, ", ")) + ")");
            }
        }
    }

    std::string text(const toml::table& table, const std::string& where, std::string_view key, bool required,
                     std::size_t maxChars = 200) const {
        const toml::node* node = table.get(key);
        const std::string name = where + "." + std::string(key);
        if (!node) {
            if (required) fail(&table, name, "missing");
            return {};
        }
        const auto* value = node->as_string();
        if (!value) fail(node, name, "must be a string");
        std::string s = toNfc(value->get());
        if (const auto c = text::forbiddenInName(s)) {
            fail(node, name,
                 fmt::format("contains the control character U+{:04X}{}; write plain text on one line",
                             static_cast<std::uint32_t>(*c), controlName(*c)));
        }
        if (required && s.find_first_not_of(" \t") == std::string::npos)
            fail(node, name, "must not be empty");
        if (codePointCount(s) > maxChars)
            fail(node, name, fmt::format("longer than {} characters", maxChars));
        return s;
    }

    std::optional<std::int64_t> integer(const toml::table& table, const std::string& where,
                                        std::string_view key, std::int64_t min, std::int64_t max) const {
        const toml::node* node = table.get(key);
        if (!node) return std::nullopt;
        const std::string name = where + "." + std::string(key);
        const auto* value = node->as_integer();
        if (!value) fail(node, name, "must be a whole number");
        if (value->get() < min || value->get() > max) {
            fail(node, name, fmt::format("must be between {} and {}", min, max));
        }
        return value->get();
    }

    const toml::array* arrayOfTables(const toml::table& root, std::string_view key) const {
        const toml::node* node = root.get(key);
        if (!node) return nullptr;
        const auto* array = node->as_array();
        if (!array || !array->is_array_of_tables()) {
            fail(node, std::string(key), fmt::format("must be written as [[{}]] tables", key));
        }
        return array;
    }

  private:
    std::string m_source;
};

int parseClock(const Reader& r, const toml::table& t, const std::string& where, std::string_view key) {
    const std::string value = r.text(t, where, key, true, 5);
    static const std::regex pattern("^([01][0-9]|2[0-3]):([0-5][0-9])$");
    std::smatch m;
    if (!std::regex_match(value, m, pattern))
        r.fail(t.get(key), where + "." + std::string(key), "must be HH:MM");
    return std::stoi(m[1]) * 60 + std::stoi(m[2]);
}

bool validTimeZone(const std::string& id) {
    std::unique_ptr<icu::TimeZone> zone(icu::TimeZone::createTimeZone(icu::UnicodeString::fromUTF8(id)));
    icu::UnicodeString got;
    zone->getID(got);
    std::string gotUtf8;
    got.toUTF8String(gotUtf8);
    return gotUtf8 != "Etc/Unknown";
}

// A file the office edits, read as TOML; a ConfigError naming the file and line when it is not.
toml::table parseTomlText(std::string_view text, const std::string& sourceName) {
    if (!isValidUtf8(text)) throw ConfigError(fmt::format("{}:0: file is not valid UTF-8", sourceName));
    try {
        return toml::parse(text, sourceName);
    } catch (const toml::parse_error& e) {
        throw ConfigError(fmt::format("{}:{}: {}", sourceName, e.source().begin.line, e.description()));
    }
}

}  // namespace

std::vector<RatingLevel> ratingScale(int levels) {
    if (levels == 4) {
        return {{"rat_hai_long", "Rất hài lòng", "Very satisfied", true},
                {"hai_long", "Hài lòng", "Satisfied", true},
                {"binh_thuong", "Bình thường", "Neutral", false},
                {"khong_hai_long", "Không hài lòng", "Not satisfied", false}};
    }
    return {{"rat_hai_long", "Rất hài lòng", "Very satisfied", true},
            {"hai_long", "Hài lòng", "Satisfied", true},
            {"khong_hai_long", "Không hài lòng", "Not satisfied", false}};
}

OfficeConfig parseOfficeConfig(std::string_view text, const std::string& sourceName) {
    const toml::table root = parseTomlText(text, sourceName);
    const Reader r(sourceName);
    r.onlyKeys(
        root, "",
        {"office", "opening_hours", "services", "counters", "staff", "priority_categories", "call_order",
         "rating", "voice", "printer", "kiosk", "database", "citizen_id", "web", "appointments"});
    OfficeConfig config;
    config.sourceName = sourceName;

    const auto* office = root["office"].as_table();
    if (!office) r.fail(&root, "office", "missing [office] table");
    r.onlyKeys(*office, "office",
               {"name", "unit", "address", "hotline", "slogan", "online_portal", "time_zone",
                "opening_hours_text", "logo", "clock_guard_days", "issue_cutoff_minutes", "calendar"});
    config.name = r.text(*office, "office", "name", true);
    config.unit = r.text(*office, "office", "unit", false);
    config.address = r.text(*office, "office", "address", false);
    config.hotline = r.text(*office, "office", "hotline", false, 40);
    config.slogan = r.text(*office, "office", "slogan", false);
    config.onlinePortal = r.text(*office, "office", "online_portal", false);
    config.logo = r.text(*office, "office", "logo", false, 400);
    if (const auto* kiosk = root["kiosk"].as_table()) {
        r.onlyKeys(*kiosk, "kiosk", {"dpi"});
        if (auto dpi = r.integer(*kiosk, "kiosk", "dpi", 50, 600))
            config.kioskDpi = static_cast<double>(*dpi);
    } else if (root.contains("kiosk")) {
        r.fail(root.get("kiosk"), "kiosk", "must be a table: [kiosk]");
    }
    config.openingHoursText = r.text(*office, "office", "opening_hours_text", false, 400);
    if (auto days = r.integer(*office, "office", "clock_guard_days", 2, 366))
        config.clockGuardDays = static_cast<int>(*days);
    config.issueCutoffMinutes =
        static_cast<int>(r.integer(*office, "office", "issue_cutoff_minutes", 0, 240).value_or(0));
    config.calendarFile = r.text(*office, "office", "calendar", false, 400);
    if (office->contains("time_zone")) {
        config.timeZone = r.text(*office, "office", "time_zone", true, 64);
        if (!validTimeZone(config.timeZone))
            r.fail(office->get("time_zone"), "office.time_zone", "unknown time zone");
    }

    if (const auto* hours = r.arrayOfTables(root, "opening_hours")) {
        for (const auto& node : *hours) {
            const auto& t = *node.as_table();
            r.onlyKeys(t, "opening_hours", {"days", "open", "close"});
            OpeningSession session;
            const auto* days = t["days"].as_array();
            if (!days || days->empty())
                r.fail(&t, "opening_hours.days", "must be a list of weekdays 1 (Mon) .. 7 (Sun)");
            for (const auto& d : *days) {
                const auto* v = d.as_integer();
                if (!v || v->get() < 1 || v->get() > 7)
                    r.fail(&d, "opening_hours.days", "weekdays are 1 (Mon) .. 7 (Sun)");
                session.weekdays.push_back(static_cast<int>(v->get()));
            }
            session.openMinute = parseClock(r, t, "opening_hours", "open");
            session.closeMinute = parseClock(r, t, "opening_hours", "close");
            if (session.closeMinute <= session.openMinute)
                r.fail(&t, "opening_hours.close", "must be after open");
            config.openingHours.push_back(session);
        }
    }

    static const std::regex codePattern("^[A-Za-z0-9_-]{1,16}$");
    static const std::regex prefixPattern("^[A-Z]{1,3}$");
    std::set<std::string> codes, prefixes;
    if (const auto* services = r.arrayOfTables(root, "services")) {
        for (const auto& node : *services) {
            const auto& t = *node.as_table();
            r.onlyKeys(t, "services",
                       {"code", "name", "name_en", "prefix", "daily_cap", "ticket_note", "cutoff_minutes",
                        "late_after", "late_note", "late_note_en", "kind"});
            ServiceConfig s;
            s.code = r.text(t, "services", "code", true, 16);
            if (!std::regex_match(s.code, codePattern))
                r.fail(t.get("code"), "services.code", "use 1-16 letters, digits, _ or -");
            if (!codes.insert(s.code).second)
                r.fail(t.get("code"), "services.code", "duplicate service code " + s.code);
            s.name = r.text(t, "services", "name", true);
            s.nameEn = r.text(t, "services", "name_en", false);
            s.prefix = r.text(t, "services", "prefix", true, 3);
            if (!std::regex_match(s.prefix, prefixPattern))
                r.fail(t.get("prefix"), "services.prefix", "use 1-3 capital letters A-Z");
            if (!prefixes.insert(s.prefix).second)
                r.fail(t.get("prefix"), "services.prefix", "prefix " + s.prefix + " is used twice");
            if (auto cap = r.integer(t, "services", "daily_cap", 1, 9999))
                s.dailyCap = static_cast<int>(*cap);
            s.ticketNote = r.text(t, "services", "ticket_note", false, 300);
            if (auto cutoff = r.integer(t, "services", "cutoff_minutes", 0, 240))
                s.cutoffMinutes = static_cast<int>(*cutoff);
            if (t.contains("late_after")) s.lateAfterMinute = parseClock(r, t, "services", "late_after");
            s.lateNote = r.text(t, "services", "late_note", false, 300);
            s.lateNoteEn = r.text(t, "services", "late_note_en", false, 300);
            if (s.lateAfterMinute && s.lateNote.empty())
                r.fail(t.get("late_after"), "services.late_note",
                       "missing (late_after needs the note to print)");
            if (!s.lateAfterMinute && !s.lateNote.empty())
                r.fail(t.get("late_note"), "services.late_after",
                       "missing (the note needs the time it applies from, e.g. \"15:00\")");
            if (t.contains("kind")) {
                const auto word = r.text(t, "services", "kind", false, 16);
                if (const auto kind = serviceKindFromWord(word); kind && !word.empty())
                    s.kind = *kind;
                else
                    r.fail(t.get("kind"), "services.kind",
                           "use \"results\" (trả kết quả) or \"supplement\" (bổ sung hồ sơ), or leave it out "
                           "for new dossiers");
            }
            config.services.push_back(std::move(s));
        }
    }
    if (config.services.empty()) r.fail(&root, "services", "at least one [[services]] is needed");

    std::set<std::int64_t> numbers;
    if (const auto* counters = r.arrayOfTables(root, "counters")) {
        for (const auto& node : *counters) {
            const auto& t = *node.as_table();
            r.onlyKeys(t, "counters", {"number", "name", "display_name", "services"});
            CounterConfig c;
            auto number = r.integer(t, "counters", "number", 1, 999);
            if (!number) r.fail(&t, "counters.number", "missing");
            if (!numbers.insert(*number).second)
                r.fail(t.get("number"), "counters.number",
                       fmt::format("counter {} is defined twice", *number));
            c.number = static_cast<int>(*number);
            c.name = r.text(t, "counters", "name", true);
            c.displayName = r.text(t, "counters", "display_name", false, 40);
            const auto* list = t["services"].as_array();
            if (!list || list->empty())
                r.fail(t.get("services") ? t.get("services") : &t, "counters.services",
                       "must list at least one service code");
            for (const auto& s : *list) {
                const auto* v = s.as_string();
                if (!v || !codes.count(v->get())) {
                    r.fail(&s, "counters.services",
                           fmt::format("unknown service code {}", v ? v->get() : "(not a string)"));
                }
                c.services.push_back(v->get());
            }
            config.counters.push_back(std::move(c));
        }
    }
    if (config.counters.empty()) r.fail(&root, "counters", "at least one [[counters]] is needed");

    std::set<std::string> logins;
    if (const auto* staff = r.arrayOfTables(root, "staff")) {
        for (const auto& node : *staff) {
            const auto& t = *node.as_table();
            r.onlyKeys(t, "staff", {"login", "name", "role", "pin_hash"});
            StaffConfig s;
            s.login = r.text(t, "staff", "login", true, 32);
            if (!std::regex_match(s.login, codePattern))
                r.fail(t.get("login"), "staff.login", "use letters, digits, _ or -");
            if (!logins.insert(s.login).second)
                r.fail(t.get("login"), "staff.login", "duplicate login " + s.login);
            s.name = r.text(t, "staff", "name", true);
            s.role = r.text(t, "staff", "role", false, 16);
            if (s.role.empty()) s.role = "officer";
            if (s.role != "officer" && s.role != "supervisor" && s.role != "admin") {
                r.fail(t.get("role"), "staff.role", "must be officer, supervisor or admin");
            }
            s.pinHash = r.text(t, "staff", "pin_hash", false, 256);
            if (!s.pinHash.empty() && s.pinHash.rfind("$argon2id$", 0) != 0) {
                r.fail(t.get("pin_hash"), "staff.pin_hash",
                       "must be an Argon2id hash (never a PIN in clear)");
            }
            config.staff.push_back(std::move(s));
        }
    }

    std::set<std::string> categories;
    if (const auto* priorities = r.arrayOfTables(root, "priority_categories")) {
        for (const auto& node : *priorities) {
            const auto& t = *node.as_table();
            r.onlyKeys(
                t, "priority_categories",
                {"code", "name", "name_en", "definition", "definition_en", "legal_basis", "legal_basis_en"});
            PriorityCategoryConfig p;
            p.code = r.text(t, "priority_categories", "code", true, 16);
            if (!std::regex_match(p.code, codePattern))
                r.fail(t.get("code"), "priority_categories.code", "use letters, digits, _ or -");
            if (!categories.insert(p.code).second)
                r.fail(t.get("code"), "priority_categories.code", "duplicate code " + p.code);
            p.name = r.text(t, "priority_categories", "name", true);
            p.nameEn = r.text(t, "priority_categories", "name_en", false);
            p.definition = r.text(t, "priority_categories", "definition", false, 400);
            p.definitionEn = r.text(t, "priority_categories", "definition_en", false, 400);
            p.legalBasis = r.text(t, "priority_categories", "legal_basis", false, 200);
            p.legalBasisEn = r.text(t, "priority_categories", "legal_basis_en", false, 200);
            // A definition is a fact of law: it names where it comes from, and a basis defines nothing.
            if (!p.definition.empty() && p.legalBasis.empty())
                r.fail(t.get("definition"), "priority_categories.legal_basis",
                       "a definition needs the law it comes from (legal_basis)");
            if (p.definition.empty() && !p.legalBasis.empty())
                r.fail(t.get("legal_basis"), "priority_categories.definition",
                       "a legal basis without a definition: write what the category covers");
            config.priorities.push_back(std::move(p));
        }
    }

    if (const auto* node = root.get("call_order")) {
        const auto* t = node->as_table();
        if (!t) r.fail(node, "call_order", "must be a table");
        r.onlyKeys(*t, "call_order",
                   {"priority_interleave", "recall_limit", "default_service_minutes", "estimate_samples",
                    "wait_target_minutes"});
        auto& c = config.callOrder;
        c.priorityInterleave = static_cast<int>(
            r.integer(*t, "call_order", "priority_interleave", 0, 50).value_or(c.priorityInterleave));
        c.recallLimit =
            static_cast<int>(r.integer(*t, "call_order", "recall_limit", 0, 20).value_or(c.recallLimit));
        c.defaultServiceMinutes = static_cast<int>(
            r.integer(*t, "call_order", "default_service_minutes", 1, 240).value_or(c.defaultServiceMinutes));
        c.estimateSamples = static_cast<int>(
            r.integer(*t, "call_order", "estimate_samples", 1, 1000).value_or(c.estimateSamples));
        c.waitTargetMinutes = static_cast<int>(
            r.integer(*t, "call_order", "wait_target_minutes", 1, 480).value_or(c.waitTargetMinutes));
    }

    if (const auto* node = root.get("rating")) {
        const auto* t = node->as_table();
        if (!t) r.fail(node, "rating", "must be a table");
        r.onlyKeys(*t, "rating", {"levels", "timeout_seconds"});
        config.rating.levels =
            static_cast<int>(r.integer(*t, "rating", "levels", 3, 4).value_or(config.rating.levels));
        config.rating.timeoutSeconds = static_cast<int>(
            r.integer(*t, "rating", "timeout_seconds", 5, 600).value_or(config.rating.timeoutSeconds));
    }

    if (const auto* node = root.get("citizen_id")) {
        const auto* t = node->as_table();
        if (!t) r.fail(node, "citizen_id", "must be a table");
        r.onlyKeys(*t, "citizen_id",
                   {"enabled", "key_file", "per_day", "per_field", "scanner_key_gap_ms", "scanner_min_length",
                    "elderly_category"});
        auto& c = config.citizenId;
        if (const auto* enabled = t->get("enabled")) {
            if (!enabled->is_boolean()) r.fail(enabled, "citizen_id.enabled", "must be true or false");
            c.enabled = enabled->as_boolean()->get();
        }
        if (t->contains("key_file")) c.keyFile = r.text(*t, "citizen_id", "key_file", true, 400);
        c.perDay = static_cast<int>(r.integer(*t, "citizen_id", "per_day", 0, 50).value_or(c.perDay));
        c.perField = static_cast<int>(r.integer(*t, "citizen_id", "per_field", 0, 50).value_or(c.perField));
        c.scannerKeyGapMs = static_cast<int>(
            r.integer(*t, "citizen_id", "scanner_key_gap_ms", 1, 200).value_or(c.scannerKeyGapMs));
        c.scannerMinLength = static_cast<int>(
            r.integer(*t, "citizen_id", "scanner_min_length", 12, 1000).value_or(c.scannerMinLength));
        if (t->contains("elderly_category"))
            c.elderlyCategory = r.text(*t, "citizen_id", "elderly_category", false, 16);
        const bool known =
            std::any_of(config.priorities.begin(), config.priorities.end(),
                        [&](const PriorityCategoryConfig& p) { return p.code == c.elderlyCategory; });
        if (t->contains("elderly_category") && !c.elderlyCategory.empty() && !known)
            r.fail(t->get("elderly_category"), "citizen_id.elderly_category",
                   "not one of the [[priority_categories]] codes");
    }

    if (const auto* node = root.get("voice")) {
        const auto* t = node->as_table();
        if (!t) r.fail(node, "voice", "must be a table");
        r.onlyKeys(*t, "voice",
                   {"wording", "numbers", "voice", "rate_wpm", "repeats", "chime", "clip_directory"});
        auto& v = config.voice;
        v.wording = r.text(*t, "voice", "wording", false, 300);
        if (!v.wording.empty()) {
            static const std::regex placeholder("\\{([^}]*)\\}");
            for (auto it = std::sregex_iterator(v.wording.begin(), v.wording.end(), placeholder);
                 it != std::sregex_iterator(); ++it) {
                const std::string name = (*it)[1];
                if (name != "number" && name != "counter" && name != "counter_name" && name != "field") {
                    r.fail(t->get("wording"), "voice.wording",
                           "unknown placeholder {" + name +
                               "} (use {number}, {counter}, {counter_name}, {field})");
                }
            }
            if (v.wording.find("{number}") == std::string::npos) {
                r.fail(t->get("wording"), "voice.wording", "must contain {number}");
            }
        }
        if (t->contains("numbers")) {
            v.numbers = r.text(*t, "voice", "numbers", true, 10);
            if (v.numbers != "digits" && v.numbers != "number")
                r.fail(t->get("numbers"), "voice.numbers", "must be digits or number");
        }
        if (t->contains("voice")) v.voice = r.text(*t, "voice", "voice", true, 40);
        v.rateWpm = static_cast<int>(r.integer(*t, "voice", "rate_wpm", 80, 450).value_or(v.rateWpm));
        v.repeats = static_cast<int>(r.integer(*t, "voice", "repeats", 1, 5).value_or(v.repeats));
        if (const auto* chime = t->get("chime")) {
            if (!chime->is_boolean()) r.fail(chime, "voice.chime", "must be true or false");
            v.chime = chime->as_boolean()->get();
        }
        v.clipDirectory = r.text(*t, "voice", "clip_directory", false, 300);
    }

    if (const auto* node = root.get("printer")) {
        const auto* t = node->as_table();
        if (!t) r.fail(node, "printer", "must be a table");
        r.onlyKeys(*t, "printer", {"uri", "width_dots", "qr"});
        config.printer = r.text(*t, "printer", "uri", true, 200);
        // The schemes printer/printer_uri.cpp opens; the rest of the URI is checked there.
        const std::string scheme = config.printer.substr(0, config.printer.find(':'));
        const bool known = config.printer == "none" ||
                           (config.printer.find(':') != std::string::npos &&
                            (scheme == "usb" || scheme == "cups" || scheme == "tcp" || scheme == "file"));
        if (!known) {
            r.fail(t->get("uri"), "printer.uri",
                   fmt::format(
                       "unknown printer '{}' (use usb:, usb:VID:PID, cups:QUEUE, tcp:HOST:9100, file:PATH "
                       "or none)",
                       config.printer));
        }
        if (auto width = r.integer(*t, "printer", "width_dots", 384, 640)) {
            if (*width != 384 && *width != 512 && *width != 576 && *width != 640) {
                r.fail(t->get("width_dots"), "printer.width_dots",
                       "must be 384 (58 mm), 512, 576 (80 mm) or 640");
            }
            config.printerWidthDots = static_cast<int>(*width);
        }
        if (t->contains("qr")) {
            config.printerQr = r.text(*t, "printer", "qr", true, 10);
            if (config.printerQr != "raster" && config.printerQr != "native") {
                r.fail(t->get("qr"), "printer.qr", "must be raster or native");
            }
        }
    }

    if (const auto* node = root.get("database")) {
        const auto* t = node->as_table();
        if (!t) r.fail(node, "database", "must be a table");
        r.onlyKeys(*t, "database", {"url"});
        config.databaseUrl = r.text(*t, "database", "url", false, 500);
        if (!config.databaseUrl.empty() && !config.databaseUrl.starts_with("postgresql://") &&
            !config.databaseUrl.starts_with("postgres://")) {
            r.fail(t->get("url"), "database.url",
                   "must be a postgresql:// URL (leave it out for the SQLite file)");
        }
        const auto authority = config.databaseUrl.find("://") + 3;
        const auto at = config.databaseUrl.find('@', authority);
        const auto slash = config.databaseUrl.find('/', authority);
        const bool userPassword =
            at != std::string::npos && at < slash && config.databaseUrl.find(':', authority) < at;
        if (config.databaseUrl.find("password=") != std::string::npos || userPassword) {
            r.fail(t->get("url"), "database.url",
                   "holds a password: keep it in ~/.pgpass or PGPASSFILE (libpq), not in office.toml");
        }
    }

    if (const auto* node = root.get("web")) {
        const auto* t = node->as_table();
        if (!t) r.fail(node, "web", "must be a table");
        r.onlyKeys(*t, "web",
                   {"public_url", "take_online", "per_phone_daily", "per_phone_per_service",
                    "per_address_per_hour", "online_checkin_minutes"});
        auto& w = config.web;
        w.publicUrl = r.text(*t, "web", "public_url", false, 200);
        while (w.publicUrl.ends_with('/')) w.publicUrl.pop_back();
        const auto schemeEnd = w.publicUrl.find("://");
        const bool wellFormed = (w.publicUrl.starts_with("https://") || w.publicUrl.starts_with("http://")) &&
                                w.publicUrl.size() > schemeEnd + 3 &&
                                std::all_of(w.publicUrl.begin(), w.publicUrl.end(), [](char c) {
                                    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                                           (c >= '0' && c <= '9') ||
                                           std::string_view(":/.-_~").find(c) != std::string_view::npos;
                                });
        if (!w.publicUrl.empty() && !wellFormed) {
            r.fail(t->get("public_url"), "web.public_url",
                   "must be an https:// (or http://) address of letters, digits and :/.-_~, such as "
                   "https://motcua.example.gov.vn");
        }
        if (const auto* take = t->get("take_online")) {
            if (!take->is_boolean()) r.fail(take, "web.take_online", "must be true or false");
            w.takeOnline = take->as_boolean()->get();
        }
        w.perPhoneDaily =
            static_cast<int>(r.integer(*t, "web", "per_phone_daily", 1, 10).value_or(w.perPhoneDaily));
        w.perPhonePerService = static_cast<int>(
            r.integer(*t, "web", "per_phone_per_service", 1, 10).value_or(w.perPhonePerService));
        w.perAddressPerHour = static_cast<int>(
            r.integer(*t, "web", "per_address_per_hour", 1, 10000).value_or(w.perAddressPerHour));
        w.onlineCheckinMinutes = static_cast<int>(
            r.integer(*t, "web", "online_checkin_minutes", 0, 240).value_or(w.onlineCheckinMinutes));
    }

    if (const auto* node = root.get("appointments")) {
        const auto* t = node->as_table();
        if (!t) r.fail(node, "appointments", "must be a table");
        r.onlyKeys(*t, "appointments",
                   {"enabled", "days_ahead", "slot_minutes", "capacity", "grace_minutes", "per_phone_daily",
                    "per_phone_per_service"});
        auto& a = config.appointments;
        if (const auto* on = t->get("enabled")) {
            if (!on->is_boolean()) r.fail(on, "appointments.enabled", "must be true or false");
            a.enabled = on->as_boolean()->get();
        }
        const auto number = [&](const char* key, int low, int high, int fallback) {
            return static_cast<int>(r.integer(*t, "appointments", key, low, high).value_or(fallback));
        };
        a.daysAhead = number("days_ahead", 0, 30, a.daysAhead);
        a.slotMinutes = number("slot_minutes", 5, 240, a.slotMinutes);
        a.capacity = number("capacity", 1, 100, a.capacity);
        a.graceMinutes = number("grace_minutes", 0, 120, a.graceMinutes);
        a.perPhoneDaily = number("per_phone_daily", 1, 10, a.perPhoneDaily);
        a.perPhonePerService = number("per_phone_per_service", 1, 10, a.perPhonePerService);
    }
    return config;
}

OfficeConfig loadOfficeConfig(const std::filesystem::path& path) {
    std::string text;
    try {
        text = readRegularFile(path, kMaxConfigBytes);
    } catch (const FileAccessError& e) {
        throw ConfigError(fmt::format("{}:0: office config file: {}", path.string(), e.reason()));
    }
    auto config = parseOfficeConfig(text, path.string());
    if (std::filesystem::path key = config.citizenId.keyFile; key.is_relative())
        config.citizenId.keyFile =
            std::filesystem::absolute(path.parent_path() / key).lexically_normal().string();
    if (!config.calendarFile.empty()) {
        std::filesystem::path file = config.calendarFile;
        if (file.is_relative()) file = path.parent_path() / file;
        config.calendar = loadOfficeCalendar(file);
    }
    return config;
}

namespace {

std::optional<std::chrono::sys_days> parseDate(const std::string& text) {
    static const std::regex pattern("^([0-9]{4})-([0-9]{2})-([0-9]{2})$");
    std::smatch m;
    if (!std::regex_match(text, m, pattern)) return std::nullopt;
    const std::chrono::year_month_day ymd{std::chrono::year(std::stoi(m[1])),
                                          std::chrono::month(static_cast<unsigned>(std::stoi(m[2]))),
                                          std::chrono::day(static_cast<unsigned>(std::stoi(m[3])))};
    if (!ymd.ok()) return std::nullopt;
    return std::chrono::sys_days(ymd);
}

}  // namespace

OfficeCalendar parseOfficeCalendar(std::string_view text, const std::string& sourceName) {
    const toml::table root = parseTomlText(text, sourceName);
    const Reader r(sourceName);
    r.onlyKeys(root, "", {"years", "days_off", "working_days"});
    OfficeCalendar calendar;
    calendar.sourceName = sourceName;
    std::set<int> years;
    if (const auto* list = r.arrayOfTables(root, "years")) {
        for (const auto& node : *list) {
            const auto& t = *node.as_table();
            r.onlyKeys(t, "years", {"year", "source", "complete", "note"});
            CalendarYear y;
            const auto year = r.integer(t, "years", "year", 2000, 2100);
            if (!year) r.fail(&t, "years.year", "missing");
            y.year = static_cast<int>(*year);
            if (!years.insert(y.year).second)
                r.fail(t.get("year"), "years.year", fmt::format("{} is listed twice", y.year));
            y.source = r.text(t, "years", "source", true, 400);
            if (const auto* complete = t.get("complete")) {
                if (!complete->is_boolean()) r.fail(complete, "years.complete", "must be true or false");
                y.complete = complete->as_boolean()->get();
            }
            y.note = r.text(t, "years", "note", false, 400);
            calendar.years.push_back(std::move(y));
        }
    }
    // A date of a year the file gives a source for.
    const auto date = [&](const toml::table& t, const std::string& where, std::string_view key) {
        const std::string value = r.text(t, where, key, true, 10);
        const auto day = parseDate(value);
        if (!day) r.fail(t.get(key), where + "." + std::string(key), "must be a date YYYY-MM-DD");
        const int year = static_cast<int>(std::chrono::year_month_day(*day).year());
        if (!years.count(year)) {
            r.fail(
                t.get(key), where + "." + std::string(key),
                fmt::format("{} has no [[years]] entry naming its source; add one (year = {}, source = ...)",
                            year, year));
        }
        return std::pair{value, *day};
    };
    std::vector<std::pair<std::chrono::sys_days, std::chrono::sys_days>> offRanges;
    if (const auto* list = r.arrayOfTables(root, "days_off")) {
        for (const auto& node : *list) {
            const auto& t = *node.as_table();
            r.onlyKeys(t, "days_off", {"from", "to", "name", "name_en"});
            CalendarDayOff d;
            const auto [from, fromDay] = date(t, "days_off", "from");
            d.from = from;
            auto toDay = fromDay;
            d.to = from;
            if (t.contains("to")) {
                const auto [to, parsedTo] = date(t, "days_off", "to");
                if (parsedTo < fromDay) r.fail(t.get("to"), "days_off.to", "is before from");
                if (parsedTo - fromDay > std::chrono::days(15))
                    r.fail(t.get("to"), "days_off.to", "more than 16 days after from");
                d.to = to;
                toDay = parsedTo;
            }
            d.name = r.text(t, "days_off", "name", true);
            d.nameEn = r.text(t, "days_off", "name_en", false);
            offRanges.emplace_back(fromDay, toDay);
            calendar.daysOff.push_back(std::move(d));
        }
    }
    std::set<std::string> worked;
    if (const auto* list = r.arrayOfTables(root, "working_days")) {
        for (const auto& node : *list) {
            const auto& t = *node.as_table();
            r.onlyKeys(t, "working_days", {"date", "name", "name_en", "hours_of"});
            CalendarWorkingDay w;
            const auto [value, day] = date(t, "working_days", "date");
            w.date = value;
            if (!worked.insert(value).second)
                r.fail(t.get("date"), "working_days.date", value + " is listed twice");
            for (const auto& [a, b] : offRanges) {
                if (day >= a && day <= b)
                    r.fail(t.get("date"), "working_days.date", value + " is also a day off");
            }
            w.name = r.text(t, "working_days", "name", true);
            w.nameEn = r.text(t, "working_days", "name_en", false);
            if (t.contains("hours_of"))
                w.hoursOf = static_cast<int>(*r.integer(t, "working_days", "hours_of", 1, 7));
            calendar.workingDays.push_back(std::move(w));
        }
    }
    return calendar;
}

OfficeCalendar loadOfficeCalendar(const std::filesystem::path& path) {
    std::string text;
    try {
        text = readRegularFile(path, kMaxConfigBytes);
    } catch (const FileAccessError& e) {
        throw ConfigError(fmt::format("{}:0: calendar file: {}", path.string(), e.reason()));
    }
    return parseOfficeCalendar(text, path.string());
}

nlohmann::json citizenIdSettings(const CitizenIdConfig& c) {
    return {{"enabled", c.enabled},
            {"key_file", c.keyFile},
            {"per_day", c.perDay},
            {"per_field", c.perField},
            {"scanner_key_gap_ms", c.scannerKeyGapMs},
            {"scanner_min_length", c.scannerMinLength},
            {"elderly_category", c.elderlyCategory}};
}

CitizenIdConfig citizenIdFromSettings(const nlohmann::json& s) {
    CitizenIdConfig c;
    if (!s.is_object()) return c;
    c.enabled = s.value("enabled", c.enabled);
    c.keyFile = s.value("key_file", c.keyFile);
    c.perDay = s.value("per_day", c.perDay);
    c.perField = s.value("per_field", c.perField);
    c.scannerKeyGapMs = s.value("scanner_key_gap_ms", c.scannerKeyGapMs);
    c.scannerMinLength = s.value("scanner_min_length", c.scannerMinLength);
    c.elderlyCategory = s.value("elderly_category", c.elderlyCategory);
    return c;
}

nlohmann::json appointmentSettings(const AppointmentConfig& a) {
    return {{"enabled", a.enabled},
            {"days_ahead", a.daysAhead},
            {"slot_minutes", a.slotMinutes},
            {"capacity", a.capacity},
            {"grace_minutes", a.graceMinutes},
            {"per_phone_daily", a.perPhoneDaily},
            {"per_phone_per_service", a.perPhonePerService}};
}

AppointmentConfig appointmentConfigFromSettings(const nlohmann::json& office) {
    AppointmentConfig a;
    if (!office.is_object()) return a;
    const auto it = office.find("appointments");
    if (it == office.end() || !it->is_object()) return a;
    const auto& s = *it;
    a.enabled = s.value("enabled", a.enabled);
    a.daysAhead = s.value("days_ahead", a.daysAhead);
    a.slotMinutes = std::max(5, s.value("slot_minutes", a.slotMinutes));
    a.capacity = s.value("capacity", a.capacity);
    a.graceMinutes = s.value("grace_minutes", a.graceMinutes);
    a.perPhoneDaily = s.value("per_phone_daily", a.perPhoneDaily);
    a.perPhonePerService = s.value("per_phone_per_service", a.perPhonePerService);
    return a;
}

const char* serviceKindWord(ServiceKind kind) {
    switch (kind) {
        case ServiceKind::Results:
            return "results";
        case ServiceKind::Supplement:
            return "supplement";
        case ServiceKind::Submit:
            break;
    }
    return "";
}

std::optional<ServiceKind> serviceKindFromWord(const std::string& word) {
    for (const auto kind : {ServiceKind::Submit, ServiceKind::Results, ServiceKind::Supplement})
        if (word == serviceKindWord(kind)) return kind;
    return std::nullopt;
}

nlohmann::json issuingSettings(const OfficeConfig& config) {
    nlohmann::json services = nlohmann::json::object();
    for (const auto& s : config.services) {
        nlohmann::json j = nlohmann::json::object();
        if (s.kind != ServiceKind::Submit) j["kind"] = serviceKindWord(s.kind);
        if (s.cutoffMinutes) j["cutoff_minutes"] = *s.cutoffMinutes;
        if (s.lateAfterMinute) {
            j["late_after_minute"] = *s.lateAfterMinute;
            j["late_note"] = s.lateNote;
            j["late_note_en"] = s.lateNoteEn;
        }
        if (!j.empty()) services[s.code] = j;
    }
    nlohmann::json years = nlohmann::json::array(), off = nlohmann::json::array(),
                   worked = nlohmann::json::array();
    for (const auto& y : config.calendar.years)
        years.push_back({{"year", y.year}, {"source", y.source}, {"complete", y.complete}, {"note", y.note}});
    for (const auto& d : config.calendar.daysOff)
        off.push_back({{"from", d.from}, {"to", d.to}, {"name", d.name}, {"name_en", d.nameEn}});
    for (const auto& w : config.calendar.workingDays)
        worked.push_back(
            {{"date", w.date}, {"name", w.name}, {"name_en", w.nameEn}, {"hours_of", w.hoursOf}});
    return {{"cutoff_minutes", config.issueCutoffMinutes},
            {"services", services},
            {"calendar",
             {{"file", config.calendar.sourceName},
              {"years", years},
              {"days_off", off},
              {"working_days", worked}}}};
}

ConfigApplied applyOfficeConfig(Database& db, const OfficeConfig& config) {
    const SystemClock clock;
    return applyOfficeConfig(db, config, clock);
}

ConfigApplied applyOfficeConfig(Database& db, const OfficeConfig& config, const Clock& clock) {
    Transaction tx(db);
    ConfigApplied applied;

    // Today's open tickets of services the file drops: who takes them over, before anything changes.
    struct Orphan {
        std::int64_t id;
        std::string number, state, service, prefix;
        std::int64_t updatedAt;
    };
    std::vector<Orphan> orphans;
    {
        const std::string today = BusinessCalendar(config.timeZone).dayOf(clock.now());
        Statement st(db,
                     "SELECT t.id, t.number, t.state, s.code, s.prefix, t.updated_at FROM tickets t "
                     "JOIN services s ON s.id = t.cur_service_id WHERE t.business_day = ? AND s.active = 1 "
                     "AND t.state IN ('waiting', 'called', 'serving', 'held') ORDER BY t.id");
        st.bind(1, today);
        while (st.step()) {
            const std::string code = st.getText(3);
            const bool kept = std::any_of(config.services.begin(), config.services.end(),
                                          [&](const ServiceConfig& s) { return s.code == code; });
            if (!kept) {
                orphans.push_back(
                    {st.getInt(0), st.getText(1), st.getText(2), code, st.getText(4), st.getInt(5)});
            }
        }
    }
    std::vector<std::string> stranded;
    for (const auto& o : orphans) {
        const bool takenOver = std::any_of(config.services.begin(), config.services.end(),
                                           [&](const ServiceConfig& s) { return s.prefix == o.prefix; });
        if (!takenOver) stranded.push_back(fmt::format("{} ({}, {})", o.number, o.service, o.state));
    }
    if (!stranded.empty()) {
        throw ConfigError(
            fmt::format("{} open ticket(s) of today belong to a service this file removes and no service "
                        "takes its prefix: "
                        "{}; serve, transfer or cancel them first, or keep the service until tomorrow "
                        "(nothing was changed)",
                        stranded.size(), fmt::join(stranded, ", ")));
    }

    db.exec("UPDATE services SET active = 0");
    Statement upsertService(
        db,
        "INSERT INTO services(code, name, name_en, prefix, daily_cap, sort_order, ticket_note, active) "
        "VALUES(?,?,?,?,?,?,?,1) "
        "ON CONFLICT(code) DO UPDATE SET name=excluded.name, name_en=excluded.name_en, "
        "prefix=excluded.prefix, "
        "daily_cap=excluded.daily_cap, sort_order=excluded.sort_order, ticket_note=excluded.ticket_note, "
        "active=1");
    // Prefixes are unique: park the old ones first so two services can swap prefixes.
    db.exec("UPDATE services SET prefix = '#' || id");
    int order = 0;
    for (const auto& s : config.services) {
        upsertService.bind(1, s.code)
            .bind(2, s.name)
            .bind(3, s.nameEn)
            .bind(4, s.prefix)
            .bind(5, s.dailyCap)
            .bind(6, ++order);
        upsertService.bind(7, s.ticketNote);
        upsertService.run();
        upsertService.reset();
    }

    // The service that took each orphan's prefix now holds it; the counters that call that service
    // call it, and its numbers go on after the orphan's (numbers are unique per prefix per day).
    if (!orphans.empty()) {
        const TimeMs now = clock.now();
        Statement move(
            db,
            "UPDATE tickets SET cur_service_id = (SELECT id FROM services WHERE prefix = ?), updated_at = ? "
            "WHERE id = ?");
        for (const auto& o : orphans) {
            const auto& to = *std::find_if(config.services.begin(), config.services.end(),
                                           [&](const ServiceConfig& s) { return s.prefix == o.prefix; });
            move.bind(1, o.prefix).bind(2, now).bind(3, o.id);
            move.run();
            move.reset();
            appendEventRow(db, EventRow{o.id,
                                        "service_renamed",
                                        now,
                                        std::nullopt,
                                        std::nullopt,
                                        std::nullopt,
                                        {{"from_service", o.service},
                                         {"to_service", to.code},
                                         {"from", o.state},
                                         {"reason", "the office config renamed the service"}},
                                        {}});
            applied.movedTickets.push_back(fmt::format("{} ({} → {})", o.number, o.service, to.code));
        }
    }

    db.exec("UPDATE counters SET active = 0");
    Statement upsertCounter(db,
                            "INSERT INTO counters(number, name, active) VALUES(?,?,1) "
                            "ON CONFLICT(number) DO UPDATE SET name=excluded.name, active=1");
    Statement clearLinks(
        db, "DELETE FROM counter_services WHERE counter_id = (SELECT id FROM counters WHERE number = ?)");
    Statement link(db,
                   "INSERT INTO counter_services(counter_id, service_id) "
                   "SELECT c.id, s.id FROM counters c, services s WHERE c.number = ? AND s.code = ?");
    for (const auto& c : config.counters) {
        upsertCounter.bind(1, c.number).bind(2, c.name);
        upsertCounter.run();
        upsertCounter.reset();
        clearLinks.bind(1, c.number);
        clearLinks.run();
        clearLinks.reset();
        for (const auto& code : c.services) {
            link.bind(1, c.number).bind(2, code);
            link.run();
            link.reset();
        }
    }

    db.exec("UPDATE staff SET active = 0");
    Statement upsertStaff(
        db,
        "INSERT INTO staff(login, name, role, pin_hash, active) VALUES(?,?,?,?,1) "
        "ON CONFLICT(login) DO UPDATE SET name=excluded.name, role=excluded.role, active=1, "
        "pin_hash=CASE WHEN excluded.pin_hash <> '' THEN excluded.pin_hash ELSE staff.pin_hash END");
    for (const auto& s : config.staff) {
        upsertStaff.bind(1, s.login).bind(2, s.name).bind(3, s.role).bind(4, s.pinHash);
        upsertStaff.run();
        upsertStaff.reset();
    }

    Statement upsertCategory(
        db,
        "INSERT INTO priority_categories(code, name, name_en, sort_order) VALUES(?,?,?,?) "
        "ON CONFLICT(code) DO UPDATE SET name=excluded.name, name_en=excluded.name_en, "
        "sort_order=excluded.sort_order");
    order = 0;
    for (const auto& p : config.priorities) {
        upsertCategory.bind(1, p.code).bind(2, p.name).bind(3, p.nameEn).bind(4, ++order);
        upsertCategory.run();
        upsertCategory.reset();
    }

    nlohmann::json office = {
        {"name", config.name},
        {"unit", config.unit},
        {"address", config.address},
        {"hotline", config.hotline},
        {"slogan", config.slogan},
        {"online_portal", config.onlinePortal},
        {"time_zone", config.timeZone},
        {"opening_hours_text", config.openingHoursText},
        {"clock_guard_days", config.clockGuardDays},
        {"printer",
         {{"uri", config.printer}, {"width_dots", config.printerWidthDots}, {"qr", config.printerQr}}},
        {"logo", config.logo},
        {"kiosk_dpi", config.kioskDpi},
        {"web",
         {{"public_url", config.web.publicUrl},
          {"take_online", config.web.takeOnline},
          {"per_phone_daily", config.web.perPhoneDaily},
          {"per_phone_per_service", config.web.perPhonePerService},
          {"per_address_per_hour", config.web.perAddressPerHour},
          {"online_checkin_minutes", config.web.onlineCheckinMinutes}}},
        {"appointments", appointmentSettings(config.appointments)},
    };
    nlohmann::json displayNames = nlohmann::json::object();
    for (const auto& c : config.counters)
        if (!c.displayName.empty()) displayNames[std::to_string(c.number)] = c.displayName;
    office["counter_display_names"] = displayNames;
    nlohmann::json definitions = nlohmann::json::object();
    for (const auto& p : config.priorities)
        if (!p.definition.empty() || !p.definitionEn.empty())
            definitions[p.code] = {{"vi", p.definition},
                                   {"en", p.definitionEn},
                                   {"basis", p.legalBasis},
                                   {"basis_en", p.legalBasisEn}};
    office["priority_definitions"] = definitions;
    nlohmann::json hours = nlohmann::json::array();
    for (const auto& h : config.openingHours) {
        hours.push_back(
            {{"days", h.weekdays}, {"open_minute", h.openMinute}, {"close_minute", h.closeMinute}});
    }
    office["opening_hours"] = hours;
    const auto& c = config.callOrder;
    nlohmann::json callOrder = {
        {"priority_interleave", c.priorityInterleave},        {"recall_limit", c.recallLimit},
        {"default_service_minutes", c.defaultServiceMinutes}, {"estimate_samples", c.estimateSamples},
        {"wait_target_minutes", c.waitTargetMinutes},
    };
    nlohmann::json rating = {{"levels", config.rating.levels},
                             {"timeout_seconds", config.rating.timeoutSeconds}};
    const auto& v = config.voice;
    nlohmann::json voice = {{"wording", v.wording},
                            {"numbers", v.numbers},
                            {"voice", v.voice},
                            {"rate_wpm", v.rateWpm},
                            {"repeats", v.repeats},
                            {"chime", v.chime},
                            {"clip_directory", v.clipDirectory}};
    Statement setSetting(
        db,
        "INSERT INTO settings(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value=excluded.value");
    setSetting.bind(1, "office").bind(2, office.dump());
    setSetting.run();
    setSetting.reset();
    setSetting.bind(1, "call_order").bind(2, callOrder.dump());
    setSetting.run();
    setSetting.reset();
    setSetting.bind(1, "rating").bind(2, rating.dump());
    setSetting.run();
    setSetting.reset();
    setSetting.bind(1, "voice").bind(2, voice.dump());
    setSetting.run();
    setSetting.reset();
    setSetting.bind(1, "issuing").bind(2, issuingSettings(config).dump());
    setSetting.run();
    setSetting.reset();
    setSetting.bind(1, "citizen_id").bind(2, citizenIdSettings(config.citizenId).dump());
    setSetting.run();
    tx.commit();
    return applied;
}

}  // namespace motcua::queue
