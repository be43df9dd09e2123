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

TEST_CASE("A print that may have printed, and one started with no outcome yet, are listed as such",
          "[queue][print]") {
    QueueFixture f;
    f.take("HT");  // A001: the printer took it all, then reported paper out
    f.take("HT");  // A002: started, nothing since (printing now, or the kiosk was killed)
    f.take("HT");  // A003: started, then printed
    f.take("HT");  // A004: started, then not printed
    auto id = [&](const std::string& number) { return f.queue->findToday(number)->id; };
    f.queue->recordDeviceEvent("print_started", id("A001"), {{"job", "h:1:1"}, {"printer", "usb:"}});
    f.queue->recordDeviceEvent(
        "print_failed", id("A001"),
        {{"job", "h:1:1"}, {"error", "paper-out"}, {"outcome", "unknown"}, {"reached", "all"}});
    f.queue->recordDeviceEvent("print_started", id("A002"), {{"job", "h:1:2"}, {"host", "h"}, {"pid", 4242}});
    f.queue->recordDeviceEvent("print_started", id("A003"), {{"job", "h:1:3"}});
    f.queue->recordDeviceEvent("printed", id("A003"), {{"job", "h:1:3"}, {"reprint", false}});
    f.queue->recordDeviceEvent("print_started", id("A004"), {{"job", "h:1:4"}});
    f.queue->recordDeviceEvent(
        "print_failed", id("A004"),
        {{"job", "h:1:4"}, {"error", "timeout"}, {"outcome", "not_printed"}, {"reached", "part"}});

    const auto list = f.queue->unprintedToday();
    REQUIRE(numbers(list) == std::vector<std::string>{"A001", "A002", "A004"});
    CHECK(list[0].last == UnprintedTicket::Last::MaybePrinted);
    CHECK(list[0].error == "paper-out");
    CHECK(list[1].last == UnprintedTicket::Last::Unfinished);
    CHECK(list[1].error.empty());
    CHECK(list[1].detail.value("pid", 0) == 4242);
    CHECK(list[1].detail.value("host", std::string()) == "h");
    CHECK(list[2].last == UnprintedTicket::Last::NotPrinted);
    CHECK(list[2].error == "timeout");
}
