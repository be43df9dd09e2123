// The kiosk's words in both languages, and the number formats a citizen expects (12.000 đ).
// Everything a citizen reads is Vietnamese (NFC) with an English option; office and catalogue texts
// come from the database, never from here.
#pragma once

#include <fmt/format.h>

#include <cstdint>
#include <string>

#include "kiosk/frontend/ticket_printing.h"
#include "queue/business_calendar.h"

namespace motcua::kiosk {

// A phrase in both languages; pick() chooses one.
struct Phrase {
    const char* vi;
    const char* en;
    const char* pick(Language language) const noexcept { return language == Language::En ? en : vi; }
};

// The phrase in language with its {} placeholders filled.
template <typename... Args>
std::string say(const Phrase& phrase, Language language, Args&&... args) {
    return fmt::format(fmt::runtime(phrase.pick(language)), std::forward<Args>(args)...);
}

// What went wrong with the printer, for the citizen: printer::messageVi in Vietnamese, the same
// sentence in English.
std::string printProblem(printer::PrintError error, Language language);

// "12000" -> "12.000 đ" (dots group thousands, as printed on Vietnamese fee schedules).
std::string formatDong(std::int64_t amount);
// "1234567" -> "1.234.567".
std::string groupThousands(std::int64_t value);
// "Thứ Hai, 07/12/2026" / "Monday, 07/12/2026": the local date at t.
std::string dateText(const queue::BusinessCalendar& calendar, queue::TimeMs t, Language language);

namespace words {
inline constexpr Phrase kTouchToStart{"Chạm vào màn hình để bắt đầu", "Touch the screen to start"};
inline constexpr Phrase kTakeNumber{"Lấy số thứ tự", "Take a queue number"};
inline constexpr Phrase kTakeNumberHint{"Chọn lĩnh vực, nhận phiếu số", "Choose a service, get a ticket"};
inline constexpr Phrase kBrowse{"Tra cứu thủ tục", "Look up procedures"};
inline constexpr Phrase kBrowseHint{"Giấy tờ cần mang, lệ phí, thời gian", "Documents, fees, time"};
inline constexpr Phrase kSearch{"Tìm kiếm", "Search"};
inline constexpr Phrase kSearchHint{"Gõ tên thủ tục cần tìm", "Type the name of a procedure"};
inline constexpr Phrase kAppointment{"Tôi đã đặt lịch", "I have an appointment"};
inline constexpr Phrase kAppointmentHint{"Nhập mã lịch hẹn để lấy số",
                                         "Type your appointment code to get a number"};
inline constexpr Phrase kAppointmentCode{"Mã lịch hẹn (ví dụ ABCDE-FGHJK)",
                                         "Appointment code (e.g. ABCDE-FGHJK)"};
inline constexpr Phrase kAppointmentHow{"Nhập mã trên điện thoại của ông/bà, hoặc đưa mã QR vào máy quét.",
                                        "Type the code shown on your phone, or hold its QR to the scanner."};
inline constexpr Phrase kCheckIn{"Lấy số theo lịch hẹn", "Get my number"};
// The same screen when numbers taken online are checked in too ([web] online_checkin_minutes): one
// code from the phone, an appointment's or an online number's.
inline constexpr Phrase kPhoneCode{"Tôi có mã trên điện thoại", "I have a code on my phone"};
inline constexpr Phrase kPhoneCodeHint{"Lịch hẹn hoặc số lấy trực tuyến: nhập mã",
                                       "An appointment or a number taken online"};
inline constexpr Phrase kPhoneCodeLabel{"Mã trên điện thoại (ví dụ ABCDE-FGHJK)",
                                        "The code on your phone (e.g. ABCDE-FGHJK)"};
inline constexpr Phrase kPhoneCodeGo{"Xác nhận và in phiếu", "Check in and print"};
inline constexpr Phrase kPhoneCodeBad{"Mã gồm 10 chữ cái và chữ số. Xin nhập lại.",
                                      "The code has 10 letters and digits. Please type it again."};
inline constexpr Phrase kPhoneCodeUnknown{
    "Không tìm thấy lịch hẹn hay số thứ tự hôm nay với mã này. Xin kiểm tra lại mã (số lấy trực tuyến "
    "chỉ có giá trị trong ngày lấy).",
    "No appointment or number of today has this code. Please check it (a number taken online is valid "
    "on its day only)."};
inline constexpr Phrase kOnlineCheckedIn{"Đã xác nhận ông/bà có mặt. Số lấy trực tuyến giữ nguyên thứ tự.",
                                         "You are checked in. Your number keeps its place in the queue."};
inline constexpr Phrase kOnlineCalledNow{"Số của ông/bà đang được gọi: mời ông/bà đến Quầy {} ngay.",
                                         "Your number is being called: please go to counter {} now."};
inline constexpr Phrase kOnlineAlready{"Số {} đã xác nhận có mặt rồi. Mời ông/bà chờ gọi số.",
                                       "Number {} is already checked in. Please wait to be called."};
inline constexpr Phrase kOnlineNotOnline{
    "Số {} được lấy tại ki-ốt nên không cần xác nhận. Mời ông/bà chờ gọi số.",
    "Number {} was taken at the kiosk and needs no check-in. Please wait to be called."};
inline constexpr Phrase kOnlineClosed{
    "Số {} không còn trong hàng chờ (đã phục vụ, đã hủy hoặc đã quá lượt). Mời ông/bà hỏi cán bộ.",
    "Number {} is no longer in the queue (served, cancelled or missed). Please ask the staff."};
// Results and additional papers (services of kind results or supplement, dossier_screen.h): the
// number is taken with the code of the dossier's receipt.
inline constexpr Phrase kDossier{"Nhận kết quả, bổ sung hồ sơ", "Results and more papers"};
// The home screen's entry: short, one line in landscape beside "Lấy số thứ tự".
inline constexpr Phrase kDossierEntry{"Kết quả, bổ sung hồ sơ", "Results and more papers"};
inline constexpr Phrase kDossierHint{"Quét hoặc nhập mã hồ sơ trên giấy hẹn",
                                     "Scan or type the dossier code on your paper"};
inline constexpr Phrase kDossierHow{
    "Đưa mã QR trên giấy hẹn trả kết quả (hoặc phiếu yêu cầu bổ sung hồ sơ) vào máy quét, hoặc nhập mã hồ sơ "
    "in trên giấy.",
    "Hold the QR code on your receipt (or on the request for more papers) to the scanner, or type the "
    "dossier code printed on it."};
inline constexpr Phrase kDossierCode{"Mã hồ sơ (ví dụ 000.00.06.G04.250701.0501)",
                                     "Dossier code (e.g. 000.00.06.G04.250701.0501)"};
inline constexpr Phrase kDossierBadCode{
    "Chưa đúng mã hồ sơ. Mã có dạng 000.00.06.G04.250701.0501: xin mời ông/bà xem lại trên giấy.",
    "This is not a dossier code. It looks like 000.00.06.G04.250701.0501: please check it on your paper."};
inline constexpr Phrase kDossierBadDate{
    "Ngày trong mã hồ sơ không có thật: xin mời ông/bà xem lại trên giấy.",
    "The date in this dossier code does not exist: please check it on your paper."};
inline constexpr Phrase kDossierOnTicket{"Mã hồ sơ: {}", "Dossier code: {}"};
inline constexpr Phrase kDeleteOne{"Xóa 1 ký tự", "Delete one"};
inline constexpr Phrase kCheckInBadCode{
    "Mã lịch hẹn gồm 10 chữ cái và chữ số. Xin nhập lại.",
    "An appointment code has 10 letters and digits. Please type it again."};
inline constexpr Phrase kCheckInUnknown{"Không tìm thấy lịch hẹn với mã này. Xin kiểm tra lại mã.",
                                        "No appointment has this code. Please check the code."};
inline constexpr Phrase kCheckInOtherDay{"Lịch hẹn này là của ngày {}, không phải hôm nay.",
                                         "This appointment is for {}, not today."};
inline constexpr Phrase kCheckInAlready{"Lịch hẹn này đã được lấy số {} rồi.",
                                        "This appointment already has number {}."};
inline constexpr Phrase kCheckInLate{
    "Lịch hẹn đã hết hiệu lực (quá giờ hẹn). Mời ông/bà lấy số thứ tự như thường lệ.",
    "The appointment has expired (its time is over). Please take a number as usual."};
inline constexpr Phrase kCheckInCancelled{"Lịch hẹn này đã bị hủy.", "This appointment was cancelled."};
inline constexpr Phrase kAppointmentAt{"Lịch hẹn {}: số của ông/bà được gọi trước từ giờ hẹn.",
                                       "Appointment {}: your number is called first from that time."};
inline constexpr Phrase kRate{"Đánh giá sự phục vụ", "Rate our service"};
inline constexpr Phrase kRateHint{"Nhập số thứ tự đã được phục vụ", "Enter the number you were served with"};
inline constexpr Phrase kLargeText{"Chữ lớn", "Large text"};
inline constexpr Phrase kNormalText{"Cỡ chữ thường", "Normal text size"};
inline constexpr Phrase kHighContrast{"Tương phản cao", "High contrast"};
inline constexpr Phrase kNormalContrast{"Màu thường", "Normal colours"};
inline constexpr Phrase kOtherLanguage{"English", "Tiếng Việt"};
inline constexpr Phrase kBack{"Quay lại", "Back"};
inline constexpr Phrase kHome{"Trang chủ", "Home"};
inline constexpr Phrase kChooseService{"Chọn lĩnh vực cần giải quyết", "Choose the service you need"};
inline constexpr Phrase kWaiting{"Đang chờ: {} người", "Waiting: {}"};
inline constexpr Phrase kNobodyWaiting{"Không có người chờ", "Nobody waiting"};
inline constexpr Phrase kCounters{"Quầy {}", "Counter {}"};
inline constexpr Phrase kConfirmTitle{"Lấy số cho", "Number for"};
inline constexpr Phrase kPriorityQuestion{"Ông/bà có thuộc diện ưu tiên không?",
                                          "Are you entitled to priority?"};
inline constexpr Phrase kNoPriority{"Không ưu tiên", "No priority"};
inline constexpr Phrase kPriority{"Ưu tiên", "Priority"};
inline constexpr Phrase kConfirm{"Xác nhận lấy số", "Confirm and print"};
inline constexpr Phrase kPrinting{"Đang in phiếu số…", "Printing your ticket…"};
inline constexpr Phrase kPrintingWait{"Xin ông/bà chờ trong giây lát.", "Please wait a moment."};
inline constexpr Phrase kYourNumber{"Số thứ tự của ông/bà", "Your number"};
inline constexpr Phrase kPleaseWait{"Mời ông/bà ngồi chờ gọi số",
                                    "Please take a seat and wait for your number"};
inline constexpr Phrase kTakeTicket{"Mời ông/bà nhận phiếu ở khe máy in",
                                    "Please take your ticket from the printer"};
inline constexpr Phrase kPrintFailed{"Máy in đang gặp sự cố, vui lòng ghi nhớ số này",
                                     "The printer has a problem, please remember this number"};
inline constexpr Phrase kStaffTold{"Đã báo cán bộ đến hỗ trợ ông/bà.", "A staff member has been alerted."};
inline constexpr Phrase kPrintAgain{"In lại phiếu", "Print again"};
inline constexpr Phrase kPrintAgainFailed{"In lại chưa được.", "Printing again did not work."};
inline constexpr Phrase kMaybePrinted{"Phiếu có thể đã được in: xin xem ở khe máy in.",
                                      "Your ticket may have printed: please look in the printer slot."};
inline constexpr Phrase kMaybePrintedNext{
    "Nếu không có phiếu, xin ghi nhớ số này. Đã báo cán bộ đến hỗ trợ ông/bà.",
    "If it is not there, please remember this number. A staff member has been alerted."};
inline constexpr Phrase kAhead{"Số người đang chờ trước ông/bà: {}", "People ahead of you: {}"};
inline constexpr Phrase kExpectedWait{"Thời gian chờ dự kiến: {}", "Expected wait: {}"};
inline constexpr Phrase kServedAt{"Quầy phục vụ: {}", "Counters: {}"};
inline constexpr Phrase kDone{"Xong", "Done"};
inline constexpr Phrase kPrinterState{"Máy in: {}", "Printer: {}"};
inline constexpr Phrase kBusy{"Hệ thống đang bận. Xin mời ông/bà thử lại sau ít phút.",
                              "The system is busy. Please try again in a few minutes."};
inline constexpr Phrase kCapReached{"Lĩnh vực này đã hết số trong ngày hôm nay.",
                                    "This service has issued all of today's numbers."};
// The citizen's ID card (a QR scanner at the kiosk) and the per-citizen limits.
inline constexpr Phrase kCardRead{"Đã đọc thẻ căn cước.", "Your ID card has been read."};
inline constexpr Phrase kCardElderly{"Ông/bà từ đủ 60 tuổi: được lấy số ưu tiên người cao tuổi.",
                                     "You are 60 or over: you may take an elderly priority number."};
inline constexpr Phrase kCardUnreadable{
    "Không đọc được thẻ căn cước. Xin mời ông/bà quét lại mã QR trên thẻ.",
    "The ID card could not be read. Please scan the QR code on the card again."};
inline constexpr Phrase kCardUnreadableChip{
    "Không đọc được thẻ căn cước. Xin mời ông/bà đặt lại thẻ lên đầu đọc thẻ.",
    "The ID card could not be read. Please place the card on the card reader again."};
inline constexpr Phrase kCardPriorityChosen{
    "Theo ngày sinh trên thẻ căn cước, ông/bà được ưu tiên người cao tuổi: đã chọn sẵn.",
    "By the birth date on your ID card you qualify as an elderly person: priority is already chosen."};
inline constexpr Phrase kLimitTitle{"Đã hết số hôm nay", "No more numbers today"};
inline constexpr Phrase kLimitPerDay{
    "Hôm nay ông/bà đã lấy {} số thứ tự, là số lượng tối đa mỗi người được lấy trong một ngày.",
    "You have taken {} queue numbers today, the most one person may take in a day."};
inline constexpr Phrase kLimitPerField{
    "Hôm nay ông/bà đã lấy số thứ tự của lĩnh vực này (mỗi người được lấy {} số cho một lĩnh vực mỗi ngày).",
    "You have already taken a number for this service today ({} per service per person each day)."};
inline constexpr Phrase kLimitOnline{"Ông/bà có thể nộp hồ sơ trực tuyến tại {}",
                                     "You can apply online at {}"};
inline constexpr Phrase kLimitStaff{
    "Nếu cần lấy thêm số, xin mời ông/bà gặp cán bộ tại quầy và đọc mã hỗ trợ: {}",
    "If you need another number, please ask a member of staff at a counter and give this reference: {}"};
inline constexpr Phrase kServiceUnavailable{"Lĩnh vực này hiện không nhận số. Xin mời ông/bà hỏi cán bộ.",
                                            "This service is not taking numbers. Please ask the staff."};
// Under a service while the whole office issues no numbers (the card above says when it does again).
inline constexpr Phrase kServiceClosed{"Tạm ngừng nhận số", "Not issuing numbers now"};
// The server holding the queue cannot be reached (several PCs): no number now. When the server went
// while a take was on its way, whether it issued a number is known only once it answers again: the
// screen waits, then prints the number or says none was issued (KioskServices::settleTake).
inline constexpr Phrase kServerLostMaybeIssued{
    "Nếu số của ông/bà đã kịp được cấp, phiếu sẽ được in ra ngay khi có kết nối lại. Xin mời ông/bà chờ ở "
    "đây trong giây lát.",
    "If your number was issued before the connection went, its ticket is printed here as soon as the "
    "connection is back. Please wait here a moment."};
inline constexpr Phrase kServerBackNoNumber{
    "Đã kết nối lại với máy chủ. Chưa có số nào được cấp cho ông/bà: xin mời ông/bà lấy số lại.",
    "The connection is back. No number was issued to you: please take a number again."};
inline constexpr Phrase kServerLost{
    "Xin lỗi ông/bà: ki-ốt đang mất kết nối với máy chủ nên chưa cấp được số. Hệ thống đang tự kết nối lại; "
    "xin mời ông/bà thử lại sau ít phút hoặc hỏi cán bộ tại quầy.",
    "Sorry: the kiosk has lost its connection to the server and cannot issue a number right now. It is "
    "reconnecting by itself; please try again in a few minutes or ask the staff at a counter."};
inline constexpr Phrase kFields{"Các lĩnh vực thủ tục hành chính", "Fields of administrative procedures"};
inline constexpr Phrase kProcedureCount{"{} thủ tục", "{} procedures"};
inline constexpr Phrase kBeingUpdated{"Đang cập nhật", "Being updated"};
inline constexpr Phrase kListBeingUpdated{
    "Danh sách thủ tục đang được cập nhật. Ông/bà vẫn có thể lấy số thứ tự.",
    "The list of procedures is being updated. You can still take a number."};
inline constexpr Phrase kTakeNumberForThis{"Lấy số cho thủ tục này", "Take a number for this procedure"};
// The procedure page (procedure_page.h): fixed words around the catalogue's values.
inline constexpr Phrase kUnknownAsk{"Đang cập nhật – xin hỏi cán bộ",
                                    "Being updated – please ask an officer"};
inline constexpr Phrase kBeingVerified{
    "Thông tin đang được xác minh – xin hỏi cán bộ trước khi nộp",
    "This information is being verified – please ask an officer before applying"};
inline constexpr Phrase kCheckedOn{"Thông tin cập nhật ngày {}", "Information checked on {}"};
inline constexpr Phrase kSteps{"Trình tự thực hiện", "Steps"};
inline constexpr Phrase kDocuments{"Hồ sơ cần chuẩn bị", "Documents to bring"};
inline constexpr Phrase kForm{"Mẫu: {}", "Form: {}"};
inline constexpr Phrase kTime{"Thời hạn giải quyết", "Processing time"};
inline constexpr Phrase kFee{"Phí, lệ phí", "Fees"};
inline constexpr Phrase kFeeInPerson{"Nộp trực tiếp: {}", "In person: {}"};
inline constexpr Phrase kFeeOnline{"Nộp trực tuyến: {}", "Online: {}"};
inline constexpr Phrase kFeeCalculator{"Tính phí", "Fee calculator"};
inline constexpr Phrase kPages{"Số trang của bản chính", "Pages of the original"};
inline constexpr Phrase kCopies{"Số bản sao", "Number of copies"};
inline constexpr Phrase kCases{"Số trường hợp", "Number of cases"};
inline constexpr Phrase kAmount{"Số tiền: {}", "Amount: {}"};
inline constexpr Phrase kLegalBasis{"Căn cứ pháp lý", "Legal basis"};
inline constexpr Phrase kLegalArticles{"{} ({})", "{} ({})"};
inline constexpr Phrase kHowToSubmit{"Cách thức nộp hồ sơ", "How to apply"};
inline constexpr Phrase kSubmitInPersonAt{"Nộp trực tiếp tại {}", "In person at: {}"};
inline constexpr Phrase kSubmitInPerson{"Nộp trực tiếp", "In person"};
inline constexpr Phrase kSubmitPost{"Nộp qua dịch vụ bưu chính công ích", "By post (public postal service)"};
inline constexpr Phrase kSubmitOnlineFull{"Nộp trực tuyến toàn trình", "Online, the whole procedure"};
inline constexpr Phrase kSubmitOnlinePartial{"Nộp trực tuyến một phần", "Partly online"};
inline constexpr Phrase kScanQr{"Quét mã QR bằng điện thoại để mở cổng dịch vụ công:",
                                "Scan the QR code with your phone to open the portal:"};
inline constexpr Phrase kNotes{"Lưu ý", "Notes"};
inline constexpr Phrase kSearchPlaceholder{"Gõ tên thủ tục, ví dụ: khai sinh",
                                           "Type a procedure, e.g. birth"};
// Shown where the results will be: "here" holds beside the keys (landscape) and above them (portrait).
inline constexpr Phrase kSearchEmpty{"Gõ vài chữ, kết quả hiện ngay tại đây.",
                                     "Type a few letters; results appear here."};
// Large text on a 768 px landscape screen: the keyboard leaves the results one card high; these put
// it away while the citizen reads them, and bring it back.
inline constexpr Phrase kHideKeyboard{"Ẩn bàn phím", "Hide keyboard"};
inline constexpr Phrase kShowKeyboard{"Hiện bàn phím", "Show keyboard"};
inline constexpr Phrase kNoResults{"Không tìm thấy thủ tục phù hợp. Xin mời ông/bà hỏi cán bộ.",
                                   "No procedure found. Please ask the staff."};
inline constexpr Phrase kRateTitle{"Đánh giá sự phục vụ", "Rate our service"};
inline constexpr Phrase kRateEnter{"Nhập số thứ tự trên phiếu của ông/bà (ví dụ A012)",
                                   "Enter the number on your ticket (e.g. A012)"};
inline constexpr Phrase kContinue{"Tiếp tục", "Continue"};
inline constexpr Phrase kRateQuestion{"Ông/bà đánh giá thế nào về sự phục vụ?",
                                      "How satisfied are you with the service?"};
inline constexpr Phrase kRateThanks{"Cảm ơn ông/bà đã đánh giá!", "Thank you for your rating!"};
inline constexpr Phrase kRateUnknown{"Không tìm thấy số {} trong ngày hôm nay.", "No ticket {} today."};
inline constexpr Phrase kRateNotFinished{"Số {} chưa được phục vụ xong, chưa thể đánh giá.",
                                         "Ticket {} has not been finished yet."};
inline constexpr Phrase kRateAlready{"Số {} đã được đánh giá. Mỗi số chỉ đánh giá một lần.",
                                     "Ticket {} has already been rated. One rating per ticket."};
inline constexpr Phrase kRateInvalid{"Số thứ tự gồm chữ cái và chữ số, ví dụ A012.",
                                     "A number is letters then digits, e.g. A012."};
inline constexpr Phrase kAdminTitle{"Dành cho cán bộ quản lý", "For supervisors"};
inline constexpr Phrase kAdminWho{"Chọn người quản lý", "Choose the supervisor"};
inline constexpr Phrase kAdminNoSupervisor{"Chưa có cán bộ quản lý nào được đặt mã PIN.",
                                           "No supervisor has a PIN set yet."};
inline constexpr Phrase kAdminPin{"Nhập mã PIN của {}", "PIN of {}"};
inline constexpr Phrase kAdminWrongPin{"Mã PIN không đúng.", "Wrong PIN."};
inline constexpr Phrase kAdminLocked{"Nhập sai quá nhiều lần. Thử lại sau {} phút.",
                                     "Too many wrong PINs. Try again in {} min."};
inline constexpr Phrase kOk{"Đồng ý", "OK"};
// The maintenance screen (staff: Vietnamese only).
inline constexpr Phrase kUnprintedTitle{"Phiếu hôm nay chưa in được", "Today's tickets not printed"};
inline constexpr Phrase kUnprintedNone{"Không có phiếu nào chưa in được.", "Every ticket has been printed."};
inline constexpr Phrase kReprintShort{"In lại", "Print again"};
inline constexpr Phrase kReprinted{"Đã in lại phiếu {}.", "Ticket {} printed again."};
inline constexpr Phrase kReprintNotDone{"Chưa in lại được phiếu {}: {}", "Ticket {} not printed again: {}"};
inline constexpr Phrase kReprintMaybe{"Phiếu {} có thể đã in lại ({}): xem khe máy in.",
                                      "Ticket {} may have printed again ({}): look in the slot."};
inline constexpr Phrase kReprinting{"Đang in lại phiếu {}…", "Printing ticket {} again…"};
inline constexpr Phrase kAlreadyPrinting{"Phiếu {} đang được in.", "Ticket {} is being printed."};
inline constexpr Phrase kChecking{"Đang kiểm tra…", "Checking…"};
inline constexpr Phrase kMaybePrintedStaff{"có thể đã in, xem khe máy in trước khi in lại",
                                           "may have printed: look in the slot before printing again"};
inline constexpr Phrase kPrintUnfinished{"đang in, hoặc ki-ốt dừng khi đang in: có thể đã in",
                                         "printing, or the kiosk stopped while printing: may have printed"};
inline constexpr Phrase kPrintInterrupted{"Ki-ốt dừng khi đang in", "The kiosk stopped while printing"};
inline constexpr Phrase kClear{"Xóa", "Clear"};
// The page frame, the take-number flow's steps, voice guidance and the idle warning (issue 20).
inline constexpr Phrase kStepService{"Chọn lĩnh vực", "Service"};
inline constexpr Phrase kStepPriority{"Ưu tiên", "Priority"};
inline constexpr Phrase kStepTicket{"Nhận phiếu", "Ticket"};
inline constexpr Phrase kIdleQuestion{"Ông/bà cần thêm thời gian?", "Do you need more time?"};
inline constexpr Phrase kIdleSecondsLeft{"Còn {} giây.", "{} seconds left."};
inline constexpr Phrase kIdleExplain{
    "Chạm vào màn hình để tiếp tục. Nếu không, máy sẽ quay về màn hình đầu.",
    "Touch the screen to go on. Otherwise the kiosk goes back to the start."};
inline constexpr Phrase kIdleTapToContinue{"Chạm vào màn hình để tiếp tục.", "Touch the screen to go on."};
inline constexpr Phrase kIdleKept{"Mời ông/bà tiếp tục.", "Please go on."};
inline constexpr Phrase kYourNumberSpoken{"Số thứ tự của ông, bà là {}", "Your number is {}"};
inline constexpr Phrase kVoiceOn{"Hướng dẫn bằng giọng nói", "Voice guidance"};
inline constexpr Phrase kVoiceOff{"Tắt giọng nói", "Turn voice off"};
inline constexpr Phrase kVoiceHowTo{
    "Đã bật hướng dẫn bằng giọng nói. Chạm vào màn hình để nghe tên mục. Chạm hai lần để chọn. Vuốt sang "
    "phải "
    "để nghe mục tiếp theo, sang trái để nghe mục trước. Vuốt lên để nghe lại, vuốt xuống để dừng.",
    "Voice guidance is on. Touch the screen to hear an item. Double tap to choose it. Swipe right for the "
    "next "
    "item, left for the previous one. Swipe up to hear it again, down to stop."};
inline constexpr Phrase kVoiceTurnedOff{"Đã tắt hướng dẫn bằng giọng nói.", "Voice guidance is off."};
inline constexpr Phrase kVoiceButton{"nút", "button"};
inline constexpr Phrase kVoiceChosen{"Đã chọn: {}", "Chosen: {}"};
inline constexpr Phrase kVoiceNothingFocused{"Chưa chọn mục nào. Chạm vào một mục, rồi chạm hai lần.",
                                             "Nothing is selected. Touch an item, then double tap."};
inline constexpr Phrase kVoiceRepeat{"Nhắc lại", "Repeat"};
inline constexpr Phrase kVoiceStop{"Dừng đọc", "Stop"};
inline constexpr Phrase kVoiceVolume{"Âm lượng {}", "Volume {}"};
}  // namespace words

}  // namespace motcua::kiosk
