#include <catch2/catch.hpp>

#include "fake_text_metrics.h"
#include "kiosk/ui/box.h"
#include "kiosk/ui/button.h"
#include "kiosk/ui/label.h"
#include "kiosk/ui/layout_check.h"
#include "kiosk/ui/scroll_view.h"
#include "kiosk/ui/text_input.h"
#include "kiosk/ui/text_wrap.h"
#include "kiosk/ui/vietnamese_keyboard.h"

using namespace motcua::ui;
using motcua::ui::testing::FakeTextMetrics;

namespace {
struct Fixture {
    FakeTextMetrics metrics;
    Theme theme;
    LayoutContext context() { return {metrics, theme}; }
};

// A widget with a fixed preferred size that records the taps it gets.
class Probe final : public Widget {
  public:
    Probe(int w, int h) : m_size{w, h} {}
    int taps = 0;

  protected:
    Size measureContent(const LayoutContext&, Size) const override { return m_size; }
    bool onInput(const InputEvent& e) override {
        if (e.type != InputType::Tap) return false;
        ++taps;
        return true;
    }

  private:
    Size m_size;
};
}  // namespace

TEST_CASE("Word wrap breaks Vietnamese text at spaces by pixel width", "[ui][layout]") {
    FakeTextMetrics metrics;
    const TextStyle style{FontWeight::Regular, 20};  // 10 px per code point
    SECTION("words stay whole") {
        const auto lines = wrapText(metrics, "Đăng ký khai sinh cho trẻ em", style, 120);
        REQUIRE(lines == std::vector<std::string>{"Đăng ký khai", "sinh cho trẻ", "em"});
        for (const auto& l : lines) CHECK(metrics.measure(l, style).width <= 120);
    }
    SECTION("a word longer than the line is split between code points") {
        const auto lines = wrapText(metrics, "Chứngthựcbảnsao", style, 50);
        CHECK(lines == std::vector<std::string>{"Chứng", "thựcb", "ảnsao"});
    }
    SECTION("explicit newlines and runs of spaces") {
        CHECK(wrapText(metrics, "Bước 1\nBước  2", style, 500) ==
              std::vector<std::string>{"Bước 1", "Bước 2"});
        CHECK(wrapText(metrics, "", style, 500) == std::vector<std::string>{""});
    }
}

TEST_CASE("Theme: 15 mm touch targets, large text and high contrast", "[ui][layout]") {
    const Theme normal;
    CHECK(normal.minTouchPx() == 57);  // 15 mm at 96 dpi
    CHECK(Theme(Contrast::Normal, TextSize::Normal, 160).minTouchPx() == 95);
    const Theme large(Contrast::Normal, TextSize::Large);
    CHECK(large.font(FontRole::Body).pixelSize ==
          Approx(normal.font(FontRole::Body).pixelSize * 1.35).margin(1));
    CHECK(large.font(FontRole::Heading).pixelSize > normal.font(FontRole::Heading).pixelSize);
    const Theme high(Contrast::High, TextSize::Normal);
    CHECK(high.palette().background != normal.palette().background);
    CHECK(high.palette().text == Colour{0xFF, 0xFF, 0xFF});
}

TEST_CASE("A vertical box stacks children with padding, spacing and weights", "[ui][layout]") {
    Fixture f;
    Box box(Axis::Vertical, 10, 5);
    auto& a = box.add(std::make_unique<Probe>(100, 40));
    auto& b = box.add(std::make_unique<Probe>(100, 50), 1);
    auto& c = box.add(std::make_unique<Probe>(100, 30), 3);
    auto& d = box.add(std::make_unique<Probe>(100, 20));
    box.layout(f.context(), {0, 0, 300, 500});
    CHECK(a.bounds() == Rect{10, 10, 280, 40});
    // Weighted children get their own height first (never less), then share what is left 1:3:
    // 480 inner - 40 - 50 - 30 - 20 - 3*5 = 325.
    CHECK(b.bounds().y == 55);
    CHECK(b.bounds().height == 50 + 81);
    CHECK(c.bounds().y == 191);
    CHECK(c.bounds().height == 30 + 244);
    CHECK(d.bounds() == Rect{10, 470, 280, 20});
    CHECK(box.measure(f.context(), {300, 500}).height == 10 + 40 + 50 + 30 + 20 + 3 * 5 + 10);

    SECTION("hidden children take no space") {
        b.setVisible(false);
        c.setVisible(false);
        box.layout(f.context(), {0, 0, 300, 500});
        CHECK(d.bounds().y == 10 + 40 + 5);
    }
}

