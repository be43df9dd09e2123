#include "printer/print_error.h"

namespace motcua::printer {

std::string_view messageVi(PrintError error) noexcept {
    switch (error) {
        case PrintError::NotConfigured:
            return "Chưa cài đặt máy in: vui lòng ghi lại số thứ tự trên màn hình.";
        case PrintError::BadUri:
            return "Cài đặt máy in không đúng: vui lòng báo cán bộ.";
        case PrintError::NoPrinterFound:
            return "Không tìm thấy máy in: vui lòng báo cán bộ.";
        case PrintError::PermissionDenied:
            return "Chưa được cấp quyền dùng máy in: vui lòng báo cán bộ.";
        case PrintError::Busy:
            return "Máy in đang bận: vui lòng thử lại sau ít phút.";
        case PrintError::Timeout:
            return "Máy in không phản hồi: vui lòng báo cán bộ.";
        case PrintError::PaperOut:
            return "Máy in hết giấy: vui lòng báo cán bộ.";
        case PrintError::CoverOpen:
            return "Nắp máy in đang mở: vui lòng báo cán bộ.";
        case PrintError::Offline:
            return "Máy in đang tạm dừng: vui lòng báo cán bộ.";
        case PrintError::CutterError:
            return "Dao cắt giấy của máy in bị lỗi: vui lòng báo cán bộ.";
        case PrintError::ConnectionRefused:
            return "Không kết nối được máy in: vui lòng báo cán bộ.";
        case PrintError::ConnectionClosed:
            return "Mất kết nối với máy in khi đang in: vui lòng báo cán bộ.";
        case PrintError::IoError:
            return "Lỗi khi gửi dữ liệu tới máy in: vui lòng báo cán bộ.";
        case PrintError::JobRejected:
            return "Máy chủ in từ chối lệnh in: vui lòng báo cán bộ.";
    }
    return "Lỗi máy in: vui lòng báo cán bộ.";
}

std::string_view messageEn(PrintError error) noexcept {
    switch (error) {
        case PrintError::NotConfigured:
            return "no printer configured (printer = none)";
        case PrintError::BadUri:
            return "printer setting not understood";
        case PrintError::NoPrinterFound:
            return "no printer found";
        case PrintError::PermissionDenied:
            return "permission denied on the USB printer: install assets/udev/60-motcua-printer.rules "
                   "and add the kiosk user to group lp";
        case PrintError::Busy:
            return "printer busy: another driver (usblp, CUPS) or program holds it";
        case PrintError::Timeout:
            return "printer timed out: it stopped taking data";
        case PrintError::PaperOut:
            return "printer out of paper";
        case PrintError::CoverOpen:
            return "printer cover open";
        case PrintError::Offline:
            return "printer offline";
        case PrintError::CutterError:
            return "printer cutter error";
        case PrintError::ConnectionRefused:
            return "connection to the printer refused";
        case PrintError::ConnectionClosed:
            return "connection to the printer closed mid-job";
        case PrintError::IoError:
            return "input/output error talking to the printer";
        case PrintError::JobRejected:
            return "print server rejected the job";
    }
    return "printer error";
}

std::string_view errorName(PrintError error) noexcept {
    switch (error) {
        case PrintError::NotConfigured:
            return "not-configured";
        case PrintError::BadUri:
            return "bad-uri";
        case PrintError::NoPrinterFound:
            return "no-printer-found";
        case PrintError::PermissionDenied:
            return "permission-denied";
        case PrintError::Busy:
            return "busy";
        case PrintError::Timeout:
            return "timeout";
        case PrintError::PaperOut:
            return "paper-out";
        case PrintError::CoverOpen:
            return "cover-open";
        case PrintError::Offline:
            return "offline";
        case PrintError::CutterError:
            return "cutter-error";
        case PrintError::ConnectionRefused:
            return "connection-refused";
        case PrintError::ConnectionClosed:
            return "connection-closed";
        case PrintError::IoError:
            return "io-error";
        case PrintError::JobRejected:
            return "job-rejected";
    }
    return "unknown";
}

std::optional<PrintError> errorFromName(std::string_view name) noexcept {
    for (int i = 0; i <= static_cast<int>(PrintError::JobRejected); ++i) {
        const auto error = static_cast<PrintError>(i);
        if (errorName(error) == name) return error;
    }
    return std::nullopt;
}

std::string_view reachedName(Reached reached) noexcept {
    switch (reached) {
        case Reached::Nothing:
            return "nothing";
        case Reached::Part:
            return "part";
        case Reached::All:
            return "all";
    }
    return "all";
}

std::string Failure::describe() const {
    std::string out(messageEn(error));
    if (!detail.empty()) out += ": " + detail;
    return out;
}

}  // namespace motcua::printer
