// Numbers for results and additional papers (office.toml [[services]] kind, queue/dossier_code.h):
// taken with the dossier receipt's code, which the issue event keeps; refused, writing nothing,
// without a code, with a code that is not one, and with a code for a service of new dossiers. On
// both stores.
#include <catch2/catch.hpp>

#include "queue/office_config.h"
#include "queue_fixture.h"

using namespace motcua::queue;
using namespace motcua::testing;

namespace {

std::string dossierOffice() {
    TestOffice office = queueTestOffice();
    office.services.push_back({"KQ", "Trả kết quả", "K", "Results", {}, {}, "results"});
    office.services.push_back({"BS", "Bổ sung hồ sơ", "S", "Additional papers", {}, {}, "supplement"});
    office.counter(1).services.push_back("KQ");
    office.counter(1).services.push_back("BS");
    return office.toml();
}

Actor withDossier(const std::string& code) {
    Actor actor;
    actor.dossierCode = code;
    return actor;
}

}  // namespace

TEST_CASE("A results number is taken with the dossier's code, which its issue event keeps",
          "[queue][dossier]") {
    QueueFixture f(dossierOffice());
    CHECK(f.queue->serviceKind("KQ") == ServiceKind::Results);
    CHECK(f.queue->serviceKind("BS") == ServiceKind::Supplement);
    CHECK(f.queue->serviceKind("HT") == ServiceKind::Submit);
    CHECK(f.queue->serviceKind("nope") == ServiceKind::Submit);
    CHECK(f.queue->hasDossierServices());

    // Scanned from the receipt's QR: a URL, in small letters; kept as the code, in capitals.
    const auto taken =
        f.queue->take("KQ", {}, withDossier("https://dvc.example/tra-cuu?ma=000.00.06.g04.250701.0501"));
    INFO(taken.message);
    REQUIRE(taken.ok());
    CHECK(taken.value->ticket.number == "K001");
    CHECK(taken.value->dossierCode == "000.00.06.G04.250701.0501");
    CHECK(f.queue->dossierCodeOf(taken.value->ticket.id) == "000.00.06.G04.250701.0501");
    const auto supplement = f.queue->take("BS", {}, withDossier("000.00.06.G04.250702.0007"));
    REQUIRE(supplement.ok());
    CHECK(f.queue->dossierCodeOf(supplement.value->ticket.id) == "000.00.06.G04.250702.0007");

    // A number of new dossiers has none; counter 1 calls the results number like any other.
    const auto walkIn = f.queue->take("HT");
    REQUIRE(walkIn.ok());
    CHECK(walkIn.value->dossierCode.empty());
    CHECK_FALSE(f.queue->dossierCodeOf(walkIn.value->ticket.id));
    CHECK(f.callNext(1) == "K001");
}

TEST_CASE("A results number without a code, or with a wrong one, and a code for new dossiers are refused",
          "[queue][dossier]") {
    QueueFixture f(dossierOffice());
    const auto events = f.eventCount();
    struct Case {
        std::string service;
        std::string code;
        std::string says;
    };
    for (const auto& c :
         {Case{"KQ", "", "taken with the dossier's code"}, Case{"BS", "", "taken with the dossier's code"},
          Case{"KQ", "ABCDE-FGHJK", "not a dossier code"},
          Case{"KQ", "000.00.06.G04.250230.0501", "not a real date"},
          Case{"HT", "000.00.06.G04.250701.0501", "takes new dossiers"}}) {
        CAPTURE(c.service, c.code);
        const auto r = f.queue->take(c.service, {}, withDossier(c.code));
        CHECK(r.outcome == Outcome::Invalid);
        CHECK_THAT(r.message, Catch::Contains(c.says) && Catch::Contains("nothing was issued"));
    }
    CHECK(f.eventCount() == events);
    CHECK(f.db.queryInt("SELECT COUNT(*) FROM tickets") == 0);
}

TEST_CASE("An unknown service kind is a configuration error with its line", "[queue][dossier][config]") {
    TestOffice office = queueTestOffice();
    office.services.push_back({"KQ", "Trả kết quả", "K", {}, {}, {}, "ketqua"});
    try {
        parseOfficeConfig(office.toml(), "office.toml");
        FAIL("the kind was taken");
    } catch (const ConfigError& e) {
        CHECK_THAT(std::string(e.what()), Catch::Contains("services.kind") && Catch::Contains("results"));
        CHECK_THAT(std::string(e.what()), Catch::StartsWith("office.toml:"));
    }
    // Without kind, a service is one of new dossiers; "results" and "supplement" are read.
    const auto config = parseOfficeConfig(dossierOffice(), "office.toml");
    std::map<std::string, ServiceKind> kinds;
    for (const auto& s : config.services) kinds[s.code] = s.kind;
    CHECK(kinds["HT"] == ServiceKind::Submit);
    CHECK(kinds["KQ"] == ServiceKind::Results);
    CHECK(kinds["BS"] == ServiceKind::Supplement);
}

TEST_CASE("A results number found again by its move key still carries its dossier code", "[queue][dossier]") {
    QueueFixture f(dossierOffice());
    Actor actor = withDossier("000.00.06.G04.250701.0501");
    actor.moveKey = newMoveKey();
    REQUIRE(f.queue->take("KQ", {}, actor).ok());
    const auto again = f.queue->takenBefore(actor.moveKey);
    REQUIRE(again);
    CHECK(again->ticket.number == "K001");
    CHECK(again->dossierCode == "000.00.06.G04.250701.0501");
}