TEST_CASE("A horizontal box gives weighted children the rest of the width", "[ui][layout]") {
    Fixture f;
    Box row(Axis::Horizontal, 0, 10);
    auto& fixed = row.add(std::make_unique<Probe>(80, 60));
    auto& one = row.add(std::make_unique<Probe>(10, 60), 1);
    auto& two = row.add(std::make_unique<Probe>(10, 60), 2);
    row.layout(f.context(), {100, 200, 400, 60});
    CHECK(fixed.bounds() == Rect{100, 200, 80, 60});
    CHECK(one.bounds() == Rect{190, 200, 100, 60});
    CHECK(two.bounds() == Rect{300, 200, 200, 60});
}

TEST_CASE("A grid places children in equal columns", "[ui][layout]") {
    Fixture f;
    Grid grid(3, 10);
    std::vector<Probe*> cells;
    for (int i = 0; i < 5; ++i) cells.push_back(&grid.add(std::make_unique<Probe>(10, i == 4 ? 90 : 60)));
    grid.layout(f.context(), {0, 0, 320, 400});
    CHECK(cells[0]->bounds() == Rect{0, 0, 100, 60});
    CHECK(cells[2]->bounds() == Rect{220, 0, 100, 60});
    CHECK(cells[3]->bounds() == Rect{0, 70, 100, 90});
    CHECK(cells[4]->bounds() == Rect{110, 70, 100, 90});
    CHECK(grid.measure(f.context(), {320, 400}).height == 60 + 10 + 90);
}

TEST_CASE("Hit testing finds the deepest visible widget and taps reach it", "[ui][layout]") {
    Fixture f;
    Box root(Axis::Vertical, 0, 0);
    auto& top = root.add(std::make_unique<Probe>(10, 100));
    auto& row = root.add(std::make_unique<Box>(Axis::Horizontal, 0, 0));
    auto& left = row.add(std::make_unique<Probe>(50, 100), 1);
    auto& right = row.add(std::make_unique<Probe>(50, 100), 1);
    root.layout(f.context(), {0, 0, 200, 200});

    CHECK(root.hitTest({5, 5}) == &top);
    CHECK(root.hitTest({10, 150}) == &left);
    CHECK(root.hitTest({150, 150}) == &right);
    CHECK(root.hitTest({250, 150}) == nullptr);

    CHECK(root.dispatch(InputEvent::tap({150, 150})));
    CHECK(right.taps == 1);
    CHECK(left.taps == 0);
    right.setVisible(false);
    root.layout(f.context(), {0, 0, 200, 200});
    CHECK(root.hitTest({150, 150}) != &right);
    root.dispatch(InputEvent::tap({150, 150}));
    CHECK(right.taps == 1);
}

TEST_CASE("Buttons are at least a 15 mm touch target and fire on tap, not on drag", "[ui][layout]") {
    Fixture f;
    int tapped = 0;
    Button button("OK", [&] { ++tapped; });
    const Size s = button.measure(f.context(), {1000, 1000});
    CHECK(s.height >= f.theme.minTouchPx());
    CHECK(s.width >= f.theme.minTouchPx());
    button.layout(f.context(), {10, 10, s.width, s.height});

    InputEvent down;
    down.type = InputType::PointerDown;
    down.position = down.start = {20, 20};
    button.dispatch(down);
    CHECK(button.pressed());
    InputEvent drag = down;
    drag.type = InputType::PointerDrag;
    drag.delta = {0, 30};
    button.dispatch(drag);
    CHECK_FALSE(button.pressed());
    button.dispatch(InputEvent::tap({20, 20}));
    CHECK(tapped == 1);
    button.setEnabled(false);
    button.dispatch(InputEvent::tap({20, 20}));
    CHECK(tapped == 1);
}

