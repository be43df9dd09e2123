// Per-citizen limits ([citizen_id] per_day, per_field): enforced in the store's transaction, also
// between processes racing for the same citizen; lifted by a supervisor with a logged reason; and
// nothing of the citizen in the database but the keyed id.
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include "queue/citizen_card.h"
#include "queue/staff_service.h"
#include "queue_fixture.h"

using namespace motcua::queue;
using namespace motcua::testing;

namespace {

const std::string kName = "Nguyễn Thị Thử";
const std::string kNumber = "001166012345";
const std::string kAddress = "Số 1 phố Hàng Thử";
const std::string kCardText = kNumber + "|012345678|" + kName + "|12031966|Nữ|" + kAddress + "|15042021";

std::string limitedOffice(int perDay = 2, int perField = 1) {
    TestOffice office = queueTestOffice();
    office.staff = {{"truong", "Trưởng bộ phận", "supervisor"}, {"canbo", "Cán bộ", "officer"}};
    return office.toml() + "\n[citizen_id]\nenabled = true\nper_day = " + std::to_string(perDay) +
           "\nper_field = " + std::to_string(perField) + "\n";
}

struct LimitFixture : QueueFixture {
    explicit LimitFixture(const std::string& toml = limitedOffice()) : QueueFixture(toml) {
        auto [k, created] = CitizenKey::loadOrCreate(dir.path() / "citizen.key");
        citizen = k.idOf(kNumber);
    }
    std::int64_t staffId(const std::string& login) {
        Statement st(db, "SELECT id FROM staff WHERE login = ?");
        st.bind(1, login);
        REQUIRE(st.step());
        return st.getInt(0);
    }
    std::string citizen;
};

}  // namespace

TEST_CASE("A citizen takes at most per_field numbers of a field and per_day numbers a day",
          "[queue][citizen]") {
    LimitFixture f;
    REQUIRE(f.queue->citizenId().enabled);
    REQUIRE(f.queue->take("HT", {}, {}, f.citizen).ok());

    const auto events = f.eventCount();
    const auto sameField = f.queue->take("HT", {}, {}, f.citizen);
    CHECK(sameField.outcome == Outcome::CitizenLimit);
    CHECK(f.eventCount() == events);  // refused: nothing written

    REQUIRE(f.queue->take("CT", {}, {}, f.citizen).ok());
    const auto third = f.queue->take("XH", {}, {}, f.citizen);
    CHECK(third.outcome == Outcome::CitizenLimit);
    CHECK(third.message.find("nothing was issued") != std::string::npos);

    // Other citizens, and citizens not identified, are not limited by this one.
    CHECK(f.queue->take("HT", {}, {}, std::string(64, 'a')).ok());
    CHECK(f.queue->take("HT").ok());
    CHECK(f.queue->take("HT").ok());

    SECTION("the refusal says which limit and leaves a reference, without the citizen's number") {
        const auto day = f.queue->citizenLimit(f.citizen, "XH");
        REQUIRE(day);
        CHECK(day->which == CitizenLimitRefusal::Which::PerDay);
        CHECK(day->taken == 2);
        CHECK(day->allowed == 2);
        CHECK(day->reference > 0);
        CHECK(f.db.queryInt("SELECT COUNT(*) FROM events WHERE kind = 'limit_refused'") == 1);
    }
    SECTION("the next business day starts afresh") {
        f.clock.advance(kDay);
        CHECK(f.queue->take("HT", {}, {}, f.citizen).ok());
    }
    SECTION("a cancelled number does not count") {
        REQUIRE(f.queue->cancel("B001").ok());
        CHECK(f.queue->take("XH", {}, {}, f.citizen).ok());
    }
}

TEST_CASE("Per field only: the limit names the field", "[queue][citizen]") {
    LimitFixture f(limitedOffice(0, 1));
    REQUIRE(f.queue->take("HT", {}, {}, f.citizen).ok());
    CHECK(f.queue->take("HT", {}, {}, f.citizen).outcome == Outcome::CitizenLimit);
    const auto refusal = f.queue->citizenLimit(f.citizen, "HT");
    REQUIRE(refusal);
    CHECK(refusal->which == CitizenLimitRefusal::Which::PerField);
    CHECK_FALSE(f.queue->citizenLimit(f.citizen, "CT"));  // not over any limit for CT: nothing recorded
    for (const char* s : {"CT", "XH"}) CHECK(f.queue->take(s, {}, {}, f.citizen).ok());
}

