// Pictograms: code points of the Material Icons font (Debian fonts-material-design-icons-iconfont,
// Apache-2.0), drawn with FontWeight::Icon. Names follow the font's own.
#pragma once

namespace motcua::ui::icons {

inline constexpr char32_t kConfirmationNumber = 0xE638;  // a ticket
inline constexpr char32_t kMenuBook = 0xEA19;
inline constexpr char32_t kSearch = 0xE8B6;
inline constexpr char32_t kStar = 0xE838;
inline constexpr char32_t kChevronRight = 0xE5CC;
inline constexpr char32_t kArrowBack = 0xE5C4;
inline constexpr char32_t kArrowForward = 0xE5C8;
inline constexpr char32_t kBackspace = 0xE14A;
inline constexpr char32_t kHome = 0xE88A;
inline constexpr char32_t kLanguage = 0xE894;
inline constexpr char32_t kTextIncrease = 0xEAE2;
inline constexpr char32_t kContrast = 0xEB37;
inline constexpr char32_t kRadioChecked = 0xE837;
inline constexpr char32_t kRadioUnchecked = 0xE836;
inline constexpr char32_t kPerson = 0xE7FD;
inline constexpr char32_t kElderly = 0xF21A;
inline constexpr char32_t kAccessible = 0xE914;
inline constexpr char32_t kPregnantWoman = 0xE91E;
inline constexpr char32_t kMilitaryTech = 0xEA3F;
inline constexpr char32_t kChildFriendly = 0xEB42;
inline constexpr char32_t kVolumeUp = 0xE050;
inline constexpr char32_t kHeadphones = 0xF01F;
inline constexpr char32_t kReplay = 0xE042;
inline constexpr char32_t kStop = 0xE047;
inline constexpr char32_t kPrint = 0xE8AD;
inline constexpr char32_t kWarning = 0xE002;
inline constexpr char32_t kSupportAgent = 0xF0E2;
inline constexpr char32_t kArrowDownward = 0xE5DB;
inline constexpr char32_t kDoubleArrowDown = 0xEAD0;
inline constexpr char32_t kSchedule = 0xE8B5;
inline constexpr char32_t kCalculate = 0xEA5F;
inline constexpr char32_t kAccountBalance = 0xE84F;
inline constexpr char32_t kCheckCircle = 0xE86C;
inline constexpr char32_t kTimer = 0xE425;
inline constexpr char32_t kSentimentVerySatisfied = 0xE815;
inline constexpr char32_t kSentimentSatisfied = 0xE813;
inline constexpr char32_t kSentimentNeutral = 0xE812;
inline constexpr char32_t kSentimentDissatisfied = 0xE811;
inline constexpr char32_t kSentimentVeryDissatisfied = 0xE814;
inline constexpr char32_t kPriorityHigh = 0xE645;
inline constexpr char32_t kTouchApp = 0xE913;
inline constexpr char32_t kCloudOff = 0xE2C1;    // no connection to the server
inline constexpr char32_t kFolderOpen = 0xE2C8;  // a dossier (results, additional papers)

}  // namespace motcua::ui::icons
