// Appointments ([appointments], queue/appointments.h): slots from the opening windows and the
// calendar, booking with capacity and per-phone limits, refusals that change nothing, check-in at the
// kiosk with channel "appointment", the call order serving a checked-in appointment first from its
// slot's start, and expiry after the slot's end plus the grace. On both stores.
#include <catch2/catch.hpp>

#include "queue/appointments.h"
#include "queue/ticket_links.h"
#include "queue_fixture.h"

using namespace motcua::queue;
using namespace motcua::testing;

namespace {

// Monday 30/11/2026 is kMonday0800's day.
const std::string kMonday = "2026-11-30";
const std::string kTuesday = "2026-12-01";
const std::string kWednesday = "2026-12-02";
const std::string kHolderA = "phoneAAAAAAAAAAAAAAAAA";
const std::string kHolderB = "phoneBBBBBBBBBBBBBBBBBB";
const std::string kHolderC = "phoneCCCCCCCCCCCCCCCCCC";

std::string appointmentOffice(const std::string& appointments =
                                  "enabled = true\ndays_ahead = 2\nslot_minutes = 30\ncapacity = 2\n"
                                  "grace_minutes = 15\nper_phone_daily = 2\nper_phone_per_service = 1\n") {
    TestOffice office = queueTestOffice();
    office.openingHours = {{{1, 2, 3, 4, 5}, "08:00", "11:00"}, {{1, 2, 3, 4, 5}, "13:30", "17:00"}};
    return office.toml() + "\n[appointments]\n" + appointments;
}

struct AppointmentFixture : QueueFixture {
    explicit AppointmentFixture(const std::string& toml = appointmentOffice())
        : QueueFixture(toml), book(*queue, clock) {}
    std::int64_t appointments() { return db.queryInt("SELECT COUNT(*) FROM appointments"); }
    Appointment booked(const std::string& service, const std::string& day, int minute,
                       const std::string& holder = kHolderA) {
        auto b = book.book(service, day, minute, holder);
        if (!b.ok()) throw std::runtime_error("book failed: " + b.messageEn);
        return *b.appointment;
    }
    AppointmentBook book;
};

}  // namespace

TEST_CASE("Bookable days are today and the next working days; slots follow the opening windows",
          "[queue][appointments]") {
    AppointmentFixture f;
    CHECK(f.book.bookableDays() == std::vector<std::string>{kMonday, kTuesday, kWednesday});

    const auto slots = f.book.slots("HT", kTuesday);
    REQUIRE(slots.size() == 13);  // 08:00–11:00: 6 of 30 minutes; 13:30–17:00: 7
    CHECK(slotText(slots.front().startMinute, slots.front().endMinute) == "08:00–08:30");
    CHECK(slotText(slots[5].startMinute, slots[5].endMinute) == "10:30–11:00");
    CHECK(slotText(slots[6].startMinute, slots[6].endMinute) == "13:30–14:00");
    CHECK(slotText(slots.back().startMinute, slots.back().endMinute) == "16:30–17:00");
    CHECK(slots.front().capacity == 2);
    CHECK(slots.front().bookable());

    // Today at 08:00 the first slot has begun.
    const auto today = f.book.slots("HT", kMonday);
    REQUIRE(today.size() == 13);
    CHECK(today[0].past);
    CHECK_FALSE(today[1].past);

    SECTION("the weekend is skipped") {
        f.clock.advance(4 * kDay);  // Friday 04/12
        CHECK(f.book.bookableDays() == std::vector<std::string>{"2026-12-04", "2026-12-07", "2026-12-08"});
        CHECK(f.book.slots("HT", "2026-12-05").empty());
    }
    SECTION("off: no day is bookable") {
        AppointmentFixture off(appointmentOffice("enabled = false\n"));
        CHECK(off.book.bookableDays().empty());
        CHECK(off.book.slots("HT", kTuesday).empty());
        const auto b = off.book.book("HT", kTuesday, 9 * 60, kHolderA);
        CHECK(b.refusal == BookingRefusal::Disabled);
        CHECK(off.appointments() == 0);
    }
}

