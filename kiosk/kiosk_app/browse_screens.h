// Looking procedures up: the fields, the procedures of a field, and a procedure's page made for
// reading (the name scrolls away with the page; steps, documents with their forms, time, fees with the
// certified-copy calculator opened in the page, legal basis, online submission with a QR code to the
// portal, notes; only "Lấy số cho thủ tục này" stays pinned). "Đang cập nhật" wherever the catalogue says so
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
    void adapt(bool landscape) override;

  private:
    bool m_builtLandscape = false;
};

class ProceduresScreen final : public KioskScreen {
  public:
    ProceduresScreen(KioskSession& session, std::string fieldCode)
        : KioskScreen(session), m_fieldCode(std::move(fieldCode)) {}

  protected:
    void build() override;
    void adapt(bool landscape) override;

  private:
    std::string m_fieldCode;
    bool m_builtLandscape = false;
};

class ProcedureScreen final : public KioskScreen {
  public:
    ProcedureScreen(KioskSession& session, std::string procedureCode);

    // The certified-copy calculator (when the procedure has a fee rule).
    int pages() const noexcept { return m_pages; }
    int copies() const noexcept { return m_copies; }
    std::string amountText() const;
    ui::ScrollView* scrollView() const noexcept { return m_scroll; }
    // The calculator is opened from the page ("Tính lệ phí").
    void openCalculator() {
        m_calculatorOpen = true;
        requestRebuild();
    }

  protected:
    void build() override;

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
    bool m_calculatorOpen = false;
};

}  // namespace motcua::kiosk
