// Values the server hands to a phone and must get back unchanged (the phone's cookie of numbers
// taken today, the form's CSRF token): signed with a secret key (libsodium crypto_auth,
// HMAC-SHA-512-256). A phone can delete its cookie (the per-address limits stay), never forge one.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace motcua::web {

class Signer {
  public:
    // key: 32 bytes; empty: a random key for this run (cookies and forms end with it).
    explicit Signer(std::string key = {});
    ~Signer();
    Signer(const Signer&) = delete;
    Signer& operator=(const Signer&) = delete;

    // payload (any bytes) as "<base64url payload>.<base64url tag>": safe in a cookie.
    std::string sign(std::string_view payload) const;
    // The payload when value is one this key signed; nullopt for anything else.
    std::optional<std::string> verify(std::string_view value) const;
    // The tag alone (for a form field bound to a cookie's nonce), and its constant-time check.
    std::string tag(std::string_view payload) const;
    bool checkTag(std::string_view payload, std::string_view tag) const;

    // 32 random bytes for a key file.
    static std::string newKey();

  private:
    std::string m_key;
};

std::string base64Url(std::string_view bytes);
std::optional<std::string> fromBase64Url(std::string_view text, std::size_t maxBytes);

}  // namespace motcua::web
