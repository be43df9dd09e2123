// Appointments (issue 21, point 3): a citizen books a time slot of a service on motcua-web's
// /dat-lich, gets a code (and its QR), and checks in at the kiosk by typing or scanning it; the
// kiosk then issues a number that the call order serves first from the slot's start (README, "Call
// order"; QueueService::checkIn). The office sets it up in [appointments] of office.toml
// (AppointmentConfig).
//
// The rules, written once here:
//  - bookable days: today and the next days_ahead working days of the office calendar (days with an
//    opening window: holidays, days off and weekends without a make-up day are skipped);
//  - slots: from each of the day's issuing windows (the service's cut-off applied to the last one),
//    every slot_minutes from the window's start, each ending inside its window; each holds
//    `capacity` bookings per service;
//  - refused, changing nothing: booking off, an unknown service, a day not bookable (closed, past,
//    too far), a time that is not a slot, a slot that has begun, a full slot, and a phone over its
//    limits (per_phone_daily bookings a day, per_phone_per_service of one service a day);
//  - a booking not checked in by its slot's end plus grace_minutes is expired.
// The code is 10 characters of the ticket links' alphabet (50 random bits, libsodium), the same
// standard as a ticket's short code; it names the booking and nothing about the citizen. The holder
// is motcua-web's random id of the phone (its signed cookie), not a person.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "queue/appointment_store.h"
#include "queue/clock.h"
#include "queue/office_config.h"

namespace motcua::queue {

class QueueService;

struct AppointmentSlot {
    int startMinute = 0, endMinute = 0;  // minutes after local midnight
    int capacity = 0;
    int booked = 0;
    bool past = false;  // the slot has begun (today only)
    bool full() const { return booked >= capacity; }
    bool bookable() const { return !past && !full(); }
};

enum class BookingRefusal {
    Disabled,           // [appointments] enabled = false
    UnknownService,     // no such active service
    DayNotBookable,     // not today or one of the next days_ahead working days
    NoSuchSlot,         // the time is not a slot of that day
    SlotPast,           // the slot has begun
    SlotFull,           // capacity reached
    PhoneDailyLimit,    // the phone holds per_phone_daily bookings that day
    PhoneServiceLimit,  // the phone holds per_phone_per_service bookings of the service that day
    BadHolder,          // the phone's id is malformed (motcua-web's bug, not the citizen's)
};

struct Booking {
    std::optional<Appointment> appointment;  // set when booked
    std::optional<BookingRefusal> refusal;   // set when refused (nothing was written)
    std::string messageEn;                   // one line for logs and the CLI
    bool ok() const { return appointment.has_value(); }
};

// What the citizen reads when booking is refused (Vietnamese / English).
std::string refusalVi(BookingRefusal refusal, const AppointmentConfig& config);
std::string refusalEn(BookingRefusal refusal, const AppointmentConfig& config);
// "09:30" for a minute of the day.
std::string minuteText(int minute);
// "09:30–10:00".
std::string slotText(int startMinute, int endMinute);

// One per connection (uses the QueueService's database, calendar and issuing hours). Not thread-safe.
// Why a cancellation changed nothing.
enum class CancelRefusal {
    Unknown,    // no such booking (or, from a phone, another phone's)
    NotBooked,  // checked in, expired or cancelled already
};
struct Cancellation {
    std::optional<Appointment> appointment;  // the booking as it was, when cancelled
    std::optional<CancelRefusal> refusal;
    bool ok() const noexcept { return appointment.has_value(); }
};

class AppointmentBook {
  public:
    AppointmentBook(QueueService& queue, const Clock& clock);

    // From the "office" setting, read again on each call (motcua init may have changed it).
    AppointmentConfig config() const;
    // Today (when it is a working day) and the next days_ahead working days, "YYYY-MM-DD", in order;
    // empty when booking is off.
    std::vector<std::string> bookableDays() const;
    // The day's slots of the service with their bookings; empty for an unknown service or a day that
    // is not bookable.
    std::vector<AppointmentSlot> slots(const std::string& serviceCode, const std::string& day);
    // Books the slot starting at startMinute for the holder, in one transaction.
    Booking book(const std::string& serviceCode, const std::string& day, int startMinute,
                 const std::string& holder);
    // The booking a code names (typed with or without '-', any case); nullopt when unknown.
    std::optional<Appointment> find(const std::string& codeText);
    // The holder's live bookings from today on.
    std::vector<Appointment> ofHolder(const std::string& holder);
    // The day's appointments for the console, expiring late ones first.
    std::vector<Appointment> ofDay(const std::string& day);
    // How many appointments the day has, cancelled ones not counted; reads only (nothing is expired):
    // the console's "Lịch hẹn hôm nay (n)" button, asked on every redraw of the work screen.
    int countOfDay(const std::string& day);
    // Expires bookings past their slot's end plus the grace; returns how many.
    int expireLate();
    // Cancels a booking not checked in yet: its place in the slot is free again. holder: the phone
    // asking, which may cancel only its own (motcua-web); nullopt: staff (`motcua appointments
    // cancel`). One guarded UPDATE: a kiosk checking the code in at the same moment wins or loses
    // whole.
    Cancellation cancel(std::int64_t id, const std::optional<std::string>& holder);

    // A holder id as motcua-web makes them: 16 to 64 characters of URL-safe base64.
    static bool isHolder(const std::string& holder);

  private:
    std::optional<std::string> bookableDay(const std::string& day, const AppointmentConfig& config) const;
    std::vector<std::pair<int, int>> slotTimes(const std::string& serviceCode, const std::string& day,
                                               const AppointmentConfig& config) const;

    QueueService& m_queue;
    const Clock& m_clock;
};

}  // namespace motcua::queue
