#include "kiosk/display_app/lobby_state.h"

#include <catch2/catch.hpp>

#include "display_fixture.h"
#include "kiosk/display_app/display_app.h"

using namespace motcua;
using namespace motcua::display;
using namespace motcua::display::testing;

namespace {
queue::Event event(std::string kind, std::string number, int counter, bool priority = false) {
    queue::Event e;
    e.kind = std::move(kind);
    e.number = std::move(number);
    e.counter = counter;
    e.serviceCode = "HT";
    e.detail = {{"priority", priority}};
    return e;
}
}  // namespace

TEST_CASE("Calls become the latest, a recall moves its number to the front, other events are not calls",
          "[display][state]") {
    LobbyState state;
    CHECK(state.apply(event("call", "A001", 1)));
    CHECK(state.apply(event("call", "A002", 2, true)));
    CHECK_FALSE(state.apply(event("finish", "A001", 1)));
    const auto recall = state.apply(event("recall", "A002", 2));
    REQUIRE(recall);
    CHECK(recall->recall);
    CHECK(recall->priority);  // kept from the call
    REQUIRE(state.recentCalls().size() == 2);
    CHECK(state.recentCalls()[0].number == "A002");
    CHECK(state.recentCalls()[1].number == "A001");
    for (int i = 3; i < 20; ++i) state.apply(event("call", "A0" + std::to_string(i), 1));
    CHECK(state.recentCalls().size() == LobbyState::kRecentCalls);
    CHECK(state.recentCalls()[0].number == "A019");
}

TEST_CASE("Dates are written the Vietnamese way in the office's time zone", "[display][state]") {
    queue::BusinessCalendar calendar("Asia/Ho_Chi_Minh");
    CHECK(vietnameseDate(calendar, kMonday0800) == "Thứ Hai, 30/11/2026");
    CHECK(vietnameseDate(calendar, kMonday0800 + 6 * 86'400'000LL) == "Chủ Nhật, 06/12/2026");
    // 23:30 UTC on Monday is already Tuesday in Hà Nội.
    CHECK(vietnameseDate(calendar, kMonday0800 + 16 * 3'600'000LL) == "Thứ Ba, 01/12/2026");
}

TEST_CASE("The ticker leaves out what the office did not fill in", "[display][state]") {
    OfficeInfo office =
        OfficeInfo::from({{"name", "UBND"}, {"slogan", "Vì nhân dân phục vụ"}, {"hotline", ""}});
    const auto lines = office.tickerLines();
    REQUIRE(lines.size() == 1);
    CHECK(lines[0] == "Vì nhân dân phục vụ");
}

TEST_CASE("The lobby's voice comes from the office's voice section, else the northern defaults",
          "[display][voice]") {
    motcua::testing::TempDir dir;
    auto db = initialiseOffice(dir / "motcua.db", officeToml(4));
    std::vector<std::string> log;
    const auto sink = [&](const std::string& l) { log.push_back(l); };
    const auto defaults = lobbyVoiceSettings(db, sink);
    CHECK(defaults.espeak.voice == "vi");
    CHECK(defaults.announcer.reading.ticketNumber == voice::NumberStyle::DigitByDigit);
    CHECK(log.empty());

    auto custom = initialiseOffice(dir / "custom.db", officeToml(4) + R"(
[voice]
voice = "vi-vn-x-south"
numbers = "number"
repeats = 3
chime = false
wording = "Mời số {number} đến quầy {counter}"
)");
    const auto settings = lobbyVoiceSettings(custom, sink);
    CHECK(settings.espeak.voice == "vi-vn-x-south");
    CHECK(settings.announcer.reading.ticketNumber == voice::NumberStyle::AsNumber);
    CHECK(settings.announcer.repeats == 3);
    CHECK_FALSE(settings.announcer.chime);
    CHECK(settings.announcer.wording.source() == "Mời số {number} đến quầy {counter}");
}