TEST_CASE("A supervisor lifts a citizen's limits for the day, with the reason in the event log",
          "[queue][citizen]") {
    LimitFixture f;
    REQUIRE(f.queue->take("HT", {}, {}, f.citizen).ok());
    REQUIRE(f.queue->take("HT", {}, {}, f.citizen).outcome == Outcome::CitizenLimit);
    const auto refusal = f.queue->citizenLimit(f.citizen, "HT");
    REQUIRE(refusal);
    const Actor supervisor{f.staffId("truong")}, officer{f.staffId("canbo")};
    const auto events = f.eventCount();

    CHECK(f.queue->liftCitizenLimit(refusal->reference, "   ", supervisor).outcome == Outcome::Invalid);
    CHECK(f.queue->liftCitizenLimit(refusal->reference, "Nộp hồ sơ cho mẹ", officer).outcome ==
          Outcome::NotAllowed);
    CHECK(f.queue->liftCitizenLimit(refusal->reference, "Nộp hồ sơ cho mẹ", {}).outcome ==
          Outcome::NotAllowed);
    CHECK(f.queue->liftCitizenLimit(refusal->reference + 1000, "Nộp hồ sơ cho mẹ", supervisor).outcome ==
          Outcome::NotFound);
    CHECK(f.eventCount() == events);  // every refusal changed nothing

    const auto lifted = f.queue->liftCitizenLimit(refusal->reference, "Nộp hồ sơ cho mẹ", supervisor);
    REQUIRE(lifted.ok());
    Statement st(f.db, "SELECT kind, staff_id, detail, citizen FROM events WHERE id = ?");
    st.bind(1, *lifted.value);
    REQUIRE(st.step());
    CHECK(st.getText(0) == "limit_lifted");
    CHECK(st.getInt(1) == *supervisor.staffId);
    const auto detail = nlohmann::json::parse(st.getText(2));
    CHECK(detail["reason"] == "Nộp hồ sơ cho mẹ");
    CHECK(detail["reference"] == refusal->reference);
    CHECK(st.getText(3) == f.citizen);

    CHECK(f.queue->take("HT", {}, {}, f.citizen).ok());
    CHECK(f.queue->take("CT", {}, {}, f.citizen).ok());
    CHECK(f.queue->take("XH", {}, {}, f.citizen).ok());
    CHECK(f.queue->liftCitizenLimit(refusal->reference, "again", supervisor).outcome == Outcome::NotAllowed);

    SECTION("the lift lasts the day; a reference of yesterday cannot be used") {
        f.clock.advance(kDay);
        REQUIRE(f.queue->take("HT", {}, {}, f.citizen).ok());
        CHECK(f.queue->take("HT", {}, {}, f.citizen).outcome == Outcome::CitizenLimit);
        CHECK(f.queue->liftCitizenLimit(refusal->reference, "Nộp hồ sơ cho mẹ", supervisor).outcome ==
              Outcome::NotFound);
    }
}

TEST_CASE("Kiosks in separate processes racing for one citizen issue no more than the limits",
          "[queue][citizen][multiprocess]") {
    LimitFixture f;
    // Each process takes a number of each field for the same citizen, all at once: of the 18 tries
    // exactly 2 may succeed (2 a day), in 2 different fields (1 per field).
    constexpr int kProcesses = 6;
    std::vector<pid_t> children;
    int ready[2], go[2];
    REQUIRE(::pipe(ready) == 0);
    REQUIRE(::pipe(go) == 0);
    for (int i = 0; i < kProcesses; ++i) {
        const pid_t pid = ::fork();
        REQUIRE(pid >= 0);
        if (pid == 0) {
            int issued = 0;
            try {
                auto db = openStore(f.path, OpenPurpose::Use, StoreOptions{std::chrono::seconds(60)});
                QueueService q(db, f.clock);
                char c = 'r';
                [[maybe_unused]] auto w = ::write(ready[1], &c, 1);
                [[maybe_unused]] auto r = ::read(go[0], &c, 1);  // all start together
                const char* order[3][3] = {{"HT", "CT", "XH"}, {"CT", "XH", "HT"}, {"XH", "HT", "CT"}};
                for (const char* service : order[i % 3]) {
                    const auto t = q.take(service, {}, {}, f.citizen);
                    if (t.ok())
                        ++issued;
                    else if (t.outcome != Outcome::CitizenLimit)
                        ::_exit(100);
                }
            } catch (const std::exception&) {
                ::_exit(101);
            }
            ::_exit(issued);
        }
        children.push_back(pid);
    }
    for (int i = 0; i < kProcesses; ++i) {
        char c;
        REQUIRE(::read(ready[0], &c, 1) == 1);
    }
    const std::string start(kProcesses, 'g');
    REQUIRE(::write(go[1], start.data(), start.size()) == kProcesses);
    int issued = 0;
    for (pid_t pid : children) {
        int status = 0;
        ::waitpid(pid, &status, 0);
        REQUIRE(WIFEXITED(status));
        REQUIRE(WEXITSTATUS(status) <= 3);
        issued += WEXITSTATUS(status);
    }
    for (int fd : {ready[0], ready[1], go[0], go[1]}) ::close(fd);
    CHECK(issued == 2);
    Statement st(f.db, "SELECT COUNT(*), COUNT(DISTINCT service_id) FROM tickets WHERE citizen = ?");
    st.bind(1, f.citizen);
    REQUIRE(st.step());
    CHECK(st.getInt(0) == 2);
    CHECK(st.getInt(1) == 2);
}

