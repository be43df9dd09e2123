#include "kiosk/voice/pulse_headphone_watch.h"

#include <pulse/pulseaudio.h>

#include <cstdlib>
#include <mutex>
#include <utility>

namespace motcua::voice {

namespace {
#if PA_CHECK_VERSION(14, 0, 0)
// The running libpulse's major version ("16.1.0": 16).
int libraryMajor() {
    const char* version = pa_get_library_version();
    return version ? std::atoi(version) : 0;
}
#endif

// The port's type: a field of the structure libpulse fills from 14 on only (the package may meet an
// older library: its dependency is what dpkg-shlibdeps finds, libpulse0 >= 5.0), Unknown before.
PortType typeOf(const pa_sink_port_info& port) {
#if PA_CHECK_VERSION(14, 0, 0)
    static const bool hasType = libraryMajor() >= 14;
    if (!hasType) return PortType::Unknown;
    switch (port.type) {
        case PA_DEVICE_PORT_TYPE_HEADPHONES:
            return PortType::Headphones;
        case PA_DEVICE_PORT_TYPE_HEADSET:
            return PortType::Headset;
        case PA_DEVICE_PORT_TYPE_UNKNOWN:
            return PortType::Unknown;
        default:
            return PortType::Other;
    }
#else
    (void)port;
    return PortType::Unknown;
#endif
}

}  // namespace

SinkDescription describeSink(const pa_sink_info& info) {
    SinkDescription sink;
    if (info.name) sink.name = info.name;
    if (const pa_sink_port_info* active = info.active_port) {
        SinkPort port;
        if (active->name) port.name = active->name;
        switch (active->available) {
            case PA_PORT_AVAILABLE_YES:
                port.available = PortAvailable::Yes;
                break;
            case PA_PORT_AVAILABLE_NO:
                port.available = PortAvailable::No;
                break;
            default:
                port.available = PortAvailable::Unknown;
                break;
        }
        port.type = typeOf(*active);
        sink.activePort = std::move(port);
    }
    if (info.proplist) {
        if (const char* formFactor = pa_proplist_gets(info.proplist, PA_PROP_DEVICE_FORM_FACTOR))
            sink.formFactor = formFactor;
    }
    return sink;
}

namespace {

std::string detailOf(const SinkDescription& sink) {
    std::string detail = "sink " + sink.name;
    if (sink.activePort) {
        detail += ", port ";
        detail += sink.activePort->name;
    }
    if (!sink.formFactor.empty()) {
        detail += ", form factor ";
        detail += sink.formFactor;
    }
    return detail;
}

class PulseHeadphoneWatch final : public HeadphoneWatch {
  public:
    explicit PulseHeadphoneWatch(PulseWatchOptions options) : m_options(std::move(options)) {
        m_loop = pa_threaded_mainloop_new();
        if (!m_loop) {
            publish(Headphones::Unknown, "libpulse could not make its main loop");
            return;
        }
        pa_threaded_mainloop_set_name(m_loop, "headphone-watch");
        // The loop's thread is not running yet: nothing to lock.
        connect();
        if (pa_threaded_mainloop_start(m_loop) < 0) {
            publish(Headphones::Unknown, "libpulse could not start its thread");
            closeContext();
            pa_threaded_mainloop_free(m_loop);
            m_loop = nullptr;
        }
    }

    ~PulseHeadphoneWatch() override {
        if (!m_loop) return;
        pa_threaded_mainloop_lock(m_loop);
        if (m_retry) {
            pa_threaded_mainloop_get_api(m_loop)->time_free(m_retry);
            m_retry = nullptr;
        }
        closeContext();
        pa_threaded_mainloop_unlock(m_loop);
        pa_threaded_mainloop_stop(m_loop);
        pa_threaded_mainloop_free(m_loop);
    }

    PulseHeadphoneWatch(const PulseHeadphoneWatch&) = delete;
    PulseHeadphoneWatch& operator=(const PulseHeadphoneWatch&) = delete;

    std::optional<HeadphoneReport> poll() override {
        std::lock_guard lock(m_mutex);
        if (!m_current || (m_reported && *m_reported == m_current->state)) return std::nullopt;
        m_reported = m_current->state;
        return m_current;
    }

    std::string describe() const override {
        return "PulseAudio or PipeWire at " +
               (m_options.server.empty() ? "the default server" : m_options.server);
    }

  private:
    // Everything below runs on the loop's thread (or before it starts, or under its lock).

    void connect() {
        closeContext();
        m_asking = false;
        m_askAgain = false;
        pa_proplist* props = pa_proplist_new();
        pa_proplist_sets(props, PA_PROP_APPLICATION_NAME, "motcua-kiosk");
        pa_proplist_sets(props, PA_PROP_APPLICATION_ID, "vn.motcua.kiosk");
        m_context = pa_context_new_with_proplist(pa_threaded_mainloop_get_api(m_loop), "motcua-kiosk", props);
        pa_proplist_free(props);
        if (!m_context) {
            publish(Headphones::Unknown, "libpulse could not make a context");
            return;
        }
        pa_context_set_state_callback(m_context, &PulseHeadphoneWatch::onState, this);
        const char* server = m_options.server.empty() ? nullptr : m_options.server.c_str();
        if (pa_context_connect(m_context, server, PA_CONTEXT_NOAUTOSPAWN, nullptr) < 0) lost();
    }

