#include "queue/ticket_links.h"

#include <sodium.h>

#include <algorithm>
#include <cmath>
#include <tuple>
#include <vector>

#include "queue/ticket_store.h"

namespace motcua::queue {

namespace {

constexpr std::size_t kTokenBytes = 16;
constexpr std::size_t kTokenChars = 22;  // base64 of 16 bytes without padding
constexpr std::size_t kShortCodeChars = 10;

void initSodium() {
    static const bool ready = sodium_init() >= 0;
    if (!ready) throw std::runtime_error("sodium_init failed");
}

bool isBase64UrlChar(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

}  // namespace

std::string TicketLinks::newToken() {
    initSodium();
    unsigned char bytes[kTokenBytes];
    randombytes_buf(bytes, sizeof bytes);
    char text[sodium_base64_ENCODED_LEN(kTokenBytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
    sodium_bin2base64(text, sizeof text, bytes, sizeof bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    sodium_memzero(bytes, sizeof bytes);
    return text;
}

std::string TicketLinks::newShortCode() {
    initSodium();
    std::string code;
    for (std::size_t i = 0; i < kShortCodeChars; ++i)
        code +=
            kShortCodeAlphabet[randombytes_uniform(static_cast<std::uint32_t>(kShortCodeAlphabet.size()))];
    return code;
}

bool TicketLinks::isToken(std::string_view text) {
    return text.size() == kTokenChars && std::all_of(text.begin(), text.end(), isBase64UrlChar);
}

std::optional<std::string> TicketLinks::canonicalShortCode(std::string_view text) {
    if (text.size() > 40) return std::nullopt;
    std::string code;
    for (char c : text) {
        if (c == ' ' || c == '-') continue;
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
        if (kShortCodeAlphabet.find(c) == std::string_view::npos) return std::nullopt;
        code += c;
    }
    if (code.size() != kShortCodeChars) return std::nullopt;
    return code;
}

std::string TicketLinks::printedShortCode(const std::string& code) {
    if (code.size() != kShortCodeChars) return code;
    return code.substr(0, 5) + "-" + code.substr(5);
}

TicketLink TicketLinks::linkFor(const Ticket& ticket, TimeMs now) {
    // A random collision of the UNIQUE token or code (2^-50 for a day's codes) would make the insert
    // do nothing; the loop then draws again.
    for (int attempt = 0; attempt < 5; ++attempt) {
        Statement insert(m_db,
                         "INSERT INTO ticket_links(ticket_id, token, short_code, business_day, created_at) "
                         "VALUES(?,?,?,?,?) ON CONFLICT DO NOTHING");
        insert.bind(1, ticket.id).bind(2, newToken()).bind(3, newShortCode()).bind(4, ticket.businessDay);
        insert.bind(5, now);
        insert.run();
        Statement read(m_db, "SELECT token, short_code FROM ticket_links WHERE ticket_id = ?");
        read.bind(1, ticket.id);
        if (read.step()) return TicketLink{read.getText(0), read.getText(1)};
    }
    throw DatabaseError("ticket_links: no link could be stored for ticket " + ticket.number,
                        DatabaseError::Kind::Other);
}

std::optional<TicketLink> TicketLinks::linkOf(std::int64_t ticketId) {
    Statement read(m_db, "SELECT token, short_code FROM ticket_links WHERE ticket_id = ?");
    read.bind(1, ticketId);
    if (!read.step()) return std::nullopt;
    return TicketLink{read.getText(0), read.getText(1)};
}

std::optional<std::int64_t> TicketLinks::ticketOfToken(std::string_view token, const std::string& day) {
    if (!isToken(token)) return std::nullopt;
    Statement st(m_db, "SELECT ticket_id FROM ticket_links WHERE token = ? AND business_day = ?");
    st.bind(1, token).bind(2, day);
    if (!st.step()) return std::nullopt;
    return st.getInt(0);
}

std::optional<std::int64_t> TicketLinks::ticketOfShortCode(std::string_view code, const std::string& day) {
    const auto canonical = canonicalShortCode(code);
    if (!canonical) return std::nullopt;
    Statement st(m_db, "SELECT ticket_id FROM ticket_links WHERE short_code = ? AND business_day = ?");
    st.bind(1, *canonical).bind(2, day);
    if (!st.step()) return std::nullopt;
    return st.getInt(0);
}

std::map<std::int64_t, LiveTicket> LiveTickets::today(const std::string& day, TimeMs now) {
    Transaction tx(m_db, Transaction::Kind::Snapshot);
    // The day's waiting tickets per service, for peopleAhead (people_ahead.h).
    std::map<std::int64_t, std::vector<WaitingTicket>> waiting;
    {
        Statement st(
            m_db,
            "SELECT id, cur_service_id, CASE WHEN priority IS NULL THEN 0 ELSE 1 END, queue_key, due_at "
            "FROM tickets WHERE business_day = ? AND state = 'waiting'");
        st.bind(1, day);
        while (st.step()) {
            waiting[st.getInt(1)].push_back({st.getInt(0), st.getInt(2) != 0, st.getInt(3), st.getOptInt(4)});
        }
    }
    std::map<std::int64_t, LiveTicket> out;
    std::map<std::int64_t, std::int64_t> serviceOf;
    Statement st(m_db,
                 "SELECT t.id, t.number, s.code, s.name, s.name_en, t.state, c.number, t.cur_service_id, "
                 "t.recalls FROM ticket_links l JOIN tickets t ON t.id = l.ticket_id "
                 "JOIN services s ON s.id = t.cur_service_id LEFT JOIN counters c ON c.id = t.counter_id "
                 "WHERE l.business_day = ? AND t.business_day = ?");
    st.bind(1, day).bind(2, day);
    while (st.step()) {
        LiveTicket t;
        t.id = st.getInt(0);
        t.number = st.getText(1);
        t.serviceCode = st.getText(2);
        t.serviceName = st.getText(3);
        t.serviceNameEn = st.getText(4);
        t.state = ticketStateFromString(st.getText(5)).value_or(TicketState::Waiting);
        if (auto c = st.getOptInt(6)) t.counter = static_cast<int>(*c);
        serviceOf[t.id] = st.getInt(7);
        t.recalls = static_cast<int>(st.getInt(8));
        out.emplace(t.id, std::move(t));
    }
    // Open numbers taken online (the issue event's channel) not checked in at the kiosk yet.
    {
        Statement open(m_db,
                       m_db.isPostgres()
                           ? "SELECT l.ticket_id FROM ticket_links l JOIN tickets t ON t.id = l.ticket_id "
                             "JOIN events e ON e.ticket_id = l.ticket_id AND e.kind = 'issue' "
                             "WHERE l.business_day = ? AND t.state IN ('waiting', 'called', 'held') "
                             "AND e.detail->>'channel' = 'online' AND NOT EXISTS (SELECT 1 FROM events c "
                             "WHERE c.ticket_id = l.ticket_id AND c.kind = 'check_in')"
                           : "SELECT l.ticket_id FROM ticket_links l JOIN tickets t ON t.id = l.ticket_id "
                             "JOIN events e ON e.ticket_id = l.ticket_id AND e.kind = 'issue' "
                             "WHERE l.business_day = ? AND t.state IN ('waiting', 'called', 'held') "
                             "AND json_extract(e.detail, '$.channel') = 'online' AND NOT EXISTS (SELECT 1 "
                             "FROM events c WHERE c.ticket_id = l.ticket_id AND c.kind = 'check_in')");
        open.bind(1, day);
        while (open.step()) {
            if (auto it = out.find(open.getInt(0)); it != out.end()) it->second.checkInNeeded = true;
        }
    }
    // Per service with a linked waiting ticket: its estimate's inputs, read once.
    TicketStore store(m_db);
    std::map<std::int64_t, ServiceRate> rates;
    for (auto& [id, t] : out) {
        if (t.state != TicketState::Waiting) continue;
        const auto service = serviceOf[id];
        auto rate = rates.find(service);
        if (rate == rates.end()) {
            rate =
                rates
                    .emplace(service, serviceRate(store.serviceHistory(service, m_callOrder.estimateSamples),
                                                  m_callOrder, store.countersServing(service).size()))
                    .first;
        }
        const auto& list = waiting[service];
        // Not [&] on the binding itself: clang 14 (the fuzz build) refuses to capture a structured binding.
        const auto self = std::find_if(list.begin(), list.end(),
                                       [ticket = id](const WaitingTicket& w) { return w.id == ticket; });
        if (self == list.end()) continue;
        t.ahead = peopleAhead(list, *self, now, rate->second);
        t.waitSeconds = expectedWaitSeconds(t.ahead, rate->second);
    }
    return out;
}

}  // namespace motcua::queue
