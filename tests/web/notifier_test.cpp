// Notices to citizens (kiosk/web/notifier.h): which ones the live tickets call for, at most once each;
// the hook really run (a shell script in a temporary folder that writes down what it was given); a
// hook that hangs, fails or does not exist; and motcua-web telling the hook of a console's call.
#include "kiosk/web/notifier.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

#include "web_fixture.h"

using namespace motcua;
using namespace motcua::testing;
using Catch::Matchers::Contains;
using web::Notice;
using web::NoticeKind;

namespace {

// The test double of the seam: keeps every notice.
class RecordingNotifier : public web::Notifier {
  public:
    void send(const Notice& notice) override { notices.push_back(notice); }
    std::vector<Notice> notices;
};

queue::LiveTicket live(std::int64_t id, const std::string& number, queue::TicketState state, int ahead,
                       std::optional<int> counter = {}) {
    queue::LiveTicket t;
    t.id = id;
    t.number = number;
    t.serviceCode = "HT";
    t.state = state;
    t.ahead = ahead;
    t.counter = counter;
    return t;
}

// A script in dir that appends what it received to dir/received, one block per run.
std::filesystem::path writeScript(const std::filesystem::path& dir, const std::string& name,
                                  const std::string& body) {
    const auto path = dir / name;
    writeFile(path, "#!/bin/sh\n" + body);
    ::chmod(path.c_str(), 0755);
    return path;
}

const char* kRecordBody =
    "out=\"$1\"\n"
    "{\n"
    "  printf 'args=%s|%s\\n' \"$#\" \"$2\"\n"
    "  printf 'kind=%s\\n' \"$MOTCUA_NOTICE_KIND\"\n"
    "  printf 'number=%s\\n' \"$MOTCUA_NOTICE_NUMBER\"\n"
    "  printf 'service=%s\\n' \"$MOTCUA_NOTICE_SERVICE\"\n"
    "  printf 'counter=%s\\n' \"$MOTCUA_NOTICE_COUNTER\"\n"
    "  printf 'ahead=%s\\n' \"$MOTCUA_NOTICE_AHEAD\"\n"
    "  printf 'day=%s\\n' \"$MOTCUA_NOTICE_DAY\"\n"
    "  printf 'en=%s\\n' \"$MOTCUA_NOTICE_TEXT_EN\"\n"
    "  printf 'contact=%s\\n' \"$MOTCUA_NOTICE_CONTACT\"\n"
    "  printf 'db=%s\\n' \"$MOTCUA_DB\"\n"
    "  printf 'stdin='; cat\n"
    "  printf 'leaked=%s\\n' \"$(ls -l /proc/$$/fd | grep -c leak-marker)\"\n"
    "  printf -- '--\\n'\n"
    "} >> \"$out\"\n";

Notice calledNotice(const std::string& number, int counter) {
    Notice n;
    n.kind = NoticeKind::Called;
    n.ticketId = 7;
    n.day = "2026-11-30";
    n.number = number;
    n.serviceCode = "HT";
    n.counter = counter;
    n.textVi = web::noticeText(n.kind, number, n.counter, 0, true);
    n.textEn = web::noticeText(n.kind, number, n.counter, 0, false);
    return n;
}

}  // namespace

