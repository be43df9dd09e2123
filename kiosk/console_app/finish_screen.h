// Finishing the counter's ticket: the procedure(s) handled, searched in the catalogue (Vietnamese,
// with or without diacritics), the outcome (Tiếp nhận hồ sơ / Hướng dẫn / Trả kết quả / Hồ sơ chưa
// đầy đủ) and an optional dossier code from the city's one-stop system, all stored with the finish
// event. Tab or a click moves the typing between the search and the dossier code. Before anything is
// typed, the list offers the procedures of the fields the ticket's service handles, so every field
// of a large catalogue is reachable without knowing a name.
#pragma once

#include "kiosk/console_app/console.h"
#include "kiosk/ui/box.h"
#include "kiosk/ui/screen.h"
#include "kiosk/ui/text_input.h"

namespace motcua::console {

class FinishScreen final : public ui::WidgetScreen {
  public:
    static constexpr std::size_t kMaxHits = 8;
    // Procedures offered before anything is typed (the list scrolls).
    static constexpr std::size_t kMaxOffered = 60;

    // seen: the ticket the work screen showed.
    // dossierCode: the code the number was taken with (a results or supplement number), filled in.
    FinishScreen(Console& console, std::string seen, const std::string& dossierCode = {});

    void handleInput(const ui::InputEvent& event) override;
    void update(std::chrono::milliseconds dt) override;

    const FinishDetail& detail() const noexcept { return m_detail; }

  private:
    void refill();
    // The procedures of the fields served by the ticket's current service, in catalogue order.
    std::vector<const queue::Procedure*> offered() const;
    void focus(ui::TextInput* input);
    void save();

    Console& m_console;
    std::string m_seen;
    FinishDetail m_detail;
    bool m_dirty = true;
    ui::TextInput* m_search = nullptr;
    ui::TextInput* m_dossier = nullptr;
    ui::Grid* m_hits = nullptr;
    ui::Grid* m_chosen = nullptr;
    ui::Grid* m_outcomes = nullptr;
};

}  // namespace motcua::console