TEST_CASE("A grid that would wrap its cells' labels uses fewer columns, down to one", "[ui][layout]") {
    Fixture f;
    Grid grid(2, 8);
    grid.setFewerColumnsOverWrapping(true);
    std::vector<Button*> cells;
    for (const char* label : {"Tiếp nhận hồ sơ", "Hướng dẫn", "Trả kết quả", "Hồ sơ chưa đầy đủ"})
        cells.push_back(&grid.add(std::make_unique<Button>(label, [] {})));
    const int oneLine = cells[3]->measure(f.context(), {2000, 1000}).height;
    // Wide: two columns, every label on one line.
    grid.layout(f.context(), {0, 0, 1200, 600});
    CHECK(cells[1]->bounds().x > cells[0]->bounds().x);
    CHECK(cells[1]->bounds().y == cells[0]->bounds().y);
    for (auto* c : cells) CHECK(c->bounds().height == oneLine);
    // Narrow: the longest label would wrap in half the width, so one column, one line each.
    const int narrow = cells[3]->measure(f.context(), {2000, 1000}).width + 40;
    REQUIRE(cells[3]->measure(f.context(), {(narrow - 8) / 2, 1000}).height > oneLine);
    grid.layout(f.context(), {0, 0, narrow, 600});
    for (std::size_t i = 0; i < cells.size(); ++i) {
        CHECK(cells[i]->bounds().x == 0);
        CHECK(cells[i]->bounds().width == narrow);
        CHECK(cells[i]->bounds().height == oneLine);
        if (i > 0) CHECK(cells[i]->bounds().y == cells[i - 1]->bounds().bottom() + 8);
    }
    CHECK(grid.measure(f.context(), {narrow, 600}).height == 4 * oneLine + 3 * 8);
    // Without the option the same grid keeps two columns and wraps.
    Grid plain(2, 8);
    auto& wrapped = plain.add(std::make_unique<Button>("Hồ sơ chưa đầy đủ", [] {}));
    plain.add(std::make_unique<Button>("Hướng dẫn", [] {}));
    plain.layout(f.context(), {0, 0, narrow, 600});
    CHECK(wrapped.bounds().height > oneLine);
}

TEST_CASE("A long button label wraps inside the button", "[ui][layout]") {
    Fixture f;
    Button button("Lấy số thứ tự cho thủ tục đăng ký khai sinh", [] {});
    button.setSecondary("Hộ tịch");
    const Size narrow = button.measure(f.context(), {300, 1000});
    const Size wide = button.measure(f.context(), {2000, 1000});
    CHECK(narrow.height > wide.height);
    CHECK(narrow.width <= 300);
}

TEST_CASE("Visible text is collected only where it can be seen", "[ui][layout]") {
    Fixture f;
    auto content = std::make_unique<Box>(Axis::Vertical, 0, 0);
    for (int i = 0; i < 20; ++i)
        content->add(std::make_unique<Label>("Dòng " + std::to_string(i))).setFixedHeight(100);
    ScrollView view(std::move(content));
    view.layout(f.context(), {0, 0, 400, 300});
    std::vector<VisibleText> texts;
    view.collectVisibleText(texts, {0, 0, 400, 300});
    REQUIRE(texts.size() == 3);
    CHECK(texts[0].text == "Dòng 0");
    CHECK(texts[2].text == "Dòng 2");
    view.scrollTo(1050);
    texts.clear();
    view.collectVisibleText(texts, {0, 0, 400, 300});
    REQUIRE(texts.size() == 4);
    CHECK(texts.front().text == "Dòng 10");
    CHECK(texts.front().bounds ==
          Rect{0, 0, 400 - (view.bounds().width - view.content().bounds().width), 50});
}

TEST_CASE("ScrollView drags, flings with momentum over passed-in time, and clamps", "[ui][layout][scroll]") {
    Fixture f;
    auto content = std::make_unique<Box>(Axis::Vertical, 0, 0);
    auto* first = &content->add(std::make_unique<Probe>(10, 100));
    for (int i = 0; i < 19; ++i) content->add(std::make_unique<Probe>(10, 100));
    ScrollView view(std::move(content));
    view.layout(f.context(), {0, 0, 400, 500});
    REQUIRE(view.contentHeight() == 2000);
    REQUIRE(view.maxOffset() == 1500);

    InputEvent drag;
    drag.type = InputType::PointerDrag;
    drag.start = {100, 400};
    drag.delta = {0, -200};
    view.dispatch(drag);
    CHECK(view.offset() == 200);
    CHECK(first->bounds().y == -200);  // content moved with the finger

    SECTION("a fling keeps going, slows down, and stops") {
        InputEvent up;
        up.type = InputType::PointerUp;
        up.start = {100, 400};
        up.velocityY = -1000;  // finger moving up at 1000 px/s
        view.dispatch(up);
        CHECK(view.velocity() == Approx(1000));
        view.update(std::chrono::milliseconds(100));
        const int after100 = view.offset();
        CHECK(after100 > 200);
        view.update(std::chrono::milliseconds(100));
        const int after200 = view.offset();
        CHECK(after200 - after100 < after100 - 200);  // decelerating
        for (int i = 0; i < 100; ++i) view.update(std::chrono::milliseconds(16));
        CHECK(view.velocity() == 0);
        // Total travel of an exponential decay: v / friction.
        CHECK(view.offset() == Approx(200 + 1000 / ScrollView::kFriction).margin(4));
    }
    SECTION("one long step lands where many short ones do") {
        view.fling(1200);
        view.update(std::chrono::milliseconds(500));
        const int oneStep = view.offset();
        view.scrollTo(200);
        view.fling(1200);
        for (int i = 0; i < 50; ++i) view.update(std::chrono::milliseconds(10));
        CHECK(view.offset() == Approx(oneStep).margin(2));
    }
    SECTION("momentum stops at the end without overshoot") {
        view.fling(8000);
        for (int i = 0; i < 200; ++i) view.update(std::chrono::milliseconds(16));
        CHECK(view.offset() == 1500);
        CHECK(view.velocity() == 0);
    }
    SECTION("dragging past the top clamps at zero") {
        drag.delta = {0, 5000};
        view.dispatch(drag);
        CHECK(view.offset() == 0);
        CHECK(first->bounds().y == 0);
    }
    SECTION("touching a moving list stops it") {
        view.fling(3000);
        InputEvent down;
        down.type = InputType::PointerDown;
        down.position = down.start = {100, 100};
        view.dispatch(down);
        CHECK(view.velocity() == 0);
    }
}

