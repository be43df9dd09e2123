// What a procedure's page says, line by line, before any layout. Every line is a catalogue value, a
// value of the office configuration, or one of the fixed phrases below with such values filled in:
// nothing is said that the data does not hold, an unknown value reads "Đang cập nhật – xin hỏi cán
// bộ", and no unit name is written here (it is the office's `unit`). ProcedureScreen lays the lines
// out; the tests check every line of every procedure of the catalogue against its data.
#pragma once

#include <string>
#include <vector>

#include "kiosk/kiosk_app/kiosk_text.h"
#include "queue/catalogue.h"

namespace motcua::kiosk {

enum class PageLineKind {
    Badge,     // the facts are not confirmed yet: ask an officer before applying
    Checked,   // when the facts were last checked
    Heading,   // a section title
    Step,      // one step of the procedure (the screen numbers them)
    Document,  // one document to bring (the screen puts a bullet before it)
    Text,      // a sentence
    Detail,    // a remark under the line before it (muted)
    Link,      // the online portal's address (the screen adds its QR code)
};

struct PageLine {
    PageLineKind kind = PageLineKind::Text;
    std::string text;                 // as shown
    const Phrase* phrase = nullptr;   // the fixed words with {} for the values; nullptr: text is values[0]
    std::vector<std::string> values;  // what was filled in, each verbatim from the catalogue or the office
};

// What the page needs from outside the procedure.
struct PageContext {
    std::string unit;          // office.unit, e.g. "Trung tâm Phục vụ hành chính công"; may be empty
    std::string onlinePortal;  // office.online_portal, used when the procedure has no portal_url
};

std::vector<PageLine> procedurePage(const queue::Procedure& procedure, const PageContext& context,
                                    Language language);

// True when the procedure's facts are confirmed (certainty high and a check date): no badge.
bool confirmed(const queue::Procedure& procedure);

// "2026-12-05" -> "05/12/2026"; other text is returned as it is.
std::string dayMonthYear(const std::string& isoDate);

// Every fixed phrase procedurePage() may use, for the tests.
const std::vector<const Phrase*>& procedurePagePhrases();

}  // namespace motcua::kiosk
