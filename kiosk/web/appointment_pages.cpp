#include "kiosk/web/appointment_pages.h"

#include <fmt/format.h>

#include <algorithm>
#include <utility>
#include <vector>

#include "kiosk/web/qr_svg.h"
#include "queue/issuing_hours.h"
#include "queue/ticket_links.h"
#include "text/ascii.h"

namespace motcua::web {

namespace {

constexpr queue::TimeMs kHourMs = 60 * 60 * 1000;

const char* pick(Lang lang, const char* vi, const char* en) {
    return lang == Lang::Vi ? vi : en;
}

std::string dayWords(const std::string& day, Lang lang) {
    return lang == Lang::Vi ? queue::dateInWordsVi(day) : queue::dateInWordsEn(day);
}

// "0930" -> 570; nullopt for anything else.
std::optional<int> minuteOfPath(std::string_view text) {
    if (text.size() != 4 || !motcua::text::isDigits(text)) return std::nullopt;
    const int h = (text[0] - '0') * 10 + (text[1] - '0');
    const int m = (text[2] - '0') * 10 + (text[3] - '0');
    if (h > 23 || m > 59) return std::nullopt;
    return h * 60 + m;
}

std::string minutePath(int minute) {
    return fmt::format("{:02}{:02}", minute / 60, minute % 60);
}

// Splits "/dat-lich/a/b/c" into {"a", "b", "c"}.
std::vector<std::string> segments(std::string_view path) {
    std::vector<std::string> out;
    path.remove_prefix(std::string_view("/dat-lich").size());
    while (!path.empty()) {
        if (path.front() == '/') {
            path.remove_prefix(1);
            continue;
        }
        const auto slash = path.find('/');
        out.emplace_back(path.substr(0, slash));
        if (slash == std::string_view::npos) break;
        path.remove_prefix(slash);
    }
    return out;
}

std::string stateText(queue::AppointmentState state, Lang lang) {
    switch (state) {
        case queue::AppointmentState::Booked:
            return pick(lang, "Đã đặt", "Booked");
        case queue::AppointmentState::CheckedIn:
            return pick(lang, "Đã đến và lấy số", "Checked in");
        case queue::AppointmentState::Expired:
            return pick(lang, "Đã hết hiệu lực", "Expired");
        case queue::AppointmentState::Cancelled:
            return pick(lang, "Đã hủy", "Cancelled");
    }
    return {};
}

}  // namespace

AppointmentPages::AppointmentPages(queue::QueueService& queue, const queue::Clock& clock,
                                   const Signer& signer, PageFrame page, std::string cookieFlags,
                                   int perAddressPerHour)
    : m_queue(queue),
      m_clock(clock),
      m_signer(signer),
      m_page(std::move(page)),
      m_cookieFlags(std::move(cookieFlags)),
      m_book(queue, clock),
      m_perAddress(perAddressPerHour, kHourMs) {}

Response AppointmentPages::handle(const Request& request, std::string_view path, Lang lang) {
    const bool get = request.method == "GET" || request.method == "HEAD";
    const auto parts = segments(path);
    if (parts.size() == 1 && parts[0] == "cua-toi" && get) return mine(request, lang);
    // A booking can be cancelled also after the office turned booking off.
    if (parts.size() == 1 && parts[0] == "huy" && request.method == "POST") return cancel(request, lang);
    if (!enabled()) return closed(lang);
    if (parts.empty() && get) return fields(lang);
    if (parts.size() == 1 && get) return days(parts[0], lang);
    if (parts.size() == 2 && get) return slots(parts[0], parts[1], lang);
    if (parts.size() == 3) {
        const auto minute = minuteOfPath(parts[2]);
        if (!minute) return notFound(lang);
        if (get) return confirm(request, parts[0], parts[1], *minute, lang);
        if (request.method == "POST") return book(request, parts[0], parts[1], *minute, lang);
    }
    return notFound(lang);
}

Response AppointmentPages::closed(Lang lang) {
    const std::string title = pick(lang, "Đặt lịch hẹn", "Book an appointment");
    const auto cfg = m_book.config();
    const std::string text = lang == Lang::Vi ? queue::refusalVi(queue::BookingRefusal::Disabled, cfg)
                                              : queue::refusalEn(queue::BookingRefusal::Disabled, cfg);
    return m_page(lang, 200, title,
                  fmt::format("<h1>{}</h1>\n<p>{}</p>\n", htmlEscape(title), htmlEscape(text)));
}

Response AppointmentPages::notFound(Lang lang) {
    const std::string text = pick(lang, "Không có trang này.", "There is no such page.");
    return m_page(lang, 404, text,
                  fmt::format("<h1>{}</h1>\n<p><a class=\"button\" href=\"/dat-lich\">{}</a></p>\n",
                              htmlEscape(text), pick(lang, "Đặt lịch hẹn", "Book an appointment")));
}

std::string AppointmentPages::serviceName(const std::string& code, Lang lang) {
    for (const auto& s : m_queue.status().services) {
        if (s.code != code) continue;
        return lang == Lang::En && !s.nameEn.empty() ? s.nameEn : s.name;
    }
    return {};
}

Response AppointmentPages::fields(Lang lang) {
    const std::string title = pick(lang, "Đặt lịch hẹn", "Book an appointment");
    const auto cfg = m_book.config();
    std::string body = fmt::format("<h1>{}</h1>\n", htmlEscape(title));
    body += fmt::format(
        "<p>{}</p>\n",
        fmt::format(fmt::runtime(
                        pick(lang,
                             "Chọn lĩnh vực, ngày và giờ đến. Khi đến Bộ phận Một cửa, ông/bà chạm "
                             "\"Tôi đã đặt lịch\" trên ki-ốt và nhập mã (hoặc quét mã QR) để lấy số; số "
                             "của ông/bà được gọi trước từ giờ hẹn. Lịch hẹn hết hiệu lực {} phút sau khi "
                             "hết khung giờ.",
                             "Choose the field, the day and the time. At the office, touch \"I have an "
                             "appointment\" on the kiosk and type the code (or scan its QR) to get a number; "
                             "it is called first from your time. The appointment expires {} minutes after "
                             "its slot ends.")),
                    cfg.graceMinutes));
    body += fmt::format("<h2>{}</h2>\n<ul class=\"links\">\n",
                        pick(lang, "1. Chọn lĩnh vực", "1. Choose the field"));
    for (const auto& s : m_queue.status().services) {
        const std::string name = lang == Lang::En && !s.nameEn.empty() ? s.nameEn : s.name;
        body += fmt::format("<li><a class=\"button\" href=\"/dat-lich/{}\">{}</a></li>\n", htmlEscape(s.code),
                            htmlEscape(name));
    }
    body += "</ul>\n";
    body += fmt::format("<p><a href=\"/dat-lich/cua-toi\">{}</a></p>\n",
                        pick(lang, "Xem lịch hẹn của tôi", "See my appointments"));
    return m_page(lang, 200, title, body);
}

Response AppointmentPages::days(const std::string& service, Lang lang) {
    const std::string name = serviceName(service, lang);
    if (name.empty()) return notFound(lang);
    const std::string title = pick(lang, "Chọn ngày", "Choose the day");
    std::string body = fmt::format("<p class=\"label\">{}</p>\n<h1>{}</h1>\n<p class=\"service\">{}</p>\n",
                                   pick(lang, "Đặt lịch hẹn – bước 2/4", "Book an appointment – step 2 of 4"),
                                   htmlEscape(title), htmlEscape(name));
    body += "<ul class=\"links\">\n";
    int offered = 0;
    for (const auto& day : m_book.bookableDays()) {
        const auto slots = m_book.slots(service, day);
        const auto free =
            std::count_if(slots.begin(), slots.end(), [](const auto& s) { return s.bookable(); });
        if (free == 0) {
            body += fmt::format(
                "<li><span class=\"button disabled\">{} <span class=\"note\">({})</span></span></li>\n",
                htmlEscape(dayWords(day, lang)), pick(lang, "hết chỗ", "full"));
            continue;
        }
        ++offered;
        body += fmt::format(
            "<li><a class=\"button\" href=\"/dat-lich/{}/{}\">{} <span "
            "class=\"count\">({})</span></a></li>\n",
            htmlEscape(service), day, htmlEscape(dayWords(day, lang)),
            fmt::format(fmt::runtime(pick(lang, "còn {} khung giờ", "{} slots free")), free));
    }
    body += "</ul>\n";
    if (offered == 0)
        body += fmt::format("<p class=\"error\">{}</p>\n",
                            pick(lang, "Không còn khung giờ trống trong những ngày tới.",
                                 "No free slot in the coming days."));
    body += fmt::format("<p><a href=\"/dat-lich\">{}</a></p>\n",
                        pick(lang, "← Chọn lĩnh vực khác", "← Another field"));
    return m_page(lang, 200, title, body);
}

Response AppointmentPages::slots(const std::string& service, const std::string& day, Lang lang) {
    const std::string name = serviceName(service, lang);
    const auto days = m_book.bookableDays();
    if (name.empty() || std::find(days.begin(), days.end(), day) == days.end()) return notFound(lang);
    const std::string title = pick(lang, "Chọn giờ", "Choose the time");
    std::string body =
        fmt::format("<p class=\"label\">{}</p>\n<h1>{}</h1>\n<p class=\"service\">{}<br>{}</p>\n",
                    pick(lang, "Đặt lịch hẹn – bước 3/4", "Book an appointment – step 3 of 4"),
                    htmlEscape(title), htmlEscape(name), htmlEscape(dayWords(day, lang)));
    // Today's slots that have gone are left out (an office open all day would list dozens of them
    // before the first one a citizen can take); a line says so.
    const auto all = m_book.slots(service, day);
    const auto gone = std::count_if(all.begin(), all.end(), [](const auto& s) { return s.past; });
    if (gone > 0)
        body += fmt::format(
            "<p>{}</p>\n",
            gone == static_cast<std::ptrdiff_t>(all.size())
                ? pick(lang, "Hôm nay không còn khung giờ nào. Mời ông/bà chọn ngày khác.",
                       "No time is left today. Please choose another day.")
                : pick(lang, "Chỉ hiện các khung giờ từ bây giờ.", "Only times from now on are shown."));
    body += "<ul class=\"slots\">\n";
    for (const auto& s : all) {
        if (s.past) continue;
        const std::string text = queue::slotText(s.startMinute, s.endMinute);
        if (s.bookable()) {
            body += fmt::format("<li><a class=\"button\" href=\"/dat-lich/{}/{}/{}\">{}</a></li>\n",
                                htmlEscape(service), day, minutePath(s.startMinute), text);
        } else {
            body += fmt::format(
                "<li><span class=\"button disabled\">{} <span class=\"note\">({})</span></span></li>\n", text,
                pick(lang, "đã đủ", "full"));
        }
    }
    body += "</ul>\n";
    body += fmt::format("<p><a href=\"/dat-lich/{}\">{}</a></p>\n", htmlEscape(service),
                        pick(lang, "← Chọn ngày khác", "← Another day"));
    return m_page(lang, 200, title, body);
}

std::optional<std::string> AppointmentPages::holderOf(const Request& request) const {
    const auto cookie = cookieValue(request.cookie, "holder");
    if (!cookie) return std::nullopt;
    auto holder = m_signer.verify(*cookie);
    if (!holder || !queue::AppointmentBook::isHolder(*holder)) return std::nullopt;
    return holder;
}

std::string AppointmentPages::holderCookie(const std::string& holder) const {
    return fmt::format("holder={}; Path=/dat-lich; Max-Age=2592000; SameSite=Lax{}", m_signer.sign(holder),
                       m_cookieFlags);
}

Response AppointmentPages::confirm(const Request& request, const std::string& service, const std::string& day,
                                   int minute, Lang lang, const std::string& error, int status) {
    const std::string name = serviceName(service, lang);
    const auto days = m_book.bookableDays();
    if (name.empty() || std::find(days.begin(), days.end(), day) == days.end()) return notFound(lang);
    const auto slots = m_book.slots(service, day);
    const auto slot =
        std::find_if(slots.begin(), slots.end(), [&](const auto& s) { return s.startMinute == minute; });
    if (slot == slots.end()) return notFound(lang);
    auto holder = holderOf(request);
    const bool fresh = !holder;
    if (fresh) holder = queue::TicketLinks::newToken();  // 128 random bits, URL-safe base64
    const std::string title = pick(lang, "Xác nhận lịch hẹn", "Confirm the appointment");
    std::string body = fmt::format("<p class=\"label\">{}</p>\n<h1>{}</h1>\n",
                                   pick(lang, "Đặt lịch hẹn – bước 4/4", "Book an appointment – step 4 of 4"),
                                   htmlEscape(title));
    if (!error.empty()) body += fmt::format("<p class=\"error\" role=\"alert\">{}</p>\n", htmlEscape(error));
    body += fmt::format(
        "<dl "
        "class=\"summary\">\n<dt>{}</dt><dd>{}</dd>\n<dt>{}</dt><dd>{}</dd>\n<dt>{}</dt><dd>{}</dd>\n</dl>\n",
        pick(lang, "Lĩnh vực", "Field"), htmlEscape(name), pick(lang, "Ngày", "Day"),
        htmlEscape(dayWords(day, lang)), pick(lang, "Giờ", "Time"),
        queue::slotText(slot->startMinute, slot->endMinute));
    if (slot->bookable()) {
        body += fmt::format(
            "<form method=\"post\" action=\"/dat-lich/{}/{}/{}\">\n<input type=\"hidden\" name=\"csrf\" "
            "value=\"{}\">\n<button type=\"submit\">{}</button>\n</form>\n",
            htmlEscape(service), day, minutePath(minute), m_signer.tag("dat-lich|" + *holder),
            pick(lang, "Xác nhận đặt lịch", "Confirm the booking"));
    } else {
        body += fmt::format(
            "<p class=\"error\">{}</p>\n",
            htmlEscape(lang == Lang::Vi ? queue::refusalVi(slot->past ? queue::BookingRefusal::SlotPast
                                                                      : queue::BookingRefusal::SlotFull,
                                                           m_book.config())
                                        : queue::refusalEn(slot->past ? queue::BookingRefusal::SlotPast
                                                                      : queue::BookingRefusal::SlotFull,
                                                           m_book.config())));
    }
    const auto cfg = m_book.config();
    body += fmt::format(
        "<p class=\"help\">{}</p>\n",
        fmt::format(fmt::runtime(pick(lang,
                                      "Không cần họ tên hay số điện thoại. Mỗi điện thoại được đặt tối đa {} "
                                      "lịch hẹn một ngày, {} lịch cho mỗi lĩnh vực.",
                                      "No name or phone number is needed. Each phone may book up to {} "
                                      "appointments a day, {} per field.")),
                    cfg.perPhoneDaily, cfg.perPhonePerService));
    body += fmt::format("<p><a href=\"/dat-lich/{}/{}\">{}</a></p>\n", htmlEscape(service), day,
                        pick(lang, "← Chọn giờ khác", "← Another time"));
    auto r = m_page(lang, status, title, body);
    if (fresh) r.headers.emplace_back("Set-Cookie", holderCookie(*holder));
    return r;
}

Response AppointmentPages::book(const Request& request, const std::string& service, const std::string& day,
                                int minute, Lang lang) {
    const auto holder = holderOf(request);
    const auto csrf = formValue(request.body, "csrf");
    if (!holder || !csrf || !m_signer.checkTag("dat-lich|" + *holder, *csrf)) {
        return confirm(request, service, day, minute, lang,
                       pick(lang, "Trang đã cũ. Mời ông/bà bấm Xác nhận đặt lịch lần nữa.",
                            "This page was out of date. Please press Confirm the booking again."),
                       403);
    }
    if (!m_perAddress.allow(request.address, m_clock.now())) {
        return confirm(request, service, day, minute, lang,
                       pick(lang, "Có quá nhiều lịch hẹn được đặt từ mạng này. Mời thử lại sau.",
                            "Too many appointments were booked from this network. Please try later."),
                       429);
    }
    const auto booking = m_book.book(service, day, minute, *holder);
    if (!booking.ok()) {
        const auto refusal = booking.refusal.value_or(queue::BookingRefusal::NoSuchSlot);
        const bool limit = refusal == queue::BookingRefusal::PhoneDailyLimit ||
                           refusal == queue::BookingRefusal::PhoneServiceLimit;
        return confirm(request, service, day, minute, lang,
                       lang == Lang::Vi ? queue::refusalVi(refusal, m_book.config())
                                        : queue::refusalEn(refusal, m_book.config()),
                       limit ? 429 : 409);
    }
    Response out;
    out.status = 303;
    out.headers.emplace_back("Location", "/dat-lich/cua-toi");
    return out;
}

std::string AppointmentPages::cancelForm(const std::string& holder, std::int64_t id, bool confirmed,
                                         const std::string& label) const {
    return fmt::format(
        "<form method=\"post\" action=\"/dat-lich/huy\" class=\"cancel\">\n<input type=\"hidden\" "
        "name=\"csrf\" value=\"{}\">\n<input type=\"hidden\" name=\"id\" value=\"{}\">\n{}<button "
        "type=\"submit\" class=\"secondary\">{}</button>\n</form>\n",
        m_signer.tag("dat-lich|" + holder), id,
        confirmed ? "<input type=\"hidden\" name=\"confirm\" value=\"1\">\n" : "", htmlEscape(label));
}

// POST /dat-lich/huy: id (the phone's own booking) and the form's tag; without confirm=1 a page asks
// first (a stray tap cancels nothing), with it the booking is cancelled and its place freed.
Response AppointmentPages::cancel(const Request& request, Lang lang) {
    const std::string title = pick(lang, "Hủy lịch hẹn", "Cancel an appointment");
    const auto back = fmt::format("<p><a class=\"button secondary\" href=\"/dat-lich/cua-toi\">{}</a></p>\n",
                                  pick(lang, "← Lịch hẹn của tôi", "← My appointments"));
    const auto say = [&](int status, const std::string& text, const char* cls) {
        return m_page(lang, status, title,
                      fmt::format("<h1>{}</h1>\n<p class=\"{}\">{}</p>\n{}", htmlEscape(title), cls,
                                  htmlEscape(text), back));
    };
    const auto holder = holderOf(request);
    const auto csrf = formValue(request.body, "csrf");
    if (!holder || !csrf || !m_signer.checkTag("dat-lich|" + *holder, *csrf))
        return say(403,
                   pick(lang, "Trang đã cũ. Mời ông/bà mở lại Lịch hẹn của tôi và bấm Hủy lần nữa.",
                        "This page was out of date. Please open My appointments and press Cancel again."),
                   "error");
    const auto idText = formValue(request.body, "id").value_or("");
    std::int64_t id = 0;
    const bool digits = idText.size() <= 18 && motcua::text::isDigits(idText);
    if (digits) id = std::stoll(idText);
    std::optional<queue::Appointment> mineToCancel;
    for (auto& a : m_book.ofHolder(*holder))
        if (digits && a.id == id) mineToCancel = std::move(a);
    if (!mineToCancel || mineToCancel->state != queue::AppointmentState::Booked)
        return say(404,
                   pick(lang, "Điện thoại này không có lịch hẹn đó, hoặc lịch hẹn đã được dùng hay đã hủy.",
                        "This phone has no such appointment, or it was used or cancelled already."),
                   "error");
    const auto& a = *mineToCancel;
    const std::string name = lang == Lang::En && !a.serviceNameEn.empty() ? a.serviceNameEn : a.serviceName;
    const std::string when =
        fmt::format("{}, {}", queue::slotText(a.startMinute, a.endMinute), dayWords(a.day, lang));
    if (formValue(request.body, "confirm").value_or("") != "1") {
        std::string body = fmt::format(
            "<h1>{}</h1>\n<p>{}</p>\n<p class=\"service\">{}<br><strong>{}</strong></p>\n", htmlEscape(title),
            pick(lang, "Ông/bà có chắc muốn hủy lịch hẹn này không?",
                 "Do you really want to cancel this appointment?"),
            htmlEscape(name), htmlEscape(when));
        body += cancelForm(*holder, a.id, true, pick(lang, "Có, hủy lịch hẹn", "Yes, cancel it"));
        body += fmt::format("<p><a class=\"button\" href=\"/dat-lich/cua-toi\">{}</a></p>\n",
                            pick(lang, "Không, giữ lịch hẹn", "No, keep it"));
        return m_page(lang, 200, title, body);
    }
    const auto done = m_book.cancel(a.id, *holder);
    if (!done.ok())
        return say(409,
                   pick(lang, "Lịch hẹn này vừa được dùng hoặc đã hủy, không hủy được nữa.",
                        "This appointment was just used or cancelled: it cannot be cancelled now."),
                   "error");
    return say(
        200,
        fmt::format(
            fmt::runtime(pick(lang, "Đã hủy lịch hẹn {} ({}). Giờ hẹn này đã được trả lại để người khác đặt.",
                              "The appointment {} ({}) is cancelled. Its time is free for others to book.")),
            when, name),
        "done");
}

Response AppointmentPages::mine(const Request& request, Lang lang) {
    const std::string title = pick(lang, "Lịch hẹn của tôi", "My appointments");
    std::string body = fmt::format("<h1>{}</h1>\n", htmlEscape(title));
    const auto holder = holderOf(request);
    const auto list = holder ? m_book.ofHolder(*holder) : std::vector<queue::Appointment>{};
    if (list.empty()) {
        body += fmt::format("<p>{}</p>\n", pick(lang, "Điện thoại này chưa có lịch hẹn nào từ hôm nay.",
                                                "This phone has no appointment from today on."));
    }
    const auto cfg = m_book.config();
    for (const auto& a : list) {
        const std::string printed = queue::TicketLinks::printedShortCode(a.code);
        const std::string name =
            lang == Lang::En && !a.serviceNameEn.empty() ? a.serviceNameEn : a.serviceName;
        body += "<section class=\"card appointment\">\n";
        body += fmt::format("<p class=\"service\">{}</p>\n<p class=\"when\">{}<br><strong>{}</strong></p>\n",
                            htmlEscape(name), htmlEscape(dayWords(a.day, lang)),
                            queue::slotText(a.startMinute, a.endMinute));
        if (a.state == queue::AppointmentState::CheckedIn) {
            body +=
                fmt::format("<p class=\"headline\">{} {}</p>\n", pick(lang, "Đã lấy số", "Your number is"),
                            htmlEscape(a.ticketNumber.value_or("")));
        } else {
            body += fmt::format("<p class=\"label\">{}</p>\n<p class=\"code\">{}</p>\n",
                                pick(lang, "Mã lịch hẹn", "Appointment code"), printed);
            body += qrSvg(printed, pick(lang, "Mã QR của lịch hẹn", "QR of the appointment"));
            // The kiosk's entry for codes from phones is named for both kinds of code when online
            // numbers are checked in there too (kiosk_text.h kPhoneCode).
            const bool oneEntry =
                m_queue.onlineCheckInMinutes() > 0 &&
                m_queue.office().value("web", nlohmann::json::object()).value("take_online", true);
            const std::string entry =
                oneEntry ? pick(lang, "Tôi có mã trên điện thoại", "I have a code on my phone")
                         : pick(lang, "Tôi đã đặt lịch", "I have an appointment");
            body += fmt::format(
                "<p class=\"help\">{}</p>\n",
                fmt::format(fmt::runtime(pick(lang,
                                              "Khi đến, chạm \"{}\" trên ki-ốt, nhập mã hoặc đưa "
                                              "mã QR vào máy quét. Mời đến trước {}; sau {} lịch hẹn hết "
                                              "hiệu lực.",
                                              "When you arrive, touch \"{}\" on the kiosk "
                                              "and type the code or hold the QR to the scanner. Please come "
                                              "before {}; after {} the appointment expires.")),
                            entry, queue::minuteText(a.startMinute),
                            queue::minuteText(a.endMinute + cfg.graceMinutes)));
        }
        body += fmt::format("<p class=\"note\">{}</p>\n", htmlEscape(stateText(a.state, lang)));
        if (a.state == queue::AppointmentState::Booked && holder)
            body +=
                cancelForm(*holder, a.id, false, pick(lang, "Hủy lịch hẹn này", "Cancel this appointment"));
        body += "</section>\n";
    }
    if (enabled())
        body += fmt::format("<p><a class=\"button secondary\" href=\"/dat-lich\">{}</a></p>\n",
                            pick(lang, "Đặt lịch hẹn khác", "Book another appointment"));
    return m_page(lang, 200, title, body);
}

}  // namespace motcua::web
