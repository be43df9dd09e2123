// Vietnamese typing as pure functions on UTF-8 text, used by the on-screen keyboard and TextInput and
// tested without SDL. Each function edits the last word of the text (after the last space) and
// returns the whole text in NFC.
//
// Tone placement follows the new style (hoà, hoè, thuý), see domain notes 5.2: a vowel with a mark
// (â ă ê ô ơ ư) takes the tone (the second of ươ); otherwise a single vowel; otherwise the last vowel
// when a final consonant follows; the middle of three; the second of oa/oe/uy; else the first.
// "qu" and "gi" before another vowel belong to the initial consonant (quý, giá).
#pragma once

#include <string>
#include <string_view>

namespace motcua::ui {

// sắc, huyền, hỏi, ngã, nặng.
enum class Tone { None, Acute, Grave, Hook, Tilde, Dot };
enum class ToneStyle { New, Old };

// The direct tone keys: puts tone on the last word (placed by the rule), or takes it off when the word
// already has that tone. Unchanged when the last word has no vowel.
std::string applyTone(std::string_view text, Tone tone, ToneStyle style = ToneStyle::New);

// The direct letter keys ă â đ ê ô ơ ư (or their capitals): turns the last matching letter of the
// word's vowel group into this one (đ: an initial d), keeping case and tone; when nothing matches, the
// letter is typed.
std::string applyLetterKey(std::string_view text, char32_t letter, ToneStyle style = ToneStyle::New);

// One keystroke in Telex: aa â, aw ă, ee ê, oo ô, ow ơ, uw ư, uow ươ, w ư, dd đ; tones s f r x j,
// z removes; a repeated key undoes its effect and types the letter ("ass" -> "as"). Keys that do not
// compose are appended as typed.
std::string telexType(std::string_view text, char32_t key, ToneStyle style = ToneStyle::New);
// Types every character of keys through telexType, starting from empty text.
std::string telexCompose(std::string_view keys, ToneStyle style = ToneStyle::New);

// The tone the last word carries now (None when it has none or is not a Vietnamese word).
Tone toneOfLastWord(std::string_view text);

}  // namespace motcua::ui
