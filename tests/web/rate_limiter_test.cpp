#include "kiosk/web/rate_limiter.h"

#include <catch2/catch.hpp>

using motcua::web::RateLimiter;

TEST_CASE("A key may make its limit of requests per window, then waits for the next window",
          "[web][limits]") {
    RateLimiter limiter(3, 60'000);
    REQUIRE(limiter.allow("10.0.0.1", 1000));
    REQUIRE(limiter.allow("10.0.0.1", 2000));
    REQUIRE(limiter.remaining("10.0.0.1", 2000) == 1);
    REQUIRE(limiter.allow("10.0.0.1", 3000));
    REQUIRE_FALSE(limiter.allow("10.0.0.1", 4000));
    REQUIRE(limiter.remaining("10.0.0.1", 4000) == 0);
    SECTION("other keys are counted apart") {
        REQUIRE(limiter.allow("10.0.0.2", 4000));
    }
    SECTION("a new window starts a window's length after the first request") {
        REQUIRE_FALSE(limiter.allow("10.0.0.1", 60'999));
        REQUIRE(limiter.allow("10.0.0.1", 61'000));
        REQUIRE(limiter.remaining("10.0.0.1", 61'000) == 2);
    }
    SECTION("a clock set back starts a new window rather than locking the key out") {
        REQUIRE(limiter.allow("10.0.0.1", 500));
    }
}

TEST_CASE("The limiter keeps at most its number of keys and forgets only expired ones", "[web][limits]") {
    RateLimiter limiter(1, 1000, 3);
    REQUIRE(limiter.allow("a", 0));
    REQUIRE(limiter.allow("b", 0));
    REQUIRE(limiter.allow("c", 500));
    // Full, nothing expired: a new key is refused rather than someone's count forgotten.
    REQUIRE_FALSE(limiter.allow("d", 900));
    REQUIRE(limiter.keys() == 3);
    // a and b expired: they make room.
    REQUIRE(limiter.allow("d", 1200));
    REQUIRE(limiter.keys() == 2);
    REQUIRE_FALSE(limiter.allow("c", 1200));
}
