#include "kiosk/web/signer.h"

#include <catch2/catch.hpp>

#include "kiosk/web/phone_limit.h"

using namespace motcua::web;

TEST_CASE("A signed value comes back only unchanged and from the same key", "[web][limits]") {
    Signer signer, other;
    const auto value = signer.sign("p1|2026-11-30|HT");
    REQUIRE(signer.verify(value) == "p1|2026-11-30|HT");
    REQUIRE_FALSE(other.verify(value));
    for (std::size_t i = 0; i < value.size(); ++i) {
        auto altered = value;
        altered[i] = altered[i] == 'A' ? 'B' : 'A';
        CAPTURE(i);
        REQUIRE_FALSE(signer.verify(altered) == "p1|2026-11-30|HT");
    }
    REQUIRE_FALSE(signer.verify(""));
    REQUIRE_FALSE(signer.verify("."));
    REQUIRE_FALSE(signer.verify(std::string(5000, 'A') + ".x"));
    REQUIRE_THROWS(Signer("short key"));
}

TEST_CASE("The phone's cookie counts today's numbers per field", "[web][limits]") {
    Signer signer;
    PhoneTakes takes = phoneTakes(signer, std::nullopt, "2026-11-30");
    REQUIRE(takes.services.empty());
    REQUIRE(checkPhoneLimit(takes, "HT", 2, 1) == PhoneLimit::Ok);
    takes.services.push_back("HT");
    const auto cookie = phoneCookieValue(signer, takes);
    const auto back = phoneTakes(signer, cookie, "2026-11-30");
    REQUIRE(back.services == std::vector<std::string>{"HT"});
    REQUIRE(checkPhoneLimit(back, "HT", 2, 1) == PhoneLimit::PerService);
    REQUIRE(checkPhoneLimit(back, "CT", 2, 1) == PhoneLimit::Ok);
    REQUIRE(checkPhoneLimit(back, "HT", 2, 2) == PhoneLimit::Ok);
    REQUIRE(checkPhoneLimit(back, "CT", 1, 1) == PhoneLimit::Daily);
    SECTION("a new day starts afresh") {
        REQUIRE(phoneTakes(signer, cookie, "2026-12-01").services.empty());
    }
    SECTION("another server's cookie counts for nothing") {
        Signer other;
        REQUIRE(phoneTakes(other, cookie, "2026-11-30").services.empty());
    }
}
