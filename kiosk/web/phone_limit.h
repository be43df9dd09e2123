// The per-phone limit of numbers taken on /lay-so, without an identity provider: the phone keeps
// the list of today's numbers' services in a cookie the server signed (signer.h). Deleting the
// cookie resets it; the per-address limit (rate_limiter.h) bounds what that gains.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kiosk/web/signer.h"

namespace motcua::web {

struct PhoneTakes {
    std::string day;                    // the business day the list is of
    std::vector<std::string> services;  // one service code per number taken that day
};

enum class PhoneLimit { Ok, Daily, PerService };

// The takes of today from the cookie's value: empty when there is no cookie, it is not one this
// server signed, or it is of another day.
PhoneTakes phoneTakes(const Signer& signer, const std::optional<std::string>& cookie,
                      const std::string& today);
std::string phoneCookieValue(const Signer& signer, const PhoneTakes& takes);
// Whether one more number of service fits the limits.
PhoneLimit checkPhoneLimit(const PhoneTakes& takes, const std::string& service, int daily, int perService);

}  // namespace motcua::web
