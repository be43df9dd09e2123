#include "kiosk/console_app/login_screen.h"

#include <fmt/format.h>

#include "kiosk/console_app/compact_screen.h"
#include "kiosk/console_app/work_screen.h"
#include "kiosk/ui/box.h"
#include "kiosk/ui/button.h"
#include "kiosk/ui/scroll_view.h"

namespace motcua::console {

using namespace motcua::ui;

namespace {
const char* roleVi(queue::StaffRole role) {
    switch (role) {
        case queue::StaffRole::Officer:
            return "Cán bộ";
        case queue::StaffRole::Supervisor:
            return "Trưởng bộ phận";
        case queue::StaffRole::Admin:
            return "Quản trị";
    }
    return "";
}
}  // namespace

LoginScreen::LoginScreen(Console& console) : m_console(console), m_counter(console.preferredCounter()) {}

void LoginScreen::onShow() {
    m_console.setCompact(false);  // logged out of the strip: the full window for the next login
    loadLists();
}

// The officers and counters to choose from; while the server cannot be reached, again at the next
// update once it can.
void LoginScreen::loadLists() {
    try {
        m_staff = m_console.session().staff();
        m_counters = m_console.session().counters();
        m_listsLoaded = true;
    } catch (const queue::DatabaseError& e) {
        if (!e.isConnectionLost()) throw;
        m_listsLoaded = false;
    }
    if (m_counter == 0 && !m_counters.empty()) m_counter = m_counters.front().number;
    m_dirty = true;
}

void LoginScreen::update(std::chrono::milliseconds dt) {
    if (!m_listsLoaded && !m_console.serverLost()) loadLists();
    if (m_dirty) rebuild();
    WidgetScreen::update(dt);
}

void LoginScreen::rebuild() {
    m_dirty = false;
    const std::string typed = m_pin ? m_pin->pin() : std::string();
    auto root = std::make_unique<Box>(Axis::Vertical, Box::kThemed, 12);
    root->add(std::make_unique<Label>("Đăng nhập quầy tiếp nhận", FontRole::Heading));

    auto columns = std::make_unique<Box>(Axis::Horizontal, 0, 32);
    auto left = std::make_unique<Box>(Axis::Vertical, 0, 10);
    left->add(
        std::make_unique<Label>("1. Chọn cán bộ", FontRole::Body, TextAlign::Left, TextColour::Primary));
    auto staffGrid = std::make_unique<Grid>(2, 10);
    for (const auto& s : m_staff) {
        auto& b = staffGrid->add(std::make_unique<Button>(
            s.name,
            [this, login = s.login] {
                m_login = login;
                m_dirty = true;
            },
            s.login == m_login ? ButtonStyle::Primary : ButtonStyle::Secondary, FontRole::Small));
        b.setSecondary(fmt::format("{} · {}{}", s.login, roleVi(s.role), s.hasPin ? "" : " · chưa có PIN"));
    }
    left->add(std::make_unique<ScrollView>(std::move(staffGrid)), 1);
    columns->add(std::move(left), 3);

    auto right = std::make_unique<Box>(Axis::Vertical, 0, 10);
    right->add(std::make_unique<Label>("2. Chọn quầy", FontRole::Body, TextAlign::Left, TextColour::Primary));
    auto counterGrid = std::make_unique<Grid>(3, 10);
    for (const auto& c : m_counters) {
        auto& b = counterGrid->add(std::make_unique<Button>(
            fmt::format("Quầy {}", c.number),
            [this, n = c.number] {
                m_counter = n;
                m_dirty = true;
            },
            c.number == m_counter ? ButtonStyle::Primary : ButtonStyle::Secondary, FontRole::Small));
        if (c.staffName) b.setSecondary(*c.staffName);
    }
    right->add(std::move(counterGrid));
    right->add(std::make_unique<Label>("3. Nhập mã PIN rồi bấm Enter", FontRole::Body, TextAlign::Left,
                                       TextColour::Primary));
    m_pin = &right->add(std::make_unique<PinField>([this] { submit(); }, typed));
    std::string who = "Chưa chọn cán bộ";
    for (const auto& s : m_staff)
        if (s.login == m_login) who = s.name;
    right->add(std::make_unique<Label>(fmt::format("{} · Quầy {}", who, m_counter), FontRole::Small,
                                       TextAlign::Left, TextColour::Muted));
    right->add(std::make_unique<Spacer>(), 1);
    // The choices scroll when the window is short (large text at 1024x768); "Đăng nhập" and what the
    // last try said stay under them, always in view (Enter logs in from anywhere too).
    auto side = std::make_unique<Box>(Axis::Vertical, 0, 10);
    side->add(std::make_unique<ScrollView>(std::move(right)), 1);
    auto& login = side->add(std::make_unique<Button>(
        "Đăng nhập", [this] { submit(); }, ButtonStyle::Primary));
    login.setEnabled(!m_login.empty() && m_counter > 0);
    if (!m_message.empty())
        side->add(std::make_unique<Label>(m_message, FontRole::Small, TextAlign::Left,
                                          m_messageIsError ? TextColour::Danger : TextColour::Normal));
    columns->add(std::move(side), 2);
    root->add(std::move(columns), 1);
    setRoot(std::move(root));
}

void LoginScreen::submit() {
    if (m_login.empty()) {
        m_message = "Hãy chọn tên của mình trong danh sách cán bộ.";
        m_messageIsError = true;
        m_dirty = true;
        return;
    }
    const std::string pin = m_pin ? m_pin->pin() : std::string();
    if (m_pin) m_pin->clear();
    m_dirty = true;
    queue::LoginResult result;
    try {
        result = m_console.session().login(m_login, pin, m_counter);
    } catch (const queue::DatabaseError& e) {
        if (!e.isConnectionLost()) throw;
        m_message = "Mất kết nối máy chủ nên chưa đăng nhập được. Xin thử lại khi kết nối lại.";
        m_messageIsError = true;
        return;
    }
    m_messageIsError = true;
    switch (result.outcome) {
        case queue::LoginOutcome::Ok:
            m_message.clear();
            if (result.pinNeedsChange) {
                m_console.tell(
                    "Mã PIN này dễ đoán (cần 6–8 chữ số, không phải dãy như 123456 hay 111111). "
                    "Hãy nhờ trưởng bộ phận đặt mã PIN mới.",
                    true);
            }
            if (m_console.compactMode())
                m_console.screens().push(std::make_unique<CompactScreen>(m_console));
            else
                m_console.screens().push(std::make_unique<WorkScreen>(m_console));
            return;
        case queue::LoginOutcome::WrongPin:
            m_message =
                fmt::format("Sai mã PIN. Còn {} lần thử trước khi tài khoản bị khóa.", result.attemptsLeft);
            return;
        case queue::LoginOutcome::Locked:
            m_message = fmt::format(
                "Tài khoản bị khóa do nhập sai mã PIN nhiều lần, đến {} ngày {}. "
                "Liên hệ trưởng bộ phận nếu cần.",
                m_console.calendar().clockText(result.lockedUntil),
                localDateVi(m_console.calendar(), result.lockedUntil));
            return;
        default:
            m_message = result.messageVi;
            return;
    }
}

}  // namespace motcua::console
