// How much free disk space the office PC needs beside its database (the `doctor` disk check).
//
// The database grows by about 0.8 KB per ticket with its events (bench_report: 1.1 million tickets
// in 855 MiB), some 40 MB a year for a 200-ticket-a-day office; the daily backup timer keeps 30
// copies of it on the same disk. Writing needs room for:
//   - a backup or a restore: one more copy of the database (restore keeps the old one by hard link);
//   - the WAL, which grows until the next checkpoint, and the checkpoint, which may grow the file.
// Below one copy plus a margin the next backup fails and SQLite may answer "database or disk is
// full" in the middle of the day: FAIL. Below three copies (backup + restore + WAL) or 1 GiB (the
// 30 backups grow by 30 times the daily growth: weeks of warning for a small office) it is time
// to clean up or add space: WARN.
#pragma once

#include <cstdint>

namespace motcua::cli {

inline constexpr std::uintmax_t kDiskMarginBytes = 64ull << 20;  // 64 MiB
inline constexpr std::uintmax_t kDiskWarnBytes = 1ull << 30;     // 1 GiB

enum class DiskRoom { Enough, Low, TooLow };

constexpr DiskRoom assessDiskRoom(std::uintmax_t available, std::uintmax_t databaseBytes) {
    if (available < databaseBytes + kDiskMarginBytes) return DiskRoom::TooLow;
    const std::uintmax_t comfortable =
        3 * databaseBytes > kDiskWarnBytes ? 3 * databaseBytes : kDiskWarnBytes;
    return available < comfortable ? DiskRoom::Low : DiskRoom::Enough;
}

}  // namespace motcua::cli
