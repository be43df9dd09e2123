#include "queue/clock.h"

#include <chrono>

namespace motcua::queue {

TimeMs SystemClock::now() const {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

}  // namespace motcua::queue
