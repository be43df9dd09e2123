#include "kiosk/web/catalogue_pages.h"

#include <fmt/format.h>

#include <algorithm>

namespace motcua::web {

namespace {

const char* pick(Lang lang, const char* vi, const char* en) {
    return lang == Lang::Vi ? vi : en;
}

std::string known(Lang lang, const std::string& text) {
    if (queue::isUnknown(text))
        return pick(lang, "Đang cập nhật – xin hỏi cán bộ", "Being updated – please ask an officer");
    return htmlEscape(text);
}

std::string fieldName(const queue::Field& f, Lang lang) {
    return lang == Lang::En && !f.nameEn.empty() ? f.nameEn : f.name;
}

std::string searchForm(Lang lang, std::string_view query) {
    return fmt::format(
        "<form method=\"get\" action=\"/thu-tuc\" class=\"card\" role=\"search\">\n"
        "<label for=\"q\">{}</label>\n<input id=\"q\" name=\"q\" type=\"search\" maxlength=\"100\" "
        "value=\"{}\" "
        "aria-describedby=\"q-help\">\n<p id=\"q-help\" class=\"help\">{}</p>\n<button "
        "type=\"submit\">{}</button>\n"
        "</form>\n",
        pick(lang, "Tìm thủ tục", "Find a procedure"), htmlEscape(query),
        pick(lang, "Gõ có dấu hoặc không dấu, ví dụ: khai sinh, sao y, so do.",
             "Type in Vietnamese, with or without accents, e.g. khai sinh, sao y."),
        pick(lang, "Tìm", "Search"));
}

std::string enNote(Lang lang) {
    return lang == Lang::En ? "<p class=\"help\">Procedures are described in Vietnamese, as the office "
                              "publishes them.</p>\n"
                            : "";
}

}  // namespace

bool isCatalogueCode(std::string_view text) {
    return !text.empty() && text.size() <= 40 && std::all_of(text.begin(), text.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
               c == '-' || c == '_';
    });
}

PageContent fieldsPage(const queue::Catalogue& catalogue, Lang lang) {
    PageContent p{pick(lang, "Thủ tục hành chính", "Administrative procedures"), {}};
    p.body = fmt::format("<h1>{}</h1>\n", htmlEscape(p.title)) + searchForm(lang, {});
    if (catalogue.fields().empty()) {
        p.body += fmt::format("<p>{}</p>\n", pick(lang, "Danh sách thủ tục đang được cập nhật.",
                                                  "The list of procedures is being updated."));
        return p;
    }
    p.body += fmt::format("<h2>{}</h2>\n<ul class=\"links list\">\n", pick(lang, "Các lĩnh vực", "Fields"));
    for (const auto& f : catalogue.fields()) {
        p.body += fmt::format(
            "<li><a href=\"/thu-tuc/linh-vuc/{}\">{}</a> <span class=\"note\">({} {})</span></li>\n",
            htmlEscape(f.code), htmlEscape(fieldName(f, lang)), catalogue.proceduresOf(f.code).size(),
            pick(lang, "thủ tục", "procedures"));
    }
    p.body += "</ul>\n";
    return p;
}

std::optional<PageContent> fieldPage(const queue::Catalogue& catalogue, std::string_view code, Lang lang) {
    const auto* f = isCatalogueCode(code) ? catalogue.field(code) : nullptr;
    if (!f) return std::nullopt;
    PageContent p{fieldName(*f, lang), {}};
    p.body = fmt::format("<p><a href=\"/thu-tuc\">{}</a></p>\n<h1>{}</h1>\n",
                         pick(lang, "← Các lĩnh vực", "← Fields"), htmlEscape(p.title)) +
             enNote(lang) + "<ul class=\"links list\">\n";
    for (const auto* proc : catalogue.proceduresOf(f->code))
        p.body += fmt::format("<li><a href=\"/thu-tuc/{}\">{}</a></li>\n", htmlEscape(proc->code),
                              htmlEscape(proc->name));
    p.body += "</ul>\n";
    return p;
}

