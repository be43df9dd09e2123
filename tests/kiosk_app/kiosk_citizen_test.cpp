// The citizen's ID card at the kiosk (issue 19): a keyboard-wedge scanner types the card's QR in a
// burst (or a chip reader hands over the card); the kiosk reads it, offers the elderly priority from
// the birth date, and applies the office's per-citizen limits with a "đã hết số hôm nay" screen. Scripted
// runs in both orientations, large text and English, checked against the database and the screen.
#include <fmt/format.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <deque>
#include <memory>

#include "kiosk/kiosk_app/card_reader.h"
#include "kiosk/kiosk_app/search_screen.h"
#include "kiosk_fixture.h"
#include "queue/citizen_card.h"

using namespace motcua;
using motcua::testing::KioskFixture;

namespace {

// Made-up citizens: born 12/03/1966 (60 or over from 12/03/2026) and born 01/01/2001.
const std::string kElderlyCard =
    "001166012345|012345678|Nguyễn Thị Thử|12031966|Nữ|Số 1 phố Hàng Thử|15042021";
const std::string kYoungCard = "001201054321||Trần Văn Mẫu|01012001|Nam|Số 2 phố Hàng Mẫu|02022022";

// The example office with the ID card switched on (2 numbers a day, 1 per field) and its key in the
// test's folder, as `motcua init` would make it.
void enableCards(KioskFixture& f) {
    f.reconfigure([&](queue::OfficeConfig& config) {
        config.citizenId.enabled = true;
        config.citizenId.keyFile = (f.dir / "citizen.key").string();
        queue::CitizenKey::loadOrCreate(config.citizenId.keyFile);
    });
}

std::string quoted(const std::string& text) {
    return "\"" + text + "\"";
}

// A scanner: the whole line 2 ms a character, then Enter.
std::string scan(const std::string& card) {
    return "type " + quoted(card) + " 2\nkey Return\nwait 100\n";
}

void requireOk(const ui::ScriptOutcome& outcome, const std::string& script) {
    INFO(ui::formatOutcome(outcome, script));
    REQUIRE(outcome.ok);
}

ui::ScriptOutcome runText(KioskFixture& f, const std::string& name, const std::string& script) {
    const auto path = f.dir / name;
    testing::writeFile(path, script);
    return f.program->runScript(path);
}

}  // namespace

