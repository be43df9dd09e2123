#include "queue/office_config.h"

#include <fmt/format.h>
#include <sys/stat.h>

#include <catch2/catch.hpp>

#include "queue_fixture.h"
#include "replay.h"
#include "text/normalize.h"

using namespace motcua::queue;
using namespace motcua::testing;

namespace {
std::string errorOf(const std::string& toml) {
    try {
        parseOfficeConfig(toml, "office.toml");
    } catch (const ConfigError& e) {
        return e.what();
    }
    return {};
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    return text.replace(at, from.size(), to);
}
}  // namespace

TEST_CASE("The bundled office config describes this office", "[config]") {
    const auto config = loadOfficeConfig(sourcePath("assets/office.toml"));
    CHECK(config.name == "UBND phường Ngô Quyền");
    CHECK(config.timeZone == "Asia/Ho_Chi_Minh");
    CHECK(config.services.size() >= 5);
    CHECK(config.counters.size() >= 4);
    CHECK(config.counters.size() <= 6);
    CHECK(config.priorities.size() >= 4);
    CHECK(config.services[0].name == "Hộ tịch");
    for (const auto& s : config.services) CHECK(motcua::text::isNfc(s.name));
}

TEST_CASE("Config errors name the file, the line and the key", "[config]") {
    struct Case {
        std::string from, to, expect;
    };
    auto c = GENERATE(
        Case{"name = \"Quầy 1\"", "name = \"Quầy 1\"\ncolour = \"red\"", "counters.colour: unknown key"},
        Case{"prefix = \"B\"", "prefix = \"A\"", "services.prefix: prefix A is used twice"},
        Case{"services = [\"HT\"]", "services = [\"HT\", \"QQ\"]",
             "counters.services: unknown service code QQ"},
        Case{"name = \"UBND phường Thử Nghiệm\"", "name = \"X\"\ntime_zone = \"Mars/Olympus\"",
             "office.time_zone: unknown time zone"},
        Case{"recall_limit = 2", "recall_limit = -1", "call_order.recall_limit: must be between 0 and 20"},
        Case{"recall_limit = 2", "recall_limit = \"two\"", "call_order.recall_limit: must be a whole number"},
        Case{"code = \"HT\"", "code = \"H T\"", "services.code: use 1-16 letters"},
        Case{"[[counters]]\nnumber = 2", "[[counters]]\nnumber = 1", "counter 1 is defined twice"},
        Case{"prefix = \"A\"", "prefix = \"a1\"", "use 1-3 capital letters"},
        Case{"daily_cap = 5", "daily_cap = 0", "services.daily_cap: must be between 1 and 9999"},
        Case{"[call_order]", "[call_order\n", "office.toml:"});
    CAPTURE(c.from, c.to);
    CHECK_THAT(errorOf(replaced(kTestOfficeToml, c.from, c.to)), Catch::Contains(c.expect));
}

TEST_CASE("Config problems beyond typos", "[config]") {
    CHECK_THAT(errorOf("[office]\nname = \"X\"\n"), Catch::Contains("at least one [[services]]"));
    CHECK_THAT(errorOf(""), Catch::Contains("missing [office] table"));
    CHECK_THAT(errorOf(std::string("[office]\nname = \"\xff\"\n")), Catch::Contains("not valid UTF-8"));
    CHECK_THAT(errorOf(std::string(kTestOfficeToml) +
                       "\n[[staff]]\nlogin = \"a\"\nname = \"A\"\npin_hash = \"1234\"\n"),
               Catch::Contains("staff.pin_hash: must be an Argon2id hash"));
    CHECK_THAT(
        errorOf(std::string(kTestOfficeToml) + "\n[[staff]]\nlogin = \"a\"\nname = \"A\"\nrole = \"boss\"\n"),
        Catch::Contains("staff.role"));
    CHECK_THAT(errorOf(std::string(kTestOfficeToml) +
                       "\n[[opening_hours]]\ndays = [1]\nopen = \"8h\"\nclose = \"12:00\"\n"),
               Catch::Contains("opening_hours.open: must be HH:MM"));
    CHECK_THROWS_WITH(loadOfficeConfig("/nonexistent/office.toml"),
                      Catch::Contains("/nonexistent/office.toml") && Catch::Contains("cannot read"));
    CHECK(errorOf("[office]\nname = \"X\"\ncolour = \"red\"\n")
              .rfind("office.toml:3: office.colour: unknown key", 0) == 0);
}

