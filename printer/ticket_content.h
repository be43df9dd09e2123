// What goes on a queue ticket, as plain text the caller has already chosen and translated.
// The printer library lays it out; it knows nothing of the queue and translates nothing.
#pragma once

#include <optional>
#include <string>

namespace motcua::printer {

// Captions printed before values. Empty captions are left out (the value is printed alone).
struct TicketLabels {
    std::string number;         // e.g. "SỐ THỨ TỰ CỦA BẠN"
    std::string counters;       // e.g. "Mời đến quầy"
    std::string peopleAhead;    // e.g. "Số người chờ trước bạn"
    std::string estimatedWait;  // e.g. "Thời gian chờ dự kiến"
    std::string issuedAt;       // e.g. "Giờ lấy số"
    std::string hotline;        // e.g. "Đường dây nóng"
    std::string qrCaption;      // e.g. "Quét mã để theo dõi lượt của bạn"
};

// All text is UTF-8; it is normalised to NFC before rendering. Empty fields are left out.
struct TicketContent {
    std::string officeName;  // may be long: wrapped
    std::string number;      // "A012": printed very large
    std::string service;     // field / service name, wrapped
    std::string counters;    // "1, 2, 3"
    std::string priority;    // priority mark ("ƯU TIÊN"), empty when the ticket has none
    std::optional<int> peopleAhead;
    std::string estimatedWait;  // "khoảng 15 phút"
    std::string issuedAt;       // "08:42 · 14/05/2025"
    std::string note;           // e.g. the 15:00 certification rule; wrapped
    std::string hotline;
    std::string qrPayload;  // empty: no QR code
    std::string qrCode;     // printed large under the QR, for typing instead of scanning ("ABCDE-FGHJK")
    TicketLabels labels;
};

}  // namespace motcua::printer
