#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "console_fixture.h"
#include "queue/queue_service.h"

using namespace motcua;
using namespace motcua::testing;

namespace {

std::string take(queue::Database& db, const queue::Clock& clock, const std::string& service,
                 std::optional<std::string> priority = {}) {
    queue::QueueService q(db, clock);
    auto r = q.take(service, priority);
    INFO(r.message);
    REQUIRE(r.ok());
    return r.value->ticket.number;
}

}  // namespace

TEST_CASE(
    "An officer logs in, takes a ticket through every move and finishes it with procedures, outcome and "
    "dossier code",
    "[console][script]") {
    ConsoleOffice office{{"lan", "246813"}};
    HeadlessConsole c(office, 1);
    CHECK(take(c.db, c.ui.clock, "HT") == "A001");
    CHECK(take(c.db, c.ui.clock, "HT", "cao_tuoi") == "A002");
    CHECK(take(c.db, c.ui.clock, "HT") == "A003");
    c.ui.clock.advanceMinutes(3);

    requireOk(c.run(R"S(
expect "Đăng nhập quầy tiếp nhận"
tap "Nguyễn Thị Lan"
type "246813"
expect "• • • •"
screenshot 01-login.png
key Return
expect "Quầy 1 · Nguyễn Thị Lan"
expect "Hàng chờ của quầy: 3 người"
expect "Vì sao A002 tiếp theo: Số ưu tiên được gọi trước"
expect "2. A001 · Hộ tịch · chờ 3 phút"
screenshot 02-work-waiting.png
key F1
expect "Đã gọi số A002"
expect "Đang gọi — chờ công dân đến quầy"
key F2
expect "Gọi lại 1 lần"
screenshot 03-called.png
key F8
expect "Đang tạm giữ ở quầy: A002"
key F1
expect "Đã gọi số A001"
key F5
expect "Số A001 vắng mặt"
key F10
expect "Số cụ thể"
type "a2"
screenshot 04-call-number.png
key Return
expect "Đã gọi số A002"
tap "Bắt đầu"
expect "Đang phục vụ"
key F9
expect "Chuyển số A002 sang lĩnh vực khác"
screenshot 05-transfer.png
tap "Chứng thực"
expect "Đã chuyển số A002 sang Chứng thực"
expect "Hàng chờ của quầy: 1 người"
key F1
expect "Đã gọi số A003"
key F7
expect "Đã trả số A003 về cuối hàng chờ"
key F1
key F6
expect "Đã trả số A003 về đầu hàng chờ"
key F1
key F3
wait 120000
expect "Đang phục vụ 2 phút"
screenshot 06-serving.png
key F4
expect "Hoàn thành số A003"
type "khai sinh"
expect "Đăng ký lại khai sinh"
tap "Đăng ký khai sinh"
tap "Tiếp nhận hồ sơ"
key Tab
type "HS-2026-000123"
screenshot 07-finish.png
key F4
expect "Đã hoàn thành số A003"
expect "Quầy chưa có số nào"
key F10
type "A001"
tap "Đưa lại hàng chờ"
expect "Đã đưa số A001 trở lại hàng chờ"
screenshot 08-done.png
)S",
                    "flow"),
              "flow");

    const auto lanId = c.db.queryInt("SELECT id FROM staff WHERE login = 'lan'");
    // Every move carried the officer.
    CHECK(c.db.queryInt(
              "SELECT COUNT(*) FROM events WHERE kind IN ('call','recall','hold','noshow','start','transfer',"
              "'return','finish','reactivate') AND (staff_id IS NULL OR staff_id <> " +
              std::to_string(lanId) + ")") == 0);
    CHECK(c.db.queryInt("SELECT COUNT(*) FROM events WHERE kind = 'call'") == 6);
    queue::Statement st(c.db, "SELECT detail FROM events WHERE kind = 'finish'");
    REQUIRE(st.step());
    const auto detail = nlohmann::json::parse(st.getText(0));
    CHECK(detail["procedures"] == nlohmann::json::array({"1.001193"}));
    CHECK(detail["outcome"] == "received");
    CHECK(detail["dossier_code"] == "HS-2026-000123");
    CHECK_FALSE(st.step());
}