TEST_CASE("Text is normalised to NFC when the config is read", "[config]") {
    // "Hộ tịch" typed with combining marks (NFD).
    const std::string nfd = "Ho\xcc\xa3\xcc\x82 ti\xcc\xa3\x63h";
    auto config = parseOfficeConfig(replaced(kTestOfficeToml, "name = \"Hộ tịch\"", "name = \"" + nfd + "\""),
                                    "x.toml");
    CHECK(config.services[0].name == "Hộ tịch");
}

TEST_CASE("Applying a config again updates in place and retires what was removed", "[config]") {
    QueueFixture f;
    f.take("XH");
    // Drop XH and counter 3's link to it.
    std::string smaller = kTestOfficeToml;
    smaller = replaced(smaller, "services = [\"CT\", \"XH\"]", "services = [\"CT\"]");
    smaller = replaced(
        smaller, "[[services]]\ncode = \"XH\"\nname = \"Lao động – Thương binh – Xã hội\"\nprefix = \"C\"\n",
        "");
    const auto events = f.eventCount();
    SECTION("while a citizen still waits for it, nothing changes and the ticket is named") {
        try {
            applyOfficeConfig(f.db, parseOfficeConfig(smaller, "x.toml"), f.clock);
            FAIL("retired a service with a citizen waiting");
        } catch (const ConfigError& e) {
            CHECK_THAT(e.what(),
                       Catch::Contains("C001 (XH, waiting)") && Catch::Contains("nothing was changed"));
        }
        CHECK(f.db.queryInt("SELECT active FROM services WHERE code = 'XH'") == 1);
        CHECK(f.eventCount() == events);
    }
    SECTION("once its tickets are served or cancelled") {
        REQUIRE(f.queue->cancel("C001").ok());
        applyOfficeConfig(f.db, parseOfficeConfig(smaller, "x.toml"), f.clock);
        CHECK(f.db.queryInt("SELECT active FROM services WHERE code = 'XH'") == 0);
        CHECK(f.db.queryInt("SELECT COUNT(*) FROM tickets") == 1);
        CHECK(f.queue->take("XH").outcome == Outcome::NotFound);
    }
    SECTION("tickets of earlier days do not hold it back") {
        f.clock.advance(kDay);
        applyOfficeConfig(f.db, parseOfficeConfig(smaller, "x.toml"), f.clock);
        CHECK(f.db.queryInt("SELECT active FROM services WHERE code = 'XH'") == 0);
    }
}

TEST_CASE("A service renamed during the day keeps its waiting citizens and its numbers go on",
          "[config][numbering]") {
    QueueFixture f;
    CHECK(f.take("HT") == "A001");
    CHECK(f.take("HT") == "A002");
    f.callNext(1);  // A001 at counter 1
    // HT becomes HTX with the same prefix, called by the same counters.
    std::string renamed = replaced(kTestOfficeToml, "code = \"HT\"", "code = \"HTX\"");
    renamed = replaced(renamed, "services = [\"HT\"]", "services = [\"HTX\"]");
    renamed = replaced(renamed, "services = [\"HT\", \"CT\"]", "services = [\"HTX\", \"CT\"]");
    const auto applied = applyOfficeConfig(f.db, parseOfficeConfig(renamed, "renamed.toml"), f.clock);
    CHECK(applied.movedTickets == std::vector<std::string>{"A001 (HT → HTX)", "A002 (HT → HTX)"});
    CHECK(f.db.queryInt("SELECT COUNT(*) FROM events WHERE kind = 'service_renamed'") == 2);
    // Numbers go on after the retired service's: no second A001 today.
    CHECK(f.take("HTX") == "A003");
    CHECK(f.queue->findToday("A001")->currentServiceCode == "HTX");
    REQUIRE(f.queue->finish(1).outcome == Outcome::NotAllowed);  // A001 is called, not serving
    REQUIRE(f.queue->start(1).ok());
    REQUIRE(f.queue->finish(1).ok());
    CHECK(f.callNext(1) == "A002");
    CHECK(f.queue->status().services[0].code == "HTX");
    CHECK(f.db.queryInt("SELECT COUNT(*) FROM (SELECT number FROM tickets GROUP BY business_day, number "
                        "HAVING COUNT(*) > 1) AS repeated") == 0);
    checkTicketsMatchEvents(f.db, *f.queue);
}

