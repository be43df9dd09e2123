#include "kiosk/voice/sdl_audio_output.h"

#include <SDL.h>

#include <condition_variable>
#include <mutex>
#include <vector>

#include "kiosk/voice/silent_audio_output.h"

namespace motcua::voice {
namespace {

// One reference on SDL's audio subsystem.
class AudioSubsystem {
  public:
    AudioSubsystem() {
        if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) throw SdlAudioError("SDL_InitSubSystem(SDL_INIT_AUDIO)");
    }
    AudioSubsystem(const AudioSubsystem&) = delete;
    AudioSubsystem& operator=(const AudioSubsystem&) = delete;
    ~AudioSubsystem() { SDL_QuitSubSystem(SDL_INIT_AUDIO); }
};

// An open playback device. SDL_AudioDeviceID is an integer, so no unique_ptr.
class AudioDevice {
  public:
    AudioDevice(const std::string& name, const SDL_AudioSpec& wanted, SDL_AudioSpec& obtained)
        : m_id(SDL_OpenAudioDevice(name.empty() ? nullptr : name.c_str(), 0, &wanted, &obtained, 0)) {
        if (m_id == 0)
            throw SdlAudioError("SDL_OpenAudioDevice(" + (name.empty() ? std::string("default") : name) +
                                ")");
    }
    AudioDevice(const AudioDevice&) = delete;
    AudioDevice& operator=(const AudioDevice&) = delete;
    ~AudioDevice() { SDL_CloseAudioDevice(m_id); }
    SDL_AudioDeviceID id() const noexcept { return m_id; }

  private:
    SDL_AudioDeviceID m_id;
};

struct AudioStreamDeleter {
    void operator()(SDL_AudioStream* stream) const noexcept { SDL_FreeAudioStream(stream); }
};
using AudioStream = std::unique_ptr<SDL_AudioStream, AudioStreamDeleter>;

// `pcm` at `rate` (SDL's own resampler, better than ours), 16-bit mono.
std::vector<std::int16_t> convert(const Pcm& pcm, int rate) {
    if (pcm.sampleRate == rate) return pcm.samples;
    AudioStream stream(SDL_NewAudioStream(AUDIO_S16SYS, 1, pcm.sampleRate, AUDIO_S16SYS, 1, rate));
    if (!stream) throw SdlAudioError("SDL_NewAudioStream");
    if (SDL_AudioStreamPut(stream.get(), pcm.samples.data(), static_cast<int>(pcm.samples.size() * 2)) != 0) {
        throw SdlAudioError("SDL_AudioStreamPut");
    }
    if (SDL_AudioStreamFlush(stream.get()) != 0) throw SdlAudioError("SDL_AudioStreamFlush");
    std::vector<std::int16_t> out(static_cast<std::size_t>(SDL_AudioStreamAvailable(stream.get())) / 2);
    const int got = SDL_AudioStreamGet(stream.get(), out.data(), static_cast<int>(out.size() * 2));
    if (got < 0) throw SdlAudioError("SDL_AudioStreamGet");
    out.resize(static_cast<std::size_t>(got) / 2);
    return out;
}

}  // namespace

SdlAudioError::SdlAudioError(std::string_view call)
    : std::runtime_error(std::string(call) + ": " + SDL_GetError()) {}

struct SdlAudioOutput::Impl {
    SdlAudioSettings settings;
    LogSink log;
    AudioSubsystem subsystem;
    SDL_AudioSpec spec{};
    std::unique_ptr<AudioDevice> device;
    std::string driver;
    std::mutex mutex;
    std::condition_variable wake;
    bool interrupted = false;
    bool cut = false;  // cutShort(): the play in progress stops, later ones play