TEST_CASE("A booking gets a code of the ticket link's standard, found typed in any form",
          "[queue][appointments]") {
    AppointmentFixture f;
    const auto a = f.booked("HT", kTuesday, 9 * 60);
    CHECK(a.code.size() == 10);
    CHECK(TicketLinks::canonicalShortCode(a.code) == a.code);
    CHECK(a.serviceCode == "HT");
    CHECK(a.day == kTuesday);
    CHECK(a.startMinute == 540);
    CHECK(a.endMinute == 570);
    CHECK(a.state == AppointmentState::Booked);

    std::string typed = TicketLinks::printedShortCode(a.code);
    for (auto& c : typed) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const auto found = f.book.find(typed);
    REQUIRE(found);
    CHECK(found->id == a.id);
    CHECK_FALSE(f.book.find("not a code"));

    // Nothing about the citizen is stored: the holder is the phone's random id.
    CHECK(f.db.queryInt("SELECT COUNT(*) FROM appointments WHERE holder = '" + kHolderA + "'") == 1);
    CHECK(f.book.ofHolder(kHolderA).size() == 1);
    CHECK(f.book.ofHolder(kHolderB).empty());
}

TEST_CASE("Booking refuses full, past and closed slots with clear messages and changes nothing",
          "[queue][appointments]") {
    AppointmentFixture f;
    f.booked("HT", kTuesday, 9 * 60, kHolderA);
    f.booked("HT", kTuesday, 9 * 60, kHolderB);
    const auto before = f.appointments();

    struct Case {
        std::string service, day;
        int minute;
        BookingRefusal refusal;
    };
    const auto c = GENERATE(Case{"HT", kTuesday, 540, BookingRefusal::SlotFull},
                            Case{"HT", kMonday, 480, BookingRefusal::SlotPast},
                            Case{"HT", "2026-11-29", 540, BookingRefusal::DayNotBookable},  // yesterday
                            Case{"HT", "2026-12-05", 540, BookingRefusal::DayNotBookable},  // Saturday
                            Case{"HT", "2026-12-03", 540, BookingRefusal::DayNotBookable},  // 3 days ahead
                            Case{"HT", "not a day", 540, BookingRefusal::DayNotBookable},
                            Case{"HT", kTuesday, 545, BookingRefusal::NoSuchSlot},      // not a slot's start
                            Case{"HT", kTuesday, 11 * 60, BookingRefusal::NoSuchSlot},  // the break
                            Case{"HT", kTuesday, 17 * 60, BookingRefusal::NoSuchSlot},  // after closing
                            Case{"QQ", kTuesday, 540, BookingRefusal::UnknownService});
    CAPTURE(c.service, c.day, c.minute);
    const auto b = f.book.book(c.service, c.day, c.minute, kHolderC);
    CHECK_FALSE(b.ok());
    REQUIRE(b.refusal);
    CHECK(*b.refusal == c.refusal);
    CHECK(b.messageEn.find("nothing was booked") != std::string::npos);
    CHECK_FALSE(refusalVi(*b.refusal, f.book.config()).empty());
    CHECK(f.appointments() == before);

    SECTION("a malformed phone id is refused") {
        CHECK(f.book.book("HT", kTuesday, 600, "short").refusal == BookingRefusal::BadHolder);
        CHECK(f.book.book("HT", kTuesday, 600, "phone id with spaces....").refusal ==
              BookingRefusal::BadHolder);
        CHECK(f.appointments() == before);
    }
}

TEST_CASE("A phone books at most per_phone_per_service of a field and per_phone_daily a day",
          "[queue][appointments]") {
    AppointmentFixture f;
    f.booked("HT", kTuesday, 9 * 60);
    const auto sameField = f.book.book("HT", kTuesday, 10 * 60, kHolderA);
    CHECK(sameField.refusal == BookingRefusal::PhoneServiceLimit);
    CHECK(refusalVi(BookingRefusal::PhoneServiceLimit, f.book.config()) ==
          "Mỗi điện thoại được đặt tối đa 1 lịch hẹn cho một lĩnh vực trong một ngày.");
    f.booked("CT", kTuesday, 10 * 60);
    const auto third = f.book.book("XH", kTuesday, 10 * 60, kHolderA);
    CHECK(third.refusal == BookingRefusal::PhoneDailyLimit);
    CHECK(f.appointments() == 2);
    // Another day, or another phone, is not limited by these.
    f.booked("XH", kWednesday, 10 * 60);
    f.booked("XH", kTuesday, 10 * 60, kHolderB);
    CHECK(f.appointments() == 4);
}