TEST_CASE("After a day of tickets the database file holds no personal field of the citizen",
          "[queue][citizen][sqlite-only]") {
    LimitFixture f(limitedOffice(0, 0));
    // The kiosk's way: read the card, keep the keyed id, hand only that to the queue.
    const auto card = readCitizenCard(kCardText, {2026, 11, 30});
    REQUIRE(card.ok());
    const auto key = CitizenKey::load(f.dir.path() / "citizen.key");
    const auto id = key.idOf(card.card->number);
    for (int i = 0; i < 40; ++i) {
        f.clock.advanceMinutes(10);
        REQUIRE(f.queue
                    ->take(i % 2 ? "HT" : "XH",
                           isElderly(card.card->birthDate, {2026, 11, 30})
                               ? std::optional<std::string>("cao_tuoi")
                               : std::nullopt,
                           {}, id)
                    .ok());
        if (i % 3 == 0) f.queue->callNext(1);
    }
    f.db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    std::string bytes;
    for (const char* suffix : {"", "-wal"}) {
        if (std::filesystem::exists(f.path.string() + suffix)) bytes += readFile(f.path.string() + suffix);
    }
    REQUIRE(bytes.size() > 4096);
    REQUIRE(bytes.find(id) != std::string::npos);  // the search itself finds what is there
    for (const std::string& field : {kNumber, kName, kAddress, std::string("012345678"),
                                     std::string("12031966"), std::string("1966-03-12")}) {
        INFO(field);
        CHECK(bytes.find(field) == std::string::npos);
    }
}

TEST_CASE("[citizen_id] is read with sane defaults and refused with file, line and key",
          "[queue][citizen][config]") {
    const std::string base = queueTestOffice().toml();
    SECTION("off by default, iHanoi's limits, a key beside the config") {
        const auto c = parseOfficeConfig(base, "t.toml").citizenId;
        CHECK_FALSE(c.enabled);
        CHECK(c.perDay == 2);
        CHECK(c.perField == 1);
        CHECK(c.scannerKeyGapMs == 30);
        CHECK(c.scannerMinLength == 40);
        CHECK(c.keyFile == "citizen.key");
        TempDir dir;
        writeFile(dir / "office.toml", base + "\n[citizen_id]\nenabled = true\n");
        const auto loaded = loadOfficeConfig(dir / "office.toml").citizenId;
        CHECK(loaded.enabled);
        CHECK(std::filesystem::path(loaded.keyFile) == std::filesystem::absolute(dir / "citizen.key"));
    }
    SECTION("mistakes") {
        const auto refused = [&](const std::string& table, const std::string& words) {
            CAPTURE(table);
            try {
                parseOfficeConfig(base + "\n[citizen_id]\n" + table + "\n", "t.toml");
                FAIL("accepted");
            } catch (const ConfigError& e) {
                CHECK_THAT(e.what(), Catch::Contains(words));
            }
        };
        refused("enabled = 1", "citizen_id.enabled: must be true or false");
        refused("per_day = -1", "citizen_id.per_day");
        refused("scanner_key_gap_ms = 0", "citizen_id.scanner_key_gap_ms");
        refused("elderly_category = \"gia\"",
                "citizen_id.elderly_category: not one of the [[priority_categories]]");
        refused("card = true", "citizen_id.card: unknown key");
    }
    SECTION("stored for the programs, read back as written") {
        LimitFixture f(limitedOffice(3, 0));
        CHECK(f.queue->citizenId().perDay == 3);
        CHECK(f.queue->citizenId().perField == 0);
        CHECK(f.queue->citizenId().enabled);
    }
}
