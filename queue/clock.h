// Time for the queue: injected, so tests can run a whole office day in milliseconds.
#pragma once

#include <atomic>
#include <cstdint>

namespace motcua::queue {

// Milliseconds since the Unix epoch (UTC).
using TimeMs = std::int64_t;

class Clock {
  public:
    virtual ~Clock() = default;
    virtual TimeMs now() const = 0;
};

class SystemClock final : public Clock {
  public:
    TimeMs now() const override;
};

// A clock that moves only when told to: the test double for Clock.
class ManualClock final : public Clock {
  public:
    explicit ManualClock(TimeMs start) : m_now(start) {}
    TimeMs now() const override { return m_now.load(); }
    void set(TimeMs t) { m_now.store(t); }
    void advance(TimeMs ms) { m_now.fetch_add(ms); }
    void advanceMinutes(std::int64_t minutes) { advance(minutes * 60'000); }

  private:
    std::atomic<TimeMs> m_now;
};

}  // namespace motcua::queue
