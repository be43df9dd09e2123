// The procedures catalogue as plain pages (/thu-tuc), for the QR posters in the lobby: the fields,
// the procedures of a field, one procedure (the citizen's text only: never sources or staff notes),
// and search with the kiosk's rules (queue/search.h). What no source gives says "Đang cập nhật".
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "kiosk/web/http.h"
#include "queue/catalogue.h"
#include "queue/search.h"

namespace motcua::web {

struct PageContent {
    std::string title;
    std::string body;  // HTML inside <main>
};

PageContent fieldsPage(const queue::Catalogue& catalogue, Lang lang);
std::optional<PageContent> fieldPage(const queue::Catalogue& catalogue, std::string_view fieldCode,
                                     Lang lang);
std::optional<PageContent> procedurePage(const queue::Catalogue& catalogue, std::string_view code, Lang lang);
PageContent searchPage(const queue::Catalogue& catalogue, const queue::SearchIndex& index,
                       std::string_view query, Lang lang);

// True when text may be a field or procedure code (letters, digits, '.', '-', '_'; at most 40).
bool isCatalogueCode(std::string_view text);

}  // namespace motcua::web
