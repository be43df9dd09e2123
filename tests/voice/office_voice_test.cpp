#include "kiosk/voice/office_voice.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace motcua::voice;

TEST_CASE("Voice settings come from the office's [voice] section", "[voice][config]") {
    auto office = voiceSettingsFromOffice({{"wording", "Xin mời số {number} đến quầy {counter}"},
                                           {"numbers", "number"},
                                           {"voice", "vi-vn-x-south"},
                                           {"rate_wpm", 140},
                                           {"repeats", 3},
                                           {"chime", false},
                                           {"clip_directory", ""}},
                                          "/opt/clips");
    CHECK(office.problems.empty());
    CHECK(office.settings.espeak.voice == "vi-vn-x-south");
    CHECK(office.settings.espeak.rateWpm == 140);
    CHECK(office.settings.announcer.repeats == 3);
    CHECK_FALSE(office.settings.announcer.chime);
    CHECK(office.settings.announcer.reading.ticketNumber == NumberStyle::AsNumber);
    CHECK(office.settings.announcer.wording.source() == "Xin mời số {number} đến quầy {counter}");
    CHECK(office.settings.clipDirectory == "/opt/clips");
}

TEST_CASE("A broken wording is reported and the default used", "[voice][config]") {
    auto office = voiceSettingsFromOffice({{"wording", "Mời số {number"}}, "");
    REQUIRE(office.problems.size() == 1);
    CHECK_THAT(office.problems[0], Catch::Contains("voice.wording"));
    CHECK(office.settings.announcer.wording.source() == AnnouncementTemplate::kDefault);
    CHECK(voiceSettingsFromOffice(nullptr, "x").problems.empty());
}
