#include "kiosk/voice/headphone_watch.h"

#include <algorithm>
#include <cctype>

namespace motcua::voice {

const char* toString(Headphones headphones) noexcept {
    switch (headphones) {
        case Headphones::Plugged:
            return "plugged";
        case Headphones::Unplugged:
            return "unplugged";
        case Headphones::Unknown:
            break;
    }
    return "unknown";
}

namespace {
bool contains(std::string text, const char* word) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text.find(word) != std::string::npos;
}
}  // namespace

bool headphonesIn(const SinkDescription& sink) {
    const auto& port = sink.activePort;
    if (sink.formFactor == "headset" || sink.formFactor == "headphone")
        return !port || port->available != PortAvailable::No;
    if (!port || port->available != PortAvailable::Yes) return false;
    switch (port->type) {
        case PortType::Headphones:
        case PortType::Headset:
            return true;
        case PortType::Unknown:
            return contains(port->name, "headphone") || contains(port->name, "headset");
        case PortType::Other:
            break;
    }
    return false;
}

}  // namespace motcua::voice
