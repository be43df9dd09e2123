// One queue move at counter 1 in a process of its own, for multiprocess_test.cpp: a freshly exec'd
// program starts with none of the test's SQLite state (a forked child would inherit SQLite's
// in-process lock bookkeeping, which is what that test is about).
//
//   motcua_queue_move_child DATABASE call|start|finish
//
// Exit status 0 when the move was done, 1 when the queue refused it or the database failed, 2 on bad
// usage.
#include <iostream>
#include <string>

#include "queue/clock.h"
#include "queue/queue_service.h"
#include "queue/store.h"
#include "queue_fixture.h"

using namespace motcua::queue;

int main(int argc, char** argv) {
    const std::string move = argc == 3 ? argv[2] : "";
    if (move != "call" && move != "start" && move != "finish") {
        std::cerr << "usage: motcua_queue_move_child DATABASE call|start|finish\n";
        return 2;
    }
    try {
        ManualClock clock(motcua::testing::kMonday0800);
        auto conn = openStore(argv[1], OpenPurpose::Use);
        QueueService q(conn, clock);
        bool ok = false;
        std::string message;
        if (move == "call") {
            const auto r = q.callNext(1);
            ok = r.ok();
            message = r.message;
        } else {
            const auto r = move == "start" ? q.start(1) : q.finish(1);
            ok = r.ok();
            message = r.message;
        }
        if (!ok) {
            std::cerr << move << " refused: " << message << "\n";
            return 1;
        }
    } catch (const std::exception& e) {
        std::cerr << move << " failed: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
