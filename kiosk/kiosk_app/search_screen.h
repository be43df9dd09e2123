// Search with the on-screen Vietnamese keyboard: results appear as the citizen types (accents,
// Telex leftovers and a wrong letter are forgiven by the search index), with the matched words
// highlighted. Portrait: field, results, keyboard under them; landscape: keyboard beside results.
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <utility>
#include <vector>

#include "kiosk/kiosk_app/kiosk_screen.h"
#include "queue/search.h"

namespace motcua::ui {
class TextInput;
}

namespace motcua::kiosk {

class SearchScreen final : public KioskScreen {
  public:
    explicit SearchScreen(KioskSession& session) : KioskScreen(session) {}
    void update(std::chrono::milliseconds dt) override;
    void handleInput(const ui::InputEvent& event) override;
    void takeBackScanned(std::int64_t sinceMs) override;

    const std::string& query() const noexcept { return m_query; }
    const std::vector<queue::SearchHit>& hits() const noexcept { return m_hits; }
    // Large text at 768 px landscape (four rows of keys): the keyboard put away while the results are
    // read ("Ẩn bàn phím để xem kết quả"; "Hiện bàn phím" brings it back, as does typing).
    bool keyboardHidden() const noexcept { return m_keyboardHidden; }
    void setKeyboardHidden(bool hidden);

  protected:
    void build() override;
    void adapt(bool landscape) override;

  private:
    void fillResults();

    std::string m_query;
    // The query before each typed text, with the text's input timestamp (the last kTypedKept): what a
    // scan typed into the field is taken back from it.
    std::deque<std::pair<std::int64_t, std::string>> m_typed;
    static constexpr std::size_t kTypedKept = 1024;
    bool m_queryChanged = false;
    bool m_keyboardHidden = false;
    bool m_telex = false;
    bool m_builtLandscape = true;
    std::vector<queue::SearchHit> m_hits;
    ui::TextInput* m_input = nullptr;
    ui::Box* m_results = nullptr;
};

}  // namespace motcua::kiosk
