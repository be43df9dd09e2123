#include "kiosk/web/web_app.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <string_view>
#include <utility>

#include "kiosk/web/catalogue_pages.h"
#include "kiosk/web/contact.h"
#include "kiosk/web/phone_limit.h"
#include "kiosk/web/qr_svg.h"
#include "queue/wait_text.h"

namespace motcua::web {

namespace {

struct StaticFile {
    std::string_view path;
    std::string_view contentType;
    std::string_view body;
};
// The files of kiosk/web/static, compiled in (CMakeLists.txt).
constexpr StaticFile kStaticFiles[] = {
#include "web_static.inc"
};

constexpr queue::TimeMs kCodeWindowMs = 10 * 60 * 1000;
constexpr int kCodeAttempts = 20;  // short codes typed per address per 10 minutes
constexpr queue::TimeMs kHourMs = 60 * 60 * 1000;
constexpr int kContactsPerHour = 10;  // phone numbers given on live pages per address per hour

const char* pick(Lang lang, const char* vi, const char* en) {
    return lang == Lang::Vi ? vi : en;
}

// ?lang=en|vi, else the lang cookie, else Vietnamese.
Lang requestLang(const Request& request, std::string_view query) {
    if (auto q = formValue(query, "lang")) return *q == "en" ? Lang::En : Lang::Vi;
    if (auto c = cookieValue(request.cookie, "lang")) return *c == "en" ? Lang::En : Lang::Vi;
    return Lang::Vi;
}

std::string counterText(Lang lang, const std::optional<int>& counter) {
    if (!counter) return pick(lang, "quầy", "the counter");
    return fmt::format("{} {}", pick(lang, "Quầy", "counter"), *counter);
}

}  // namespace

LiveText liveText(const queue::LiveTicket& t, Lang lang) {
    using queue::TicketState;
    LiveText out;
    switch (t.state) {
        case TicketState::Waiting:
            if (t.ahead == 0) {
                out.headline = pick(lang, "Ông/bà là người tiếp theo", "You are next");
                out.detail =
                    pick(lang, "Mời ông/bà đến gần khu vực các quầy.", "Please come close to the counters.");
                out.alert = "soon";
            } else if (t.ahead <= 3) {
                out.headline = fmt::format(
                    fmt::runtime(pick(lang, "Còn {} số nữa là đến lượt ông/bà", "{} more before your turn")),
                    t.ahead);
                out.detail = pick(lang, "Mời ông/bà quay lại gần khu vực các quầy.",
                                  "Please come back close to the counters.");
                out.alert = "soon";
            } else {
                out.headline = fmt::format(
                    fmt::runtime(pick(lang, "Có {} người chờ trước ông/bà", "{} people ahead of you")),
                    t.ahead);
                out.detail = fmt::format("{}: {}", pick(lang, "Thời gian chờ dự kiến", "Expected wait"),
                                         queue::expectedWaitText(t.waitSeconds, lang == Lang::Vi));
            }
            break;
        case TicketState::Called:
            out.headline = fmt::format("{} {}", pick(lang, "Mời ông/bà đến", "Please go to"),
                                       counterText(lang, t.counter));
            out.detail = fmt::format(
                fmt::runtime(pick(lang, "Số {} đang được gọi.", "Number {} is being called.")), t.number);
            out.alert = "called";
            break;
        case TicketState::Serving:
            out.headline =
                fmt::format("{} {}", pick(lang, "Ông/bà đang được phục vụ tại", "You are being served at"),
                            counterText(lang, t.counter));
            break;
        case TicketState::Held:
            out.headline = fmt::format(
                "{} {}", pick(lang, "Số của ông/bà đang được giữ tại", "Your number is on hold at"),
                counterText(lang, t.counter));
            out.detail = pick(lang, "Cán bộ sẽ gọi lại ông/bà.", "The officer will call you again.");
            break;
        case TicketState::Done:
            out.headline = pick(lang, "Đã phục vụ xong. Cảm ơn ông/bà!", "Done. Thank you!");
            break;
        case TicketState::NoShow:
            out.headline = pick(lang, "Số đã bị bỏ qua vì ông/bà vắng mặt khi được gọi",
                                "Your number was passed: you were not there when called");
            out.detail =
                pick(lang, "Mời ông/bà hỏi tại quầy hướng dẫn.", "Please ask at the information desk.");
            break;
        case TicketState::Cancelled:
            out.headline = pick(lang, "Số này đã bị hủy", "This number was cancelled");
            break;
        case TicketState::Expired:
            out.headline = pick(lang, "Số này đã hết hạn", "This number has expired");
            break;
    }
    return out;
}

std::string liveEvent(const queue::LiveTicket& t, Lang lang) {
    const auto text = liveText(t, lang);
    const nlohmann::json j = {{"state", queue::toString(t.state)},
                              {"ahead", t.ahead},
                              {"counter", t.counter ? nlohmann::json(*t.counter) : nlohmann::json(nullptr)},
                              {"headline", text.headline},
                              {"detail", text.detail},
                              {"alert", text.alert},
                              {"checkin", t.checkInNeeded}};
    // dump() escapes nothing that could end an event: JSON strings hold no raw newline.
    return "data: " + j.dump() + "\n\n";
}

WebApp::WebApp(queue::Database& db, const queue::Clock& clock, WebOptions options)
    : m_db(db),
      m_clock(clock),
      m_options(options),
      m_queue(std::make_unique<queue::QueueService>(db, clock)),
      m_links(db),
      m_live(db, m_queue->callOrder()),
      m_watcher(db),
      m_codeAttempts(kCodeAttempts, kCodeWindowMs),
      m_takesPerAddress(webSetting("per_address_per_hour", 20), kHourMs),
      m_contactsPerAddress(kContactsPerHour, kHourMs),
      m_signer(options.secret),
      m_catalogue(queue::loadCatalogue(db)),
      m_search(std::make_unique<queue::SearchIndex>(m_catalogue)),
      m_appointments(std::make_unique<AppointmentPages>(
          *m_queue, clock, m_signer,
          [this](Lang lang, int status, const std::string& title, const std::string& body) {
              return page(lang, status, title, body);
          },
          cookieFlags(), webSetting("per_address_per_hour", 20))) {}

WebApp::~WebApp() = default;

std::vector<std::pair<std::string, std::string>> WebApp::securityHeaders() const {
    std::vector<std::pair<std::string, std::string>> h = {
        {"Content-Security-Policy",
         "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
         "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"},
        {"X-Content-Type-Options", "nosniff"},
        // The ticket's link is its secret: never sent to another site.
        {"Referrer-Policy", "no-referrer"},
        {"X-Frame-Options", "DENY"},
        {"Cross-Origin-Opener-Policy", "same-origin"},
    };
    if (m_options.hsts) h.emplace_back("Strict-Transport-Security", "max-age=31536000");
    return h;
}

std::string WebApp::officeName() const {
    return m_queue->office().value("name", std::string());
}

Response WebApp::page(Lang lang, int status, const std::string& title, const std::string& body,
                      const std::string& scripts) const {
    Response r;
    r.status = status;
    r.headers.emplace_back("Cache-Control", "no-store");
    const bool vi = lang == Lang::Vi;
    r.body = fmt::format(
        "<!doctype html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<title>{} – {}</title>\n<link rel=\"stylesheet\" href=\"/static/style.css\">\n{}</head>\n<body>\n"
        "<header class=\"top\"><a class=\"office\" href=\"/\">{}</a>"
        "<a class=\"lang\" href=\"?lang={}\" lang=\"{}\" hreflang=\"{}\">{}</a></header>\n"
        "<main id=\"main\">\n{}</main>\n</body>\n</html>\n",
        vi ? "vi" : "en", htmlEscape(title), htmlEscape(officeName()), scripts, htmlEscape(officeName()),
        vi ? "en" : "vi", vi ? "en" : "vi", vi ? "en" : "vi", vi ? "English" : "Tiếng Việt", body);
    return r;
}

Response WebApp::errorPage(Lang lang, int status, const std::string& vi, const std::string& en) const {
    const std::string& text = lang == Lang::Vi ? vi : en;
    return page(lang, status, text,
                fmt::format("<h1>{}</h1>\n<p><a class=\"button\" href=\"/\">{}</a></p>\n", htmlEscape(text),
                            pick(lang, "Về trang chính", "Back to the start")));
}

Response WebApp::handle(const Request& request) {
    const auto [path, query] = splitTarget(request.target);
    const Lang lang = requestLang(request, query);
    Response r;
    const bool get = request.method == "GET" || request.method == "HEAD";
    if (request.method != "GET" && request.method != "HEAD" && request.method != "POST") {
        r = errorPage(lang, 405, "Yêu cầu không hợp lệ.", "Method not allowed.");
        r.headers.emplace_back("Allow", "GET, HEAD, POST");
    } else if (path.starts_with("/static/")) {
        r = errorPage(lang, 404, "Không có trang này.", "There is no such page.");
        for (const auto& f : kStaticFiles) {
            if (f.path == path && get) {
                r = Response{};
                r.contentType = std::string(f.contentType);
                r.body = std::string(f.body);
                r.headers.emplace_back("Cache-Control", "public, max-age=3600");
            }
        }
    } else if (path == "/" && get) {
        r = home(request, lang);
    } else if (path == "/lay-so" && get) {
        r = takeForm(request, lang);
    } else if (path == "/lay-so" && request.method == "POST") {
        r = takeNumber(request, lang);
    } else if (path == "/dat-lich" || path.starts_with("/dat-lich/")) {
        r = m_appointments->handle(request, path, lang);
    } else if ((path == "/thu-tuc" || path.starts_with("/thu-tuc/")) && get) {
        r = catalogue(path, query, lang);
    } else if (path == "/theo-doi" && request.method == "POST") {
        r = followCode(request, lang);
    } else if (path.starts_with("/t/") && path.ends_with("/bao-tin") && request.method == "POST") {
        r = giveContact(path.substr(3, path.size() - 3 - 8), request, lang);
    } else if (path.starts_with("/t/") && get) {
        auto rest = path.substr(3);
        const bool events = rest.ends_with("/events");
        if (events) rest.remove_suffix(7);
        r = ticketPage(rest, lang, events);
    } else if (path == "/favicon.ico" && get) {
        r.status = 204;  // none: browsers ask for it on every site
        r.contentType.clear();
        r.headers.emplace_back("Cache-Control", "public, max-age=86400");
    } else if (path == "/healthz" && get) {
        r.contentType = "text/plain; charset=utf-8";
        r.body = "ok\n";
    } else {
        r = errorPage(lang, 404, "Không có trang này.", "There is no such page.");
    }
    // ?lang= is remembered for the next pages.
    if (auto q = formValue(query, "lang"); q && (*q == "en" || *q == "vi"))
        r.headers.emplace_back("Set-Cookie",
                               fmt::format("lang={}; Path=/; Max-Age=31536000; SameSite=Lax", *q));
    if (request.method == "HEAD") {
        r.body.clear();
        r.streamTicket.reset();
    }
    return r;
}

Response WebApp::home(const Request&, Lang lang) {
    std::string body =
        fmt::format("<h1>{}</h1>\n<ul class=\"links\">\n", pick(lang, "Bộ phận Một cửa", "One-stop office"));
    if (takeOnline())
        body += fmt::format("<li><a class=\"button\" href=\"/lay-so\">{}</a></li>\n",
                            pick(lang, "Lấy số trực tuyến", "Take a number online"));
    if (m_appointments->enabled())
        body += fmt::format("<li><a class=\"button\" href=\"/dat-lich\">{}</a></li>\n",
                            pick(lang, "Đặt lịch hẹn", "Book an appointment"));
    body += fmt::format("<li><a class=\"button\" href=\"/thu-tuc\">{}</a></li>\n",
                        pick(lang, "Tra cứu thủ tục hành chính", "Administrative procedures"));
    body += "</ul>\n";
    body += fmt::format("<h2>{}</h2>\n", pick(lang, "Theo dõi số thứ tự", "Follow your number"));
    body += fmt::format(
        "<form method=\"post\" action=\"/theo-doi\" class=\"card\">\n"
        "<label for=\"code\">{}</label>\n"
        "<input id=\"code\" name=\"code\" autocomplete=\"off\" autocapitalize=\"characters\" "
        "spellcheck=\"false\" "
        "maxlength=\"20\" required aria-describedby=\"code-help\">\n"
        "<p id=\"code-help\" class=\"help\">{}</p>\n"
        "<button type=\"submit\">{}</button>\n</form>\n",
        pick(lang, "Mã dưới mã QR trên phiếu", "The code under the QR on your ticket"),
        pick(lang, "Ví dụ: ABCDE-FGHJK. Hoặc quét mã QR trên phiếu bằng điện thoại.",
             "For example ABCDE-FGHJK. Or scan the QR on the ticket with your phone."),
        pick(lang, "Xem số của tôi", "Show my number"));
    return page(lang, 200, pick(lang, "Theo dõi số thứ tự", "Follow your number"), body);
}

bool WebApp::takeOnline() const {
    const auto& web = m_queue->office().value("web", nlohmann::json::object());
    return web.value("take_online", true);
}

int WebApp::webSetting(const char* key, int fallback) const {
    const auto& web = m_queue->office().value("web", nlohmann::json::object());
    const auto it = web.find(key);
    return it != web.end() && it->is_number_integer() ? it->get<int>() : fallback;
}

std::string WebApp::cookieFlags() const {
    return m_options.hsts ? "; HttpOnly; Secure" : "; HttpOnly";
}

// The form's CSRF defence: a random nonce in a SameSite=Strict cookie, and the server's tag of it in
// the form; another site can neither read the cookie nor make the tag.
Response WebApp::takeForm(const Request& request, Lang lang, const std::string& error, int status) {
    const std::string title = pick(lang, "Lấy số trực tuyến", "Take a number online");
    if (!takeOnline()) {
        return page(
            lang, 200, title,
            fmt::format(
                "<h1>{}</h1>\n<p>{}</p>\n", htmlEscape(title),
                pick(lang, "Bộ phận Một cửa tạm ngừng cấp số trên điện thoại. Mời ông/bà lấy số tại ki-ốt.",
                     "The office does not issue numbers online at the moment. Please take one at the "
                     "kiosk.")));
    }
    auto nonce = cookieValue(request.cookie, "csrf");
    Response extra;
    if (!nonce || nonce->size() != 22 || !queue::TicketLinks::isToken(*nonce)) {
        nonce = queue::TicketLinks::newToken();
        extra.headers.emplace_back(
            "Set-Cookie", fmt::format("csrf={}; Path=/lay-so; SameSite=Strict{}", *nonce, cookieFlags()));
    }
    const auto office = m_queue->issuingState();
    std::string body = fmt::format("<h1>{}</h1>\n", htmlEscape(title));
    if (!error.empty()) body += fmt::format("<p class=\"error\" role=\"alert\">{}</p>\n", htmlEscape(error));
    body += fmt::format(
        "<p>{}</p>\n",
        pick(lang,
             "Số lấy trên điện thoại nằm chung hàng đợi với số lấy tại ki-ốt: ai lấy trước được gọi trước.",
             "Numbers taken online join the same queue as the kiosk's: first come, first served."));
    if (!office.open) {
        body += fmt::format("<p class=\"error\">{}</p>\n",
                            htmlEscape(lang == Lang::Vi ? office.messageVi : office.messageEn));
        auto r = page(lang, status, title, body);
        r.headers.insert(r.headers.end(), extra.headers.begin(), extra.headers.end());
        return r;
    }
    body += "<form method=\"post\" action=\"/lay-so\" class=\"card\">\n<fieldset>\n";
    body += fmt::format("<legend>{}</legend>\n", pick(lang, "Chọn lĩnh vực", "Choose the field"));
    const auto status_ = m_queue->status();
    for (const auto& s : status_.services) {
        // Results and additional papers are asked for at the kiosk with the dossier's receipt.
        if (m_queue->serviceKind(s.code) != queue::ServiceKind::Submit) continue;
        const auto state = m_queue->issuingState(s.code);
        const bool full = s.dailyCap && s.issuedToday >= *s.dailyCap;
        const std::string name = lang == Lang::En && !s.nameEn.empty() ? s.nameEn : s.name;
        std::string note =
            fmt::format(fmt::runtime(pick(lang, "{} người đang chờ", "{} waiting")), s.waiting);
        if (full)
            note = pick(lang, "đã hết số hôm nay", "no numbers left today");
        else if (!state.open)
            note = pick(lang, "đã ngừng nhận số", "not issuing now");
        body += fmt::format(
            "<div class=\"choice\"><input type=\"radio\" name=\"service\" id=\"s-{0}\" value=\"{0}\" "
            "required{1}>"
            "<label for=\"s-{0}\">{2} <span class=\"note\">({3})</span></label></div>\n",
            htmlEscape(s.code), full || !state.open ? " disabled" : "", htmlEscape(name), htmlEscape(note));
    }
    body += "</fieldset>\n";
    body +=
        fmt::format("<input type=\"hidden\" name=\"csrf\" value=\"{}\">\n", m_signer.tag("csrf|" + *nonce));
    body +=
        fmt::format("<button type=\"submit\">{}</button>\n</form>\n", pick(lang, "Lấy số", "Take a number"));
    body += fmt::format(
        "<p class=\"help\">{}</p>\n",
        fmt::format(
            fmt::runtime(pick(lang, "Mỗi điện thoại lấy được tối đa {} số mỗi ngày, {} số cho mỗi lĩnh vực.",
                              "Each phone may take up to {} numbers a day, {} per field.")),
            webSetting("per_phone_daily", 2), webSetting("per_phone_per_service", 1)));
    auto r = page(lang, status, title, body);
    r.headers.insert(r.headers.end(), extra.headers.begin(), extra.headers.end());
    return r;
}

Response WebApp::takeNumber(const Request& request, Lang lang) {
    if (!takeOnline()) return takeForm(request, lang);
    const auto nonce = cookieValue(request.cookie, "csrf");
    const auto csrf = formValue(request.body, "csrf");
    if (!nonce || !csrf || !m_signer.checkTag("csrf|" + *nonce, *csrf)) {
        return takeForm(
            request, lang,
            pick(lang, "Trang đã cũ. Mời ông/bà chọn lĩnh vực và bấm Lấy số lần nữa.",
                 "This page was out of date. Please choose the field and press Take a number again."),
            403);
    }
    const auto service = formValue(request.body, "service");
    std::optional<queue::ServiceStatus> chosen;
    if (service) {
        for (auto& s : m_queue->status().services)
            if (s.code == *service && m_queue->serviceKind(s.code) == queue::ServiceKind::Submit) chosen = s;
    }
    if (!chosen)
        return takeForm(request, lang, pick(lang, "Mời ông/bà chọn một lĩnh vực.", "Please choose a field."),
                        400);
    const auto today = m_queue->businessDay();
    auto takes = phoneTakes(m_signer, cookieValue(request.cookie, "phone"), today);
    switch (checkPhoneLimit(takes, chosen->code, webSetting("per_phone_daily", 2),
                            webSetting("per_phone_per_service", 1))) {
        case PhoneLimit::Daily:
            return takeForm(request, lang,
                            fmt::format(fmt::runtime(pick(lang, "Điện thoại này đã lấy đủ {} số hôm nay.",
                                                          "This phone has taken its {} numbers for today.")),
                                        webSetting("per_phone_daily", 2)),
                            429);
        case PhoneLimit::PerService:
            return takeForm(request, lang,
                            pick(lang, "Điện thoại này đã lấy số cho lĩnh vực này hôm nay.",
                                 "This phone has already taken a number for this field today."),
                            429);
        case PhoneLimit::Ok:
            break;
    }
    if (!m_takesPerAddress.allow(request.address, m_clock.now())) {
        return takeForm(
            request, lang,
            pick(lang, "Có quá nhiều số được lấy từ mạng này. Mời thử lại sau hoặc lấy số tại ki-ốt.",
                 "Too many numbers were taken from this network. Please try later or use the kiosk."),
            429);
    }
    queue::Actor actor;
    actor.channel = "online";
    const auto r = m_queue->take(chosen->code, std::nullopt, actor);
    m_dirty = true;
    if (!r.ok()) {
        std::string why;
        switch (r.outcome) {
            case queue::Outcome::OutsideHours: {
                const auto state = m_queue->issuingState(chosen->code);
                why = lang == Lang::Vi ? state.messageVi : state.messageEn;
                break;
            }
            case queue::Outcome::CapReached:
                why = pick(lang, "Lĩnh vực này đã hết số hôm nay.", "This field has no numbers left today.");
                break;
            default:
                why = pick(lang, "Hệ thống tạm thời không cấp số. Mời ông/bà lấy số tại ki-ốt.",
                           "Numbers cannot be issued right now. Please take one at the kiosk.");
        }
        return takeForm(request, lang, why, 409);
    }
    const auto link = m_links.linkFor(r.value->ticket, m_clock.now());
    takes.services.push_back(chosen->code);
    Response out;
    out.status = 303;
    out.headers.emplace_back("Location", "/t/" + link.token);
    out.headers.emplace_back("Set-Cookie",
                             fmt::format("phone={}; Path=/lay-so; Max-Age=86400; SameSite=Lax{}",
                                         phoneCookieValue(m_signer, takes), cookieFlags()));
    return out;
}

Response WebApp::catalogue(std::string_view path, std::string_view query, Lang lang) {
    std::optional<PageContent> content;
    if (path == "/thu-tuc") {
        const auto q = formValue(query, "q");
        if (q && !q->empty() && q->size() <= 200)
            content = searchPage(m_catalogue, *m_search, *q, lang);
        else
            content = fieldsPage(m_catalogue, lang);
    } else if (path.starts_with("/thu-tuc/linh-vuc/")) {
        content = fieldPage(m_catalogue, path.substr(18), lang);
    } else {
        content = procedurePage(m_catalogue, path.substr(9), lang);
    }
    if (!content) return errorPage(lang, 404, "Không có thủ tục này.", "There is no such procedure.");
    return page(lang, 200, content->title, content->body);
}

Response WebApp::followCode(const Request& request, Lang lang) {
    if (!m_codeAttempts.allow(request.address, m_clock.now())) {
        auto r = errorPage(lang, 429, "Ông/bà đã thử quá nhiều lần. Mời thử lại sau ít phút.",
                           "Too many attempts. Please try again in a few minutes.");
        r.headers.emplace_back("Retry-After", "600");
        return r;
    }
    const auto code = formValue(request.body, "code");
    const auto id = code ? m_links.ticketOfShortCode(*code, m_queue->businessDay()) : std::nullopt;
    if (!id) {
        return errorPage(
            lang, 404, "Không tìm thấy số với mã này, hoặc số đã hết hạn (số chỉ có giá trị trong ngày lấy).",
            "No number has this code, or it has expired (a number is valid on the day it was taken).");
    }
    Response r;
    r.status = 303;
    r.headers.emplace_back("Location", "/t/" + m_links.linkOf(*id).value().token);
    return r;
}

std::string WebApp::checkInBlock(const queue::LiveTicket& t, Lang lang) {
    if (!t.checkInNeeded) return {};
    const auto link = m_links.linkOf(t.id);
    if (!link) return {};
    // The kiosk's scanner types what the QR holds: the code itself, as printed.
    const std::string printed = queue::TicketLinks::printedShortCode(link->shortCode);
    std::string block = fmt::format(
        "<div id=\"checkin\" class=\"checkin\">\n<h2 class=\"checkin-title\">{}</h2>\n<p>{}</p>\n"
        "<p class=\"label\">{}</p>\n<p class=\"code\">{}</p>\n",
        pick(lang, "Khi đến nơi, mời xác nhận có mặt tại ki-ốt", "When you arrive, check in at the kiosk"),
        fmt::format(
            fmt::runtime(
                pick(lang,
                     "Chạm \"Tôi có mã trên điện thoại\" trên ki-ốt, rồi nhập mã dưới đây hoặc đưa mã QR vào "
                     "máy quét; ki-ốt in phiếu cho số của ông/bà. Số chưa xác nhận sẽ bị bỏ qua {} phút sau "
                     "khi được gọi.",
                     "Touch \"I have a code on my phone\" on the kiosk, then type the code below or hold the "
                     "QR to the scanner; the kiosk prints your number. A number not checked in is passed {} "
                     "minutes after it is called.")),
            m_queue->onlineCheckInMinutes()),
        pick(lang, "Mã xác nhận", "Check-in code"), printed);
    block += qrSvg(printed, pick(lang, "Mã QR để xác nhận tại ki-ốt", "QR to check in at the kiosk"));
    block += "</div>\n";
    return block;
}

Response WebApp::expiredTicketPage(Lang lang) const {
    return errorPage(
        lang, 404, "Không tìm thấy số này, hoặc số đã hết hạn (số chỉ có giá trị trong ngày lấy).",
        "This number was not found, or it has expired (a number is valid on the day it was taken).");
}

Response WebApp::ticketPage(std::string_view token, Lang lang, bool events, const std::string& contactError) {
    const auto id = m_links.ticketOfToken(token, m_queue->businessDay());
    if (!id) return expiredTicketPage(lang);
    if (!m_tickets.contains(*id)) refresh(true);  // linked since the last refresh
    const auto it = m_tickets.find(*id);
    if (it == m_tickets.end())
        return errorPage(lang, 404, "Không tìm thấy số này.", "This number was not found.");
    const auto& t = it->second;
    if (events) {
        Response r;
        r.contentType = "text/event-stream";
        r.streamTicket = t.id;
        r.streamLang = lang;
        r.body = liveEvent(t, lang);
        return r;
    }
    const auto text = liveText(t, lang);
    const std::string service =
        lang == Lang::En && !t.serviceNameEn.empty() ? t.serviceNameEn : t.serviceName;
    std::string body = fmt::format(
        "<section class=\"ticket\" aria-labelledby=\"number-label\" data-events=\"/t/{}/events?lang={}\">\n"
        "<p id=\"number-label\" class=\"label\">{}</p>\n"
        "<p class=\"number\">{}</p>\n<p class=\"service\">{}</p>\n"
        "<div id=\"status\" class=\"status {}\" role=\"status\" aria-live=\"polite\" aria-atomic=\"true\">\n"
        "<p id=\"headline\" class=\"headline\">{}</p>\n<p id=\"detail\" class=\"detail\">{}</p>\n</div>\n"
        "{}<p id=\"connection\" class=\"connection\" hidden>{}</p>\n"
        "<button id=\"alerts\" type=\"button\" class=\"secondary\" hidden data-on=\"{}\">{}</button>\n"
        "<p class=\"help\">{}</p>\n{}</section>\n",
        htmlEscape(token), lang == Lang::Vi ? "vi" : "en", pick(lang, "Số thứ tự của ông/bà", "Your number"),
        htmlEscape(t.number), htmlEscape(service), htmlEscape(text.alert), htmlEscape(text.headline),
        htmlEscape(text.detail), checkInBlock(t, lang),
        pick(lang, "Đang kết nối lại… Trang sẽ tự cập nhật.",
             "Reconnecting… The page will update by itself."),
        pick(lang, "Đã bật rung và âm thanh khi được gọi", "Vibration and sound are on"),
        pick(lang, "Bật rung và âm thanh khi được gọi", "Vibrate and beep when I am called"),
        pick(lang, "Trang này tự cập nhật. Ông/bà có thể đi đâu đó gần và quay lại khi còn 3 số.",
             "This page updates by itself. You may step out and come back when 3 numbers are left."),
        contactBlock(token, t, lang, contactError));
    return page(lang, 200, fmt::format("{} {}", pick(lang, "Số", "Number"), t.number), body,
                "<script src=\"/static/live.js\" defer></script>\n");
}

std::string WebApp::contactBlock(std::string_view token, const queue::LiveTicket& ticket, Lang lang,
                                 const std::string& error) const {
    if (!m_options.askContact || !m_options.notifier) return {};
    // Why the number just sent was refused: said first, whatever follows.
    const std::string alert =
        error.empty() ? std::string()
                      : fmt::format("<p class=\"error\" role=\"alert\">{}</p>\n", htmlEscape(error));
    if (ticket.state != queue::TicketState::Waiting) return alert;
    if (const auto given = m_contacts.find(ticket.id); given != m_contacts.end()) {
        return alert +
               fmt::format(
                   "<p class=\"help\" id=\"contact\">{}</p>\n",
                   htmlEscape(fmt::format(
                       fmt::runtime(
                           pick(lang, "Sẽ nhắn tin đến số {} khi còn 3 số và khi được gọi.",
                                "A message will go to {} when 3 numbers are left and when you are called.")),
                       maskedPhoneNumber(given->second))));
    }
    // No separate CSRF tag: the form's address holds the ticket's 128-bit token, which a page of
    // another site cannot know.
    return fmt::format(
        "<form method=\"post\" action=\"/t/{0}/bao-tin?lang={1}\" class=\"card contact\" id=\"contact\">\n"
        "{5}<label for=\"phone\">{2}</label>\n"
        "<input id=\"phone\" name=\"phone\" type=\"tel\" inputmode=\"tel\" autocomplete=\"tel\" "
        "maxlength=\"24\" aria-describedby=\"contact-help\">\n"
        "<button type=\"submit\" class=\"secondary\">{3}</button>\n"
        "<p class=\"help\" id=\"contact-help\">{4}</p>\n</form>\n",
        htmlEscape(token), lang == Lang::Vi ? "vi" : "en",
        pick(lang, "Nhận tin nhắn khi sắp đến lượt (không bắt buộc): số điện thoại di động",
             "Get a text message when your turn is near (optional): mobile number"),
        pick(lang, "Nhận tin nhắn", "Send me a message"),
        pick(lang,
             "Chỉ dùng để báo cho ông/bà khi còn 3 số và khi được gọi, trong hôm nay; không lưu lại, không "
             "dùng vào việc khác.",
             "Used only to tell you when 3 numbers are left and when you are called, today; not kept, not "
             "used for anything else."),
        alert);
}

Response WebApp::giveContact(std::string_view token, const Request& request, Lang lang) {
    const auto id = m_links.ticketOfToken(token, m_queue->businessDay());
    if (!id || !m_options.askContact || !m_options.notifier) return expiredTicketPage(lang);
    if (!m_tickets.contains(*id)) refresh(true);
    const auto it = m_tickets.find(*id);
    const auto back = [&](int status, const std::string& message) {
        auto r = ticketPage(token, lang, false, message);
        if (r.status == 200) r.status = status;
        return r;
    };
    if (it == m_tickets.end() || it->second.state != queue::TicketState::Waiting)
        return back(409, pick(lang, "Số này không còn chờ: không cần nhắn tin nữa.",
                              "This number is no longer waiting: no message is needed."));
    if (!m_contactsPerAddress.allow(request.address, m_clock.now()))
        return back(429, pick(lang, "Có quá nhiều số điện thoại được gửi từ mạng này. Mời thử lại sau.",
                              "Too many phone numbers were sent from this network. Please try later."));
    const auto phone = formValue(request.body, "phone");
    const auto number = phone ? readPhoneNumber(*phone) : std::nullopt;
    if (!number)
        return back(400,
                    pick(lang, "Số điện thoại chưa đúng. Mời nhập số di động 10 chữ số, ví dụ 0912 345 678.",
                         "That phone number is not right. Please type a 10-digit mobile number, such as "
                         "0912 345 678."));
    m_contacts[*id] = *number;
    Response out;
    out.status = 303;
    out.headers.emplace_back("Location", fmt::format("/t/{}?lang={}", token, lang == Lang::Vi ? "vi" : "en"));
    return out;
}

void WebApp::refresh(bool force) {
    const bool changed = m_watcher.changed();
    if (changed) m_watcher.newEvents(*m_queue);  // only to move past them: the state is read whole
    const auto day = m_queue->businessDay();
    const queue::TimeMs at = m_clock.now();
    const bool slotsMayHaveBegun = m_queue->appointmentsOn() && at - m_readAt >= 60'000;
    if (!changed && !force && !m_dirty && day == m_day && !slotsMayHaveBegun) return;
    m_dirty = false;
    m_readAt = at;
    auto now = m_live.today(day, at);
    // Online numbers need a check-in only while the office asks for one.
    if (m_queue->onlineCheckInMinutes() <= 0)
        for (auto& entry : now) entry.second.checkInNeeded = false;
    auto& updates = m_updates;
    for (const auto& [id, t] : now) {
        const auto old = m_tickets.find(id);
        const bool same = old != m_tickets.end() && old->second.state == t.state &&
                          old->second.ahead == t.ahead && old->second.waitSeconds == t.waitSeconds &&
                          old->second.counter == t.counter && old->second.recalls == t.recalls &&
                          old->second.checkInNeeded == t.checkInNeeded;
        if (!same) updates.push_back({id, liveEvent(t, Lang::Vi), liveEvent(t, Lang::En)});
    }
    if (day != m_day) m_contacts.clear();  // given for the day that ended
    if (m_options.notifier) {
        for (auto notice : m_notices.observe(now, day)) {
            const auto contact = m_contacts.find(notice.ticketId);
            if (contact != m_contacts.end()) {
                notice.contact = contact->second;
                // Called is the ticket's last notice: the number is not needed any more.
                if (notice.kind == NoticeKind::Called) m_contacts.erase(contact);
            }
            m_options.notifier->send(notice);
        }
    }
    // A ticket no longer linked today (the day ended): its pages say it expired.
    for (const auto& [id, t] : m_tickets) {
        if (now.contains(id)) continue;
        auto gone = t;
        gone.state = queue::TicketState::Expired;
        updates.push_back({id, liveEvent(gone, Lang::Vi), liveEvent(gone, Lang::En)});
    }
    m_tickets = std::move(now);
    m_day = day;
}

std::vector<LiveUpdate> WebApp::takeUpdates() {
    return std::exchange(m_updates, {});
}

std::optional<std::string> WebApp::currentEvent(std::int64_t ticketId, Lang lang) {
    const auto it = m_tickets.find(ticketId);
    if (it == m_tickets.end()) return std::nullopt;
    return liveEvent(it->second, lang);
}

}  // namespace motcua::web