    void closeContext() {
        if (!m_context) return;
        pa_context_set_state_callback(m_context, nullptr, nullptr);
        pa_context_set_subscribe_callback(m_context, nullptr, nullptr);
        pa_context_disconnect(m_context);
        pa_context_unref(m_context);
        m_context = nullptr;
    }

    // No server, or it went away: Unknown, and another try later (from the loop, never from inside
    // the context's own callback).
    void lost() {
        std::string why = "no sound server answers";
        if (m_context) {
            why += ": ";
            why += pa_strerror(pa_context_errno(m_context));
        }
        publish(Headphones::Unknown, why);
        if (m_retry) return;
        timeval when{};
        pa_gettimeofday(&when);
        pa_timeval_add(&when, static_cast<pa_usec_t>(m_options.retry.count()) * PA_USEC_PER_MSEC);
        m_retry = pa_threaded_mainloop_get_api(m_loop)->time_new(pa_threaded_mainloop_get_api(m_loop), &when,
                                                                 &PulseHeadphoneWatch::onRetry, this);
    }

    // Asks for the default sink; one question at a time, asked again when something changed meanwhile.
    void ask() {
        if (m_asking) {
            m_askAgain = true;
            return;
        }
        pa_operation* op =
            pa_context_get_sink_info_by_name(m_context, "@DEFAULT_SINK@", &PulseHeadphoneWatch::onSink, this);
        if (!op) return;  // the context is failing: its state callback follows
        pa_operation_unref(op);
        m_asking = true;
        m_askAgain = false;
    }

    void publish(Headphones state, std::string detail) {
        std::lock_guard lock(m_mutex);
        m_current = HeadphoneReport{state, std::move(detail)};
    }

    static void onState(pa_context* context, void* self) {
        auto& watch = *static_cast<PulseHeadphoneWatch*>(self);
        switch (pa_context_get_state(context)) {
            case PA_CONTEXT_READY: {
                pa_context_set_subscribe_callback(context, &PulseHeadphoneWatch::onEvent, self);
                const auto mask = static_cast<pa_subscription_mask_t>(
                    PA_SUBSCRIPTION_MASK_SINK | PA_SUBSCRIPTION_MASK_SERVER | PA_SUBSCRIPTION_MASK_CARD);
                if (pa_operation* op = pa_context_subscribe(context, mask, nullptr, nullptr))
                    pa_operation_unref(op);
                watch.ask();
                break;
            }
            case PA_CONTEXT_FAILED:
            case PA_CONTEXT_TERMINATED:
                watch.lost();
                break;
            default:
                break;
        }
    }

    static void onEvent(pa_context*, pa_subscription_event_type_t, uint32_t, void* self) {
        // A sink came, went or changed (a port's availability: a jack), a card changed, or the server's
        // default sink did: whichever it was, the default sink is asked for again.
        static_cast<PulseHeadphoneWatch*>(self)->ask();
    }

    static void onSink(pa_context* context, const pa_sink_info* info, int eol, void* self) {
        auto& watch = *static_cast<PulseHeadphoneWatch*>(self);
        if (eol == 0 && info) {
            const auto sink = describeSink(*info);
            watch.m_answer = HeadphoneReport{headphonesIn(sink) ? Headphones::Plugged : Headphones::Unplugged,
                                             detailOf(sink)};
            return;
        }
        if (eol < 0) {
            // No default sink (none at all): sound goes nowhere, so not to headphones.
            std::string why = "no default sink: ";
            why += pa_strerror(pa_context_errno(context));
            watch.m_answer = HeadphoneReport{Headphones::Unplugged, why};
        }
        if (watch.m_answer) watch.publish(watch.m_answer->state, std::move(watch.m_answer->detail));
        watch.m_answer.reset();
        watch.m_asking = false;
        if (watch.m_askAgain) watch.ask();
    }

    static void onRetry(pa_mainloop_api* api, pa_time_event* event, const timeval*, void* self) {
        auto& watch = *static_cast<PulseHeadphoneWatch*>(self);
        api->time_free(event);
        watch.m_retry = nullptr;
        watch.connect();
    }

    PulseWatchOptions m_options;
    pa_threaded_mainloop* m_loop = nullptr;
    pa_context* m_context = nullptr;
    pa_time_event* m_retry = nullptr;
    bool m_asking = false;
    bool m_askAgain = false;
    std::optional<HeadphoneReport> m_answer;  // the sink being read

    std::mutex m_mutex;  // guards what the UI thread reads
    std::optional<HeadphoneReport> m_current;
    std::optional<Headphones> m_reported;
};

}  // namespace

std::unique_ptr<HeadphoneWatch> makePulseHeadphoneWatch(PulseWatchOptions options) {
    return std::make_unique<PulseHeadphoneWatch>(std::move(options));
}

}  // namespace motcua::voice
