// Looking procedures up: the fields, the procedures of a field, and a procedure's page (steps,
// documents with their forms, time, fees with the certified-copy calculator, legal basis, online
// submission with a QR code to the portal, notes). "Đang cập nhật" wherever the catalogue says so
// or has nothing; an empty catalogue says the list is being updated and still offers a number.
#pragma once

#include <string>

#include "kiosk/kiosk_app/kiosk_screen.h"
#include "queue/catalogue.h"

namespace motcua::ui {
class ScrollView;
}

namespace motcua::kiosk {

class FieldsScreen final : public KioskScreen {
public:
    explicit FieldsScreen(KioskSession& session) : KioskScreen(session) {}

protected:
    void build() override;
};

class ProceduresScreen final : public KioskScreen {
public:
    ProceduresScreen(KioskSession& session, std::string fieldCode)
        : KioskScreen(session), m_fieldCode(std::move(fieldCode)) {}

protected:
    void build() override;

private:
    std::string m_fieldCode;
};

class ProcedureScreen final : public KioskScreen {
public:
    ProcedureScreen(KioskSession& session, std::string procedureCode);

    // The certified-copy calculator (when the procedure has a fee rule).
    int pages() const noexcept { return m_pages; }
    int copies() const noexcept { return m_copies; }
    std::string amountText() const;
    ui::ScrollView* scrollView() const noexcept { return m_scroll; }

protected:
    void build() override;
    void adapt(bool landscape) override;

private:
    void changePages(int by);
    void changeCopies(int by);
    void refreshCalculator();

    std::string m_code;
    const queue::Procedure* m_procedure = nullptr;
    int m_pages = 1;
    int m_copies = 1;
    ui::Label* m_pagesLabel = nullptr;
    ui::Label* m_copiesLabel = nullptr;
    ui::Label* m_amountLabel = nullptr;
    ui::ScrollView* m_scroll = nullptr;
    ui::Box* m_content = nullptr;  // the scrolling page and the side panel
    ui::Box* m_side = nullptr;     // calculator and take-number button
};

}  // namespace motcua::kiosk
