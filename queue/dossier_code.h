// The code of a dossier (hồ sơ) on the one-stop electronic system, as the receipt the citizen was
// given prints it and its QR carries it: the "Giấy tiếp nhận hồ sơ và hẹn trả kết quả" (Mẫu số 01 of
// Thông tư 01/2018/TT-VPCP) and the "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ" (Mẫu số 02). A citizen
// who comes for a result or with additional papers scans or types it at the kiosk (services of kind
// "results" or "supplement" in office.toml); the number they get carries it, so the officer who
// calls them sees which dossier it is.
//
// The shape read: the receiving agency's code (dot-separated groups of letters and digits, as in
// 000.00.06.G04), then the day the dossier was received as YYMMDD and its sequence number that day:
// 000.00.06.G04.250701.0501. Only that shape is checked (the agency part is the city's to give); the
// day must be a real date. A scanner may read a whole URL or a line with words around the code: the
// code is found inside it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace motcua::queue {

enum class DossierCodeProblem {
    Empty,     // nothing but spaces
    TooLong,   // more than kMaxScannedLength characters: not a receipt's QR
    NotACode,  // no part of it has the code's shape
    BadDate,   // the shape, but the received-on part is not a real date
};

struct DossierCodeReading {
    std::optional<std::string> code;  // the code, in capitals ("000.00.06.G04.250701.0501")
    DossierCodeProblem problem = DossierCodeProblem::Empty;
    bool ok() const noexcept { return code.has_value(); }
};

inline constexpr std::size_t kMaxScannedLength = 512;
inline constexpr std::size_t kMaxDossierCodeLength = 64;

// Reads a typed or scanned text: the code alone, in any case, or inside a URL or a line of words.
DossierCodeReading readDossierCode(std::string_view text);

// For logs and the CLI.
const char* toString(DossierCodeProblem problem);

}  // namespace motcua::queue