TEST_CASE("A scanned ID card gives the elderly priority and the citizen's limits, in words",
          "[kiosk][citizen]") {
    const ui::Size size = GENERATE(ui::Size{1080, 1920}, ui::Size{1920, 1080});
    const std::string mode = GENERATE(as<std::string>{}, "vi", "en", "large");
    CAPTURE(size.width, size.height, mode);
    KioskFixture f(size, "citizen-" + mode);
    enableCards(f);
    f.start();
    const bool en = mode == "en";
    const auto take = [&](const std::string& shot) {
        std::string s;
        if (en)
            s += "tap \"Civil status\"\n";
        else
            s += "tap \"Hộ tịch\"\n";
        if (shot == "2") s += en ? "expect \"already chosen\"\n" : "expect \"đã chọn sẵn\"\n";
        s += "screenshot " + shot + "-confirm.png\n";
        s += en ? "tap \"Confirm and print\"\n" : "tap \"Xác nhận lấy số\"\n";
        s += "wait 100\nscreenshot " + shot + "-ticket.png\n";
        return s;
    };

    // First visit: the card at the welcome screen starts the visit; the birth date chooses priority.
    std::string script = "wait 1100\n";
    if (en || mode == "large") {
        script += "tap \"Chạm vào màn hình để bắt đầu\"\n";
        script += en ? "tap \"English\"\n" : "tap \"Chữ lớn\"\n";
        script += scan(kElderlyCard);
        script += en ? "tap \"Take a queue number\"\n" : "tap \"Lấy số thứ tự\"\n";
    } else {
        script += scan(kElderlyCard);
    }
    script += en ? "expect \"Your ID card has been read.\"\n" : "expect \"Đã đọc thẻ căn cước.\"\n";
    script += en ? "expect \"Choose the service you need\"\n" : "expect \"Chọn lĩnh vực cần giải quyết\"\n";
    script += "screenshot 1-card-read.png\n";
    script += take("2");
    script += "expect \"A001\"\n";
    script += en ? "tap \"Done\"\n" : "tap \"Xong\"\n";
    requireOk(runText(f, "visit1.txt", script), script);

    // Second visit, same card, same field: the per-field limit.
    script = "wait 1100\ntap \"Chạm vào màn hình để bắt đầu\"\n";
    if (en) script += "tap \"English\"\n";
    if (mode == "large") script += "tap \"Chữ lớn\"\n";
    script += scan(kElderlyCard);
    script += en ? "tap \"Take a queue number\"\n" : "tap \"Lấy số thứ tự\"\n";
    script += take("3");
    script += en ? "expect \"No more numbers today\"\n" : "expect \"Đã hết số hôm nay\"\n";
    script += en ? "expect \"https://dichvucong.gov.vn\"\n" : "expect \"nộp hồ sơ trực tuyến\"\n";
    requireOk(runText(f, "visit2.txt", script), script);

    auto db = f.openDb();
    CHECK(db.queryInt("SELECT COUNT(*) FROM tickets") == 1);
    CHECK(db.queryInt("SELECT COUNT(*) FROM tickets WHERE priority = 'cao_tuoi' AND citizen IS NOT NULL") ==
          1);
    CHECK(db.queryInt("SELECT COUNT(*) FROM events WHERE kind = 'limit_refused'") == 1);
    const auto reference = db.queryInt("SELECT id FROM events WHERE kind = 'limit_refused'");
    // The reference a supervisor lifts the limit with (the lines of a wrapped label joined again).
    std::string all;
    for (const auto& t : f.program->app().visibleTexts()) all += t.text + " ";
    CHECK_THAT(all, Catch::Contains((en ? "reference: " : "mã hỗ trợ: ") + std::to_string(reference)));
}

TEST_CASE("A young citizen's card chooses no priority; a person typing the same line is no scan",
          "[kiosk][citizen]") {
    KioskFixture f(ui::Size{1080, 1920}, "citizen-typed");
    enableCards(f);
    f.start();
    // Typed at 120 ms a key, as a person types: nothing is read, the welcome screen stays.
    std::string script = "wait 1100\ntype " + quoted(kYoungCard) + " 120\nkey Return\nwait 100\n";
    script += "expect \"Chạm vào màn hình để bắt đầu\"\nscreenshot 1-typed.png\n";
    requireOk(runText(f, "typed.txt", script), script);
    CHECK(f.program->session().citizen() == std::nullopt);

    // The same line from the scanner: read, no priority chosen (born 2001).
    script = scan(kYoungCard) + "expect \"Đã đọc thẻ căn cước.\"\ntap \"Hộ tịch\"\n";
    script += "expect \"Ông/bà có thuộc diện ưu tiên không?\"\nscreenshot 2-confirm.png\n";
    script += "tap \"Xác nhận lấy số\"\nwait 100\nexpect \"A001\"\n";
    requireOk(runText(f, "scanned.txt", script), script);
    REQUIRE(f.program->session().citizen());
    CHECK_FALSE(f.program->session().citizen()->elderly);
    auto db = f.openDb();
    CHECK(db.queryInt("SELECT COUNT(*) FROM tickets WHERE priority IS NULL AND citizen IS NOT NULL") == 1);
}