TEST_CASE("Each ticket gets each notice at most once, and a restart sends nothing already so",
          "[web][notices]") {
    using queue::TicketState;
    web::NoticeTracker tracker;
    std::map<std::int64_t, queue::LiveTicket> tickets{{1, live(1, "A001", TicketState::Called, 0, 1)},
                                                      {2, live(2, "A002", TicketState::Waiting, 2)},
                                                      {3, live(3, "A003", TicketState::Waiting, 5)}};
    // The first look only records: A001 was called and A002 had 2 ahead before this process started.
    CHECK(tracker.observe(tickets, "2026-11-30").empty());

    // A003 gets 3 before it: the heads-up, once.
    tickets[3].ahead = 3;
    auto notices = tracker.observe(tickets, "2026-11-30");
    REQUIRE(notices.size() == 1);
    CHECK(notices[0].kind == NoticeKind::Soon);
    CHECK(notices[0].number == "A003");
    CHECK(notices[0].ahead == 3);
    CHECK(notices[0].textVi ==
          "Số A003: còn 3 số nữa là đến lượt ông/bà. Mời ông/bà quay lại gần khu vực các quầy.");
    CHECK(notices[0].textEn ==
          "Number A003: 3 more before your turn. Please come back close to the counters.");
    CHECK(notices[0].contact.empty());
    tickets[3].ahead = 1;
    CHECK(tracker.observe(tickets, "2026-11-30").empty());

    // A002 is called to counter 2: once, also when it is recalled or seen again.
    tickets[2] = live(2, "A002", TicketState::Called, 0, 2);
    notices = tracker.observe(tickets, "2026-11-30");
    REQUIRE(notices.size() == 1);
    CHECK(notices[0].kind == NoticeKind::Called);
    CHECK(notices[0].counter == 2);
    CHECK(notices[0].textVi == "Số A002: mời ông/bà đến Quầy 2.");
    CHECK(notices[0].textEn == "Number A002: please go to counter 2.");
    tickets[2].recalls = 1;
    CHECK(tracker.observe(tickets, "2026-11-30").empty());
    // Returned to the queue and called again: nothing more.
    tickets[2] = live(2, "A002", TicketState::Waiting, 0);
    CHECK(tracker.observe(tickets, "2026-11-30").empty());
    tickets[2] = live(2, "A002", TicketState::Called, 0, 1);
    CHECK(tracker.observe(tickets, "2026-11-30").empty());

    // A ticket called straight away gets the call only (the heads-up is no longer news).
    tickets[4] = live(4, "A004", TicketState::Called, 0, 1);
    notices = tracker.observe(tickets, "2026-11-30");
    REQUIRE(notices.size() == 1);
    CHECK(notices[0].kind == NoticeKind::Called);
    tickets[4] = live(4, "A004", TicketState::Waiting, 0);
    CHECK(tracker.observe(tickets, "2026-11-30").empty());

    // Serving, done or gone: nothing.
    tickets[3] = live(3, "A003", TicketState::Serving, 0, 1);
    tickets[3].state = TicketState::Done;
    CHECK(tracker.observe(tickets, "2026-11-30").empty());

    // A new day's tickets are new (ids never repeat; the old day's record is dropped).
    std::map<std::int64_t, queue::LiveTicket> tuesday{{9, live(9, "A001", TicketState::Waiting, 0)}};
    notices = tracker.observe(tuesday, "2026-12-01");
    REQUIRE(notices.size() == 1);
    CHECK(notices[0].textVi == "Số A001: ông/bà là người tiếp theo. Mời ông/bà đến gần khu vực các quầy.");
}

TEST_CASE("A configured command line splits into words without expanding anything", "[web][notices]") {
    CHECK(web::splitCommandLine("/usr/local/bin/sms  --to 'a b'  \"c \\\"d\\\"\" e\\ f").value() ==
          std::vector<std::string>{"/usr/local/bin/sms", "--to", "a b", "c \"d\"", "e f"});
    CHECK(web::splitCommandLine("notify $HOME `id` $(id) *").value() ==
          std::vector<std::string>{"notify", "$HOME", "`id`", "$(id)", "*"});
    CHECK(web::splitCommandLine("x ''").value() == std::vector<std::string>{"x", ""});
    std::string error;
    CHECK_FALSE(web::splitCommandLine("sms 'open", &error));
    CHECK(error == "unterminated single quote");
    CHECK_FALSE(web::splitCommandLine("   ", &error));
    CHECK(error == "no command");
}

