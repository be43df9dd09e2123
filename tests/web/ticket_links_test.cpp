#include "queue/ticket_links.h"

#include <sodium.h>

#include <catch2/catch.hpp>
#include <set>

#include "../queue/queue_fixture.h"

using motcua::queue::TicketLinks;
using namespace motcua::testing;

TEST_CASE("A ticket's token carries 128 random bits in 22 URL-safe characters", "[web][token]") {
    std::set<std::string> seen;
    for (int i = 0; i < 2000; ++i) {
        const auto token = TicketLinks::newToken();
        CAPTURE(token);
        REQUIRE(token.size() == 22);
        REQUIRE(TicketLinks::isToken(token));
        unsigned char bytes[32];
        std::size_t length = 0;
        REQUIRE(sodium_base642bin(bytes, sizeof bytes, token.data(), token.size(), nullptr, &length, nullptr,
                                  sodium_base64_VARIANT_URLSAFE_NO_PADDING) == 0);
        REQUIRE(length == 16);
        seen.insert(token);
    }
    REQUIRE(seen.size() == 2000);
}

TEST_CASE("Text that is not a token's shape is refused before any lookup", "[web][token]") {
    const auto text = GENERATE(as<std::string>{}, "", "abc", "AAAAAAAAAAAAAAAAAAAAA",
                               "AAAAAAAAAAAAAAAAAAAAAAA", "AAAAAAAAAAAAAAAAAAAA/A", "AAAAAAAAAAAAAAAAAAAA%2",
                               "AAAAAAAAAAAAAAAAAAAA A", "AAAAAAAAAAAAAAAAAAAAA'");
    CAPTURE(text);
    REQUIRE_FALSE(TicketLinks::isToken(text));
}

TEST_CASE("A short code is read however it is typed, and only from its alphabet", "[web][token]") {
    REQUIRE(TicketLinks::canonicalShortCode("abcde-fghjk") == "ABCDEFGHJK");
    REQUIRE(TicketLinks::canonicalShortCode(" ABCDE FGHJK ") == "ABCDEFGHJK");
    REQUIRE(TicketLinks::printedShortCode("ABCDEFGHJK") == "ABCDE-FGHJK");
    SECTION("confusable or foreign characters and wrong lengths are refused") {
        const auto text =
            GENERATE(as<std::string>{}, "ABCDE-FGHJ", "ABCDE-FGHJKL", "ABCDE-FGHJ0", "ABCDE-FGHJI",
                     "ABCDE-FGHJO", "ABCDE-FGHJ1", "ABCDE_FGHJK", "ÀBCDE-FGHJK", "");
        CAPTURE(text);
        REQUIRE_FALSE(TicketLinks::canonicalShortCode(text));
    }
    for (int i = 0; i < 200; ++i) REQUIRE(TicketLinks::canonicalShortCode(TicketLinks::newShortCode()));
}

TEST_CASE("A ticket has one link, found by its token or code on the ticket's day only", "[web][token]") {
    QueueFixture f;
    TicketLinks links(f.db);
    const auto ticket = f.queue->take("HT").value->ticket;
    const auto link = links.linkFor(ticket, f.clock.now());
    REQUIRE(links.linkFor(ticket, f.clock.now()).token == link.token);
    REQUIRE(links.linkFor(ticket, f.clock.now()).shortCode == link.shortCode);
    REQUIRE(links.ticketOfToken(link.token, ticket.businessDay) == ticket.id);
    REQUIRE(links.ticketOfShortCode(TicketLinks::printedShortCode(link.shortCode), ticket.businessDay) ==
            ticket.id);
    SECTION("another day does not know it") {
        REQUIRE_FALSE(links.ticketOfToken(link.token, "2026-12-01"));
        REQUIRE_FALSE(links.ticketOfShortCode(link.shortCode, "2026-12-01"));
    }
    SECTION("another ticket has another link") {
        const auto other = links.linkFor(f.queue->take("HT").value->ticket, f.clock.now());
        REQUIRE(other.token != link.token);
        REQUIRE(other.shortCode != link.shortCode);
    }
    SECTION("an unknown token of the right shape finds nothing") {
        REQUIRE_FALSE(links.ticketOfToken(TicketLinks::newToken(), ticket.businessDay));
    }
}
