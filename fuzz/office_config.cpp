// Fuzz target: the office config parser. A ConfigError is the expected answer to a bad file;
// anything else escaping (another exception, a crash, UB, a leak) is a bug.
#include "queue/office_config.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        const auto config = motcua::queue::parseOfficeConfig(text, "fuzz.toml");
        // A config the parser accepts must be usable as it stands: these are what init relies on.
        for (const auto& counter : config.counters) {
            for (const auto& code : counter.services) {
                bool known = false;
                for (const auto& service : config.services) known = known || service.code == code;
                if (!known) __builtin_trap();  // accepted a counter calling an unknown service
            }
        }
    } catch (const motcua::queue::ConfigError&) {
    }
    return 0;
}
