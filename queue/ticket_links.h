// The link between a printed (or phone) ticket and its live page on motcua-web: /t/<token>, and a
// short code for typing it in. Both are random (libsodium), name the ticket and nothing about the
// citizen, and are honoured only on the ticket's business day: a link found for another day is
// treated as unknown.
//
// LiveTickets reads what the live pages show for every linked ticket of the day in a few queries,
// whatever the number of pages open: ahead and expected wait by the same rule and estimate as
// QueueService::estimate (tests/web/live_tickets_test.cpp compares them).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "queue/clock.h"
#include "queue/database.h"
#include "queue/office_config.h"
#include "queue/ticket.h"

namespace motcua::queue {

struct TicketLink {
    std::string token;      // 22 characters of URL-safe base64: 128 random bits
    std::string shortCode;  // 10 characters of kShortCodeAlphabet: 50 random bits
};

// No 0/O, 1/I: a code is read off paper by people with poor sight.
inline constexpr std::string_view kShortCodeAlphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

class TicketLinks {
  public:
    explicit TicketLinks(Database& db) : m_db(db) {}

    // The ticket's link, made on first use (in the caller's transaction, if any). Two processes
    // asking at once get the same link.
    TicketLink linkFor(const Ticket& ticket, TimeMs now);
    // The ticket's link when it has one.
    std::optional<TicketLink> linkOf(std::int64_t ticketId);
    // The ticket id the token or code names on that business day; nullopt when unknown or of another day.
    std::optional<std::int64_t> ticketOfToken(std::string_view token, const std::string& day);
    std::optional<std::int64_t> ticketOfShortCode(std::string_view code, const std::string& day);

    static std::string newToken();
    static std::string newShortCode();
    // True when text has the token's shape (22 URL-safe base64 characters); checked before any query.
    static bool isToken(std::string_view text);
    // "abcde-fghjk", "ABCDE FGHJK" -> "ABCDEFGHJK"; nullopt when it is not 10 characters of the alphabet.
    static std::optional<std::string> canonicalShortCode(std::string_view text);
    // "ABCDEFGHJK" -> "ABCDE-FGHJK" (as printed).
    static std::string printedShortCode(const std::string& code);

  private:
    Database& m_db;
};

// What a live ticket page shows.
struct LiveTicket {
    std::int64_t id = 0;
    std::string number;
    std::string serviceCode;  // the current service (after transfers)
    std::string serviceName;
    std::string serviceNameEn;
    TicketState state = TicketState::Waiting;
    std::optional<int> counter;  // while called, serving or held
    int ahead = 0;               // waiting tickets called before it (0 unless waiting)
    int waitSeconds = 0;         // expected wait (0 unless waiting)
    int recalls = 0;
    // Taken online and not checked in at the kiosk yet, while the office asks for that ([web]
    // online_checkin_minutes): the page asks the citizen to check in on arrival.
    bool checkInNeeded = false;
};

class LiveTickets {
  public:
    LiveTickets(Database& db, const CallOrderConfig& callOrder) : m_db(db), m_callOrder(callOrder) {}

    // Every linked ticket of the day, by ticket id; people ahead as of now (appointments' slots).
    std::map<std::int64_t, LiveTicket> today(const std::string& day, TimeMs now);

  private:
    Database& m_db;
    CallOrderConfig m_callOrder;
};

}  // namespace motcua::queue
