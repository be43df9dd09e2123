// One citizen's visit, from the welcome screen until they walk away: the language, text size and
// contrast they chose, and the way between screens. Idle for the configured time ends the visit:
// back to the welcome screen, every input dropped (the screens holding it are destroyed), language,
// text size and contrast reset.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "kiosk/frontend/ticket_printing.h"
#include "kiosk/kiosk_app/kiosk_services.h"
#include "kiosk/kiosk_app/voice_guide.h"
#include "kiosk/ui/app.h"
#include "kiosk/ui/image.h"
#include "kiosk/ui/scan_detector.h"
#include "kiosk/ui/theme.h"
#include "kiosk/voice/headphone_watch.h"

namespace motcua::kiosk {

class KioskServices;

struct SessionSettings {
    // A 21.5" 1920x1080 touchscreen, the usual kiosk panel (24" is 92 dpi): 15 mm is 61 px.
    static constexpr double kDefaultDpi = 102.0;
    std::chrono::milliseconds idleTimeout{90'000};
    double dpi = kDefaultDpi;
    // How many taps on the top-left corner, within how long, open the supervisor PIN screen.
    int adminTaps = 5;
    std::chrono::milliseconds adminTapWindow{4000};
};

class KioskSession {
  public:
    // app and services must outlive the session. Pushes the welcome screen and sets the idle timeout.
    // speaker: where voice guidance speaks (called when it is first turned on); may be empty.
    KioskSession(ui::App& app, KioskServices& services, SessionSettings settings = {},
                 std::function<voice::Speaker*()> speaker = {});
    KioskSession(const KioskSession&) = delete;
    KioskSession& operator=(const KioskSession&) = delete;

    KioskServices& services() noexcept { return m_services; }
    ui::App& app() noexcept { return m_app; }
    ui::ScreenStack& screens() noexcept { return m_app.screens(); }
    const SessionSettings& settings() const noexcept { return m_settings; }
    // The office's logo (office.logo in the config), or null: the header draws a pictogram.
    const ui::Image* logo() const noexcept { return m_logo.width > 0 ? &m_logo : nullptr; }

    Language language() const noexcept { return m_language; }
    bool largeText() const noexcept { return m_textSize == ui::TextSize::Large; }
    bool highContrast() const noexcept { return m_contrast == ui::Contrast::High; }
    // Changes that need screens to rebuild their texts bump the generation.
    std::uint64_t generation() const noexcept { return m_generation; }
    void setLanguage(Language language);
    void toggleLanguage() { setLanguage(m_language == Language::Vi ? Language::En : Language::Vi); }
    void toggleLargeText();
    void toggleHighContrast();
    bool voiceGuidance() const noexcept { return m_guide.on(); }
    // The citizen's switch: on or off for this visit, whatever the headphones did.
    void toggleVoiceGuidance();
    // Headphones plugged in or out (the program's HeadphoneWatch, once a frame). Plugged: voice
    // guidance on, as the switch turns it on (the same spoken welcome), unless it is on already.
    // Unplugged: off again if the plug turned it on (a citizen who turned it on keeps it). Unknown (no
    // sound server) changes nothing in this visit. While headphones stay plugged in, each new visit
    // starts with voice guidance on.
    void onHeadphones(const voice::HeadphoneReport& report);
    bool voiceByHeadphones() const noexcept { return m_voiceByHeadphones; }
    VoiceGuide& guide() noexcept { return m_guide; }

    // The citizen whose ID card was scanned in this visit (the keyed id only); nullopt: none.
    const std::optional<VisitCitizen>& citizen() const noexcept { return m_citizen; }
    // A line the ID card scanner typed (ScanDetector, when the office reads cards): read as a card.
    // A card read starts the visit (the service list) and is said in a banner, with the elderly
    // priority when the birth date gives it; an unreadable line is said in a banner and changes
    // nothing. Returns false when the kiosk reads no cards.
    bool onScannedLine(const std::string& line);
    // A card read by the QR scanner's line or by the chip reader (KioskServices::readCard or
    // acceptCard): read, it starts the visit and is said in a banner (with the elderly priority when
    // the birth date gives it); unreadable, a banner says so and nothing changes. False when Off.
    bool onCard(const CardResult& card);
    // Takes in what the chip reader read since the last frame (the program calls it once a frame).
    void pollCardReader();

    // The end of a visit (idle, or "Xong" after a ticket): back to welcome with everything reset
    // (the scanned card too).
    void endVisit();
    // Maintenance: ends the program (the run loop returns).
    void exitProgram() { m_app.requestQuit(); }

    // Navigation (each pushes a new screen).
    void showHome();
    void showServices();
    void showConfirm(const std::string& serviceCode, const std::string& procedureName = {});
    void showTicket(const std::string& serviceCode, std::optional<std::string> priority);
    void showFields();
    void showProcedures(const std::string& fieldCode);
    void showProcedure(const std::string& procedureCode);
    void showSearch();
    void showRating();
    void showAppointment();
    void showCheckIn(const std::string& code);
    // Results and additional papers (dossier_screen.h); scanned: a line the scanner typed that reads
    // as a dossier code.
    void showDossier(const std::string& scanned = {});
    void showDossierTicket(const std::string& serviceCode, const std::string& dossierCode);
    void showAdminPin();
    void showMaintenance(const std::string& supervisorName);
    void back() { screens().pop(); }
    void home();

    // A tap at point on any screen: counts taps on the top-left corner; true when the tap was one of
    // them (it is then not given to the screen).
    bool noteCornerTap(ui::Point point);
    int visits() const noexcept { return m_visits; }

  private:
    void applyTheme();

    ui::App& m_app;
    KioskServices& m_services;
    SessionSettings m_settings;
    Language m_language = Language::Vi;
    ui::TextSize m_textSize = ui::TextSize::Normal;
    ui::Contrast m_contrast = ui::Contrast::Normal;
    std::uint64_t m_generation = 0;
    int m_cornerTaps = 0;
    std::int64_t m_firstCornerTapMs = 0;
    int m_visits = 0;
    std::optional<VisitCitizen> m_citizen;
    ui::ScanDetector m_scanner;
    ui::Image m_logo;
    VoiceGuide m_guide;
    bool m_headphonesIn = false;       // as the watch last said
    bool m_voiceByHeadphones = false;  // voice guidance is on because they were plugged in
};

}  // namespace motcua::kiosk
