// Search with the on-screen Vietnamese keyboard: results appear as the citizen types (accents,
// Telex leftovers and a wrong letter are forgiven by the search index), with the matched words
// highlighted. Portrait: field, results, keyboard under them; landscape: keyboard beside results.
#pragma once

#include <string>
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

    const std::string& query() const noexcept { return m_query; }
    const std::vector<queue::SearchHit>& hits() const noexcept { return m_hits; }

  protected:
    void build() override;
    void adapt(bool landscape) override;

  private:
    void fillResults();

    std::string m_query;
    bool m_queryChanged = false;
    bool m_telex = false;
    bool m_builtLandscape = true;
    std::vector<queue::SearchHit> m_hits;
    ui::TextInput* m_input = nullptr;
    ui::Box* m_results = nullptr;
};

}  // namespace motcua::kiosk