TEST_CASE("Five wrong PINs lock the account and the console says until when", "[console][script][login]") {
    ConsoleOffice office{{"hung", "135792"}};
    HeadlessConsole c(office, 2);
    requireOk(c.run(R"S(
tap "Trần Văn Hùng"
type "0000"
key Return
expect "Sai mã PIN. Còn 4 lần thử trước khi tài khoản bị khóa."
type "1111"
key Return
type "2222"
key Return
type "3333"
key Return
expect "Còn 1 lần thử"
screenshot 01-one-left.png
type "4444"
key Return
expect "Tài khoản bị khóa do nhập sai mã PIN nhiều lần, đến"
screenshot 02-locked.png
type "135792"
key Return
expect "Tài khoản bị khóa"
)S",
                    "lockout"),
              "lockout");
    // The lock ends 15 minutes after the fifth failure, shown in local time.
    const auto until = c.ui.clock.now() + 15 * 60'000;
    CHECK(c.sees(c.console.calendar().clockText(until)));
    CHECK(c.sees(console::localDateVi(c.console.calendar(), until)));
    c.ui.clock.advanceMinutes(16);
    requireOk(c.run("type \"135792\"\nkey Return\nexpect \"Quầy 2 · Trần Văn Hùng\"\n", "lockout"),
              "lockout");
    CHECK(c.db.queryInt("SELECT COUNT(*) FROM events WHERE kind = 'login_failed'") >= 4);
    CHECK(c.db.queryInt("SELECT COUNT(*) FROM events WHERE CAST(detail AS TEXT) LIKE '%135792%'") == 0);
}

TEST_CASE("A break disables calling until the officer is back; logging out returns to the login screen",
          "[console][script][break]") {
    ConsoleOffice office{{"lan", "246813"}};
    HeadlessConsole c(office, 1);
    take(c.db, c.ui.clock, "HT");
    requireOk(c.run(R"S(
tap "Nguyễn Thị Lan"
type "246813"
key Return
tap "Tạm nghỉ (F11)"
expect "Trong khi nghỉ, quầy không gọi số"
tap "Họp"
expect "Quầy 1 tạm nghỉ: Họp"
expect "Quầy đang tạm nghỉ: Họp"
key F1
expect "Quầy đang tạm nghỉ: Họp"
screenshot 01-on-break.png
)S",
                    "break"),
              "break");
    CHECK(c.db.queryInt("SELECT COUNT(*) FROM events WHERE kind = 'call'") == 0);
    queue::QueueService q(c.db, c.ui.clock);
    CHECK(q.status().counters.front().onBreak);  // what the lobby display reads
    requireOk(c.run(R"S(
key F11
expect "Quầy 1 làm việc trở lại"
key F1
expect "Đã gọi số A001"
tap "Đăng xuất"
expect "Đăng nhập quầy tiếp nhận"
)S",
                    "break"),
              "break");
    CHECK(c.db.queryInt("SELECT COUNT(*) FROM events WHERE kind = 'logout'") == 1);
}

TEST_CASE("Alerts: a kiosk print failure, a citizen over the wait target and a Không hài lòng rating",
          "[console][script][alerts]") {
    ConsoleOffice office{{"lan", "246813"}};
    HeadlessConsole c(office, 1);
    requireOk(
        c.run("tap \"Nguyễn Thị Lan\"\ntype \"246813\"\nkey Return\nexpect \"Không có ai chờ.\"\n", "alerts"),
        "alerts");
    // Another process (the kiosk) writes on its own connection.
    auto kioskDb = office.open();
    queue::QueueService kiosk(kioskDb, c.ui.clock);
    auto issued = kiosk.take("HT");
    REQUIRE(issued.ok());
    kiosk.recordDeviceEvent("print_failed", issued.value->ticket.id,
                            {{"error", "paper_out"}, {"message", "hết giấy"}, {"printer", "usb:"}});
    // A ticket served at this counter and rated badly at the kiosk.
    auto served = kiosk.take("HT");
    REQUIRE(kiosk.callNumber(1, served.value->ticket.number).ok());
    REQUIRE(kiosk.start(1).ok());
    REQUIRE(kiosk.finish(1).ok());
    REQUIRE(kiosk.rate(served.value->ticket.number, "khong_hai_long", "kiosk").ok());
    c.ui.clock.advanceMinutes(16);
    requireOk(c.run(R"S(
wait 500
expect "Máy in ki-ốt không in được số A001 (hết giấy)"
expect "Công dân số A002 đánh giá Không hài lòng (quầy 1)"
wait 10000
expect "Số A001 (Hộ tịch) đã chờ 16 phút, quá mục tiêu 15 phút"
screenshot 01-alerts.png
tap "Đã xem"
)S",
                    "alerts"),
              "alerts");
    CHECK(c.console.session().alerts().size() == 2);
}

