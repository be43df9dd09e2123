// KioskSession's ways between screens, kept apart from the session's state so that the session does
// not depend on every screen's header.
#include "kiosk/kiosk_app/appointment_screen.h"
#include "kiosk/kiosk_app/browse_screens.h"
#include "kiosk/kiosk_app/dossier_screen.h"
#include "kiosk/kiosk_app/kiosk_session.h"
#include "kiosk/kiosk_app/rating_screen.h"
#include "kiosk/kiosk_app/search_screen.h"
#include "kiosk/kiosk_app/take_number_screens.h"
#include "kiosk/kiosk_app/welcome_screen.h"

namespace motcua::kiosk {

void KioskSession::showHome() {
    screens().push(std::make_unique<HomeScreen>(*this));
}
void KioskSession::showServices() {
    screens().push(std::make_unique<ServicesScreen>(*this));
}
void KioskSession::showConfirm(const std::string& serviceCode, const std::string& procedureName) {
    screens().push(std::make_unique<ConfirmScreen>(*this, serviceCode, procedureName));
}
void KioskSession::showTicket(const std::string& serviceCode, std::optional<std::string> priority) {
    screens().push(std::make_unique<TicketScreen>(*this, serviceCode, std::move(priority)));
}
void KioskSession::showFields() {
    screens().push(std::make_unique<FieldsScreen>(*this));
}
void KioskSession::showProcedures(const std::string& fieldCode) {
    screens().push(std::make_unique<ProceduresScreen>(*this, fieldCode));
}
void KioskSession::showProcedure(const std::string& procedureCode) {
    screens().push(std::make_unique<ProcedureScreen>(*this, procedureCode));
}
void KioskSession::showSearch() {
    screens().push(std::make_unique<SearchScreen>(*this));
}
void KioskSession::showAppointment() {
    screens().push(std::make_unique<AppointmentScreen>(*this));
}
void KioskSession::showCheckIn(const std::string& code) {
    screens().push(std::make_unique<TicketScreen>(*this, CheckInCode{code}));
}
void KioskSession::showDossier(const std::string& scanned) {
    screens().push(std::make_unique<DossierScreen>(*this, scanned));
}
void KioskSession::showDossierTicket(const std::string& serviceCode, const std::string& dossierCode) {
    screens().push(std::make_unique<TicketScreen>(*this, DossierTake{serviceCode, dossierCode}));
}
void KioskSession::showRating() {
    screens().push(std::make_unique<RatingScreen>(*this));
}
void KioskSession::showAdminPin() {
    screens().push(std::make_unique<AdminPinScreen>(*this));
}
void KioskSession::showMaintenance(const std::string& supervisorName) {
    screens().push(std::make_unique<MaintenanceScreen>(*this, supervisorName));
}

}  // namespace motcua::kiosk
