// Text put into HTML: the report's HTML form and motcua-web's pages.
#pragma once

#include <string>
#include <string_view>

namespace motcua::text {

// &, <, >, " and ' as character references: safe in element content and in quoted attribute values.
std::string htmlEscape(std::string_view text);

}  // namespace motcua::text
