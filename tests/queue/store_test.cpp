#include <catch2/catch.hpp>

#include "queue/store.h"
#include "support/test_support.h"

using namespace motcua::queue;
using motcua::testing::TempDir;

TEST_CASE("A new database is created in WAL mode with the latest schema", "[store]") {
    TempDir dir;
    auto db = openStore(dir / "sub/motcua.db", OpenPurpose::Initialise);
    CHECK(db.queryInt("PRAGMA user_version") == latestSchemaVersion());
    CHECK(db.queryInt("PRAGMA application_id") == kApplicationId);
    CHECK(db.queryInt("PRAGMA foreign_keys") == 1);
    CHECK(db.queryInt("PRAGMA synchronous") == 2);
}
