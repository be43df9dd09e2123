// "Nhận kết quả, bổ sung hồ sơ": a citizen who comes for a result, or with the papers a dossier
// lacked, holds the QR of the dossier's receipt to the scanner (which types it, and Enter, into this
// screen) or types the code printed on it, then taps what they came for: one button per service of
// kind results or supplement (office.toml). The ticket screen then takes a number of that service
// carrying the code (QueueService::take, Actor::dossierCode), which the officer sees on the console.
// Shown on the home screen when the office has such a service.
#pragma once

#include <optional>
#include <string>

#include "kiosk/kiosk_app/kiosk_screen.h"
#include "queue/dossier_code.h"

namespace motcua::kiosk {

class DossierScreen final : public KioskScreen {
  public:
    // scanned: a line the scanner typed elsewhere (on the home screen) that reads as a dossier code.
    explicit DossierScreen(KioskSession& session, std::string scanned = {});
    void handleInput(const ui::InputEvent& event) override;
    const std::string& text() const noexcept { return m_text; }

  protected:
    void build() override;
    void adapt(bool landscape) override;

  private:
    void typeKey(const std::string& key);
    // Reads what was typed or scanned: true with m_text the code, else the problem is shown.
    bool read();
    void choose(const std::string& serviceCode);

    std::string m_text;  // as typed or scanned; the code once read
    std::optional<queue::DossierCodeProblem> m_problem;
    bool m_builtLandscape = false;
};

}  // namespace motcua::kiosk
