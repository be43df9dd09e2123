// motcua-web's pages: every request is answered by WebApp::handle on the one thread that owns the
// database connection (server.cpp runs it on its store thread), so the pages are plain functions of
// the request and the store, testable and fuzzable without a socket.
//
// Live ticket pages follow their ticket by server-sent events. One LiveTickets read per change of
// the store (noticed by one ChangeWatcher, at most every poll interval) computes every linked
// ticket of the day; refresh() returns the tickets whose page text changed, and the server fans
// each out to the pages open on it. The cost of a change does not grow with the number of pages.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/web/appointment_pages.h"
#include "kiosk/web/http.h"
#include "kiosk/web/notifier.h"
#include "kiosk/web/rate_limiter.h"
#include "kiosk/web/signer.h"
#include "queue/change_watcher.h"
#include "queue/clock.h"
#include "queue/database.h"
#include "queue/queue_service.h"
#include "queue/search.h"
#include "queue/ticket_links.h"

namespace motcua::web {

struct WebOptions {
    bool hsts = false;   // served to citizens over TLS (by the reverse proxy): Strict-Transport-Security,
                         // and cookies marked Secure
    std::string secret;  // 32 bytes that sign cookies and forms (signer.h); empty: random for this run
    // Told when a linked ticket is called or has 3 or fewer before it, at most once each (notifier.h);
    // not owned, outlives the WebApp. nullptr: no notices.
    Notifier* notifier = nullptr;
    // The office sends notices to citizens (a hook is configured): the live page offers to take a
    // phone number for them (contact.h). false: no page asks for one.
    bool askContact = false;
};

// The text a live page shows for a ticket, and what the phone should do about it.
struct LiveText {
    std::string headline;
    std::string detail;
    std::string alert;  // "called", "soon" (3 or fewer ahead), "" otherwise
};
LiveText liveText(const queue::LiveTicket& ticket, Lang lang);
// One server-sent event ("data: {...}\n\n") for the ticket's page.
std::string liveEvent(const queue::LiveTicket& ticket, Lang lang);

struct LiveUpdate {
    std::int64_t ticketId = 0;
    std::string eventVi;
    std::string eventEn;
};

class WebApp {
  public:
    WebApp(queue::Database& db, const queue::Clock& clock, WebOptions options = {});
    ~WebApp();

    Response handle(const Request& request);
    // The headers every response carries (CSP, nosniff, no referrer, HSTS when configured).
    std::vector<std::pair<std::string, std::string>> securityHeaders() const;

    // Reads the store again when something changed (or force); the live tickets whose page changed
    // are kept for takeUpdates().
    void refresh(bool force = false);
    // The live tickets whose page changed since the last call, with their events in both languages.
    std::vector<LiveUpdate> takeUpdates();
    // The current event of a linked ticket of today (nullopt: not linked, or not today).
    std::optional<std::string> currentEvent(std::int64_t ticketId, Lang lang);

    queue::QueueService& queue() noexcept { return *m_queue; }

  private:
    Response home(const Request& request, Lang lang);
    // contactError: why the phone number just sent was refused, said in the contact form.
    Response ticketPage(std::string_view token, Lang lang, bool events, const std::string& contactError = {});
    // An online number not checked in yet: how to check in at the kiosk, its code and the code's QR.
    std::string checkInBlock(const queue::LiveTicket& ticket, Lang lang);
    Response followCode(const Request& request, Lang lang);
    // POST /t/<token>/bao-tin: the phone number a citizen gives to be told "3 ahead" and "called".
    Response giveContact(std::string_view token, const Request& request, Lang lang);
    // The live page's part about it: the form, or where the notices will go.
    std::string contactBlock(std::string_view token, const queue::LiveTicket& ticket, Lang lang,
                             const std::string& error) const;
    // A token that names no number of today.
    Response expiredTicketPage(Lang lang) const;
    Response takeForm(const Request& request, Lang lang, const std::string& error = {}, int status = 200);
    Response takeNumber(const Request& request, Lang lang);
    Response catalogue(std::string_view path, std::string_view query, Lang lang);
    // The online settings ([web] of office.toml, written by `motcua init`).
    bool takeOnline() const;
    int webSetting(const char* key, int fallback) const;
    std::string cookieFlags() const;
    Response page(Lang lang, int status, const std::string& title, const std::string& body,
                  const std::string& scripts = {}) const;
    Response errorPage(Lang lang, int status, const std::string& vi, const std::string& en) const;
    std::string officeName() const;

    queue::Database& m_db;
    const queue::Clock& m_clock;
    WebOptions m_options;
    std::unique_ptr<queue::QueueService> m_queue;
    queue::TicketLinks m_links;
    queue::LiveTickets m_live;
    queue::ChangeWatcher m_watcher;
    std::map<std::int64_t, queue::LiveTicket> m_tickets;  // as of the last refresh
    std::string m_day;                                    // of m_tickets
    std::vector<LiveUpdate> m_updates;                    // not yet taken
    NoticeTracker m_notices;                              // for options.notifier
    bool m_dirty = true;                                  // this connection wrote: refresh
    // When m_tickets were read: with appointments on, people ahead also change as slots begin
    // (queue/people_ahead.h), so the pages are read again at least once a minute.
    queue::TimeMs m_readAt = 0;
    RateLimiter m_codeAttempts;        // short codes typed, per address
    RateLimiter m_takesPerAddress;     // numbers taken on /lay-so, per address
    RateLimiter m_contactsPerAddress;  // phone numbers given, per address
    // The phone numbers citizens gave for their ticket's notices (ticket id -> number, 0xxxxxxxxx):
    // in this process's memory only, never written to the store or a log, dropped once the number is
    // called (its last notice) and when the day ends. A restart forgets them (the page says so).
    std::map<std::int64_t, std::string> m_contacts;
    Signer m_signer;
    // The catalogue as at start (motcua-web is restarted after `motcua catalogue import`).
    queue::Catalogue m_catalogue;
    std::unique_ptr<queue::SearchIndex> m_search;
    std::unique_ptr<AppointmentPages> m_appointments;  // /dat-lich (appointment_pages.h)
};

}  // namespace motcua::web