std::optional<PageContent> procedurePage(const queue::Catalogue& catalogue, std::string_view code,
                                         Lang lang) {
    const auto* proc = isCatalogueCode(code) ? catalogue.procedure(code) : nullptr;
    if (!proc) return std::nullopt;
    const auto* field = catalogue.field(proc->fieldCode);
    PageContent p{proc->name, {}};
    std::string& b = p.body;
    if (field) {
        b += fmt::format("<p><a href=\"/thu-tuc/linh-vuc/{}\">← {}</a></p>\n", htmlEscape(field->code),
                         htmlEscape(fieldName(*field, lang)));
    }
    b += fmt::format("<h1>{}</h1>\n", htmlEscape(proc->name)) + enNote(lang);
    if (proc->certainty == queue::Certainty::Low) {
        b += fmt::format("<p class=\"error\">{}</p>\n",
                         pick(lang, "Thông tin đang được xác minh – xin hỏi cán bộ trước khi nộp",
                              "This information is being verified – please ask an officer before applying"));
    }
    b += fmt::format("<h2>{}</h2>\n", pick(lang, "Hồ sơ cần chuẩn bị", "Documents to bring"));
    if (proc->documents.empty()) {
        b += fmt::format("<p>{}</p>\n", known(lang, ""));
    } else {
        b += "<ol>\n";
        for (const auto& d : proc->documents) {
            b += "<li>" + htmlEscape(d.name);
            if (!d.form.empty())
                b += fmt::format(" <span class=\"note\">({}: {})</span>", pick(lang, "Mẫu", "Form"),
                                 htmlEscape(d.form));
            if (!d.note.empty()) b += "<br><span class=\"help\">" + htmlEscape(d.note) + "</span>";
            b += "</li>\n";
        }
        b += "</ol>\n";
    }
    b += fmt::format("<h2>{}</h2>\n<p>{}</p>\n", pick(lang, "Thời hạn giải quyết", "Processing time"),
                     known(lang, proc->processingTime));
    b += fmt::format("<h2>{}</h2>\n<p>{}: {}</p>\n", pick(lang, "Phí, lệ phí", "Fees"),
                     pick(lang, "Nộp trực tiếp", "In person"), known(lang, proc->fee));
    if (!proc->feeOnline.empty())
        b += fmt::format("<p>{}: {}</p>\n", pick(lang, "Nộp trực tuyến", "Online"),
                         known(lang, proc->feeOnline));
    b += fmt::format("<h2>{}</h2>\n", pick(lang, "Trình tự thực hiện", "Steps"));
    if (proc->steps.empty()) {
        b += fmt::format("<p>{}</p>\n", known(lang, ""));
    } else {
        b += "<ol>\n";
        for (const auto& s : proc->steps) b += "<li>" + htmlEscape(s) + "</li>\n";
        b += "</ol>\n";
    }
    if (!proc->submissionNote.empty())
        b += fmt::format("<h2>{}</h2>\n<p>{}</p>\n", pick(lang, "Cách thức nộp hồ sơ", "How to apply"),
                         htmlEscape(proc->submissionNote));
    if (!proc->notes.empty()) b += fmt::format("<p class=\"help\">{}</p>\n", htmlEscape(proc->notes));
    if (!proc->legalBasis.empty()) {
        b += fmt::format("<h2>{}</h2>\n<ul>\n", pick(lang, "Căn cứ pháp lý", "Legal basis"));
        for (const auto& l : proc->legalBasis) {
            b += "<li>" + htmlEscape(l.document);
            if (!l.articles.empty()) b += " (" + htmlEscape(l.articles) + ")";
            b += "</li>\n";
        }
        b += "</ul>\n";
    }
    if (!proc->verifiedOn.empty()) {
        b += fmt::format("<p class=\"help\">{} {}</p>\n",
                         pick(lang, "Thông tin cập nhật ngày", "Information checked on"),
                         htmlEscape(proc->verifiedOn));
    }
    return p;
}

PageContent searchPage(const queue::Catalogue& catalogue, const queue::SearchIndex& index,
                       std::string_view query, Lang lang) {
    PageContent p{pick(lang, "Tìm thủ tục", "Find a procedure"), {}};
    p.body = fmt::format("<p><a href=\"/thu-tuc\">{}</a></p>\n<h1>{}</h1>\n",
                         pick(lang, "← Các lĩnh vực", "← Fields"), htmlEscape(p.title)) +
             searchForm(lang, query);
    const auto hits = index.search(query, 20);
    if (hits.empty()) {
        p.body +=
            fmt::format("<p role=\"status\">{}</p>\n",
                        pick(lang, "Không tìm thấy thủ tục nào. Mời thử từ khác hoặc xem theo lĩnh vực.",
                             "No procedure found. Try other words, or browse by field."));
        return p;
    }
    p.body += fmt::format("<p role=\"status\">{}</p>\n<ul class=\"links list\">\n",
                          fmt::format(fmt::runtime(pick(lang, "{} kết quả", "{} results")), hits.size()));
    for (const auto& hit : hits) {
        const auto* proc = catalogue.procedure(hit.procedureCode);
        if (!proc) continue;
        p.body +=
            fmt::format("<li><a href=\"/thu-tuc/{}\">{}</a>", htmlEscape(proc->code), htmlEscape(proc->name));
        if (!hit.note.empty()) p.body += " <span class=\"help\">" + htmlEscape(hit.note) + "</span>";
        p.body += "</li>\n";
    }
    p.body += "</ul>\n";
    return p;
}

}  // namespace motcua::web
