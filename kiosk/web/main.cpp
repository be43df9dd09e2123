// motcua-web: the citizens' pages on the office's queue. Meant to run behind a TLS reverse proxy
// (README: "Citizens' phones"); listens on 127.0.0.1 unless told otherwise.
#include <fcntl.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <thread>
#include <vector>

#include "kiosk/web/server.h"
#include "kiosk/web/web_app.h"
#include "queue/clock.h"
#include "queue/store.h"

namespace {

motcua::web::WebServer* g_server = nullptr;
sigset_t g_stopSignals;

// The key in path, made when the file does not exist yet; "" without a path.
std::string readSecret(const std::string& path) {
    if (path.empty()) return {};
    if (!std::filesystem::exists(path)) {
        const auto key = motcua::web::Signer::newKey();
        const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
        if (fd < 0 || ::write(fd, key.data(), key.size()) != static_cast<ssize_t>(key.size()) ||
            ::close(fd) != 0)
            throw std::runtime_error("cannot write the secret file " + path + ": " + std::strerror(errno));
        return key;
    }
    std::ifstream in(path, std::ios::binary);
    std::string key(33, '\0');  // one more than a key: a longer file is refused
    in.read(key.data(), static_cast<std::streamsize>(key.size()));
    key.resize(static_cast<std::size_t>(in.gcount()));
    if (key.size() != 32) throw std::runtime_error("the secret file " + path + " must hold 32 bytes");
    return key;
}

int serve(int argc, char** argv) {
    CLI::App cli{"motcua-web: the citizens' pages (live ticket page, numbers from the phone, procedures)"};
    std::optional<std::string> db;
    std::string listen = "127.0.0.1:8080";
    bool behindTls = false;
    bool trustProxy = false;
    std::string secretFile;
    bool notifyLog = false;
    std::string notifyCommand;
    int notifyTimeout = 10;
    cli.add_option("--db", db, "the database file or postgresql:// URL (default: as the other programs)");
    cli.add_option("--listen", listen, "address:port to listen on (port 0: any free port)")
        ->capture_default_str();
    cli.add_flag("--behind-tls", behindTls,
                 "citizens reach the pages over HTTPS (sends Strict-Transport-Security)");
    cli.add_flag("--trust-proxy", trustProxy,
                 "take the citizen's address from X-Real-IP on requests from this host (the reverse proxy)");
    cli.add_option(
        "--secret-file", secretFile,
        "file of 32 random bytes that sign the phones' cookies and forms, made (0600) when missing; "
        "without it a new key every start (limits per phone start afresh)");
    cli.add_flag("--notify-log", notifyLog,
                 "log a line when a followed number is called or has 3 or fewer before it (README: notices)")
        ->envname("MOTCUA_WEB_NOTIFY_LOG");
    cli.add_option("--notify-command", notifyCommand,
                   "run this command once per notice (an SMS or Zalo OA script): words split as by a shell "
                   "but nothing expanded; the notice comes in its environment and stdin (README: notices)")
        ->envname("MOTCUA_WEB_NOTIFY_COMMAND");
    cli.add_option("--notify-timeout", notifyTimeout,
                   "seconds the notice command may run before it is stopped")
        ->envname("MOTCUA_WEB_NOTIFY_TIMEOUT")
        ->check(CLI::Range(1, 600))
        ->capture_default_str();
    try {
        cli.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return cli.exit(e);
    }
    const auto colon = listen.rfind(':');
    motcua::web::ServerOptions options;
    try {
        if (colon == std::string::npos) throw std::invalid_argument("no port");
        options.address = listen.substr(0, colon);
        if (options.address.starts_with('[') && options.address.ends_with(']'))
            options.address = options.address.substr(1, options.address.size() - 2);
        const int port = std::stoi(listen.substr(colon + 1));
        if (port < 0 || port > 65535) throw std::out_of_range("port");
        options.port = static_cast<unsigned short>(port);
    } catch (const std::exception&) {
        std::cerr << "motcua-web: --listen must be ADDRESS:PORT, such as 127.0.0.1:8080\n";
        return 2;
    }
    options.trustProxy = trustProxy;
    std::optional<std::vector<std::string>> hookWords;
    if (!notifyCommand.empty()) {
        std::string error;
        hookWords = motcua::web::splitCommandLine(notifyCommand, &error);
        if (!hookWords) {
            std::cerr << "motcua-web: --notify-command: " << error << "\n";
            return 2;
        }
    }

    motcua::queue::Database database = [&] {
        motcua::queue::StoreOptions storeOptions;
        storeOptions.applicationName = "motcua-web";
        return motcua::queue::openStore(motcua::queue::programDatabaseLocation(db),
                                        motcua::queue::OpenPurpose::Use, storeOptions);
    }();
    motcua::queue::SystemClock clock;
    motcua::web::NotifierList notifiers;
    motcua::web::LogNotifier noticeLog(std::cerr);
    std::unique_ptr<motcua::web::CommandNotifier> hook;
    if (notifyLog) notifiers.add(noticeLog);
    if (hookWords) {
        hook = std::make_unique<motcua::web::CommandNotifier>(
            motcua::web::HookOptions{std::move(*hookWords), std::chrono::seconds(notifyTimeout)}, std::cerr);
        notifiers.add(*hook);
    }
    motcua::web::WebApp app(database, clock,
                            {.hsts = behindTls,
                             .secret = readSecret(secretFile),
                             .notifier = notifiers.empty() ? nullptr : &notifiers,
                             // A hook sends the notices somewhere: the live page may ask where.
                             .askContact = hook != nullptr});
    motcua::web::WebServer server(app, options);
    g_server = &server;
    // SIGTERM (systemd) and SIGINT end the server cleanly: a thread waits for them.
    std::thread signals([] {
        int signal = 0;
        sigwait(&g_stopSignals, &signal);
        if (signal == SIGTERM || signal == SIGINT) g_server->stop();
    });
    signals.detach();
    std::cout << "motcua-web: listening on http://" << listen.substr(0, colon + 1) << server.port() << "/"
              << std::endl;
    server.run();
    return 0;
}

}  // namespace

int main(int argc, char** argv) try {
    sigemptyset(&g_stopSignals);
    sigaddset(&g_stopSignals, SIGTERM);
    sigaddset(&g_stopSignals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &g_stopSignals, nullptr);  // before any thread starts: they inherit it
    std::signal(SIGPIPE, SIG_IGN);
    return serve(argc, argv);
} catch (const motcua::queue::StoreRefused& e) {
    std::cerr << "motcua-web: " << e.what() << "\n";
    return 5;
} catch (const std::exception& e) {
    std::cerr << "motcua-web: " << e.what() << "\n";
    return 1;
}
