// /dat-lich: booking an appointment on the phone (queue/appointments.h holds the rules). Four steps,
// each a plain page that works without script: the field, the day, the slot, then a confirmation
// form; the booking's code and QR are on /dat-lich/cua-toi ("my appointments"), never in a URL.
//
//   GET  /dat-lich                        fields
//   GET  /dat-lich/<service>              bookable days with their free slots
//   GET  /dat-lich/<service>/<day>        slots (full ones shown, not offered; past ones left out)
//   GET  /dat-lich/<service>/<day>/<HHMM> the confirmation form
//   POST /dat-lich/<service>/<day>/<HHMM> books, then 303 to /dat-lich/cua-toi
//   GET  /dat-lich/cua-toi                the phone's bookings from today on: code, QR, what to do
//   POST /dat-lich/huy                    cancels one of the phone's bookings (asks first)
//
// The phone: a random id (128 bits) in the cookie `holder`, signed by the server (signer.h), Path
// /dat-lich, SameSite=Lax, 30 days; the per-phone limits count bookings by it. The confirmation
// form carries the server's tag of that id (CSRF): a Lax cookie is not sent with another site's
// POST, and no other site can make the tag. Bookings are also limited per network address
// ([web] per_address_per_hour).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "kiosk/web/http.h"
#include "kiosk/web/rate_limiter.h"
#include "kiosk/web/signer.h"
#include "queue/appointments.h"
#include "queue/clock.h"
#include "queue/queue_service.h"

namespace motcua::web {

class AppointmentPages {
  public:
    // page: WebApp's page frame (language switch, office header); cookieFlags: "; HttpOnly[; Secure]".
    using PageFrame =
        std::function<Response(Lang lang, int status, const std::string& title, const std::string& body)>;
    AppointmentPages(queue::QueueService& queue, const queue::Clock& clock, const Signer& signer,
                     PageFrame page, std::string cookieFlags, int perAddressPerHour);

    // path starts with "/dat-lich".
    Response handle(const Request& request, std::string_view path, Lang lang);
    bool enabled() const { return m_book.config().enabled; }

  private:
    Response fields(Lang lang);
    Response days(const std::string& service, Lang lang);
    Response slots(const std::string& service, const std::string& day, Lang lang);
    Response confirm(const Request& request, const std::string& service, const std::string& day, int minute,
                     Lang lang, const std::string& error = {}, int status = 200);
    Response book(const Request& request, const std::string& service, const std::string& day, int minute,
                  Lang lang);
    Response mine(const Request& request, Lang lang);
    Response cancel(const Request& request, Lang lang);
    std::string cancelForm(const std::string& holder, std::int64_t id, bool confirmed,
                           const std::string& label) const;
    Response closed(Lang lang);
    Response notFound(Lang lang);
    // The phone's id from its cookie, if the cookie is one this server signed.
    std::optional<std::string> holderOf(const Request& request) const;
    std::string holderCookie(const std::string& holder) const;
    std::string serviceName(const std::string& code, Lang lang);

    queue::QueueService& m_queue;
    const queue::Clock& m_clock;
    const Signer& m_signer;
    PageFrame m_page;
    std::string m_cookieFlags;
    queue::AppointmentBook m_book;
    RateLimiter m_perAddress;
};

}  // namespace motcua::web
