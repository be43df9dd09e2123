// Fuzz target: motcua-web's request handling. The input is the bytes a client sends: parsed by
// Beast with the server's own limits (kMaxHeaderBytes, kMaxBodyBytes), turned into a Request the
// way the server does (kiosk/web/beast_request.h), and answered by WebApp::handle on an SQLite
// database initialised once per process from assets/office.toml (with linked tickets to find) and put
// back byte for byte before every input, under a fixed clock, so a crashing input reproduces.
//
// A bug is: any exception escaping handle(), a status the pages never send, a Set-Cookie other than
// the pages' own (lang, csrf, phone), a Location that leaves the site, or a body over 1 MiB.
#include <utility>
// clang-format off
#include <boost/beast/http.hpp>
// clang-format on
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include "kiosk/web/beast_request.h"
#include "kiosk/web/web_app.h"
#include "queue/clock.h"
#include "queue/office_config.h"
#include "queue/queue_service.h"
#include "queue/store.h"
#include "queue/ticket_links.h"

namespace {

namespace fs = std::filesystem;
namespace http = boost::beast::http;

// 2024-03-05 09:30 in Hà Nội (UTC+7), a Tuesday inside opening hours.
constexpr motcua::queue::TimeMs kNow = 1709605800000;

fs::path g_database;
std::string g_pristine;

std::string readAll(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void setUp() {
    char pattern[] = "/dev/shm/motcua-fuzz-web-XXXXXX";
    const char* dir = mkdtemp(pattern);
    if (!dir) std::abort();
    g_database = fs::path(dir) / "motcua.db";
    {
        auto db = motcua::queue::openStore(g_database, motcua::queue::OpenPurpose::Initialise);
        motcua::queue::applyOfficeConfig(
            db, motcua::queue::loadOfficeConfig(fs::path(MOTCUA_ASSETS_DIR) / "office.toml"));
        motcua::queue::ManualClock clock(kNow);
        motcua::queue::QueueService queue(db, clock);
        motcua::queue::TicketLinks links(db);
        for (const auto& service : queue.status().services) {
            if (auto r = queue.take(service.code); r.ok()) links.linkFor(r.value->ticket, kNow);
        }
        db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    }
    g_pristine = readAll(g_database);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (g_database.empty()) setUp();
    {
        std::ofstream out(g_database, std::ios::binary | std::ios::trunc);
        out.write(g_pristine.data(), static_cast<std::streamsize>(g_pristine.size()));
    }
    fs::remove(g_database.string() + "-wal");
    fs::remove(g_database.string() + "-shm");

    http::request_parser<http::string_body> parser;
    parser.header_limit(motcua::web::kMaxHeaderBytes);
    parser.body_limit(motcua::web::kMaxBodyBytes);
    parser.eager(true);
    boost::beast::error_code ec;
    parser.put(boost::asio::buffer(data, size), ec);
    if (ec || !parser.is_done()) return 0;  // the server answers 400 or 413 and closes

    auto db = motcua::queue::openStore(g_database, motcua::queue::OpenPurpose::Use);
    motcua::queue::ManualClock clock(kNow);
    motcua::web::WebApp app(db, clock);
    const auto response = app.handle(motcua::web::toRequest(parser.get(), "192.0.2.1"));
    static const std::set<int> statuses = {200, 204, 303, 400, 403, 404, 405, 409, 429};
    if (!statuses.contains(response.status)) std::abort();
    if (response.body.size() > 1024 * 1024) std::abort();
    for (const auto& [name, value] : response.headers) {
        if (name == "Set-Cookie" && !value.starts_with("lang=") && !value.starts_with("csrf=") &&
            !value.starts_with("phone="))
            std::abort();
        if (name == "Location" && (!value.starts_with("/") || value.starts_with("//"))) std::abort();
        if (value.find_first_of("\r\n") != std::string::npos) std::abort();
    }
    return 0;
}