TEST_CASE("The hook runs once per notice and gets it in its environment and on stdin, data never as code",
          "[web][notices]") {
    TempDir dir;
    const auto script = writeScript(dir.path(), "hook.sh", kRecordBody);
    const auto received = dir.path() / "out folder" / "received";
    std::filesystem::create_directories(received.parent_path());
    std::ostringstream log;
    const auto argv = web::splitCommandLine(script.string() + " '" + received.string() + "' 'second arg'");
    REQUIRE(argv);
    // A file motcua-web has open (its sockets, its database) is not the hook's.
    const int marker = ::open((dir.path() / "leak-marker").c_str(), O_WRONLY | O_CREAT, 0600);
    REQUIRE(marker >= 0);
    // Nor is motcua-web's environment, where the database's password may be.
    ::setenv("MOTCUA_DB", "postgresql://web:secret@10.0.0.2/motcua", 1);
    struct Unset {
        ~Unset() { ::unsetenv("MOTCUA_DB"); }
    } unset;
    {
        web::CommandNotifier hook({*argv, std::chrono::seconds(30)}, log);
        auto n = calledNotice("A012", 2);
        hook.send(n);
        // A number made of shell syntax stays a string: nothing runs, nothing expands.
        auto odd = calledNotice("$(touch pwned); `touch pwned2` 'x\"", 3);
        odd.contact = "0912345678";
        hook.send(odd);
        hook.drain();
    }
    ::close(marker);
    const auto text = readFile(received);
    CHECK_THAT(text, Contains("args=2|second arg\n"
                              "kind=called\n"
                              "number=A012\n"
                              "service=HT\n"
                              "counter=2\n"
                              "ahead=0\n"
                              "day=2026-11-30\n"
                              "en=Number A012: please go to counter 2.\n"
                              "contact=\n"
                              "db=\n"
                              "stdin=Số A012: mời ông/bà đến Quầy 2.\n"));
    CHECK_THAT(text, Contains("number=$(touch pwned); `touch pwned2` 'x\"\n"));
    CHECK_THAT(text, Contains("contact=0912345678\n"));
    CHECK_FALSE(std::filesystem::exists("pwned"));
    CHECK_FALSE(std::filesystem::exists(dir.path() / "pwned"));
    // Exactly two runs, and neither had the test's open file.
    std::size_t runs = 0;
    for (std::size_t at = text.find("--\n"); at != std::string::npos; at = text.find("--\n", at + 1)) ++runs;
    CHECK(runs == 2);
    CHECK_THAT(text, Contains("leaked=0\n"));
    CHECK_THAT(text, !Contains("leaked=1"));
    CHECK(log.str().empty());  // nothing failed
}

TEST_CASE("A hook that hangs is stopped at its timeout, with its children, and logged", "[web][notices]") {
    TempDir dir;
    // The script starts a child in its process group and waits: both are killed.
    const auto script =
        writeScript(dir.path(), "slow.sh", "sleep 300 &\necho $! > \"$1\"\nwait\necho finished >> \"$1\"\n");
    std::ostringstream log;
    {
        web::CommandNotifier hook(
            {{script.string(), (dir.path() / "child").string()}, std::chrono::milliseconds(300)}, log);
        hook.send(calledNotice("A001", 1));
        hook.drain();
    }
    CHECK_THAT(log.str(), Contains("motcua-web: notice called A001 (HT) not sent: " + script.string() +
                                   " still ran after 300 ms and was stopped"));
    CHECK_THAT(readFile(dir.path() / "child"), !Contains("finished"));
}

TEST_CASE("A hook that fails or cannot start is logged; the next notice still runs", "[web][notices]") {
    TempDir dir;
    const auto script = writeScript(dir.path(), "fail.sh",
                                    "cat > /dev/null\necho \"$MOTCUA_NOTICE_NUMBER\" >> \"$1\"\nexit 3\n");
    std::ostringstream log;
    {
        web::CommandNotifier hook(
            {{script.string(), (dir.path() / "runs").string()}, std::chrono::seconds(30)}, log);
        hook.send(calledNotice("A001", 1));
        hook.send(calledNotice("A002", 1));
        hook.drain();
    }
    CHECK(readFile(dir.path() / "runs") == "A001\nA002\n");
    CHECK_THAT(log.str(),
               Contains("notice called A001 (HT) not sent: " + script.string() + " exited with status 3"));
    CHECK_THAT(log.str(),
               Contains("notice called A002 (HT) not sent: " + script.string() + " exited with status 3"));

    std::ostringstream missingLog;
    {
        web::CommandNotifier hook({{(dir.path() / "no-such-hook").string()}, std::chrono::seconds(30)},
                                  missingLog);
        hook.send(calledNotice("A003", 1));
        hook.drain();
    }
    CHECK_THAT(missingLog.str(), Contains("notice called A003 (HT) not sent: cannot start"));
    CHECK_THAT(missingLog.str(), Contains("No such file or directory"));

    // A hook that exits without reading its stdin does not take motcua-web down (SIGPIPE).
    const auto quick = writeScript(dir.path(), "quick.sh", "exit 0\n");
    std::ostringstream quickLog;
    {
        web::CommandNotifier hook({{quick.string()}, std::chrono::seconds(30)}, quickLog);
        for (int i = 0; i < 20; ++i) hook.send(calledNotice("A00" + std::to_string(i), 1));
        hook.drain();
    }
    CHECK(quickLog.str().empty());
}

