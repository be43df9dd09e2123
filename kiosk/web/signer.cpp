#include "kiosk/web/signer.h"

#include <sodium.h>

#include <stdexcept>
#include <vector>

namespace motcua::web {

namespace {
void initSodium() {
    if (sodium_init() < 0) throw std::runtime_error("sodium_init failed");
}
}  // namespace

std::string base64Url(std::string_view bytes) {
    std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
    sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                      bytes.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    out.resize(out.size() - 1);  // the terminating NUL
    return out;
}

std::optional<std::string> fromBase64Url(std::string_view text, std::size_t maxBytes) {
    if (text.size() > maxBytes * 4 / 3 + 4) return std::nullopt;
    std::vector<unsigned char> bin(text.size() + 1);
    std::size_t length = 0;
    const char* end = nullptr;
    if (sodium_base642bin(bin.data(), bin.size(), text.data(), text.size(), nullptr, &length, &end,
                          sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
        end != text.data() + text.size() || length > maxBytes)
        return std::nullopt;
    return std::string(reinterpret_cast<const char*>(bin.data()), length);
}

std::string Signer::newKey() {
    initSodium();
    std::string key(crypto_auth_KEYBYTES, '\0');
    randombytes_buf(key.data(), key.size());
    return key;
}

Signer::Signer(std::string key) : m_key(std::move(key)) {
    initSodium();
    if (m_key.empty()) m_key = newKey();
    if (m_key.size() != crypto_auth_KEYBYTES)
        throw std::invalid_argument("the web secret must be " + std::to_string(crypto_auth_KEYBYTES) +
                                    " bytes");
}

Signer::~Signer() {
    sodium_memzero(m_key.data(), m_key.size());
}

std::string Signer::tag(std::string_view payload) const {
    unsigned char mac[crypto_auth_BYTES];
    crypto_auth(mac, reinterpret_cast<const unsigned char*>(payload.data()), payload.size(),
                reinterpret_cast<const unsigned char*>(m_key.data()));
    return base64Url(std::string_view(reinterpret_cast<const char*>(mac), sizeof mac));
}

bool Signer::checkTag(std::string_view payload, std::string_view tagText) const {
    const auto mac = fromBase64Url(tagText, crypto_auth_BYTES);
    if (!mac || mac->size() != crypto_auth_BYTES) return false;
    return crypto_auth_verify(reinterpret_cast<const unsigned char*>(mac->data()),
                              reinterpret_cast<const unsigned char*>(payload.data()), payload.size(),
                              reinterpret_cast<const unsigned char*>(m_key.data())) == 0;
}

std::string Signer::sign(std::string_view payload) const {
    return base64Url(payload) + "." + tag(payload);
}

std::optional<std::string> Signer::verify(std::string_view value) const {
    if (value.size() > 1024) return std::nullopt;
    const auto dot = value.find('.');
    if (dot == std::string_view::npos) return std::nullopt;
    auto payload = fromBase64Url(value.substr(0, dot), 512);
    if (!payload || !checkTag(*payload, value.substr(dot + 1))) return std::nullopt;
    return payload;
}

}  // namespace motcua::web
