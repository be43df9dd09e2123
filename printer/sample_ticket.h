// A realistic ticket with every field filled, in Vietnamese: what `motcua printer test` and the
// kiosk's test print print, and what tests and the bench render. Long lines and stacked diacritics
// on capitals on purpose.
#pragma once

#include <string>

#include "printer/ticket_content.h"

namespace motcua::printer {

// The office line is the caller's: the programs pass the configured office name and unit (as a real
// ticket shows them); the printer knows no office. Tests and the bench pass their own line.
TicketContent sampleTicket(std::string officeLine);
// For tests and the bench: a long line with stacked diacritics on capitals.
TicketContent sampleTicket();

}  // namespace motcua::printer