TEST_CASE("A malformed or truncated scan is said and changes nothing", "[kiosk][citizen]") {
    const ui::Size size = GENERATE(ui::Size{1080, 1920}, ui::Size{1920, 1080});
    KioskFixture f(size, "citizen-malformed");
    enableCards(f);
    f.start();
    const auto eventsBefore = f.openDb().queryInt("SELECT COUNT(*) FROM events");
    const std::string bad[] = {
        kElderlyCard.substr(0, kElderlyCard.size() - 4),                      // truncated
        "00116601234X|012345678|Nguyễn Thị Thử|12031966|Nữ|Hà Nội|15042021",  // not digits
        "001167012345|012345678|Nguyễn Thị Thử|12031966|Nữ|Hà Nội|15042021",  // birth year does not match
    };
    std::string script = "wait 1100\n";
    for (const auto& line : bad) {
        script += scan(line);
        script += "expect \"Không đọc được thẻ căn cước. Xin mời ông/bà quét lại mã QR trên thẻ.\"\n";
        script += "expect \"Chạm vào màn hình để bắt đầu\"\n";
    }
    script += "screenshot 1-unreadable.png\n";
    requireOk(runText(f, "bad.txt", script), script);
    CHECK(f.program->session().citizen() == std::nullopt);
    CHECK(f.openDb().queryInt("SELECT COUNT(*) FROM events") == eventsBefore);
    // Nothing of the lines reached the log but what was wrong.
    for (const auto& line : f.log) {
        CHECK(line.find("Nguyễn") == std::string::npos);
        CHECK(line.find("0011660") == std::string::npos);
    }
}

TEST_CASE(
    "A card scanned while the search field has the keys: read, and the field keeps what the person typed",
    "[kiosk][citizen][search]") {
    KioskFixture f(ui::Size{1080, 1920}, "citizen-search");
    enableCards(f);
    f.start();
    // A person types "khai sinh" into the search field, then holds the card to the scanner: its keys
    // reach the field before the burst is known to be a scan; once it is, the field gets them back.
    std::string script = "tap 600 700\ntap \"Tìm kiếm\"\nwait 100\ntype \"khai sinh\" 150\nwait 500\n";
    script += scan(kYoungCard);
    script += "expect \"Đã đọc thẻ căn cước.\"\nscreenshot 1-search-after-scan.png\n";
    requireOk(runText(f, "search.txt", script), script);
    REQUIRE(f.program->session().citizen());
    auto* search = dynamic_cast<kiosk::SearchScreen*>(f.program->app().screens().top());
    REQUIRE(search);
    CHECK(search->query() == "khai sinh");
    bool shown = false;
    for (const auto& t : f.program->app().visibleTexts())
        shown = shown || t.text.find("001201054321") != std::string::npos;
    CHECK_FALSE(shown);  // nothing of the card stays on the screen
}

namespace {

// The ID card's chip reader at the hardware's edge (no reader in CI): hands the kiosk the readings
// the test queues, one a frame, as a driver's thread would.
struct QueuedCardReader final : kiosk::CardReader {
    std::shared_ptr<std::deque<queue::CardReading>> readings =
        std::make_shared<std::deque<queue::CardReading>>();
    std::optional<queue::CardReading> poll() override {
        if (readings->empty()) return std::nullopt;
        auto r = readings->front();
        readings->pop_front();
        return r;
    }
    std::string describe() const override { return "test chip reader"; }
};

queue::CardReading chipCard(const std::string& number, int year, int month, int day) {
    return queue::CardReading{queue::CitizenCard{number, {year, month, day}}, queue::CardProblem::Empty};
}

}  // namespace

