// A kiosk whose server stops answering (issue 15, point 1): the connection is reset and every new one
// is accepted and never answered (tests/support/tcp_gate.h: a relay the test turns into a black hole;
// what a pulled cable or a PC switched off looks like to a program trying to reconnect). The kiosk
// keeps drawing frames while its connection attempt waits for the server (the attempt is moved on
// from the frame loop without waiting, queue/postgres.cpp), shows the lost-server banner, and is back
// by itself once the address answers again.
//
// Counted, not timed: the test draws frames until 100 of them have run entirely while the gate held
// the kiosk's unanswered connection attempt (a kiosk that waited inside its connect would draw none:
// when its wait ends, the attempt is closed). The worst gap between two frames is printed, not
// asserted (the README quotes it).
#include <fmt/format.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <iostream>
#include <string>
#include <thread>

#include "kiosk/ui/connection_banner.h"
#include "kiosk_fixture.h"
#include "support/tcp_gate.h"
#include "support/test_store.h"

using namespace motcua;
using namespace motcua::testing;

namespace {

bool shows(kiosk::KioskProgram& program, const std::string& text) {
    for (const auto& t : program.app().visibleTexts())
        if (t.text.find(text) != std::string::npos) return true;
    return false;
}

}  // namespace

TEST_CASE("A kiosk keeps drawing frames, with the lost-server banner, while its server does not answer",
          "[kiosk][server][postgres-only]") {
    TempDir dir;
    TestDatabase store(dir.path(), StoreKind::Postgres);
    initialiseOffice(store.location());
    TcpGate gate(TcpGate::portOf(store.location()));
    KioskFixture f({1080, 1920}, "server-unanswered");
    auto options = f.options();
    options.program.db = gate.url(store.location());
    auto& program = f.start(options);
    auto& clock = *program.manualClock();
    const std::string lost(ui::kConnectionLostVi);

    const auto frame = [&] {
        clock.advance(100);
        program.app().frame();
    };
    for (int i = 0; i < 20; ++i) frame();
    REQUIRE_FALSE(shows(program, lost));

    gate.cut();
    int framesWhileHeld = 0;
    int framesWithBanner = 0;
    auto worstGap = std::chrono::steady_clock::duration::zero();
    for (int i = 0; i < 20000 && framesWhileHeld < 100; ++i) {
        const bool heldBefore = gate.held() > 0;
        const auto start = std::chrono::steady_clock::now();
        frame();
        worstGap = std::max(worstGap, std::chrono::steady_clock::now() - start);
        if (heldBefore && gate.held() > 0) {
            ++framesWhileHeld;
            if (shows(program, lost)) ++framesWithBanner;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    CHECK(framesWhileHeld == 100);
    CHECK(framesWithBanner >= 90);  // the first frames after the cut may come before the check every 500 ms
    CHECK(program.app().screenErrors() == 0);
    std::cout << fmt::format(
        "server-unanswered: {} frames drawn while the kiosk's connection attempt waited unanswered; "
        "longest frame {:.1f} ms\n",
        framesWhileHeld, std::chrono::duration<double, std::milli>(worstGap).count());

    gate.restore();
    for (int i = 0; i < 600 && shows(program, lost); ++i) {  // attempts are 2 s apart: at most a minute
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        frame();
    }
    CHECK_FALSE(shows(program, lost));
    CHECK(program.app().screenErrors() == 0);
}
