// A realistic ticket with every field filled, in Vietnamese: what `motcua printer test` prints,
// and what tests and the bench render. Long lines and stacked diacritics on capitals on purpose.
#pragma once

#include "printer/ticket_content.h"

namespace motcua::printer {

TicketContent sampleTicket();

}  // namespace motcua::printer