TEST_CASE("Checking in issues a number with channel appointment, once", "[queue][appointments]") {
    AppointmentFixture f;
    const auto a = f.booked("HT", kMonday, 9 * 60);
    f.clock.advanceMinutes(10);
    const auto in = f.queue->checkIn(TicketLinks::printedShortCode(a.code));
    REQUIRE(in.problem == CheckInProblem::None);
    REQUIRE(in.result.ok());
    const auto& ticket = in.result.value->ticket;
    CHECK(ticket.number == "A001");
    CHECK(ticket.serviceCode == "HT");
    REQUIRE(ticket.dueAt);
    CHECK(*ticket.dueAt == kMonday0800 + 60 * kMinute);
    const auto events = f.queue->events(0);
    REQUIRE_FALSE(events.empty());
    CHECK(events.back().kind == "issue");
    CHECK(events.back().detail["channel"] == "appointment");
    CHECK(f.book.find(a.code)->state == AppointmentState::CheckedIn);
    CHECK(f.book.find(a.code)->ticketNumber == "A001");

    const auto eventsBefore = f.eventCount();
    const auto again = f.queue->checkIn(a.code);
    CHECK(again.problem == CheckInProblem::AlreadyCheckedIn);
    CHECK_FALSE(again.result.ok());
    REQUIRE(again.appointment);
    CHECK(again.appointment->ticketNumber == "A001");
    CHECK(f.eventCount() == eventsBefore);

    SECTION("unknown, malformed and other days' codes are refused, changing nothing") {
        CHECK(f.queue->checkIn("ABCDE-FGHJK").problem == CheckInProblem::UnknownCode);
        CHECK(f.queue->checkIn("01").problem == CheckInProblem::BadCode);
        const auto tomorrow = f.booked("CT", kTuesday, 9 * 60);
        const auto early = f.queue->checkIn(tomorrow.code);
        CHECK(early.problem == CheckInProblem::OtherDay);
        CHECK(early.appointment->day == kTuesday);
        CHECK(f.eventCount() == eventsBefore);
        CHECK(f.book.find(tomorrow.code)->state == AppointmentState::Booked);
    }
}

TEST_CASE("A checked-in appointment is called first from its slot's start, before that like a walk-in",
          "[queue][appointments][call_order]") {
    AppointmentFixture f;
    const auto a = f.booked("HT", kMonday, 9 * 60);  // 09:00–09:30
    f.clock.advanceMinutes(5);
    CHECK(f.take("HT") == "A001");  // a walk-in at 08:05
    f.clock.advanceMinutes(5);
    REQUIRE(f.queue->checkIn(a.code).result.ok());  // A002 at 08:10, due 09:00
    f.clock.advanceMinutes(2);
    CHECK(f.take("HT") == "A003");  // a walk-in at 08:12
    f.clock.advanceMinutes(2);
    CHECK(f.take("HT") == "A004");

    // 08:20: the slot has not begun, the appointment waits in its place.
    f.clock.advanceMinutes(6);
    const auto early = f.queue->queueFor(1);
    REQUIRE(early.waiting.size() == 4);
    CHECK(early.waiting[0].number == "A001");
    CHECK(early.waiting[1].number == "A002");
    CHECK(f.callNext(1) == "A001");
    REQUIRE(f.queue->start(1).ok());
    REQUIRE(f.queue->finish(1).ok());

    // 09:00: the slot begins; A002 goes ahead of A003, and the console says why.
    f.clock.set(kMonday0800 + 60 * kMinute);
    f.take("HT");  // A005, a walk-in at 09:00
    const auto due = f.queue->queueFor(1);
    REQUIRE(due.waiting.size() == 4);
    CHECK(due.waiting[0].number == "A002");
    REQUIRE(due.next);
    CHECK(due.next->reason == CallReason::Appointment);
    CHECK(due.nextReasonVi == "Lịch hẹn 09:00: đã đến giờ hẹn");
    CHECK(due.nextReasonEn == "appointment 09:00: its slot has begun");
    const auto called = f.queue->callNext(1);
    REQUIRE(called.ok());
    CHECK(called.value->ticket.number == "A002");
    CHECK(called.value->reason == CallReason::Appointment);
    CHECK(called.value->reasonVi == "Lịch hẹn 09:00: đã đến giờ hẹn");
    CHECK(f.queue->events(0).back().detail["reason"] == "appointment");
    REQUIRE(f.queue->start(1).ok());
    REQUIRE(f.queue->finish(1).ok());
    // Then the walk-ins in their order.
    CHECK(f.callNext(1) == "A003");
}

