#include "kiosk/voice/announcement_text.h"

#include <catch2/catch.hpp>

using namespace motcua::voice;

namespace {

std::vector<std::string> clips(const AnnouncementText& text) {
    std::vector<std::string> out;
    for (const Phrase& p : text.phrases) out.push_back(p.kind == Phrase::Kind::Pause ? p.text : p.clip);
    return out;
}

AnnouncementTemplate parsed(std::string_view text) {
    auto result = AnnouncementTemplate::parse(text);
    INFO(result.error);
    REQUIRE(result.value.has_value());
    return *result.value;
}

}  // namespace

TEST_CASE("the default announcement reads the number digit by digit and the counter as a number",
          "[voice][text]") {
    const AnnouncementText text = composeAnnouncement({.ticketNumber = "A012", .counterNumber = 2});
    CHECK(text.sentence() == "Kính mời công dân có số thứ tự a không một hai, đến quầy số hai");
    CHECK(clips(text) == std::vector<std::string>{"kinh_moi_cong_dan_co_so_thu_tu", "chu-a", "so-0", "so-1",
                                                  "so-2", ",", "den_quay_so", "so-2"});
}

TEST_CASE("ticket numbers read as a number drop leading zeros", "[voice][text]") {
    const ReadingSettings asNumber{.ticketNumber = NumberStyle::AsNumber};
    const auto [ticket, spoken] = GENERATE(table<std::string, std::string>({
        {"A012", "a mười hai"},
        {"B105", "bê một trăm linh năm"},
        {"C1012", "xê một nghìn không trăm mười hai"},
        {"Đ021", "đê hai mươi mốt"},
        {"d000", "dê không"},
        {"F-7", "ép bảy"},
        {"12", "mười hai"},
        {"AB3", "a bê ba"},
    }));
    CAPTURE(ticket);
    AnnouncementText text{readTicketNumber(ticket, asNumber)};
    CHECK(text.sentence() == spoken);
}

TEST_CASE("a counter number above nine is read as a number", "[voice][text]") {
    const AnnouncementText text = composeAnnouncement({.ticketNumber = "E5", .counterNumber = 12});
    CHECK(text.sentence() == "Kính mời công dân có số thứ tự e năm, đến quầy số mười hai");
    const AnnouncementText southern = composeAnnouncement(
        {.ticketNumber = "E5", .counterNumber = 21},
        {.ticketNumber = NumberStyle::AsNumber, .numbers = {.zeroTens = ZeroTensWord::Le}});
    CHECK(southern.sentence() == "Kính mời công dân có số thứ tự e năm, đến quầy số hai mươi mốt");
}

TEST_CASE("templates fill names and drop optional parts without a value", "[voice][text]") {
    const AnnouncementTemplate t =
        parsed("Xin mời số {number} đến quầy số {counter}[, {counter_name}][, lĩnh vực {field}].");
    const ReadingSettings settings;
    SECTION("all values") {
        const AnnouncementText text = t.render(
            {.ticketNumber = "B7", .counterNumber = 3, .counterName = "Tư pháp", .fieldName = "Chứng thực"},
            settings);
        CHECK(text.sentence() == "Xin mời số bê bảy đến quầy số ba, Tư pháp, lĩnh vực Chứng thực.");
        CHECK(clips(text) == std::vector<std::string>{"xin_moi_so", "chu-b", "so-7", "den_quay_so", "so-3",
                                                      ",", "tu_phap", ",", "linh_vuc", "chung_thuc", "."});
    }
    SECTION("no names") {
        const AnnouncementText text = t.render({.ticketNumber = "B7", .counterNumber = 3}, settings);
        CHECK(text.sentence() == "Xin mời số bê bảy đến quầy số ba.");
    }
    SECTION("no counter: the placeholder outside brackets is left empty") {
        const AnnouncementText text = t.render({.ticketNumber = "B7", .fieldName = "Hộ tịch"}, settings);
        CHECK(text.sentence() == "Xin mời số bê bảy đến quầy số, lĩnh vực Hộ tịch.");
    }
}

TEST_CASE("a template with a mistake is refused with a message", "[voice][text]") {
    const auto [text, fragment] = GENERATE(table<std::string, std::string>({
        {"Mời số {numbr}", "unknown placeholder {numbr}"},
        {"Mời số {number", "without a closing"},
        {"Mời số number}", "without an opening"},
        {"Mời số {number} [quầy {counter}", "'[' without a closing ']'"},
        {"Mời số {number} quầy]", "']' without an opening '['"},
        {"Mời số {number} [[{counter}]]", "do not nest"},
        {"Mời số {number} [xin cảm ơn]", "without a placeholder"},
        {"Mời quầy {counter}", "must contain {number}"},
    }));
    CAPTURE(text);
    const auto result = AnnouncementTemplate::parse(text);
    CHECK_FALSE(result.value.has_value());
    CHECK_THAT(result.error, Catch::Contains(fragment));
}

TEST_CASE("clip slugs drop Vietnamese marks and keep tones apart only through the word table",
          "[voice][text]") {
    CHECK(clipSlug("Kính mời công dân có số thứ tự") == "kinh_moi_cong_dan_co_so_thu_tu");
    CHECK(clipSlug("ĐẾN QUẦY SỐ") == "den_quay_so");
    CHECK(clipSlug("  Tư pháp – Hộ tịch ") == "tu_phap_ho_tich");
    CHECK(clipSlug("Quầy 2") == "quay_2");
    // Decomposed input (as copied from some systems) gives the same name.
    CHECK(clipSlug("Ki\u0301nh mo\u031b\u0300i") == "kinh_moi");
    CHECK(clipSlug(",") == "");
}

TEST_CASE("punctuation becomes pauses, never two in a row and never first", "[voice][text]") {
    const AnnouncementTemplate t = parsed(", , Mời {number}.. đến quầy {counter}!");
    const AnnouncementText text = t.render({.ticketNumber = "A1", .counterNumber = 1}, {});
    CHECK(text.sentence() == "Mời a một. đến quầy một!");
    int pauses = 0;
    for (std::size_t i = 0; i < text.phrases.size(); ++i) {
        if (text.phrases[i].kind != Phrase::Kind::Pause) continue;
        ++pauses;
        REQUIRE(i > 0);
        CHECK(text.phrases[i - 1].kind != Phrase::Kind::Pause);
    }
    CHECK(pauses == 2);
}