TEST_CASE("The on-screen keyboard edits its text input through taps", "[ui][layout][keyboard]") {
    Fixture f;
    Box root(Axis::Vertical, 0, 10);
    auto& input = root.add(std::make_unique<TextInput>("Tìm thủ tục"));
    auto& keyboard = root.add(std::make_unique<VietnameseKeyboard>(input));
    root.layout(f.context(), {0, 0, 1080, 1200});

    auto tapText = [&](const std::string& text) {
        std::vector<VisibleText> texts;
        root.collectVisibleText(texts, root.bounds());
        for (const auto& t : texts) {
            if (t.text == text) {
                root.dispatch(InputEvent::tap(t.bounds.center()));
                return;
            }
        }
        FAIL("no key " << text);
    };
    for (const char* k : {"n", "g", "u", "y", "e", "n"}) tapText(k);
    tapText("ê");
    tapText("ã");
    CHECK(input.text() == "nguyễn");
    tapText("Dấu cách");
    tapText("v");
    tapText("a");
    tapText("Xóa");
    CHECK(input.text() == "nguyễn v");
    tapText("Telex: Tắt");
    CHECK(input.telex());
    input.dispatch(InputEvent::textInput("ieetj"));
    CHECK(input.text() == "nguyễn việt");
    tapText("Xóa hết");
    CHECK(input.text().empty());
    // Every key is at least a 15 mm target.
    std::vector<VisibleText> texts;
    keyboard.collectVisibleText(texts, root.bounds());
    for (const auto& t : texts) {
        CAPTURE(t.text);
        CHECK(t.bounds.height >= f.theme.minTouchPx());
    }
}

TEST_CASE(
    "The layout check exempts a list's rows under a footer, not a keypad's keys nor a control off screen",
    "[ui][layout][check]") {
    Fixture f;
    const Rect window{0, 0, 400, 300};
    // A page: a scrolling middle of rows of buttons over a fixed footer button, as a kiosk page.
    auto page = [&](bool keptWhole) {
        auto grid = std::make_unique<Grid>(2, 10);
        grid->setKeptWhole(keptWhole);
        for (int i = 0; i < 8; ++i) grid->add(std::make_unique<Button>(std::to_string(i), [] {}));
        auto root = std::make_unique<Box>(Axis::Vertical, 0, 0);
        root->add(std::make_unique<ScrollView>(std::move(grid)), 1);
        root->add(std::make_unique<Button>("Tiếp tục", [] {}));
        root->layout(f.context(), window);
        return root;
    };
    auto problems = [&](const Widget& root) {
        std::vector<LayoutItem> items;
        root.collectLayout(items, window);
        return checkLayout(items, {window.size(), f.theme.minTouchPx()});
    };
    auto count = [](const std::vector<std::string>& all, const char* what) {
        int n = 0;
        for (const auto& p : all) n += p.find(what) != std::string::npos ? 1 : 0;
        return n;
    };
    SECTION("a list's rows run on under the footer and scroll into view") {
        const auto root = page(false);
        CHECK(problems(*root) == std::vector<std::string>{});
    }
    SECTION("a keypad's keys must all be in view: the cut ones and the hidden ones are named") {
        const auto root = page(true);
        const auto all = problems(*root);
        CHECK(count(all, "of a group kept whole") >= 4);
        CHECK(count(all, "\"7\"") == 1);  // the last key, wholly under the footer
    }
    SECTION("a control pushed off the window by content that does not scroll") {
        auto root = std::make_unique<Box>(Axis::Vertical, 0, 0);
        for (int i = 0; i < 8; ++i) root->add(std::make_unique<Button>("Nút " + std::to_string(i), [] {}));
        root->layout(f.context(), window);
        const auto all = problems(*root);
        CHECK(count(all, "\"Nút 7\" at") == 1);
        CHECK(count(all, "is not inside the 400x300 window") >= 3);
    }
}
