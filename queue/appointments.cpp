#include "queue/appointments.h"

#include <fmt/format.h>

#include <algorithm>

#include "queue/queue_service.h"
#include "queue/ticket_links.h"
#include "queue/ticket_store.h"

namespace motcua::queue {

std::string minuteText(int minute) {
    return fmt::format("{:02}:{:02}", minute / 60, minute % 60);
}

std::string slotText(int startMinute, int endMinute) {
    std::string text = minuteText(startMinute);
    text += "–";
    text += minuteText(endMinute);
    return text;
}

std::string refusalVi(BookingRefusal refusal, const AppointmentConfig& config) {
    switch (refusal) {
        case BookingRefusal::Disabled:
            return "Bộ phận hiện chưa nhận đặt lịch hẹn trực tuyến.";
        case BookingRefusal::UnknownService:
            return "Không tìm thấy lĩnh vực này. Xin chọn lại lĩnh vực.";
        case BookingRefusal::DayNotBookable:
            return fmt::format(
                "Ngày này không nhận đặt lịch (ngày nghỉ, đã qua, hoặc quá {} ngày làm việc tới). Xin chọn "
                "ngày khác.",
                config.daysAhead);
        case BookingRefusal::NoSuchSlot:
            return "Giờ này không phải một khung giờ hẹn của ngày đã chọn. Xin chọn lại giờ.";
        case BookingRefusal::SlotPast:
            return "Khung giờ này đã bắt đầu hoặc đã qua. Xin chọn khung giờ sau.";
        case BookingRefusal::SlotFull:
            return "Khung giờ này đã đủ người đặt. Xin chọn khung giờ khác.";
        case BookingRefusal::PhoneDailyLimit:
            return fmt::format("Mỗi điện thoại được đặt tối đa {} lịch hẹn trong một ngày.",
                               config.perPhoneDaily);
        case BookingRefusal::PhoneServiceLimit:
            return fmt::format("Mỗi điện thoại được đặt tối đa {} lịch hẹn cho một lĩnh vực trong một ngày.",
                               config.perPhonePerService);
        case BookingRefusal::BadHolder:
            return "Không đặt được lịch. Xin tải lại trang và thử lại.";
    }
    return {};
}

std::string refusalEn(BookingRefusal refusal, const AppointmentConfig& config) {
    switch (refusal) {
        case BookingRefusal::Disabled:
            return "The office does not take appointments online at the moment.";
        case BookingRefusal::UnknownService:
            return "This field was not found. Please choose the field again.";
        case BookingRefusal::DayNotBookable:
            return fmt::format(
                "Appointments cannot be booked for this day (a day off, past, or more than {} working days "
                "ahead). Please choose another day.",
                config.daysAhead);
        case BookingRefusal::NoSuchSlot:
            return "This time is not an appointment slot of the chosen day. Please choose the time again.";
        case BookingRefusal::SlotPast:
            return "This slot has already begun or is over. Please choose a later slot.";
        case BookingRefusal::SlotFull:
            return "This slot is fully booked. Please choose another slot.";
        case BookingRefusal::PhoneDailyLimit:
            return fmt::format("One phone may book at most {} appointment(s) for one day.",
                               config.perPhoneDaily);
        case BookingRefusal::PhoneServiceLimit:
            return fmt::format("One phone may book at most {} appointment(s) of one field for one day.",
                               config.perPhonePerService);
        case BookingRefusal::BadHolder:
            return "The appointment could not be booked. Please reload the page and try again.";
    }
    return {};
}

AppointmentBook::AppointmentBook(QueueService& queue, const Clock& clock) : m_queue(queue), m_clock(clock) {}

AppointmentConfig AppointmentBook::config() const {
    return appointmentConfigFromSettings(m_queue.office());
}

bool AppointmentBook::isHolder(const std::string& holder) {
    return holder.size() >= 16 && holder.size() <= 64 &&
           std::all_of(holder.begin(), holder.end(), [](char c) {
               return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                      c == '-' || c == '_';
           });
}

std::vector<std::string> AppointmentBook::bookableDays() const {
    const auto cfg = config();
    std::vector<std::string> days;
    if (!cfg.enabled) return days;
    const auto& hours = m_queue.issuingHours();
    const std::string today = m_queue.calendar().dayOf(m_clock.now());
    if (!hours.day(today).windows.empty()) days.push_back(today);
    std::string day = today;
    for (int n = 0; n < cfg.daysAhead; ++n) {
        day = hours.nextWorkingDay(day);
        if (day.empty()) break;
        days.push_back(day);
    }
    return days;
}

std::optional<std::string> AppointmentBook::bookableDay(const std::string& day,
                                                        const AppointmentConfig& config) const {
    if (!config.enabled) return std::nullopt;
    const auto days = bookableDays();
    if (std::find(days.begin(), days.end(), day) == days.end()) return std::nullopt;
    return day;
}

std::vector<std::pair<int, int>> AppointmentBook::slotTimes(const std::string& serviceCode,
                                                            const std::string& day,
                                                            const AppointmentConfig& config) const {
    std::vector<std::pair<int, int>> out;
    for (const auto& [open, close] : m_queue.issuingHours().issuingWindows(day, serviceCode)) {
        for (int start = open; start + config.slotMinutes <= close; start += config.slotMinutes)
            out.emplace_back(start, start + config.slotMinutes);
    }
    return out;
}

std::vector<AppointmentSlot> AppointmentBook::slots(const std::string& serviceCode, const std::string& day) {
    const auto cfg = config();
    if (!bookableDay(day, cfg)) return {};
    Database& db = m_queue.database();
    Transaction tx(db, Transaction::Kind::Snapshot);
    const auto service = TicketStore(db).activeService(serviceCode);
    if (!service) return {};
    const auto booked = AppointmentStore(db).bookedPerSlot(service->id, day);
    const TimeMs now = m_clock.now();
    std::vector<AppointmentSlot> out;
    for (const auto& [start, end] : slotTimes(serviceCode, day, cfg)) {
        AppointmentSlot s;
        s.startMinute = start;
        s.endMinute = end;
        s.capacity = cfg.capacity;
        const auto it = booked.find(start);
        s.booked = it == booked.end() ? 0 : it->second;
        s.past = m_queue.calendar().instantOf(day, start) <= now;
        out.push_back(s);
    }
    return out;
}

Booking AppointmentBook::book(const std::string& serviceCode, const std::string& day, int startMinute,
                              const std::string& holder) {
    const auto cfg = config();
    const auto refuse = [&](BookingRefusal r) {
        Booking b;
        b.refusal = r;
        b.messageEn = refusalEn(r, cfg) + " (nothing was booked)";
        return b;
    };
    if (!cfg.enabled) return refuse(BookingRefusal::Disabled);
    if (!isHolder(holder)) return refuse(BookingRefusal::BadHolder);
    if (!bookableDay(day, cfg)) return refuse(BookingRefusal::DayNotBookable);
    const auto times = slotTimes(serviceCode, day, cfg);
    const auto slot =
        std::find_if(times.begin(), times.end(), [&](const auto& t) { return t.first == startMinute; });

    Database& db = m_queue.database();
    Transaction tx(db);
    TicketStore tickets(db);
    AppointmentStore store(db);
    const auto service = tickets.activeService(serviceCode);
    if (!service) return refuse(BookingRefusal::UnknownService);
    if (slot == times.end()) return refuse(BookingRefusal::NoSuchSlot);
    const TimeMs now = m_clock.now();
    const auto& calendar = m_queue.calendar();
    const TimeMs startsAt = calendar.instantOf(day, slot->first);
    if (startsAt <= now) return refuse(BookingRefusal::SlotPast);
    store.lockService(service->id);
    const auto booked = store.bookedPerSlot(service->id, day);
    if (const auto it = booked.find(slot->first); it != booked.end() && it->second >= cfg.capacity)
        return refuse(BookingRefusal::SlotFull);
    const auto usage = store.holderUsage(holder, day, service->id);
    if (usage.day >= cfg.perPhoneDaily) return refuse(BookingRefusal::PhoneDailyLimit);
    if (usage.service >= cfg.perPhonePerService) return refuse(BookingRefusal::PhoneServiceLimit);

    AppointmentStore::NewAppointment row{
        {},     service->id, day, slot->first, slot->second, startsAt, calendar.instantOf(day, slot->second),
        holder, now};
    // A random collision with a stored code (2^-50 per code) makes the insert do nothing: draw again.
    std::optional<std::int64_t> id;
    for (int attempt = 0; attempt < 5 && !id; ++attempt) {
        row.code = TicketLinks::newShortCode();
        id = store.insert(row);
    }
    if (!id) throw DatabaseError("appointments: no code could be stored", DatabaseError::Kind::Other);
    auto stored = store.byId(*id);
    tx.commit();
    Booking b;
    b.appointment = std::move(stored);
    return b;
}

std::optional<Appointment> AppointmentBook::find(const std::string& codeText) {
    const auto code = TicketLinks::canonicalShortCode(codeText);
    if (!code) return std::nullopt;
    Database& db = m_queue.database();
    Transaction tx(db, Transaction::Kind::Snapshot);
    return AppointmentStore(db).byCode(*code);
}

std::vector<Appointment> AppointmentBook::ofHolder(const std::string& holder) {
    if (!isHolder(holder)) return {};
    Database& db = m_queue.database();
    Transaction tx(db, Transaction::Kind::Snapshot);
    return AppointmentStore(db).ofHolder(holder, m_queue.calendar().dayOf(m_clock.now()));
}

int AppointmentBook::expireLate() {
    Database& db = m_queue.database();
    Transaction tx(db);
    const int n = AppointmentStore(db).expireLate(m_clock.now(), config().graceMinutes * 60'000LL);
    tx.commit();
    return n;
}

Cancellation AppointmentBook::cancel(std::int64_t id, const std::optional<std::string>& holder) {
    Cancellation out;
    if (holder && !isHolder(*holder)) {
        out.refusal = CancelRefusal::Unknown;
        return out;
    }
    Database& db = m_queue.database();
    Transaction tx(db);
    AppointmentStore store(db);
    auto found = store.byId(id);
    if (!found) {
        out.refusal = CancelRefusal::Unknown;
        return out;
    }
    if (found->state != AppointmentState::Booked) {
        out.refusal = CancelRefusal::NotBooked;
        return out;
    }
    if (!store.markCancelled(id, holder, m_clock.now())) {
        out.refusal = CancelRefusal::Unknown;  // another phone's (the state was read as booked)
        return out;
    }
    tx.commit();
    out.appointment = std::move(found);
    return out;
}

std::vector<Appointment> AppointmentBook::ofDay(const std::string& day) {
    expireLate();
    Database& db = m_queue.database();
    Transaction tx(db, Transaction::Kind::Snapshot);
    return AppointmentStore(db).ofDay(day);
}

int AppointmentBook::countOfDay(const std::string& day) {
    Database& db = m_queue.database();
    Transaction tx(db, Transaction::Kind::Snapshot);
    const auto all = AppointmentStore(db).ofDay(day);
    return static_cast<int>(std::count_if(
        all.begin(), all.end(), [](const Appointment& a) { return a.state != AppointmentState::Cancelled; }));
}

}  // namespace motcua::queue