TEST_CASE("An appointment not checked in by its slot's end plus the grace is expired",
          "[queue][appointments]") {
    AppointmentFixture f;
    const auto a = f.booked("HT", kMonday, 9 * 60);  // ends 09:30, grace 15 minutes
    const auto b = f.booked("CT", kMonday, 9 * 60);
    f.clock.set(kMonday0800 + 104 * kMinute);  // 09:44
    CHECK(f.queue->checkIn(a.code).result.ok());
    f.clock.set(kMonday0800 + 106 * kMinute);  // 09:46
    const auto events = f.eventCount();
    const auto late = f.queue->checkIn(b.code);
    CHECK(late.problem == CheckInProblem::Late);
    CHECK(late.result.outcome == Outcome::NotAllowed);
    CHECK(f.eventCount() == events);

    const auto day = f.book.ofDay(kMonday);
    REQUIRE(day.size() == 2);
    CHECK(day[0].state == AppointmentState::CheckedIn);
    CHECK(day[0].ticketNumber == "A001");
    CHECK(day[1].state == AppointmentState::Expired);
    CHECK(f.queue->checkIn(b.code).problem == CheckInProblem::Late);
}

TEST_CASE("The office config's [appointments] is checked", "[queue][appointments][config]") {
    const auto bad =
        GENERATE(std::string("slot_minutes = 2"), std::string("capacity = 0"), std::string("days_ahead = 31"),
                 std::string("enabled = \"yes\""), std::string("colour = 1"));
    CAPTURE(bad);
    CHECK_THROWS_AS(parseOfficeConfig(appointmentOffice(bad + "\n"), "office.toml"), ConfigError);
    const auto ok = parseOfficeConfig(appointmentOffice(), "office.toml");
    CHECK(ok.appointments.enabled);
    CHECK(ok.appointments.daysAhead == 2);
    CHECK(ok.appointments.capacity == 2);
    CHECK(appointmentConfigFromSettings({{"appointments", appointmentSettings(ok.appointments)}})
              .graceMinutes == 15);
}

