#include "kiosk/console_app/console_session.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "queue/call_order.h"

namespace motcua::console {

using queue::Outcome;
using queue::Ticket;
using queue::TicketState;
using queue::TimeMs;

namespace {

constexpr TimeMs kMinuteMs = 60'000;

bool active(const CounterView& v) {
    return v.current.has_value();
}
TicketState currentState(const CounterView& v) {
    return v.current->ticket.state;
}

}  // namespace

bool allowed(const CounterView& view, Move move) {
    switch (move) {
        case Move::CallNext:
            return !view.onBreak && !active(view) && !view.waiting.empty();
        case Move::CallNumber:
            return !view.onBreak && !active(view);
        case Move::Recall:
        case Move::Start:
        case Move::NoShow:
            return active(view) && currentState(view) == TicketState::Called;
        case Move::Finish:
            return active(view) && currentState(view) == TicketState::Serving;
        case Move::ReturnFront:
        case Move::ReturnBack:
        case Move::Hold:
        case Move::Transfer:
            return active(view);
    }
    return false;
}

int waitedMinutes(const Ticket& ticket, TimeMs now) {
    return static_cast<int>(std::max<TimeMs>(0, now - ticket.updatedAt) / kMinuteMs);
}

const char* finishOutcomeVi(const std::string& code) {
    if (code == "received") return "Tiếp nhận hồ sơ";
    if (code == "guidance") return "Hướng dẫn";
    if (code == "returned") return "Trả kết quả";
    if (code == "incomplete") return "Hồ sơ chưa đầy đủ";
    return "";
}

ConsoleSession::ConsoleSession(queue::Database& db, const queue::Clock& clock, queue::StaffPolicy policy)
    : m_clock(clock), m_queue(db, clock), m_staff(db, clock, policy), m_watcher(db) {}

std::vector<queue::StaffMember> ConsoleSession::staff() {
    return m_staff.list();
}
std::vector<queue::CounterStatus> ConsoleSession::counters() {
    return m_queue.status().counters;
}
std::vector<queue::ServiceStatus> ConsoleSession::services() {
    return m_queue.status().services;
}

bool ConsoleSession::supervisor() const noexcept {
    return m_officer && m_officer->role != queue::StaffRole::Officer;
}

queue::Actor ConsoleSession::actor() const {
    queue::Actor a;
    if (m_officer) a.staffId = m_officer->id;
    return a;
}

// The queue refuses the move, inside its transaction, if the counter no longer holds `seen`.
queue::Actor ConsoleSession::actorSeeing(const std::string& seen) const {
    queue::Actor a = actor();
    if (!seen.empty()) a.expectedTicket = seen;
    return a;
}

queue::LoginResult ConsoleSession::login(const std::string& login, const std::string& pin, int counter) {
    auto result = m_staff.login(login, pin, counter);
    if (result.outcome == queue::LoginOutcome::Ok) {
        m_officer = result.staff;
        m_counter = counter;
        m_alerts.clear();
        m_raised.clear();
        refresh();
    }
    return result;
}

void ConsoleSession::logout() {
    try {
        if (m_officer) m_staff.logout(m_officer->id, m_counter);
    } catch (const queue::DatabaseError& e) {
        // Without the server the officer still leaves this PC; the counter's session there stays open
        // until the next login at the counter.
        if (!e.isConnectionLost()) throw;
        m_offline = true;
    }
    m_officer.reset();
    m_counter = 0;
    m_view = {};
    m_alerts.clear();
}

ActionResult ConsoleSession::startBreak(const std::string& reason) {
    return whileConnected([&]() -> ActionResult {
        if (!m_officer) return {false, "Chưa đăng nhập", false};
        auto r = m_staff.startBreak(m_officer->id, m_counter, reason);
        refresh();
        if (!r.ok()) return {false, "Không bắt đầu nghỉ được: " + r.message, false};
        return {true, fmt::format("Quầy {} tạm nghỉ: {}", m_counter, reason), false};
    });
}

ActionResult ConsoleSession::endBreak() {
    return whileConnected([&]() -> ActionResult {
        if (!m_officer) return {false, "Chưa đăng nhập", false};
        auto r = m_staff.endBreak(m_officer->id, m_counter);
        refresh();
        if (!r.ok()) return {false, "Không kết thúc nghỉ được: " + r.message, false};
        return {true, fmt::format("Quầy {} làm việc trở lại", m_counter), false};
    });
}

void ConsoleSession::refresh() {
    try {
        reload();
        m_offline = false;
    } catch (const queue::DatabaseError& e) {
        if (!e.isConnectionLost()) throw;
        m_offline = true;  // the view stays as it was; the next poll tries again
    }
}

template <class F>
ActionResult ConsoleSession::whileConnected(F&& move) {
    try {
        return move();
    } catch (const queue::DatabaseError& e) {
        if (!e.isConnectionLost()) throw;
        m_offline = true;
        return {false, kServerLostVi, false};
    }
}

void ConsoleSession::reload() {
    CounterView v;
    v.now = m_clock.now();
    v.counter = m_counter;
    if (!m_officer) {
        m_view = std::move(v);
        return;
    }
    for (auto& c : m_queue.status().counters) {
        if (c.number != m_counter) continue;
        v.counterName = c.name;
        v.services = c.services;
        if (c.current)
            v.current =
                CurrentTicket{*c.current, m_queue.timesOf(*c.current), m_queue.onlineCheckIn(*c.current)};
        v.onBreak = c.onBreak;
        v.breakReason = c.breakReason;
    }
    if (v.onBreak) v.breakSince = m_staff.session(m_counter).breakSince;
    v.held = m_queue.heldAt(m_counter);
    auto waiting = m_queue.queueFor(m_counter);
    v.waiting = std::move(waiting.waiting);
    v.nextReasonVi = std::move(waiting.nextReasonVi);
    queue::AppointmentBook book(m_queue, m_clock);
    if (book.config().enabled) v.appointmentsToday = book.countOfDay(m_queue.businessDay());
    m_view = std::move(v);

    const int target = m_queue.callOrder().waitTargetMinutes;
    for (const auto& t : m_view.waiting) {
        const int waited = waitedMinutes(t, m_view.now);
        if (target > 0 && waited >= target)
            raise({AlertKind::LongWait, fmt::format("wait:{}:{}", t.number, t.leg),
                   fmt::format("Số {} ({}) đã chờ {} phút, quá mục tiêu {} phút", t.number,
                               t.currentServiceName, waited, target),
                   m_view.now});
    }
}

std::optional<DayAppointments> ConsoleSession::appointments() {
    try {
        queue::AppointmentBook book(m_queue, m_clock);
        const auto config = book.config();
        if (!config.enabled) return std::nullopt;
        DayAppointments out;
        out.day = m_queue.businessDay();
        out.list = book.ofDay(out.day);
        out.graceMinutes = config.graceMinutes;
        return out;
    } catch (const queue::DatabaseError& e) {
        if (!e.isConnectionLost()) throw;
        m_offline = true;
        return std::nullopt;
    }
}

bool ConsoleSession::poll() {
    const bool wasOffline = m_offline;
    try {
        // Online numbers called and not checked in in time. Each is a guarded write: when several
        // consoles run this at once, each ticket moves once; the write wakes the watcher below.
        const queue::TimeMs now = m_clock.now();
        const bool mineDue = m_officer && m_view.current && m_view.current->checkIn.deadline &&
                             *m_view.current->checkIn.deadline <= now;
        // (Own counter's: at most once a second, should the move be refused, e.g. by the clock guard.)
        if (!wasOffline && ((mineDue && now - m_lastSweep >= 1'000) || now - m_lastSweep >= kSweepMs)) {
            m_lastSweep = now;
            bool mine = false;
            const int minutes = m_queue.onlineCheckInMinutes();
            for (const auto& t : minutes > 0 ? m_queue.noShowsNotCheckedIn() : std::vector<queue::Ticket>{}) {
                if (!m_officer || !m_view.current || m_view.current->ticket.id != t.id) continue;
                // This connection's own write does not wake its watcher (SQLite): say it now.
                raise(notCheckedInAlert(t.id, t.number, minutes, now));
                mine = true;
            }
            if (mine) {
                reload();
                m_offline = false;
                return true;
            }
        }
        // While offline every poll reads: that read re-opens the connection (at most one try every 2 s).
        if (!m_watcher.changed() && !wasOffline) return false;
        // Everything since the last event seen, also what happened while the server was away.
        for (;;) {
            const auto events = m_watcher.newEvents(m_queue);
            if (events.empty()) break;
            if (m_officer) alertsFrom(events);
        }
        // Settings `motcua init` edited (call order, recall limit, hours, rating...) apply at once, as
        // on the kiosk and the lobby display: the write that changed them is what woke this poll.
        m_queue.reloadSettings();
        if (m_officer) reload();
        m_offline = false;
        return true;
    } catch (const queue::DatabaseError& e) {
        if (!e.isConnectionLost()) throw;
        m_offline = true;
        return !wasOffline;
    }
}

Alert ConsoleSession::notCheckedInAlert(std::int64_t ticketId, const std::string& number, int minutes,
                                        queue::TimeMs at) {
    // One key per ticket: raised once whether this console made the no-show or another one did.
    return {
        AlertKind::NotCheckedIn, fmt::format("checkin:{}", ticketId),
        fmt::format("Số {} (lấy trực tuyến) chưa xác nhận có mặt tại kiosk {} phút sau khi gọi: đã chuyển "
                    "thành vắng mặt. Quầy gọi được số tiếp theo.",
                    number, minutes),
        at};
}

void ConsoleSession::alertsFrom(const std::vector<queue::Event>& events) {
    for (const auto& e : events) {
        if (e.kind == "noshow" && e.counter == m_counter && e.detail.value("automatic", false)) {
            raise(notCheckedInAlert(e.ticketId.value_or(0), e.number, e.detail.value("checkin_minutes", 0),
                                    e.at));
            continue;
        }
        if (e.kind == "print_failed") {
            const std::string why = e.detail.value("message", e.detail.value("error", std::string()));
            const std::string number = e.number.empty() ? "" : " số " + e.number;
            const std::string because = why.empty() ? "" : " (" + why + ")";
            // The printer took the whole ticket before the fault: it may be in the slot, or come out
            // once the fault is cleared. Printing it again could give two.
            if (e.detail.value("outcome", std::string()) == "unknown")
                raise({AlertKind::PrintFailed, fmt::format("print:{}", e.id),
                       fmt::format(
                           "Máy in ki-ốt có thể đã in{}{}. Xem khe máy in trước khi in lại; nếu không có, "
                           "đọc số cho công dân.",
                           number, because),
                       e.at});
            else
                raise({AlertKind::PrintFailed, fmt::format("print:{}", e.id),
                       fmt::format("Máy in ki-ốt không in được{}{}. Kiểm tra máy in và đọc số cho công dân.",
                                   number, because),
                       e.at});
        } else if (e.kind == "printer_problem") {
            // The kiosk's printer cannot print (missing, paper out...), seen before any ticket.
            std::string why = e.detail.value("message_vi", e.detail.value("message", std::string()));
            if (const auto colon = why.find(':'); colon != std::string::npos)
                why.resize(colon);  // the fault, not the advice
            raise({AlertKind::PrintFailed, fmt::format("printer:{}", e.id),
                   fmt::format(
                       "Máy in ki-ốt ({}) chưa in được{}. Kiểm tra máy in; ki-ốt vẫn cấp số trên màn hình.",
                       e.detail.value("printer", std::string("?")), why.empty() ? "" : ": " + why),
                   e.at});
        } else if (e.kind == "rate" && e.detail.value("level", std::string()) == "khong_hai_long") {
            if (!supervisor() && e.counter && *e.counter != m_counter) continue;
            raise({AlertKind::Unsatisfied, fmt::format("rate:{}", e.id),
                   fmt::format("Công dân số {} đánh giá Không hài lòng{}", e.number,
                               e.counter ? fmt::format(" (quầy {})", *e.counter) : std::string()),
                   e.at});
        }
    }
}

void ConsoleSession::raise(Alert alert) {
    if (!m_raised.insert(alert.key).second) return;
    // Newest first. Appended and rotated to the front rather than insert(begin()): GCC 12 at -O3
    // reports a false -Wnull-dereference inside vector::insert for this element type.
    m_alerts.push_back(std::move(alert));
    std::rotate(m_alerts.begin(), m_alerts.end() - 1, m_alerts.end());
}

void ConsoleSession::dismissAlert(const std::string& key) {
    std::erase_if(m_alerts, [&](const Alert& a) { return a.key == key; });
}

std::optional<ActionResult> ConsoleSession::checkSeen(const std::string& seen) {
    if (!m_officer) return ActionResult{false, "Chưa đăng nhập", false};
    refresh();
    const std::string now = m_view.current ? m_view.current->ticket.number : std::string();
    if (now == seen) return std::nullopt;
    std::string text;
    if (seen.empty())
        text = fmt::format("Quầy {} đang có số {} (do máy khác gọi). Màn hình đã được cập nhật.", m_counter,
                           now);
    else if (now.empty())
        text = fmt::format(
            "Số {} không còn ở quầy này (đã được xử lý ở máy khác). Màn hình đã được cập nhật.", seen);
    else
        text = fmt::format(
            "Quầy đang có số {}, không phải {} (đã thay đổi ở máy khác). Màn hình đã được cập nhật.", now,
            seen);
    return ActionResult{false, text, true};
}

template <class T>
ActionResult ConsoleSession::conclude(const queue::Result<T>& result, const std::string& doneVi,
                                      const std::string& number) {
    refresh();
    if (result.ok()) return {true, doneVi, false};
    std::string text;
    bool stale = false;
    switch (result.outcome) {
        case Outcome::NothingWaiting:
            text = "Không còn số nào đang chờ ở quầy này.";
            break;
        case Outcome::NotFound:
            text = fmt::format("Không tìm thấy số {} trong hôm nay.", number);
            break;
        case Outcome::Invalid:
            text = fmt::format("Số không hợp lệ: {}", number);
            break;
        case Outcome::CapReached:
        case Outcome::NotAllowed:
            if (m_view.onBreak)
                text = "Quầy đang tạm nghỉ: bấm \"Tiếp tục làm việc\" để gọi số.";
            else if (result.message.find("supervisor") != std::string::npos)
                text = fmt::format(
                    "Chỉ trưởng bộ phận được thao tác với số {} vì cán bộ khác đã xử lý số này.", number);
            else {
                text = fmt::format(
                    "Không thực hiện được với số {}: trạng thái đã thay đổi (có thể ở máy khác). "
                    "Màn hình đã được cập nhật.",
                    number);
                stale = true;
            }
            break;
        case Outcome::ClockWrong:
            text =
                "Đồng hồ của máy tính không khớp với dữ liệu đã ghi nên chưa gọi được số. "
                "Xin báo trưởng bộ phận kiểm tra đồng hồ (motcua doctor).";
            break;
        case Outcome::OutsideHours:  // only take() refuses for the hours; a console serves at any hour
        case Outcome::CitizenLimit:  // and for a citizen's limits
            text = result.message;
            break;
        case Outcome::Ok:
            break;
    }
    return {false, text, stale};
}

ActionResult ConsoleSession::callNext(const std::string& seen) {
    return whileConnected([&]() -> ActionResult {
        if (auto refused = checkSeen(seen)) return *refused;
        auto r = m_queue.callNext(m_counter, actor());
        if (!r.ok()) {
            auto result = conclude(r, "", "");
            // Another console on this counter won the race: say which ticket it took.
            if (m_view.current)
                result = {false,
                          fmt::format("Quầy {} đã có số {} (máy khác vừa gọi). Màn hình đã được cập nhật.",
                                      m_counter, m_view.current->ticket.number),
                          true};
            return result;
        }
        return conclude(r, fmt::format("Đã gọi số {} — {}", r.value->ticket.number, r.value->reasonVi),
                        r.value->ticket.number);
    });
}

ActionResult ConsoleSession::callNumber(const std::string& seen, const std::string& text) {
    return whileConnected([&]() -> ActionResult {
        if (auto refused = checkSeen(seen)) return *refused;
        const auto number = queue::QueueService::canonicalNumber(text).value_or(text);
        auto r = m_queue.callNumber(m_counter, number, actor());
        return conclude(r, fmt::format("Đã gọi số {}", number), number);
    });
}

ActionResult ConsoleSession::recall(const std::string& seen) {
    return whileConnected([&]() -> ActionResult {
        if (auto refused = checkSeen(seen)) return *refused;
        auto r = m_queue.recall(m_counter, actorSeeing(seen));
        if (r.ok() && r.value->becameNoShow)
            return conclude(r, fmt::format("Số {} đã gọi quá số lần cho phép: chuyển sang vắng mặt", seen),
                            seen);
        return conclude(
            r, r.ok() ? fmt::format("Đã gọi lại số {} (lần {})", seen, r.value->ticket.recalls) : "", seen);
    });
}

ActionResult ConsoleSession::start(const std::string& seen) {
    return whileConnected([&]() -> ActionResult {
        if (auto refused = checkSeen(seen)) return *refused;
        return conclude(m_queue.start(m_counter, actorSeeing(seen)),
                        fmt::format("Bắt đầu phục vụ số {}", seen), seen);
    });
}

ActionResult ConsoleSession::finish(const std::string& seen, const FinishDetail& detail) {
    return whileConnected([&]() -> ActionResult {
        if (auto refused = checkSeen(seen)) return *refused;
        nlohmann::json d = nlohmann::json::object();
        if (!detail.procedures.empty()) d["procedures"] = detail.procedures;
        if (!detail.outcome.empty()) d["outcome"] = detail.outcome;
        if (!detail.dossierCode.empty()) d["dossier_code"] = detail.dossierCode;
        return conclude(m_queue.finish(m_counter, actorSeeing(seen), d),
                        fmt::format("Đã hoàn thành số {}", seen), seen);
    });
}

ActionResult ConsoleSession::noShow(const std::string& seen) {
    return whileConnected([&]() -> ActionResult {
        if (auto refused = checkSeen(seen)) return *refused;
        return conclude(m_queue.noShow(m_counter, actorSeeing(seen)), fmt::format("Số {} vắng mặt", seen),
                        seen);
    });
}

ActionResult ConsoleSession::returnToQueue(const std::string& seen, bool front) {
    return whileConnected([&]() -> ActionResult {
        if (auto refused = checkSeen(seen)) return *refused;
        return conclude(m_queue.returnToQueue(m_counter, front, actorSeeing(seen)),
                        fmt::format("Đã trả số {} về {} hàng chờ", seen, front ? "đầu" : "cuối"), seen);
    });
}

ActionResult ConsoleSession::hold(const std::string& seen) {
    return whileConnected([&]() -> ActionResult {
        if (auto refused = checkSeen(seen)) return *refused;
        return conclude(m_queue.hold(m_counter, actorSeeing(seen)),
                        fmt::format("Đã tạm giữ số {}: gọi lại bằng \"Gọi số cụ thể\"", seen), seen);
    });
}

ActionResult ConsoleSession::transfer(const std::string& seen, const std::string& serviceCode) {
    return whileConnected([&]() -> ActionResult {
        if (auto refused = checkSeen(seen)) return *refused;
        auto r = m_queue.transfer(m_counter, serviceCode, actorSeeing(seen));
        return conclude(
            r, r.ok() ? fmt::format("Đã chuyển số {} sang {}", seen, r.value->currentServiceName) : "", seen);
    });
}

ActionResult ConsoleSession::checkPriority(const std::string& seen, bool confirmed) {
    return whileConnected([&]() -> ActionResult {
        if (auto refused = checkSeen(seen)) return *refused;
        return conclude(m_queue.checkPriority(m_counter, confirmed, actorSeeing(seen)),
                        confirmed ? fmt::format("Đã ghi nhận: số {} đúng đối tượng ưu tiên", seen)
                                  : fmt::format("Đã ghi nhận: số {} không đúng đối tượng ưu tiên", seen),
                        seen);
    });
}

std::string ConsoleSession::priorityDefinitionVi(const std::string& category) const {
    const auto& office = m_queue.office();
    if (!office.is_object() || !office.contains("priority_definitions")) return {};
    const auto& all = office["priority_definitions"];
    if (!all.is_object() || !all.contains(category) || !all[category].is_object()) return {};
    const std::string definition = all[category].value("vi", "");
    const std::string basis = all[category].value("basis", "");
    if (definition.empty()) return {};
    return basis.empty() ? definition : fmt::format("{} ({})", definition, basis);
}

ActionResult ConsoleSession::cancel(const std::string& text) {
    return whileConnected([&]() -> ActionResult {
        if (!m_officer) return {false, "Chưa đăng nhập", false};
        const auto number = queue::QueueService::canonicalNumber(text).value_or(text);
        return conclude(m_queue.cancel(number, actor()), fmt::format("Đã hủy số {}", number), number);
    });
}

ActionResult ConsoleSession::reactivate(const std::string& text) {
    return whileConnected([&]() -> ActionResult {
        if (!m_officer) return {false, "Chưa đăng nhập", false};
        const auto number = queue::QueueService::canonicalNumber(text).value_or(text);
        return conclude(m_queue.reactivate(number, actor()),
                        fmt::format("Đã đưa số {} trở lại hàng chờ", number), number);
    });
}

ActionResult ConsoleSession::liftCitizenLimit(const std::string& reference, const std::string& reason) {
    return whileConnected([&]() -> ActionResult {
        if (!m_officer) return {false, "Chưa đăng nhập", false};
        if (!supervisor()) return {false, "Chỉ trưởng bộ phận được gỡ giới hạn lấy số của công dân.", false};
        std::int64_t ref = 0;
        const bool digits =
            !reference.empty() && reference.size() <= 12 &&
            std::all_of(reference.begin(), reference.end(), [](unsigned char c) { return std::isdigit(c); });
        if (!digits) return {false, "Mã hỗ trợ là dãy chữ số hiện trên màn hình máy lấy số.", false};
        ref = std::stoll(reference);
        const auto r = m_queue.liftCitizenLimit(ref, reason, actor());
        refresh();
        if (r.ok())
            return {true, fmt::format("Đã gỡ giới hạn lấy số hôm nay cho công dân có mã hỗ trợ {}.", ref),
                    false};
        switch (r.outcome) {
            case Outcome::Invalid:
                return {false, "Cần ghi lý do gỡ giới hạn (tối đa 300 ký tự).", false};
            case Outcome::NotFound:
                return {false, fmt::format("Không có mã hỗ trợ {} trong hôm nay.", ref), false};
            case Outcome::NotAllowed:
                return {false,
                        supervisor() ? "Giới hạn của công dân này đã được gỡ hôm nay."
                                     : "Chỉ trưởng bộ phận được gỡ giới hạn lấy số của công dân.",
                        false};
            default:
                return {false, r.message, false};
        }
    });
}

}  // namespace motcua::console