TEST_CASE("The [voice] section is checked and stored for the display", "[config]") {
    CHECK_THAT(errorOf(std::string(kTestOfficeToml) + "\n[voice]\nwording = \"Mời {so} đến quầy\"\n"),
               Catch::Contains("voice.wording: unknown placeholder {so}"));
    CHECK_THAT(errorOf(std::string(kTestOfficeToml) + "\n[voice]\nwording = \"Mời đến quầy {counter}\"\n"),
               Catch::Contains("must contain {number}"));
    CHECK_THAT(errorOf(std::string(kTestOfficeToml) + "\n[voice]\nnumbers = \"roman\"\n"),
               Catch::Contains("voice.numbers"));
    CHECK_THAT(errorOf(std::string(kTestOfficeToml) + "\n[voice]\nrepeats = 9\n"),
               Catch::Contains("voice.repeats"));
    QueueFixture f(std::string(kTestOfficeToml) + "\n[voice]\nvoice = \"vi-vn-x-south\"\nrepeats = 3\n");
    Statement st(
        f.db,
        Sql{"SELECT json_extract(value, '$.voice'), json_extract(value, '$.repeats') FROM settings "
            "WHERE key = 'voice'",
            "SELECT value::jsonb->>'voice', value::jsonb->>'repeats' FROM settings WHERE key = 'voice'"});
    REQUIRE(st.step());
    CHECK(st.getText(0) == "vi-vn-x-south");
    CHECK(st.getInt(1) == 3);
}

TEST_CASE("An office config that is not a regular file, or is too large, is refused at once", "[config]") {
    TempDir dir;
    const auto fifo = dir / "office.toml";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    const auto refusedWith = [](const std::filesystem::path& path, const std::string& expected) {
        return finishesWithin(std::chrono::seconds(10), [&] {
            try {
                loadOfficeConfig(path);
            } catch (const ConfigError& e) {
                return std::string(e.what()).find(expected) != std::string::npos &&
                       std::string(e.what()).rfind(path.string() + ":0: ", 0) == 0;
            }
            return false;
        });
    };
    CHECK(refusedWith(fifo, "a FIFO"));                   // used to wait for a writer for ever
    CHECK(refusedWith("/dev/zero", "character device"));  // used to read until memory ran out
    CHECK(refusedWith(dir.path(), "a folder"));
    const auto big = dir / "big.toml";
    writeFile(big, std::string(kTestOfficeToml) + "\n" + std::string(2 << 20, '#') + "\n");
    CHECK(refusedWith(big, "too large"));
    CHECK(refusedWith("/nonexistent/office.toml", "No such file"));
}

TEST_CASE("Control characters in names are refused with file, line and key", "[config]") {
    struct Case {
        std::string from, to, expect;
    };
    auto c = GENERATE(
        Case{"name = \"Hộ tịch\"", "name = \"Hộ\\u001B[2Jtịch\"",
             "office.toml:6: services.name: contains the control "
             "character U+001B (ESC)"},
        Case{"name = \"Quầy 1\"", "name = \"Quầy\\u00071\"",
             "office.toml:22: counters.name: contains the control "
             "character U+0007 (BEL)"},
        Case{"name = \"UBND phường Thử Nghiệm\"", "name = \"UBND\\tphường\"",
             "office.toml:2: office.name: contains "
             "the control character U+0009 (tab)"},
        Case{"name = \"Người cao tuổi\"", "name = \"\"\"Người\ncao tuổi\"\"\"",
             "priority_categories.name: contains the control character U+000A (new line)"},
        Case{"name = \"Chứng thực\"", "name = \"Chứng \\u202Ethực\"", "U+202E (a text-direction control)"},
        Case{"name = \"Hộ tịch\"", "name = \"Hộ tịch\\u0085\"", "U+0085"},
        Case{"[call_order]", "[[staff]]\nlogin = \"an\"\nname = \"Nguyễn\\u001BVăn An\"\n\n[call_order]",
             "staff.name: contains the control character U+001B"});
    CAPTURE(c.to);
    CHECK_THAT(errorOf(replaced(kTestOfficeToml, c.from, c.to)), Catch::Contains(c.expect));
}

