#include "queue/call_order.h"

#include <fmt/format.h>

namespace motcua::queue {

const char* reasonCode(CallReason reason) {
    switch (reason) {
        case CallReason::OnlyNormalWaiting:
            return "fifo";
        case CallReason::OnlyPriorityWaiting:
            return "priority_only";
        case CallReason::StrictPriority:
            return "priority_strict";
        case CallReason::PriorityFirst:
            return "priority_turn";
        case CallReason::NormalInterleave:
            return "normal_share";
        case CallReason::ByNumber:
            return "by_number";
        case CallReason::FromHold:
            return "from_hold";
        case CallReason::Appointment:
            return "appointment";
    }
    return "unknown";
}

std::optional<CallReason> callReasonFromCode(std::string_view code) {
    for (auto r : {CallReason::OnlyNormalWaiting, CallReason::OnlyPriorityWaiting, CallReason::StrictPriority,
                   CallReason::PriorityFirst, CallReason::NormalInterleave, CallReason::ByNumber,
                   CallReason::FromHold, CallReason::Appointment}) {
        if (code == reasonCode(r)) return r;
    }
    return std::nullopt;
}

std::string explainVi(const CallChoice& c, int interleave) {
    switch (c.reason) {
        case CallReason::OnlyNormalWaiting:
            return "Số đến trước (không có số ưu tiên đang chờ)";
        case CallReason::OnlyPriorityWaiting:
            return "Số ưu tiên đến trước (không có số thường đang chờ)";
        case CallReason::StrictPriority:
            return "Ưu tiên tuyệt đối: số ưu tiên được gọi trước";
        case CallReason::PriorityFirst:
            if (c.normalsSincePriority < 0)
                return "Số ưu tiên được gọi trước (quầy chưa gọi số ưu tiên nào hôm nay)";
            return fmt::format(
                "Đến lượt số ưu tiên (quầy đã gọi {} số thường kể từ số ưu tiên trước, tối đa {})",
                c.normalsSincePriority, interleave);
        case CallReason::NormalInterleave:
            return fmt::format("Xen kẽ: quầy gọi {} số thường sau mỗi số ưu tiên (đã gọi {})", interleave,
                               c.normalsSincePriority);
        case CallReason::ByNumber:
            return "Cán bộ gọi số cụ thể";
        case CallReason::FromHold:
            return "Gọi lại số đang tạm giữ";
        case CallReason::Appointment:
            if (c.slotText.empty()) return "Lịch hẹn: đã đến giờ hẹn";
            return fmt::format("Lịch hẹn {}: đã đến giờ hẹn", c.slotText);
    }
    return {};
}

std::string explainEn(const CallChoice& c, int interleave) {
    switch (c.reason) {
        case CallReason::OnlyNormalWaiting:
            return "first come, first served (no priority ticket waiting)";
        case CallReason::OnlyPriorityWaiting:
            return "oldest priority ticket (no normal ticket waiting)";
        case CallReason::StrictPriority:
            return "strict priority: priority tickets first";
        case CallReason::PriorityFirst:
            if (c.normalsSincePriority < 0)
                return "priority first (no priority ticket called here today yet)";
            return fmt::format(
                "priority ticket's turn ({} normal calls at this counter since the last priority one, "
                "interleave {})",
                c.normalsSincePriority, interleave);
        case CallReason::NormalInterleave:
            return fmt::format("interleave: {} normal tickets after each priority one ({} so far)",
                               interleave, c.normalsSincePriority);
        case CallReason::ByNumber:
            return "called by number";
        case CallReason::FromHold:
            return "called back from hold";
        case CallReason::Appointment:
            if (c.slotText.empty()) return "appointment: its slot has begun";
            return fmt::format("appointment {}: its slot has begun", c.slotText);
    }
    return {};
}

}  // namespace motcua::queue
