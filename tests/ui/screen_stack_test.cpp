#include "kiosk/ui/screen_stack.h"

#include <catch2/catch.hpp>
#include <string>

using namespace motcua::ui;

namespace {
class Named final : public Screen {
  public:
    Named(std::string name, std::vector<std::string>& destroyed)
        : m_name(std::move(name)), m_destroyed(destroyed) {}
    ~Named() override { m_destroyed.push_back(m_name); }
    void layout(const LayoutContext&, Size) override {}
    void handleInput(const InputEvent&) override {}
    void draw(Painter&) const override {}
    const std::string& name() const { return m_name; }

  private:
    std::string m_name;
    std::vector<std::string>& m_destroyed;
};
std::string topName(const ScreenStack& s) {
    return s.top() ? static_cast<Named*>(s.top())->name() : "(none)";
}
}  // namespace

TEST_CASE("Screen stack operations are queued until applyPending", "[ui][screens]") {
    std::vector<std::string> destroyed;
    ScreenStack stack;
    stack.push(std::make_unique<Named>("home", destroyed));
    CHECK(stack.empty());
    CHECK(stack.applyPending());
    CHECK(topName(stack) == "home");

    stack.push(std::make_unique<Named>("fields", destroyed));
    stack.push(std::make_unique<Named>("procedure", destroyed));
    CHECK(topName(stack) == "home");
    CHECK(stack.applyPending());
    CHECK(stack.size() == 3);
    CHECK(topName(stack) == "procedure");

    SECTION("pop destroys only when applied") {
        stack.pop();
        CHECK(destroyed.empty());
        stack.applyPending();
        CHECK(destroyed == std::vector<std::string>{"procedure"});
        CHECK(topName(stack) == "fields");
    }
    SECTION("replace swaps the top") {
        stack.replace(std::make_unique<Named>("ticket", destroyed));
        stack.applyPending();
        CHECK(stack.size() == 3);
        CHECK(topName(stack) == "ticket");
    }
    SECTION("popToRoot keeps the bottom screen") {
        stack.popToRoot();
        stack.applyPending();
        CHECK(stack.size() == 1);
        CHECK(topName(stack) == "home");
        CHECK(destroyed.size() == 2);
        stack.popToRoot();
        CHECK_FALSE(stack.applyPending());
    }
    SECTION("nothing pending changes nothing") {
        CHECK_FALSE(stack.applyPending());
    }
    SECTION("popping every screen empties the stack") {
        stack.pop();
        stack.pop();
        stack.pop();
        stack.pop();
        CHECK(stack.applyPending());
        CHECK(stack.empty());
    }
}
