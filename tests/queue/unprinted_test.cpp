#include <catch2/catch.hpp>

#include "queue_fixture.h"

using namespace motcua::queue;
using namespace motcua::testing;

namespace {
std::vector<std::string> numbers(const std::vector<UnprintedTicket>& tickets) {
    std::vector<std::string> out;
    for (const auto& t : tickets) out.push_back(t.ticket.number);
    return out;
}

void printFailed(QueueFixture& f, const std::string& number, const std::string& error) {
    f.queue->recordDeviceEvent("print_failed", f.queue->findToday(number)->id,
                               {{"error", error}, {"printer", "usb:"}});
}

void printed(QueueFixture& f, const std::string& number, bool reprint) {
    f.queue->recordDeviceEvent("printed", f.queue->findToday(number)->id,
                               {{"reprint", reprint}, {"printer", "usb:"}});
}
}  // namespace

TEST_CASE("Tickets whose last print failed are listed until they are printed", "[queue][print]") {
    QueueFixture f;
    f.take("HT");  // A001: printed
    f.take("HT");  // A002: paper out
    f.take("CT");  // B001: failed, then reprinted
    f.take("HT");  // A003: printed, then a reprint failed
    printed(f, "A001", false);
    printFailed(f, "A002", "paper-out");
    printFailed(f, "B001", "timeout");
    printed(f, "A003", false);
    f.clock.advance(kMinute);
    printFailed(f, "A003", "cover-open");
    CHECK(numbers(f.queue->unprintedToday()) == std::vector<std::string>{"A002", "B001", "A003"});

    const auto list = f.queue->unprintedToday();
    CHECK(list[0].error == "paper-out");
    CHECK(list[0].failedAt == kMonday0800);
    CHECK(list[2].error == "cover-open");
    CHECK(list[2].failedAt == kMonday0800 + kMinute);
    CHECK(list[1].ticket.currentServiceName == "Chứng thực");
    CHECK(list[0].language == "vi");  // no language recorded: Vietnamese

    printed(f, "B001", true);
    CHECK(numbers(f.queue->unprintedToday()) == std::vector<std::string>{"A002", "A003"});

    SECTION("a ticket called meanwhile is still listed; one being served or cancelled is not") {
        REQUIRE(f.queue->callNumber(1, "A002").ok());
        CHECK(numbers(f.queue->unprintedToday()) == std::vector<std::string>{"A002", "A003"});
        REQUIRE(f.queue->start(1).ok());
        CHECK(numbers(f.queue->unprintedToday()) == std::vector<std::string>{"A003"});
        REQUIRE(f.queue->cancel("A003").ok());
        CHECK(f.queue->unprintedToday().empty());
    }
    SECTION("tickets of earlier days are not listed") {
        f.clock.advance(kDay);
        f.take("HT");
        CHECK(f.queue->unprintedToday().empty());
    }
    SECTION("the event log is not changed by reading it") {
        const auto events = f.eventCount();
        f.queue->unprintedToday();
        CHECK(f.eventCount() == events);
    }
}

TEST_CASE("The language the ticket was printed in comes back for its reprint", "[queue][print]") {
    QueueFixture f;
    f.take("HT");  // A001: English
    f.take("HT");  // A002: Vietnamese
    f.queue->recordDeviceEvent("print_failed", f.queue->findToday("A001")->id,
                               {{"error", "paper-out"}, {"printer", "usb:"}, {"language", "en"}});
    f.queue->recordDeviceEvent("print_failed", f.queue->findToday("A002")->id,
                               {{"error", "paper-out"}, {"printer", "usb:"}, {"language", "vi"}});
    const auto list = f.queue->unprintedToday();
    REQUIRE(list.size() == 2);
    CHECK(list[0].language == "en");
    CHECK(list[1].language == "vi");
}
