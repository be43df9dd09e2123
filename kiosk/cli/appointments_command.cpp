// `motcua appointments`: the day's bookings (the console shows them to officers; this is the same
// list for the office head and scripts), and `motcua appointments cancel CODE` for a citizen who
// phones the office to cancel (on the phone itself: /dat-lich/cua-toi).
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "kiosk/cli/cli.h"
#include "queue/appointments.h"
#include "queue/citizen_card.h"
#include "queue/queue_service.h"
#include "queue/ticket_links.h"

namespace motcua::cli {

namespace {

struct AppointmentArgs {
    std::string day;
    std::string code;
};

nlohmann::json toJson(const queue::Appointment& a) {
    nlohmann::json j = {{"code", queue::TicketLinks::printedShortCode(a.code)},
                        {"service", a.serviceCode},
                        {"day", a.day},
                        {"slot", queue::slotText(a.startMinute, a.endMinute)},
                        {"state", queue::toString(a.state)}};
    if (a.ticketNumber) j["number"] = *a.ticketNumber;
    return j;
}

std::string line(const queue::Appointment& a) {
    std::string text =
        fmt::format("{}  {}  {}  {}", queue::slotText(a.startMinute, a.endMinute),
                    queue::TicketLinks::printedShortCode(a.code), a.serviceCode, queue::toString(a.state));
    if (a.ticketNumber) text += " " + *a.ticketNumber;
    return text;
}

}  // namespace

void registerAppointmentsCommand(CLI::App& app, Context& ctx) {
    auto args = std::make_shared<AppointmentArgs>();
    auto* list =
        app.add_subcommand("appointments", "List a day's appointments booked on motcua-web (default: today)");
    list->add_option("--day", args->day, "The business day, YYYY-MM-DD");
    list->callback([&ctx, args, list] {
        if (list->get_subcommands().size() > 0) return;  // `appointments cancel`
        ctx.action = [&ctx, args] {
            queue::QueueService q(ctx.database(), ctx.clock);
            queue::AppointmentBook book(q, ctx.clock);
            const std::string day = args->day.empty() ? q.businessDay() : args->day;
            if (!queue::parseIsoDate(day))
                throw CommandError(Exit::Usage, fmt::format("--day {}: not a date (YYYY-MM-DD)", day));
            nlohmann::json all = nlohmann::json::array();
            std::string text;
            for (const auto& a : book.ofDay(day)) {
                all.push_back(toJson(a));
                text += line(a) + "\n";
            }
            if (text.empty()) text = fmt::format("no appointment on {}\n", day);
            text.pop_back();
            ctx.print({{"day", day}, {"appointments", all}}, text);
        };
    });
    auto* cancel = list->add_subcommand(
        "cancel", "Cancel a booking not yet checked in (its time is free to book again)");
    cancel->add_option("CODE", args->code, "The appointment's code (ABCDE-FGHJK)")->required();
    cancel->callback([&ctx, args] {
        ctx.action = [&ctx, args] {
            queue::QueueService q(ctx.database(), ctx.clock);
            queue::AppointmentBook book(q, ctx.clock);
            const auto found = book.find(args->code);
            if (!found)
                throw CommandError(Exit::Usage, fmt::format("no appointment has the code {}", args->code));
            const auto done = book.cancel(found->id, std::nullopt);
            if (!done.ok())
                throw CommandError(Exit::NotAllowed,
                                   fmt::format("the appointment {} is {}: only a booked one can be cancelled "
                                               "(nothing was changed)",
                                               queue::TicketLinks::printedShortCode(found->code),
                                               queue::toString(found->state)));
            auto j = toJson(*done.appointment);
            j["state"] = "cancelled";
            ctx.print(j,
                      fmt::format("cancelled: {} {} {} {}", done.appointment->day,
                                  queue::slotText(done.appointment->startMinute, done.appointment->endMinute),
                                  queue::TicketLinks::printedShortCode(done.appointment->code),
                                  done.appointment->serviceCode));
        };
    });
}

}  // namespace motcua::cli
