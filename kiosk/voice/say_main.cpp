// motcua-say: say (or save) the announcement for a ticket call, so the office can hear its wording,
// voice and clips before the lobby does.
//   motcua-say A012 2                       play on the sound device
//   motcua-say A012 2 --out call.wav        write the whole announcement (chime included) to a WAV
//   motcua-say A012 2 --clips assets/voice  use recorded clips when they cover the sentence
#include <CLI/CLI.hpp>
#include <chrono>
#include <iostream>

#include "kiosk/voice/recording_audio_output.h"
#include "kiosk/voice/voice.h"
#include "kiosk/voice/wav_file.h"

int main(int argc, char** argv) try {
    using namespace motcua::voice;
    CLI::App app{"Say a ticket call the way the lobby display will"};
    std::string number;
    std::optional<int> counter;
    std::string counterName, field, wording(AnnouncementTemplate::kDefault), out;
    bool asNumber = false, le = false, ngan = false, bon = false, noChime = false, listVoices = false;
    VoiceSettings settings;
    app.add_option("number", number, "Ticket number, e.g. A012 (required unless --list-voices)");
    app.add_option("counter", counter, "Counter number");
    app.add_option("--counter-name", counterName, "Counter name for {counter_name}");
    app.add_option("--field", field, "Field (lĩnh vực) for {field}");
    app.add_option("--template", wording,
                   "Wording with {number} {counter} {counter_name} {field} and [optional] parts")
        ->capture_default_str();
    app.add_flag("--as-number", asNumber, "Read the digits as a number (A012 -> a mười hai), not one by one");
    app.add_flag("--le", le, "Say lẻ instead of linh (một trăm lẻ năm)");
    app.add_flag("--ngan", ngan, "Say ngàn instead of nghìn");
    app.add_flag("--bon", bon, "Say bốn instead of tư after mươi (hai mươi bốn)");
    app.add_option("--voice", settings.espeak.voice, "espeak-ng voice: vi, vi-vn-x-central, vi-vn-x-south")
        ->capture_default_str();
    app.add_option("--rate", settings.espeak.rateWpm, "Speaking rate, words per minute")
        ->capture_default_str();
    app.add_option("--clips", settings.clipDirectory,
                   "Folder of recorded clips (see assets/voice/README.md)");
    app.add_option("--repeats", settings.announcer.repeats, "Times the sentence is said")
        ->capture_default_str();
    app.add_flag("--no-chime", noChime, "No chime before the sentence");
    app.add_option("--out", out, "Write the announcement to this WAV file instead of playing it")
        ->type_name("FILE");
    app.add_flag("--list-voices", listVoices, "List the Vietnamese espeak-ng voices and exit");
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e);
    }
    if (listVoices) {
        for (const std::string& voice : EspeakSynthesizer::voices("vi")) std::cout << voice << '\n';
        return 0;
    }
    if (number.empty()) {
        std::cerr << "motcua-say: a ticket number is required (e.g. motcua-say A012 2)\n";
        return 2;
    }
    auto parsed = AnnouncementTemplate::parse(wording);
    if (!parsed.value) {
        std::cerr << "motcua-say: " << parsed.error << '\n';
        return 2;
    }
    settings.announcer.wording = *parsed.value;
    settings.announcer.chime = !noChime;
    settings.announcer.reading.ticketNumber = asNumber ? NumberStyle::AsNumber : NumberStyle::DigitByDigit;
    settings.announcer.reading.numbers = {le ? ZeroTensWord::Le : ZeroTensWord::Linh,
                                          ngan ? ThousandWord::Ngan : ThousandWord::Nghin, !bon};

    std::unique_ptr<AudioOutput> output;
    RecordingAudioOutput* recording = nullptr;
    if (!out.empty()) {
        auto owned = std::make_unique<RecordingAudioOutput>();
        recording = owned.get();
        output = std::move(owned);
    }
    Voice voice(settings, stderrLog(), std::move(output));
    const TicketCall call{number, counter, counterName, field};
    const AnnouncementText text = settings.announcer.wording.render(call, settings.announcer.reading);
    std::cout << "sentence: " << text.sentence() << '\n' << voice.describe() << '\n';

    const auto started = std::chrono::steady_clock::now();
    const Pcm speech = voice.synthesizer().synthesize(text);
    const auto took = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started);
    std::cout << "speech: " << speech.seconds() << " s at " << speech.sampleRate << " Hz, RMS " << rms(speech)
              << ", synthesised in " << took.count() << " ms\n";

    voice.announcer().announce(call);
    voice.announcer().waitUntilIdle(std::chrono::minutes(2));
    if (recording) {
        const Pcm all = recording->joined();
        writeWav(all, out);
        std::cout << "wrote " << out << ": " << all.seconds() << " s, RMS " << rms(all) << '\n';
    }
    return 0;
} catch (const std::exception& e) {
    std::cerr << "motcua-say: " << e.what() << '\n';
    return 1;
}