TEST_CASE("A booking is cancelled by its phone or by staff, freeing its place; never once checked in",
          "[queue][appointments][cancel]") {
    // Capacity 2 of appointmentOffice: two phones fill the 09:00 slot of Tuesday.
    AppointmentFixture f;
    const auto a = f.booked("HT", kTuesday, 9 * 60, kHolderA);
    f.booked("HT", kTuesday, 9 * 60, kHolderB);
    CHECK(f.book.book("HT", kTuesday, 9 * 60, kHolderC).refusal == BookingRefusal::SlotFull);

    // Another phone cannot cancel it; a malformed holder neither; nothing changes.
    CHECK(f.book.cancel(a.id, kHolderB).refusal == CancelRefusal::Unknown);
    CHECK(f.book.cancel(a.id, std::string("x")).refusal == CancelRefusal::Unknown);
    CHECK(f.book.cancel(a.id + 100, kHolderA).refusal == CancelRefusal::Unknown);
    CHECK(f.book.find(a.code)->state == AppointmentState::Booked);

    const auto done = f.book.cancel(a.id, kHolderA);
    REQUIRE(done.ok());
    CHECK(done.appointment->code == a.code);
    CHECK(f.book.find(a.code)->state == AppointmentState::Cancelled);
    CHECK(f.book.cancel(a.id, kHolderA).refusal == CancelRefusal::NotBooked);
    CHECK(f.book.cancel(a.id, std::nullopt).refusal == CancelRefusal::NotBooked);
    // The place is free again, and a cancelled code is not checked in.
    CHECK(f.book.book("HT", kTuesday, 9 * 60, kHolderC).ok());
    f.clock.advance(kDay + 65 * kMinute);  // Tuesday 09:05
    CHECK(f.queue->checkIn(a.code).problem == CheckInProblem::Cancelled);

    SECTION("staff cancel any booking, but not one checked in") {
        const auto c = *f.book.find(f.booked("CT", kWednesday, 9 * 60, kHolderA).code);
        CHECK(f.book.cancel(c.id, std::nullopt).ok());
        const auto inToday = f.booked("XH", kTuesday, 9 * 60 + 30, kHolderB);
        f.clock.advanceMinutes(30);
        REQUIRE(f.queue->checkIn(inToday.code).result.ok());
        CHECK(f.book.cancel(inToday.id, std::nullopt).refusal == CancelRefusal::NotBooked);
        CHECK(f.book.find(inToday.code)->state == AppointmentState::CheckedIn);
    }
}

TEST_CASE("People ahead count the checked-in appointments whose slot begins before one's call",
          "[queue][appointments][estimate]") {
    AppointmentFixture
        f;  // 5 minutes a citizen by default; HT is served by counters 1 and 2: a call each 2.5 min
    const auto a = f.booked("HT", kMonday, 9 * 60);  // 09:00–09:30
    for (int i = 0; i < 6; ++i) f.take("HT");        // A001…A006 at 08:00
    f.clock.set(kMonday0800 + 50 * kMinute);
    const auto in = f.queue->checkIn(a.code);  // A007 at 08:50, due 09:00
    REQUIRE(in.result.ok());
    // Its own number: as a walk-in six are ahead (15 min), but its slot comes first: the four calls
    // until 09:00 are ahead of it, and it is expected at 09:00.
    CHECK(in.result.value->ahead == 4);
    CHECK(in.result.value->estimatedWaitSeconds == 10 * 60);

    // A003 expects its call at 08:55, before the slot: the appointment is not ahead of it.
    CHECK(f.queue->estimate("A003")->ahead == 2);
    // A006 expects it at 09:02:30, after the slot begins: the appointment goes first.
    CHECK(f.queue->estimate("A006")->ahead == 6);
    CHECK(f.queue->estimate("A006")->estimatedWaitSeconds == 15 * 60);
    CHECK(f.queue->estimate("A007")->ahead == 4);

    // The live page says the same.
    TicketLinks links(f.db);
    const auto six = f.queue->findToday("A006");
    REQUIRE(six);
    links.linkFor(*six, f.clock.now());
    LiveTickets live(f.db, f.queue->callOrder());
    const auto pages = live.today(f.queue->businessDay(), f.clock.now());
    REQUIRE(pages.count(six->id) == 1);
    CHECK(pages.at(six->id).ahead == 6);
    CHECK(pages.at(six->id).waitSeconds == 15 * 60);

    // 09:00: the slot has begun. Everyone waits behind it, a new priority number too; it waits for no one.
    f.clock.set(kMonday0800 + 60 * kMinute);
    CHECK(f.queue->estimate("A001")->ahead == 1);
    CHECK(f.queue->estimate("A007")->ahead == 0);
    CHECK(f.queue->estimate("A007")->estimatedWaitSeconds == 0);
    const auto priority = f.queue->take("HT", std::string("cao_tuoi"));
    REQUIRE(priority.ok());
    CHECK(priority.value->ahead == 1);
    const auto walkIn = f.queue->take("HT");
    REQUIRE(walkIn.ok());
    CHECK(walkIn.value->ahead == 8);  // every waiting number, the appointment and the priority one included
    // And the call order agrees: the appointment is called first.
    CHECK(f.callNext(1) == "A007");
}
