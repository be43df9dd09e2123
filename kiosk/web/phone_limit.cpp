#include "kiosk/web/phone_limit.h"

#include <algorithm>

namespace motcua::web {

namespace {
constexpr std::string_view kVersion = "p1";
constexpr std::size_t kMaxServices = 20;

bool isCode(const std::string& s) {
    return !s.empty() && s.size() <= 16 && std::all_of(s.begin(), s.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    });
}
}  // namespace

PhoneTakes phoneTakes(const Signer& signer, const std::optional<std::string>& cookie,
                      const std::string& today) {
    PhoneTakes out{today, {}};
    if (!cookie) return out;
    const auto payload = signer.verify(*cookie);
    if (!payload) return out;
    // "p1|2026-11-30|HT,CT"
    const auto bar1 = payload->find('|');
    const auto bar2 = payload->find('|', bar1 == std::string::npos ? 0 : bar1 + 1);
    if (bar1 == std::string::npos || bar2 == std::string::npos || payload->substr(0, bar1) != kVersion)
        return out;
    if (payload->substr(bar1 + 1, bar2 - bar1 - 1) != today) return out;
    std::string list = payload->substr(bar2 + 1);
    std::size_t at = 0;
    while (at < list.size() && out.services.size() < kMaxServices) {
        const auto comma = list.find(',', at);
        auto code = list.substr(at, comma == std::string::npos ? std::string::npos : comma - at);
        if (isCode(code)) out.services.push_back(std::move(code));
        at = comma == std::string::npos ? list.size() : comma + 1;
    }
    return out;
}

std::string phoneCookieValue(const Signer& signer, const PhoneTakes& takes) {
    std::string payload = std::string(kVersion) + "|" + takes.day + "|";
    for (std::size_t i = 0; i < takes.services.size() && i < kMaxServices; ++i)
        payload += (i ? "," : "") + takes.services[i];
    return signer.sign(payload);
}

PhoneLimit checkPhoneLimit(const PhoneTakes& takes, const std::string& service, int daily, int perService) {
    if (static_cast<int>(takes.services.size()) >= daily) return PhoneLimit::Daily;
    if (std::count(takes.services.begin(), takes.services.end(), service) >= perService)
        return PhoneLimit::PerService;
    return PhoneLimit::Ok;
}

}  // namespace motcua::web
