#include "kiosk/kiosk_app/kiosk_text.h"

#include <algorithm>

namespace motcua::kiosk {

std::string groupThousands(std::int64_t value) {
    const bool negative = value < 0;
    std::string digits = std::to_string(negative ? -value : value);
    std::string out;
    const int n = static_cast<int>(digits.size());
    for (int i = 0; i < n; ++i) {
        if (i > 0 && (n - i) % 3 == 0) out += '.';
        out += digits[static_cast<std::size_t>(i)];
    }
    return negative ? "-" + out : out;
}

std::string dateText(const queue::BusinessCalendar& calendar, queue::TimeMs t, Language language) {
    static const char* const kVi[] = {"Thứ Hai", "Thứ Ba",  "Thứ Tư",  "Thứ Năm",
                                      "Thứ Sáu", "Thứ Bảy", "Chủ Nhật"};
    static const char* const kEn[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                      "Friday", "Saturday", "Sunday"};
    const int weekday = std::clamp(calendar.weekday(t), 1, 7);
    const std::string iso = calendar.dayOf(t);  // YYYY-MM-DD
    const char* name = (language == Language::En ? kEn : kVi)[weekday - 1];
    if (iso.size() != 10) return name;
    return std::string(name) + ", " + iso.substr(8, 2) + "/" + iso.substr(5, 2) + "/" + iso.substr(0, 4);
}

std::string formatDong(std::int64_t amount) {
    return groupThousands(amount) + " đ";
}

std::string printProblem(printer::PrintError error, Language language) {
    using printer::PrintError;
    if (language == Language::Vi) return std::string(printer::messageVi(error));
    switch (error) {
        case PrintError::NotConfigured:
            return "No printer is set up: please note your number from the screen.";
        case PrintError::BadUri:
            return "The printer is set up wrongly: please tell the staff.";
        case PrintError::NoPrinterFound:
            return "The printer cannot be found: please tell the staff.";
        case PrintError::PermissionDenied:
            return "The kiosk may not use the printer: please tell the staff.";
        case PrintError::Busy:
            return "The printer is busy: please try again in a few minutes.";
        case PrintError::Timeout:
            return "The printer does not respond: please tell the staff.";
        case PrintError::PaperOut:
            return "The printer is out of paper: please tell the staff.";
        case PrintError::CoverOpen:
            return "The printer cover is open: please tell the staff.";
        case PrintError::Offline:
            return "The printer is paused: please tell the staff.";
        case PrintError::CutterError:
            return "The printer's paper cutter has failed: please tell the staff.";
        case PrintError::ConnectionRefused:
            return "The printer cannot be reached: please tell the staff.";
        case PrintError::ConnectionClosed:
            return "The printer was disconnected while printing: please tell the staff.";
        case PrintError::IoError:
            return "The ticket could not be sent to the printer: please tell the staff.";
        case PrintError::JobRejected:
            return "The print server refused the ticket: please tell the staff.";
    }
    return "The printer has a problem: please tell the staff.";
}

}  // namespace motcua::kiosk