TEST_CASE("The log notifier writes a line per notice without the contact", "[web][notices]") {
    std::ostringstream out;
    web::LogNotifier log(out);
    auto n = calledNotice("A012", 2);
    n.contact = "0912345678";
    log.send(n);
    Notice soon = n;
    soon.kind = NoticeKind::Soon;
    soon.counter.reset();
    soon.ahead = 3;
    log.send(soon);
    CHECK(out.str() ==
          "motcua-web: notice called A012 (HT) counter 2\nmotcua-web: notice soon A012 (HT) 3 ahead\n");
}

TEST_CASE("motcua-web tells its notifier of a console's call and of 3 ahead, once per ticket",
          "[web][notices]") {
    QueueFixture q;
    auto deskDb = queue::openStore(q.path, queue::OpenPurpose::Use);
    queue::QueueService desk(deskDb, q.clock);
    queue::TicketLinks links(deskDb);
    RecordingNotifier recorder;
    web::WebOptions options;
    options.notifier = &recorder;
    web::WebApp app(q.db, q.clock, options);
    const auto takeLinked = [&] {
        const auto t = desk.take("HT").value->ticket;
        links.linkFor(t, q.clock.now());
        return t.number;
    };
    const auto before = takeLinked();  // A001, already waiting with none ahead when motcua-web starts
    // Forced reads: the test does not wait for PostgreSQL's change notification.
    app.refresh(true);
    CHECK(recorder.notices.empty());

    for (int i = 0; i < 4; ++i) takeLinked();  // A002..A005: 1, 2, 3 and 4 ahead
    app.refresh(true);
    REQUIRE(recorder.notices.size() == 3);
    CHECK(recorder.notices[0].number == "A002");
    CHECK(recorder.notices[2].number == "A004");
    CHECK(recorder.notices[2].ahead == 3);
    recorder.notices.clear();

    REQUIRE(desk.callNext(1).value->ticket.number == before);
    app.refresh(true);
    REQUIRE(recorder.notices.size() == 2);  // A001 called, A005 now 3 ahead
    CHECK(recorder.notices[0].kind == NoticeKind::Called);
    CHECK(recorder.notices[0].number == "A001");
    CHECK(recorder.notices[0].counter == 1);
    CHECK(recorder.notices[0].serviceCode == "HT");
    CHECK(recorder.notices[1].kind == NoticeKind::Soon);
    CHECK(recorder.notices[1].number == "A005");
    recorder.notices.clear();

    // A recall changes the page (recalls) but sends nothing more.
    REQUIRE(desk.recall(1).ok());
    app.refresh(true);
    app.refresh(true);
    CHECK(recorder.notices.empty());
}

TEST_CASE("motcua-web runs the hook when a console calls a followed number, without holding up its pages",
          "[web][notices]") {
    TempDir dir;
    const auto script = writeScript(dir.path(), "hook.sh", kRecordBody);
    const auto received = dir.path() / "received";
    std::ostringstream log;
    web::CommandNotifier hook({{script.string(), received.string()}, std::chrono::seconds(30)}, log);
    web::WebOptions options;
    options.notifier = &hook;
    WebFixture f(kTestOfficeToml, options);
    const auto [ticket, link] = f.take("HT");
    // The page shows the ticket: motcua-web has seen it waiting (its first look only records).
    REQUIRE(httpGet(f.port, "/t/" + link.token).status == 200);
    EventStreamReader events(f.port, "/t/" + link.token + "/events");
    CHECK_THAT(events.next(), Contains("\"state\":\"waiting\""));
    REQUIRE(f.desk.callNext(1).ok());
    CHECK_THAT(events.next(), Contains("\"state\":\"called\""));
    // The notice was queued before the page was told; the hook runs on its own thread: wait for it.
    hook.drain();
    const auto text = readFile(received);
    CHECK_THAT(text, Contains("kind=called\nnumber=" + ticket.ticket.number + "\nservice=HT\ncounter=1\n"));
    CHECK_THAT(text, Contains("stdin=Số " + ticket.ticket.number + ": mời ông/bà đến Quầy 1.\n"));
    CHECK(log.str().empty());
}
