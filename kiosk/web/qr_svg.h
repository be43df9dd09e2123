// A QR code as an inline SVG for a page (libqrencode): one path of dark squares on white, sized by
// the page's style, readable by a kiosk's scanner held to the phone's screen. Inline SVG carries no
// script or style, so the pages' Content-Security-Policy is unchanged.
#pragma once

#include <string>
#include <string_view>

namespace motcua::web {

// The SVG element for payload (with a 4-module quiet zone); label is its accessible name (escaped
// here). Empty when the payload cannot be encoded.
std::string qrSvg(std::string_view payload, std::string_view label);

}  // namespace motcua::web
