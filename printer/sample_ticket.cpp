#include "printer/sample_ticket.h"

#include <utility>

namespace motcua::printer {

TicketContent sampleTicket() {
    return sampleTicket("UBND PHƯỜNG THỬ NGHIỆM — ĐIỂM PHỤC VỤ HÀNH CHÍNH CÔNG");
}

TicketContent sampleTicket(std::string officeLine) {
    TicketContent t;
    t.officeName = std::move(officeLine);
    t.number = "A012";
    t.service = "Chứng thực bản sao từ bản chính, chữ ký, hợp đồng giao dịch";
    t.counters = "1, 2";
    t.priority = "ƯU TIÊN · NGƯỜI CAO TUỔI";
    t.peopleAhead = 5;
    t.estimatedWait = "khoảng 15 phút";
    t.issuedAt = "08:42 — 14/05/2025";
    t.note = "Hồ sơ chứng thực nộp sau 15 giờ 00 được trả kết quả trong ngày làm việc tiếp theo.";
    t.hotline = "024 3825 1234";
    t.qrPayload = "https://motcua.example.vn/ve/2025-05-14/A012?k=7Q2M";
    t.labels.number = "SỐ THỨ TỰ CỦA ÔNG/BÀ";
    t.labels.counters = "Mời đến quầy";
    t.labels.peopleAhead = "Số người đang chờ trước";
    t.labels.estimatedWait = "Thời gian chờ dự kiến";
    t.labels.issuedAt = "Giờ lấy số";
    t.labels.hotline = "Đường dây nóng";
    t.labels.qrCaption = "Quét mã để theo dõi lượt của ông/bà";
    return t;
}

}  // namespace motcua::printer