TEST_CASE("A card on the chip reader is read as its scanned QR would be", "[kiosk][citizen][chip]") {
    const ui::Size size = GENERATE(ui::Size{1080, 1920}, ui::Size{1920, 1080});
    KioskFixture f(size, "citizen-chip");
    enableCards(f);
    QueuedCardReader reader;
    auto readings = reader.readings;
    auto options = f.options();
    options.cardReader = [&reader] { return std::make_unique<QueuedCardReader>(reader); };
    f.start(options);
    CHECK(std::find(f.log.begin(), f.log.end(), "ID card chip reader: test chip reader") != f.log.end());

    // Unreadable: the reader's own problem, a number that is not 12 digits, a number whose
    // birth-year digits disagree with the birth date, a birth date after today. Each is said and
    // changes nothing.
    const auto eventsBefore = f.openDb().queryInt("SELECT COUNT(*) FROM events");
    const std::string unreadable =
        "expect \"Không đọc được thẻ căn cước. Xin mời ông/bà đặt lại thẻ lên đầu đọc thẻ.\"\n"
        "expect \"Chạm vào màn hình để bắt đầu\"\n";
    std::string script = "wait 1100\n";  // the program is started
    for (const auto& bad : {queue::CardReading{std::nullopt, queue::CardProblem::NotCardLayout},
                            chipCard("00116601234", 1966, 3, 12), chipCard("00116601234X", 1966, 3, 12),
                            chipCard("001167012345", 1966, 3, 12), chipCard("001266012345", 2066, 3, 12)}) {
        readings->push_back(bad);
        script += unreadable;
        if (readings->size() == 1 && bad.problem == queue::CardProblem::NotCardLayout)
            script += "screenshot 0-chip-unreadable.png\n";
        script += "wait 5100\n";  // the banner goes away before the next one
        requireOk(runText(f, "bad.txt", script), script);
        script = "wait 100\n";
    }
    CHECK(f.program->session().citizen() == std::nullopt);
    CHECK(f.openDb().queryInt("SELECT COUNT(*) FROM events") == eventsBefore);

    // The elderly citizen's card (born 12/03/1966): the visit starts, priority chosen, the number
    // counts against the citizen's limits like a scanned card's.
    readings->push_back(chipCard("001166012345", 1966, 3, 12));
    script = "wait 100\nexpect \"Đã đọc thẻ căn cước.\"\nexpect \"Chọn lĩnh vực cần giải quyết\"\n";
    script += "screenshot 1-chip-read.png\ntap \"Hộ tịch\"\nexpect \"đã chọn sẵn\"\n";
    script += "tap \"Xác nhận lấy số\"\nwait 100\nexpect \"A001\"\ntap \"Xong\"\n";
    requireOk(runText(f, "read.txt", script), script);
    auto db = f.openDb();
    CHECK(db.queryInt("SELECT COUNT(*) FROM tickets WHERE priority = 'cao_tuoi' AND citizen IS NOT NULL") ==
          1);

    // The same card scanned as a QR is the same citizen: the per-field limit applies.
    script = "wait 1100\n" + scan(kElderlyCard) + "tap \"Hộ tịch\"\ntap \"Xác nhận lấy số\"\nwait 100\n";
    script += "expect \"Đã hết số hôm nay\"\n";
    requireOk(runText(f, "qr.txt", script), script);
    CHECK(db.queryInt("SELECT COUNT(*) FROM tickets") == 1);
    for (const auto& line : f.log) CHECK(line.find("0011660") == std::string::npos);
}

TEST_CASE("A chip reader at a kiosk that reads no ID cards is not used", "[kiosk][citizen][chip]") {
    KioskFixture f(ui::Size{1080, 1920}, "citizen-chip-off");
    QueuedCardReader reader;
    auto readings = reader.readings;
    auto options = f.options();
    options.cardReader = [&reader] { return std::make_unique<QueuedCardReader>(reader); };
    f.start(options);
    CHECK(std::find(f.log.begin(), f.log.end(),
                    "ID card chip reader: test chip reader (not used: the office reads no ID cards)") !=
          f.log.end());
    readings->push_back(chipCard("001166012345", 1966, 3, 12));
    const std::string script = "wait 1100\nexpect \"Chạm vào màn hình để bắt đầu\"\n";
    requireOk(runText(f, "off.txt", script), script);
    CHECK(readings->empty());  // asked, and dropped
    CHECK(f.program->session().citizen() == std::nullopt);
}
