#include "kiosk/voice/espeak_synthesizer.h"

#include <espeak-ng/espeak_ng.h>
#include <espeak-ng/speak_lib.h>

#include <algorithm>
#include <memory>
#include <mutex>
#include <optional>

namespace motcua::voice {
namespace {

// espeak_ng_ERROR_CONTEXT is a pointer to an opaque struct that espeak_ng_ClearErrorContext frees.
struct ErrorContextDeleter {
    void operator()(espeak_ng_ERROR_CONTEXT_* context) const noexcept {
        espeak_ng_ClearErrorContext(&context);
    }
};
using ErrorContext = std::unique_ptr<espeak_ng_ERROR_CONTEXT_, ErrorContextDeleter>;

std::string statusMessage(int status) {
    char buffer[512] = {};
    espeak_ng_GetStatusCodeMessage(static_cast<espeak_ng_STATUS>(status), buffer, sizeof buffer);
    return buffer;
}

// The process-wide espeak-ng state. Everything below runs with kMutex held.
std::mutex kMutex;
bool gInitialised = false;
std::optional<EspeakError> gInitError;  // a failed initialisation is not retried
int gSampleRate = 0;
std::string gVoice;                          // the voice espeak-ng has loaded
std::vector<std::int16_t>* gSink = nullptr;  // where the callback puts samples

int collectSamples(short* wav, int count, espeak_EVENT* /*events*/) {
    if (gSink && wav && count > 0) gSink->insert(gSink->end(), wav, wav + count);
    return 0;  // continue
}

void initialiseLocked(const std::filesystem::path& dataPath) {
    if (gInitialised) return;
    if (gInitError) throw *gInitError;
    espeak_ng_InitializePath(dataPath.empty() ? nullptr : dataPath.c_str());
    espeak_ng_ERROR_CONTEXT raw = nullptr;
    const espeak_ng_STATUS status = espeak_ng_Initialize(&raw);
    ErrorContext context(raw);
    if (status != ENS_OK) {
        gInitError = EspeakError("espeak_ng_Initialize", status);
        throw *gInitError;
    }
    const espeak_ng_STATUS output = espeak_ng_InitializeOutput(ENOUTPUT_MODE_SYNCHRONOUS, 0, nullptr);
    if (output != ENS_OK) {
        gInitError = EspeakError("espeak_ng_InitializeOutput", output);
        throw *gInitError;
    }
    espeak_SetSynthCallback(collectSamples);
    gSampleRate = espeak_ng_GetSampleRate();
    gInitialised = true;
}

void selectVoiceLocked(const std::string& voice) {
    if (gVoice == voice) return;
    const espeak_ng_STATUS status = espeak_ng_SetVoiceByName(voice.c_str());
    if (status != ENS_OK) throw EspeakError("espeak_ng_SetVoiceByName(" + voice + ")", status);
    gVoice = voice;
}

void setParameterLocked(espeak_PARAMETER parameter, int value, std::string_view name) {
    const espeak_ng_STATUS status = espeak_ng_SetParameter(parameter, value, 0);
    if (status != ENS_OK) throw EspeakError("espeak_ng_SetParameter(" + std::string(name) + ")", status);
}

}  // namespace

EspeakError::EspeakError(std::string_view call, int status)
    : std::runtime_error(std::string(call) + ": " + statusMessage(status)), m_status(status) {}

EspeakError::EspeakError(std::string_view call, const std::string& message)
    : std::runtime_error(std::string(call) + ": " + message) {}

EspeakSynthesizer::EspeakSynthesizer(EspeakSettings settings) : m_settings(std::move(settings)) {
    m_settings.rateWpm = std::clamp(m_settings.rateWpm, espeakRATE_MINIMUM, espeakRATE_MAXIMUM);
    m_settings.pitch = std::clamp(m_settings.pitch, 0, 100);
    m_settings.volume = std::clamp(m_settings.volume, 0, 200);
    m_settings.wordGapMs = std::max(0, m_settings.wordGapMs);
    std::lock_guard lock(kMutex);
    initialiseLocked(m_settings.dataPath);
    selectVoiceLocked(m_settings.voice);
    m_sampleRate = gSampleRate;
}

Pcm EspeakSynthesizer::synthesize(const AnnouncementText& text) {
    return synthesizeSentence(text.sentence());
}

Pcm EspeakSynthesizer::synthesizeSentence(std::string_view utf8) {
    Pcm pcm{m_sampleRate, {}};
    if (utf8.empty()) return pcm;
    const std::string text(utf8);  // espeak-ng wants it NUL-terminated
    std::lock_guard lock(kMutex);
    selectVoiceLocked(m_settings.voice);
    setParameterLocked(espeakRATE, m_settings.rateWpm, "rate");
    setParameterLocked(espeakPITCH, m_settings.pitch, "pitch");
    setParameterLocked(espeakVOLUME, m_settings.volume, "volume");
    setParameterLocked(espeakWORDGAP, m_settings.wordGapMs / 10, "word gap");
    gSink = &pcm.samples;
    const espeak_ng_STATUS status = espeak_ng_Synthesize(text.c_str(), text.size() + 1, 0, POS_CHARACTER, 0,
                                                         espeakCHARS_UTF8, nullptr, nullptr);
    const espeak_ng_STATUS sync = status == ENS_OK ? espeak_ng_Synchronize() : status;
    gSink = nullptr;
    if (status != ENS_OK) throw EspeakError("espeak_ng_Synthesize", status);
    if (sync != ENS_OK) throw EspeakError("espeak_ng_Synchronize", sync);
    // espeak-ng starts and ends with a little silence of its own; the announcer adds its own pauses.
    return trimSilence(pcm, 64, std::chrono::milliseconds(30));
}

std::string EspeakSynthesizer::describe() const {
    return "espeak-ng voice " + m_settings.voice + ", " + std::to_string(m_settings.rateWpm) + " words/min";
}

std::vector<std::string> EspeakSynthesizer::voices(std::string_view language,
                                                   const std::filesystem::path& dataPath) {
    std::lock_guard lock(kMutex);
    initialiseLocked(dataPath);
    const std::string wanted(language);
    espeak_VOICE spec{};
    spec.languages = wanted.c_str();
    std::vector<std::string> names;
    const espeak_VOICE** list = espeak_ListVoices(&spec);
    for (; list && *list; ++list) {
        // languages: a priority byte, then a NUL-terminated name, repeated; ends with a zero byte.
        const char* languages = (*list)->languages;
        if (languages && languages[0] != 0) names.emplace_back(languages + 1);
    }
    return names;
}

}  // namespace motcua::voice
