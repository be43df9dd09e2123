// Rating a finished ticket at the kiosk: the citizen types the number from their ticket on a keypad
// (the office's prefixes and digits), the kiosk says whether it can be rated (unknown, not finished
// yet, already rated: one rating per ticket), then asks how it went on the office's scale.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "kiosk/kiosk_app/kiosk_screen.h"
#include "kiosk/kiosk_app/kiosk_services.h"

namespace motcua::kiosk {

class RatingScreen final : public KioskScreen {
  public:
    explicit RatingScreen(KioskSession& session);

  protected:
    void build() override;
    // The keypad's rows and the faces' grid follow the orientation, the title the window's height.
    void adapt(bool isLandscape) override {
        if (isLandscape != m_builtLandscape || lowLandscape() != m_builtLow) requestRebuild();
    }

  private:
    enum class Step { Number, Level, Thanks };
    // Large text in a landscape window under 900 px high (1366x768): the page's title gives its room
    // to the keys, the words beside them take body text.
    bool lowLandscape() const noexcept {
        return landscape() && windowSize().height < 900 && m_session.largeText();
    }
    void buildNumber();
    void buildLevel();
    void typeKey(const std::string& key);
    void check();
    void rate(const std::string& level);

    Step m_step = Step::Number;
    std::string m_number;
    std::optional<RateStatus> m_problem;
    std::string m_checkedNumber;
    std::vector<std::string> m_prefixes;
    bool m_builtLandscape = false;
    bool m_builtLow = false;
};

// The supervisor's way in: choose who you are, type the PIN. Wrong PINs lock it for a while.
class AdminPinScreen final : public KioskScreen {
  public:
    explicit AdminPinScreen(KioskSession& session);

  protected:
    void build() override;

  private:
    void typeDigit(char digit);
    void submit();

    std::vector<queue::StaffMember> m_supervisors;
    std::optional<std::size_t> m_chosen;
    std::string m_pin;
    std::string m_message;
};

// Printer URI and state (paper), a test print, today's tickets whose print failed or may have
// printed ("có thể đã in": staff look in the slot first) with "In lại" for each, back to the kiosk,
// or exit the program. Everything that talks to the printer runs on the printer thread; the screen
// says "Đang kiểm tra…" meanwhile and takes the answers as they come.
class MaintenanceScreen final : public KioskScreen {
  public:
    MaintenanceScreen(KioskSession& session, std::string supervisor);
    void onShow() override;
    void update(std::chrono::milliseconds dt) override;

    const std::vector<queue::UnprintedTicket>& unprinted() const noexcept { return m_unprinted; }
    // Whether an answer from the printer is awaited (state, test print or reprint).
    bool waitingForPrinter() const noexcept { return m_asking > 0 || m_reprintJob.has_value(); }

  protected:
    void build() override;

  private:
    void askState();
    void reprint(queue::UnprintedTicket ticket);
    // Runs f only while this screen exists (answers may come after it was closed).
    template <class F>
    auto whileShown(F f) {
        return [alive = std::weak_ptr<int>(m_alive), f = std::move(f)](auto&&... args) {
            if (alive.lock()) f(std::forward<decltype(args)>(args)...);
        };
    }

    std::string m_supervisor;
    std::string m_state;
    std::string m_testResult;
    std::vector<queue::UnprintedTicket> m_unprinted;
    bool m_listed = false;
    std::string m_reprintResult;
    std::optional<std::string> m_reprintJob;
    std::string m_reprintNumber;
    int m_asking = 0;
    std::shared_ptr<int> m_alive = std::make_shared<int>(0);
};

}  // namespace motcua::kiosk
