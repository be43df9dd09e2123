// Rows for the one summary table that scripts/bench.sh prints over every benchmark. A program keeps
// printing its own detailed table; it also hands its key figures to a BenchResults, which appends
// each one as a TSV line to the file named by $MOTCUA_BENCH_RESULTS (and does nothing when the
// variable is unset, so a program run by hand prints exactly what it always did).
//
// Line format (tab-separated, one figure per line, fields never contain tabs or newlines):
//   program  figure  value  unit  target  meets  baseline-name  baseline-value  ratio
// target is "<= 10" / ">= 0.17" (in the figure's unit) or "-"; meets is "yes", "no" or "-" (no
// target); baseline-name, baseline-value and ratio (value / baseline, as measured in the same run)
// are "-" when the figure has no natural baseline.
#pragma once

#include <fmt/format.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <utility>

namespace motcua::bench {

// What a figure should be: at most or at least a limit, in the figure's own unit.
struct Target {
    enum class Kind { None, AtMost, AtLeast };
    Kind kind = Kind::None;
    double limit = 0;

    static Target atMost(double limit) { return {Kind::AtMost, limit}; }
    static Target atLeast(double limit) { return {Kind::AtLeast, limit}; }
    bool met(double value) const {
        return kind == Kind::AtMost ? value <= limit : kind == Kind::AtLeast ? value >= limit : true;
    }
};

// The same quantity done the obvious other way, measured in the same run (a bare SQLite commit, a
// linear scan, the raw bitmap...).
struct Baseline {
    std::string name;
    double value = 0;
};

class BenchResults {
  public:
    explicit BenchResults(std::string program) : m_program(std::move(program)) {
        if (const char* path = std::getenv("MOTCUA_BENCH_RESULTS"); path && *path) m_path = path;
    }

    // Appends the figure at once, so the figures recorded before a crash are not lost.
    void add(const std::string& figure, double value, const std::string& unit, Target target = {},
             const std::optional<Baseline>& baseline = std::nullopt) const {
        if (m_path.empty()) return;
        std::string targetText = "-", meets = "-";
        if (target.kind != Target::Kind::None) {
            targetText =
                fmt::format("{} {}", target.kind == Target::Kind::AtMost ? "<=" : ">=", number(target.limit));
            meets = target.met(value) && std::isfinite(value) ? "yes" : "no";
        }
        std::string baseName = "-", baseValue = "-", ratio = "-";
        if (baseline) {
            baseName = clean(baseline->name);
            baseValue = number(baseline->value);
            ratio = baseline->value != 0 ? number(value / baseline->value) : "-";
        }
        const std::string line =
            fmt::format("{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\n", clean(m_program), clean(figure),
                        number(value), clean(unit), targetText, meets, baseName, baseValue, ratio);
        // One short write in append mode: lines from programs run one after another never interleave.
        if (std::FILE* out = std::fopen(m_path.c_str(), "a")) {
            std::fputs(line.c_str(), out);
            std::fclose(out);
        }
    }

  private:
    static std::string number(double v) { return std::isfinite(v) ? fmt::format("{:.6g}", v) : "nan"; }
    static std::string clean(std::string text) {
        for (char& c : text) {
            if (c == '\t' || c == '\n' || c == '\r') c = ' ';
        }
        return text.empty() ? "-" : text;
    }

    std::string m_program;
    std::string m_path;
};

}  // namespace motcua::bench