TEST_CASE("Alerts: a kiosk print that may have printed, and a kiosk that started without its printer",
          "[console][script][alerts]") {
    ConsoleOffice office{{"lan", "246813"}};
    HeadlessConsole c(office, 1);
    requireOk(
        c.run("tap \"Nguyễn Thị Lan\"\ntype \"246813\"\nkey Return\nexpect \"Không có ai chờ.\"\n", "alerts"),
        "alerts");
    auto kioskDb = office.open();
    queue::QueueService kiosk(kioskDb, c.ui.clock);
    kiosk.recordDeviceEvent(
        "printer_problem", std::nullopt,
        {{"error", "no-printer-found"},
         {"message", "no printer found: no USB printer (interface class 7) among 3 devices"},
         {"message_vi", "Không tìm thấy máy in: vui lòng báo cán bộ."},
         {"printer", "usb:"}});
    auto issued = kiosk.take("HT");
    REQUIRE(issued.ok());
    kiosk.recordDeviceEvent("print_failed", issued.value->ticket.id,
                            {{"error", "paper-out"},
                             {"outcome", "unknown"},
                             {"reached", "all"},
                             {"message", "hết giấy sau khi nhận phiếu"},
                             {"printer", "usb:"}});
    requireOk(c.run(R"S(
wait 500
expect "Máy in ki-ốt (usb:) chưa in được: Không tìm thấy máy in. Kiểm tra máy in"
expect "Máy in ki-ốt có thể đã in số A001 (hết giấy sau khi nhận phiếu). Xem khe máy in trước khi in lại"
screenshot 02-print-alerts.png
)S",
                    "alerts"),
              "alerts");
    CHECK(c.console.session().alerts().size() == 2);
}

TEST_CASE("The officer checks a priority citizen's papers against the category's definition and records it",
          "[console][script][priority]") {
    ConsoleOffice office{{"lan", "246813"}};
    HeadlessConsole c(office, 1);
    CHECK(take(c.db, c.ui.clock, "HT", "cao_tuoi") == "A001");
    CHECK(take(c.db, c.ui.clock, "HT") == "A002");

    requireOk(c.run(R"S(
tap "Nguyễn Thị Lan"
type "246813"
key Return
key F1
expect "Đã gọi số A001"
expect "Hộ tịch · Ưu tiên: Người cao tuổi"
expect "Số A001 ưu tiên (Người cao tuổi): chưa kiểm tra giấy tờ"
expect "Kiểm tra ưu tiên"
screenshot 1-priority-called.png
tap "Kiểm tra ưu tiên"
expect "Kiểm tra ưu tiên của số A001: Người cao tuổi"
expect "Công dân Việt Nam từ đủ 60 tuổi trở lên (Luật Người cao tuổi 2009, Điều 2)"
screenshot 2-priority-check.png
tap "Đúng đối tượng ưu tiên"
expect "Đã ghi nhận: số A001 đúng đối tượng ưu tiên"
expect "Ưu tiên: Người cao tuổi (đã kiểm tra)"
expect "Số A001 ưu tiên (Người cao tuổi): đã kiểm tra: đúng đối tượng"
expect "Kiểm tra lại ưu tiên"
screenshot 3-priority-checked.png
key F3
expect "Đang phục vụ"
expect "(đã kiểm tra)"
key F4
key F4
expect "Đã hoàn thành số A001"
key F1
expect "Đã gọi số A002"
)S",
                    "priority-check"),
              "priority-check");
    // A ticket without priority has nothing to check.
    CHECK_FALSE(c.sees("Kiểm tra ưu tiên"));

    const auto lanId = c.db.queryInt("SELECT id FROM staff WHERE login = 'lan'");
    queue::Statement st(c.db, "SELECT detail, staff_id FROM events WHERE kind = 'priority_checked'");
    REQUIRE(st.step());
    const auto detail = nlohmann::json::parse(st.getText(0));
    CHECK(detail["priority"] == "cao_tuoi");
    CHECK(detail["confirmed"] == true);
    CHECK(st.getInt(1) == lanId);
    CHECK_FALSE(st.step());
    // The check moved nothing: A001 was finished by the same officer after it.
    CHECK(c.db.queryInt("SELECT COUNT(*) FROM tickets WHERE number = 'A001' AND state = 'done'") == 1);
}