TEST_CASE("The printer URI must have a scheme motcua can print to", "[config]") {
    const auto withPrinter = [](const std::string& uri) {
        return std::string(kTestOfficeToml) + "\n[printer]\nuri = \"" + uri + "\"\n";
    };
    for (const std::string uri : {"ftp://evil", "http://printer.local/", "usb", "lpr:queue", "", "USB:"}) {
        CAPTURE(uri);
        CHECK_THAT(errorOf(withPrinter(uri)),
                   Catch::Contains("printer.uri:") &&
                       (Catch::Contains("unknown printer") || Catch::Contains("must not be empty")));
    }
    const std::string evil = withPrinter("ftp://evil");
    const auto line =
        std::count(evil.begin(), evil.begin() + static_cast<std::ptrdiff_t>(evil.find("uri =")), '\n') + 1;
    CHECK_THAT(errorOf(evil), Catch::StartsWith(fmt::format(
                                  "office.toml:{}: printer.uri: unknown printer 'ftp://evil'", line)));
    for (const std::string uri :
         {"usb:", "usb:0416:5011", "cups:POS80", "tcp:192.168.1.50:9100", "file:/tmp/t.bin", "none"}) {
        CAPTURE(uri);
        CHECK(parseOfficeConfig(withPrinter(uri), "office.toml").printer == uri);
    }
}

TEST_CASE("The kiosk's logo and screen density and the counters' short names are checked and stored",
          "[config]") {
    CHECK_THAT(errorOf(std::string(kTestOfficeToml) + "\n[kiosk]\ndpi = 20\n"), Catch::Contains("kiosk.dpi"));
    CHECK_THAT(errorOf(std::string(kTestOfficeToml) + "\n[kiosk]\nsize = 3\n"),
               Catch::Contains("unknown key"));
    std::string toml = replaced(kTestOfficeToml, "[office]\n", "[office]\nlogo = \"/etc/motcua/logo.png\"\n");
    toml = replaced(toml, "number = 1\n", "number = 1\ndisplay_name = \"Hộ tịch\"\n");
    toml = replaced(toml, "name = \"Người cao tuổi\"\n",
                    "name = \"Người cao tuổi\"\ndefinition = \"Từ đủ 60 tuổi\"\n"
                    "legal_basis = \"Luật Người cao tuổi 2009, Điều 2\"\n");
    toml += "\n[kiosk]\ndpi = 102\n";
    const auto config = parseOfficeConfig(toml, "office.toml");
    CHECK(config.logo == "/etc/motcua/logo.png");
    CHECK(config.kioskDpi == 102);
    CHECK(config.counters.front().displayName == "Hộ tịch");
    QueueFixture f(toml);
    const auto office = f.queue->office();  // the stored office setting, read back through the store
    CHECK(office["logo"] == "/etc/motcua/logo.png");
    CHECK(office["kiosk_dpi"] == 102);
    CHECK(office["counter_display_names"]["1"] == "Hộ tịch");
    CHECK(office["priority_definitions"]["cao_tuoi"]["vi"] == "Từ đủ 60 tuổi");
    CHECK(office["priority_definitions"]["cao_tuoi"]["basis"] == "Luật Người cao tuổi 2009, Điều 2");
}

TEST_CASE("A priority definition names its legal basis, and a basis comes with a definition", "[config]") {
    const std::string category = "name = \"Người cao tuổi\"\n";
    CHECK_THAT(errorOf(replaced(kTestOfficeToml, category, category + "definition = \"Từ đủ 60 tuổi\"\n")),
               Catch::Contains("priority_categories.legal_basis") && Catch::Contains("needs the law"));
    CHECK_THAT(errorOf(replaced(kTestOfficeToml, category, category + "legal_basis = \"Luật 2009\"\n")),
               Catch::Contains("priority_categories.definition"));
    // The example office: every category either has both, or neither (no source: no line at the kiosk).
    const auto example = loadOfficeConfig(std::filesystem::path(MOTCUA_SOURCE_DIR) / "assets/office.toml");
    int defined = 0;
    for (const auto& p : example.priorities) {
        CAPTURE(p.code);
        CHECK(p.definition.empty() == p.legalBasis.empty());
        CHECK(p.definitionEn.empty() == p.definition.empty());
        CHECK(p.legalBasisEn.empty() == p.legalBasis.empty());
        defined += p.definition.empty() ? 0 : 1;
    }
    CHECK(defined == 3);
}