    Impl(SdlAudioSettings s, LogSink l) : settings(std::move(s)), log(std::move(l)) {
        SDL_AudioSpec wanted{};
        wanted.freq = settings.sampleRate > 0 ? settings.sampleRate : 22050;
        wanted.format = AUDIO_S16SYS;
        wanted.channels = 1;
        wanted.samples = 1024;  // about 46 ms at 22050 Hz: the delay between queue-empty and silence
        // No allowed changes: SDL converts from this format to whatever the hardware wants.
        device = std::make_unique<AudioDevice>(settings.device, wanted, spec);
        driver = SDL_GetCurrentAudioDriver() ? SDL_GetCurrentAudioDriver() : "?";
    }

    // Waits up to `ms` unless interrupted; true when interrupted.
    bool sleep(std::chrono::milliseconds ms) {
        std::unique_lock lock(mutex);
        const bool stop = wake.wait_for(lock, ms, [this] { return interrupted || cut; });
        cut = false;
        return stop;
    }
};

SdlAudioOutput::SdlAudioOutput(SdlAudioSettings settings, LogSink log)
    : m_impl(std::make_unique<Impl>(std::move(settings), std::move(log))) {}

SdlAudioOutput::~SdlAudioOutput() = default;

PlayOutcome SdlAudioOutput::play(const Pcm& pcm) {
    Impl& impl = *m_impl;
    {
        std::lock_guard lock(impl.mutex);
        if (impl.interrupted) return PlayOutcome::Interrupted;
        impl.cut = false;  // a cut asked for before this play began was for an earlier one
    }
    if (pcm.empty()) return PlayOutcome::Played;
    const std::vector<std::int16_t> samples = convert(pcm, impl.spec.freq);
    const SDL_AudioDeviceID id = impl.device->id();
    if (SDL_QueueAudio(id, samples.data(), static_cast<Uint32>(samples.size() * 2)) != 0) {
        throw SdlAudioError("SDL_QueueAudio");
    }
    SDL_PauseAudioDevice(id, 0);
    // Wait for the queue to drain, then for the device's own buffer to be heard. A device that stops
    // taking data (unplugged speakers) must not stall the announcements: give up after the sound's
    // length plus two seconds.
    const auto length =
        std::chrono::milliseconds(static_cast<std::int64_t>(samples.size()) * 1000 / impl.spec.freq);
    const auto deadline = std::chrono::steady_clock::now() + length + std::chrono::seconds(2);
    while (SDL_GetQueuedAudioSize(id) > 0) {
        if (impl.sleep(std::chrono::milliseconds(10))) {
            SDL_ClearQueuedAudio(id);
            return PlayOutcome::Interrupted;
        }
        if (std::chrono::steady_clock::now() > deadline) {
            SDL_ClearQueuedAudio(id);
            if (impl.log) impl.log("sound device stopped taking data (" + describe() + "); sound dropped");
            return PlayOutcome::Played;
        }
    }
    const auto bufferTime = std::chrono::milliseconds(impl.spec.samples * 1000 / impl.spec.freq);
    return impl.sleep(bufferTime) ? PlayOutcome::Interrupted : PlayOutcome::Played;
}

void SdlAudioOutput::interrupt() {
    {
        std::lock_guard lock(m_impl->mutex);
        m_impl->interrupted = true;
    }
    m_impl->wake.notify_all();
}

void SdlAudioOutput::cutShort() {
    {
        std::lock_guard lock(m_impl->mutex);
        m_impl->cut = true;
    }
    m_impl->wake.notify_all();
}

std::string SdlAudioOutput::describe() const {
    const std::string& name = m_impl->settings.device;
    return "SDL audio (" + m_impl->driver + "): " + (name.empty() ? std::string("default device") : name) +
           ", " + std::to_string(m_impl->spec.freq) + " Hz";
}

std::unique_ptr<AudioOutput> openAudioOutput(const SdlAudioSettings& settings, LogSink log) {
    try {
        auto output = std::make_unique<SdlAudioOutput>(settings, log);
        if (log) log("announcements play on " + output->describe());
        return output;
    } catch (const SdlAudioError& e) {
        return std::make_unique<SilentAudioOutput>(e.what(), std::move(log));
    }
}

}  // namespace motcua::voice
