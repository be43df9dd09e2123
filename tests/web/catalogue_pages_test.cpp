// /thu-tuc: the office's catalogue as plain pages, answered by WebApp::handle (the same function the
// server calls) on the suite's store with the bundled catalogue imported.
#include <fmt/format.h>

#include <catch2/catch.hpp>

#include "../queue/queue_fixture.h"
#include "kiosk/web/web_app.h"
#include "queue/catalogue_files.h"
#include "queue/search.h"

using namespace motcua;
using namespace motcua::testing;

namespace {

struct CatalogueFixture {
    CatalogueFixture() {
        std::vector<queue::CatalogueFile> files;
        for (const char* name :
             {"fields.tsv", "procedures.tsv", "documents.tsv", "legal_basis.tsv", "synonyms.tsv"})
            files.push_back({name, readFile(sourcePath(std::string("assets/catalogue/") + name))});
        if (!queue::importCatalogue(q.db, files, false).applied)
            throw std::runtime_error("the bundled catalogue did not import");
        catalogue = queue::loadCatalogue(q.db);
        app = std::make_unique<web::WebApp>(q.db, q.clock);
    }
    web::Response get(const std::string& target) {
        web::Request r;
        r.method = "GET";
        r.target = target;
        r.address = "192.0.2.1";
        return app->handle(r);
    }
    QueueFixture q;
    queue::Catalogue catalogue;
    std::unique_ptr<web::WebApp> app;
};

bool has(const web::Response& r, const std::string& text) {
    return r.body.find(text) != std::string::npos;
}

}  // namespace

TEST_CASE("The catalogue pages list the fields, a field's procedures and one procedure", "[web][catalogue]") {
    CatalogueFixture f;
    auto r = f.get("/thu-tuc");
    REQUIRE(r.status == 200);
    for (const auto& field : f.catalogue.fields()) {
        CAPTURE(field.code);
        REQUIRE(has(
            r, "<a href=\"/thu-tuc/linh-vuc/" + field.code + "\">" + web::htmlEscape(field.name) + "</a>"));
    }
    const auto& field = f.catalogue.fields().front();
    r = f.get("/thu-tuc/linh-vuc/" + field.code);
    REQUIRE(r.status == 200);
    for (const auto* p : f.catalogue.proceduresOf(field.code)) REQUIRE(has(r, web::htmlEscape(p->name)));

    // Every procedure's page shows its citizen text and never its maintainers' notes.
    for (const auto& p : f.catalogue.procedures()) {
        CAPTURE(p.code);
        r = f.get("/thu-tuc/" + p.code);
        REQUIRE(r.status == 200);
        REQUIRE(has(r, "<h1>" + web::htmlEscape(p.name) + "</h1>"));
        REQUIRE(has(r, "Hồ sơ cần chuẩn bị"));
        if (p.staffNote.size() > 12) REQUIRE_FALSE(has(r, web::htmlEscape(p.staffNote)));
        if (p.source.size() > 12) REQUIRE_FALSE(has(r, web::htmlEscape(p.source)));
        if (queue::isUnknown(p.processingTime)) REQUIRE(has(r, "Đang cập nhật – xin hỏi cán bộ"));
    }
}

TEST_CASE("Search on the phone finds what the kiosk's search finds, in its order", "[web][catalogue]") {
    CatalogueFixture f;
    const queue::SearchIndex index(f.catalogue);
    const auto query = GENERATE(as<std::string>{}, "khai sinh", "sao y", "ket hon", "chứng thực");
    CAPTURE(query);
    std::string encoded;
    for (unsigned char c : query) encoded += c == ' ' ? std::string("+") : fmt::format("%{:02X}", c);
    const auto r = f.get("/thu-tuc?q=" + encoded);
    REQUIRE(r.status == 200);
    const auto hits = index.search(query, 20);
    REQUIRE_FALSE(hits.empty());
    std::size_t at = 0;
    for (const auto& hit : hits) {
        const auto link = "<a href=\"/thu-tuc/" + hit.procedureCode + "\">";
        const auto found = r.body.find(link, at);
        REQUIRE(found != std::string::npos);
        at = found;
    }
}

TEST_CASE("Unknown or malformed catalogue addresses find nothing", "[web][catalogue]") {
    CatalogueFixture f;
    const auto target =
        GENERATE(as<std::string>{}, "/thu-tuc/0.000000", "/thu-tuc/../etc/passwd", "/thu-tuc/linh-vuc/",
                 "/thu-tuc/linh-vuc/NOPE", "/thu-tuc/%3Cscript%3E", "/thu-tuc/" + std::string(60, 'a'));
    CAPTURE(target);
    const auto r = f.get(target);
    REQUIRE(r.status == 404);
    REQUIRE(r.body.find("<script") == std::string::npos);
}
