#include "queue/catalogue_files.h"

#include <fmt/format.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <chrono>
#include <set>

#include "queue/sqlite.h"
#include "queue/vietnamese.h"
#include "text/normalize.h"
#include "text/utf8.h"

namespace motcua::queue {

using text::codePointCount;
using text::isNfc;
using text::toNfc;

namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";
constexpr std::string_view kStepSeparator = " | ";
constexpr std::string_view kDatabase = "(database)";

struct ColumnSpec {
    std::string_view name;
    bool required;
    std::size_t maxChars;
    bool optionalInHeader = false;  // added after the first release: a file without it reads as all empty
};

constexpr std::array kFieldColumns = {
    ColumnSpec{"code", true, 32},          ColumnSpec{"name", true, 200},
    ColumnSpec{"name_en", false, 200},     ColumnSpec{"sort_order", false, 9},
    ColumnSpec{"service_code", false, 32}, ColumnSpec{"note", false, 2000},
    ColumnSpec{"source", false, 2000},     ColumnSpec{"certainty", true, 6},
};
// The procedure columns by index, as readCatalogueFiles uses them.
enum ProcedureColumn : std::size_t {
    kPCode,
    kPField,
    kPSort,
    kPName,
    kPLevel,
    kPSteps,
    kPTime,
    kPTimeKind,
    kPTimeDays,
    kPFee,
    kPFeeOnline,
    kPFeeRule,
    kPModes,
    kPSubmissionNote,
    kPPortal,
    kPNotes,
    kPSource,
    kPCertainty,
    kPVerifiedOn,
    kPStaffNote,
};
constexpr std::array kProcedureColumns = {
    ColumnSpec{"code", true, 32},
    ColumnSpec{"field_code", true, 32},
    ColumnSpec{"sort_order", false, 9},
    ColumnSpec{"name", true, 500},
    ColumnSpec{"level", false, 8, true},
    ColumnSpec{"steps", false, 4000},
    ColumnSpec{"processing_time", true, 2000},
    ColumnSpec{"time_kind", true, 12},
    ColumnSpec{"time_days", false, 4},
    ColumnSpec{"fee", true, 2000},
    ColumnSpec{"fee_online", false, 2000, true},
    ColumnSpec{"fee_rule", false, 200},
    ColumnSpec{"submission_modes", false, 100},
    ColumnSpec{"submission_note", false, 2000},
    ColumnSpec{"portal_url", false, 500},
    ColumnSpec{"notes", false, 4000},
    ColumnSpec{"source", true, 2000},
    ColumnSpec{"certainty", true, 6},
    ColumnSpec{"verified_on", false, 10},  // required; checked with its own message
    ColumnSpec{"staff_note", false, 4000, true},
};
constexpr std::array kDocumentColumns = {
    ColumnSpec{"procedure_code", true, 32}, ColumnSpec{"position", true, 4}, ColumnSpec{"name", true, 1000},
    ColumnSpec{"form", false, 300},         ColumnSpec{"note", false, 1000},
};
constexpr std::array kLegalBasisColumns = {
    ColumnSpec{"procedure_code", true, 32}, ColumnSpec{"position", true, 4},
    ColumnSpec{"document", true, 300},      ColumnSpec{"articles", false, 300},
    ColumnSpec{"issued_on", false, 10},     ColumnSpec{"effective_on", false, 10},
    ColumnSpec{"note", false, 1000},
};
constexpr std::array kSynonymColumns = {
    ColumnSpec{"phrase", true, 200},
    ColumnSpec{"target_kind", true, 9},
    ColumnSpec{"target_code", true, 32},
    ColumnSpec{"note", false, 1000},
};

constexpr std::array kTables = {CatalogueTable::Fields, CatalogueTable::Procedures, CatalogueTable::Documents,
                                CatalogueTable::LegalBasis, CatalogueTable::Synonyms};

std::vector<ColumnSpec> columnsOf(CatalogueTable table) {
    switch (table) {
        case CatalogueTable::Fields:
            return {kFieldColumns.begin(), kFieldColumns.end()};
        case CatalogueTable::Procedures:
            return {kProcedureColumns.begin(), kProcedureColumns.end()};
        case CatalogueTable::Documents:
            return {kDocumentColumns.begin(), kDocumentColumns.end()};
        case CatalogueTable::LegalBasis:
            return {kLegalBasisColumns.begin(), kLegalBasisColumns.end()};
        case CatalogueTable::Synonyms:
            return {kSynonymColumns.begin(), kSynonymColumns.end()};
    }
    return {};
}

std::string_view tableStem(CatalogueTable table) {
    switch (table) {
        case CatalogueTable::Fields:
            return "fields";
        case CatalogueTable::Procedures:
            return "procedures";
        case CatalogueTable::Documents:
            return "documents";
        case CatalogueTable::LegalBasis:
            return "legal_basis";
        case CatalogueTable::Synonyms:
            return "synonyms";
    }
    return "";
}

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
}

std::string_view trimSpaces(std::string_view s) {
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    return s;
}

// A cell of a row: its text (unquoted, trimmed, NFC) and the column it starts at.
struct Cell {
    std::string value;
    int column = 1;
};

struct Row {
    int line = 0;
    std::vector<Cell> cells;  // in the table's column order
    int endColumn = 1;        // one past the last character of the line
};

struct Location {
    std::string file;
    int line = 0;
    int column = 0;
};

class Reader {
  public:
    explicit Reader(std::vector<CatalogueProblem>& problems) : m_problems(problems) {}

    void error(const std::string& file, int line, int column, std::string message) {
        m_problems.push_back({CatalogueProblem::Severity::Error, file, line, column, std::move(message)});
    }
    void warning(const std::string& file, int line, int column, std::string message) {
        m_problems.push_back({CatalogueProblem::Severity::Warning, file, line, column, std::move(message)});
    }
    void error(const Location& at, std::string message) {
        error(at.file, at.line, at.column, std::move(message));
    }

    // Splits the file into rows laid out as the table's columns; reports and skips bad lines.
    std::vector<Row> rows(const CatalogueFile& file, CatalogueTable table) {
        const auto specs = columnsOf(table);
        std::string_view bytes = file.bytes;
        if (bytes.substr(0, kBom.size()) == kBom) {
            warning(file.name, 1, 1,
                    "byte order mark removed (spreadsheets on Windows add one; it is not needed)");
            bytes.remove_prefix(kBom.size());
        }
        std::vector<Row> out;
        std::vector<int> order;  // order[i]: the spec index of the file's i-th column
        bool headerDone = false;
        int lineNumber = 0;
        while (!bytes.empty()) {
            const auto newline = bytes.find('\n');
            std::string_view line = bytes.substr(0, newline);
            bytes = newline == std::string_view::npos ? std::string_view{} : bytes.substr(newline + 1);
            ++lineNumber;
            if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
            if (!checkLine(file.name, lineNumber, line)) {
                if (!headerDone) return out;
                continue;
            }
            auto cells = splitCells(file.name, lineNumber, line);
            const bool blank =
                std::all_of(cells.begin(), cells.end(), [](const Cell& c) { return c.value.empty(); });
            if (!headerDone) {
                if (blank) {
                    error(file.name, lineNumber, 1, "the first line must be the header (column names)");
                    return out;
                }
                if (!readHeader(file.name, lineNumber, cells, specs, order)) return out;
                headerDone = true;
                continue;
            }
            if (blank) continue;
            const int endColumn = static_cast<int>(codePointCount(line)) + 1;
            if (cells.size() != order.size()) {
                if (cells.size() > order.size()) {
                    error(file.name, lineNumber, cells[order.size()].column,
                          fmt::format("extra column: the row has {} cells, the header has {}", cells.size(),
                                      order.size()));
                } else {
                    error(file.name, lineNumber, endColumn,
                          fmt::format("missing column '{}': the row has {} cells, the header has {}",
                                      specs[static_cast<std::size_t>(order[cells.size()])].name, cells.size(),
                                      order.size()));
                }
                continue;
            }
            Row row;
            row.line = lineNumber;
            row.endColumn = endColumn;
            row.cells.resize(specs.size());
            bool ok = true;
            for (std::size_t i = 0; i < cells.size(); ++i) {
                const auto& spec = specs[static_cast<std::size_t>(order[i])];
                Cell& cell = cells[i];
                if (!isNfc(cell.value)) {
                    warning(file.name, lineNumber, cell.column,
                            fmt::format("{}: text normalised to Unicode NFC (composed accents)", spec.name));
                    cell.value = toNfc(cell.value);
                }
                const auto length = codePointCount(cell.value);
                if (length > spec.maxChars) {
                    error(file.name, lineNumber, cell.column,
                          fmt::format("{}: value is {} characters long, at most {}", spec.name, length,
                                      spec.maxChars));
                    ok = false;
                }
                if (spec.required && cell.value.empty()) {
                    error(file.name, lineNumber, cell.column,
                          fmt::format("{}: required value is empty (write '{}' if it is not known)",
                                      spec.name, kBeingUpdated));
                    ok = false;
                }
                row.cells[static_cast<std::size_t>(order[i])] = std::move(cell);
            }
            if (ok) out.push_back(std::move(row));
        }
        if (!headerDone) error(file.name, 0, 0, "the file is empty; it needs at least the header line");
        return out;
    }

  private:
    // Valid UTF-8 without control characters.
    bool checkLine(const std::string& file, int lineNumber, std::string_view line) {
        const auto* s = reinterpret_cast<const uint8_t*>(line.data());
        const auto length = static_cast<int32_t>(line.size());
        int column = 1;
        for (int32_t i = 0; i < length; ++column) {
            UChar32 c;
            U8_NEXT(s, i, length, c);
            if (c < 0) {
                error(file, lineNumber, column, "invalid UTF-8 (save the file as UTF-8)");
                return false;
            }
            if ((c < 0x20 && c != '\t') || c == 0x7F) {
                error(file, lineNumber, column, fmt::format("control character U+{:04X} in the text", c));
                return false;
            }
        }
        return true;
    }

    std::vector<Cell> splitCells(const std::string& file, int lineNumber, std::string_view line) {
        std::vector<Cell> cells;
        int column = 1;
        for (;;) {
            const auto tab = line.find('\t');
            std::string_view raw = line.substr(0, tab);
            Cell cell;
            cell.column = column;
            std::string_view value = trimSpaces(raw);
            if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
                // A spreadsheet quotes a cell that contains quotes: "a ""b"" c".
                std::string unquoted;
                const auto inner = value.substr(1, value.size() - 2);
                for (std::size_t i = 0; i < inner.size(); ++i) {
                    unquoted += inner[i];
                    if (inner[i] == '"' && i + 1 < inner.size() && inner[i + 1] == '"') ++i;
                }
                cell.value = std::string(trimSpaces(unquoted));
            } else {
                if (!value.empty() && value.front() == '"') {
                    warning(file, lineNumber, column,
                            "cell starts with a quote but does not end with one; kept as text");
                }
                cell.value = std::string(value);
            }
            cells.push_back(std::move(cell));
            if (tab == std::string_view::npos) break;
            column += static_cast<int>(codePointCount(raw)) + 1;
            line = line.substr(tab + 1);
        }
        return cells;
    }

    bool readHeader(const std::string& file, int lineNumber, const std::vector<Cell>& cells,
                    const std::vector<ColumnSpec>& specs, std::vector<int>& order) {
        bool ok = true;
        std::vector<bool> seen(specs.size(), false);
        for (const Cell& cell : cells) {
            const std::string name = lower(cell.value);
            const auto it =
                std::find_if(specs.begin(), specs.end(), [&](const ColumnSpec& s) { return s.name == name; });
            if (it == specs.end()) {
                std::string expected;
                for (const auto& s : specs) expected += (expected.empty() ? "" : ", ") + std::string(s.name);
                error(file, lineNumber, cell.column,
                      fmt::format("extra column '{}' (the columns are: {})", cell.value, expected));
                ok = false;
                continue;
            }
            const auto index = static_cast<std::size_t>(it - specs.begin());
            if (seen[index]) {
                error(file, lineNumber, cell.column, fmt::format("column '{}' appears twice", name));
                ok = false;
                continue;
            }
            seen[index] = true;
            order.push_back(static_cast<int>(index));
        }
        const int endColumn =
            cells.empty() ? 1 : cells.back().column + static_cast<int>(codePointCount(cells.back().value));
        for (std::size_t i = 0; i < specs.size(); ++i) {
            if (!seen[i] && !specs[i].optionalInHeader) {
                error(file, lineNumber, endColumn, fmt::format("missing column '{}'", specs[i].name));
                ok = false;
            }
        }
        return ok;
    }

    std::vector<CatalogueProblem>& m_problems;
};

bool isCode(std::string_view s) {
    if (s.empty()) return false;
    return std::all_of(s.begin(), s.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ||
               c == '_' || c == '-';
    });
}

std::optional<int> parseInt(std::string_view s, int min, int max) {
    int value = 0;
    const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    if (s.empty() || ec != std::errc() || ptr != s.data() + s.size() || value < min || value > max)
        return std::nullopt;
    return value;
}

bool isDate(std::string_view s, bool yearAlone) {
    if (yearAlone && s.size() == 4) return parseInt(s, 1800, 2200).has_value();
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
    const auto y = parseInt(s.substr(0, 4), 1800, 2200);
    const auto m = parseInt(s.substr(5, 2), 1, 12);
    const auto d = parseInt(s.substr(8, 2), 1, 31);
    if (!y || !m || !d) return false;
    const std::chrono::year_month_day ymd{std::chrono::year(*y),
                                          std::chrono::month(static_cast<unsigned>(*m)),
                                          std::chrono::day(static_cast<unsigned>(*d))};
    return ymd.ok();
}

template <class T>
struct FromFile {
    T value;
    Location at;                            // the row
    std::map<std::string, Location> cells;  // column name -> cell, for later checks
};

Location cellAt(const std::string& file, const Row& row, std::size_t index) {
    return {file, row.line, row.cells[index].column};
}

}  // namespace

std::string_view fileNameOf(CatalogueTable table) {
    switch (table) {
        case CatalogueTable::Fields:
            return "fields.tsv";
        case CatalogueTable::Procedures:
            return "procedures.tsv";
        case CatalogueTable::Documents:
            return "documents.tsv";
        case CatalogueTable::LegalBasis:
            return "legal_basis.tsv";
        case CatalogueTable::Synonyms:
            return "synonyms.tsv";
    }
    return "";
}

std::string CatalogueProblem::format() const {
    std::string out = file;
    if (line > 0) {
        out += fmt::format(":{}", line);
        if (column > 0) out += fmt::format(":{}", column);
    }
    out += severity == Severity::Warning ? ": warning: " : ": ";
    out += message;
    return out;
}

bool CatalogueRead::hasErrors() const {
    return std::any_of(problems.begin(), problems.end(),
                       [](const auto& p) { return p.severity == CatalogueProblem::Severity::Error; });
}

bool CatalogueImport::hasErrors() const {
    return std::any_of(problems.begin(), problems.end(),
                       [](const auto& p) { return p.severity == CatalogueProblem::Severity::Error; });
}

CatalogueRead readCatalogueFiles(const std::vector<CatalogueFile>& files, const Catalogue& base) {
    CatalogueRead result;
    Reader reader(result.problems);
    std::set<CatalogueTable> given;

    std::vector<FromFile<Field>> fields;
    std::vector<FromFile<Procedure>> procedures;
    std::vector<FromFile<std::pair<std::string, DossierDocument>>> documents;
    std::vector<FromFile<std::pair<std::string, LegalBasis>>> legal;
    std::vector<FromFile<Synonym>> synonyms;

    for (const auto& file : files) {
        std::optional<CatalogueTable> table;
        const std::string stem = lower(std::filesystem::path(file.name).filename().string());
        for (const auto t : kTables) {
            if (stem.rfind(tableStem(t), 0) == 0) table = t;
        }
        if (!table) {
            reader.error(file.name, 0, 0,
                         "not a catalogue file: its name must start with fields, procedures, documents, "
                         "legal_basis or synonyms");
            continue;
        }
        given.insert(*table);
        const auto rows = reader.rows(file, *table);
        for (const Row& row : rows) {
            const auto at = [&](std::size_t i) { return cellAt(file.name, row, i); };
            const auto v = [&](std::size_t i) -> const std::string& { return row.cells[i].value; };
            bool ok = true;
            const auto bad = [&](std::size_t i, std::string message) {
                reader.error(at(i), std::move(message));
                ok = false;
            };
            const auto code = [&](std::size_t i, std::string_view what) {
                if (!v(i).empty() && !isCode(v(i))) {
                    bad(i, fmt::format("{}: '{}' may contain only letters A-Z, digits, '.', '_' and '-'",
                                       what, v(i)));
                }
            };
            const auto sortOrder = [&](std::size_t i) {
                if (v(i).empty()) return 0;
                const auto n = parseInt(v(i), -99999, 99999);
                if (!n) bad(i, fmt::format("sort_order: '{}' is not a whole number", v(i)));
                return n.value_or(0);
            };
            const auto certainty = [&](std::size_t i) {
                const auto c = parseCertainty(v(i));
                if (!c) bad(i, fmt::format("certainty: '{}' is not high, medium or low", v(i)));
                return c.value_or(Certainty::Low);
            };
            const auto position = [&](std::size_t i) {
                const auto n = parseInt(v(i), 1, 9999);
                if (!n) bad(i, fmt::format("position: '{}' is not a whole number from 1 to 9999", v(i)));
                return n.value_or(0);
            };
            const auto date = [&](std::size_t i, std::string_view what, bool yearAlone) {
                if (!v(i).empty() && !isDate(v(i), yearAlone)) {
                    bad(i, fmt::format("{}: '{}' is not a date YYYY-MM-DD{}", what, v(i),
                                       yearAlone ? " or a year" : ""));
                }
            };
            // Text a citizen reads must not carry a researcher's working note.
            const auto citizenText = [&](std::size_t i) {
                if (const auto note = findWorkingNote(v(i))) {
                    Location where = at(i);
                    where.column += static_cast<int>(note->offset);
                    reader.error(where,
                                 fmt::format("{}: '{}' reads like a working note; citizens see this column "
                                             "(put notes for the maintainers in {})",
                                             columnsOf(*table)[i].name, note->marker,
                                             *table == CatalogueTable::Procedures ? "staff_note" : "source"));
                    // The row stays in for the checks that refer to it, so that its documents are not
                    // also reported as belonging to an unknown procedure; the error alone refuses the import.
                }
            };
            // The certainty column and what the maintainers' notes say about the row must agree.
            const auto certaintyAgrees = [&](std::size_t certaintyIndex,
                                             std::initializer_list<std::size_t> notes) {
                const auto stated = parseCertainty(v(certaintyIndex));
                if (!stated) return;
                for (const std::size_t i : notes) {
                    const auto claim = certaintyClaimIn(v(i));
                    if (!claim) continue;
                    const bool agrees = claim->atMost
                                            ? static_cast<int>(*stated) >= static_cast<int>(claim->claimed)
                                            : *stated == claim->claimed;
                    if (agrees) break;
                    Location where = at(i);
                    where.column += static_cast<int>(claim->at.offset);
                    reader.error(
                        where,
                        fmt::format("certainty: the row says '{}' but {} says '{}' ({}{}); make them agree",
                                    v(certaintyIndex), columnsOf(*table)[i].name, claim->at.marker,
                                    claim->atMost ? "at most " : "", toString(claim->claimed)));
                    break;
                }
            };
            const Location rowAt{file.name, row.line, 1};
            switch (*table) {
                case CatalogueTable::Fields: {
                    code(0, "code");
                    code(4, "service_code");
                    for (const std::size_t i : {1, 2, 5}) citizenText(i);
                    certaintyAgrees(7, {6});
                    FromFile<Field> f;
                    f.value = {v(0), v(1), v(2), sortOrder(3), v(4), v(5), v(6), certainty(7)};
                    f.at = rowAt;
                    f.cells["code"] = at(0);
                    f.cells["service_code"] = at(4);
                    if (ok) fields.push_back(std::move(f));
                    break;
                }
                case CatalogueTable::Procedures: {
                    code(kPCode, "code");
                    code(kPField, "field_code");
                    Procedure p;
                    p.code = v(kPCode);
                    p.fieldCode = v(kPField);
                    p.sortOrder = sortOrder(kPSort);
                    p.name = v(kPName);
                    if (const auto level = parseProcedureLevel(v(kPLevel))) {
                        p.level = *level;
                    } else {
                        bad(kPLevel, fmt::format("level: '{}' is not commune, province, ministry or empty",
                                                 v(kPLevel)));
                    }
                    std::string_view steps = v(kPSteps);
                    while (!steps.empty()) {
                        const auto bar = steps.find('|');
                        const auto step = trimSpaces(steps.substr(0, bar));
                        steps = bar == std::string_view::npos ? std::string_view{} : steps.substr(bar + 1);
                        if (!step.empty()) p.steps.emplace_back(step);
                    }
                    p.processingTime = v(kPTime);
                    if (const auto kind = parseTimeKind(v(kPTimeKind))) {
                        p.timeKind = *kind;
                    } else {
                        bad(kPTimeKind,
                            fmt::format("time_kind: '{}' is not unknown, same_day, working_days or days",
                                        v(kPTimeKind)));
                    }
                    const bool counted = p.timeKind == TimeKind::WorkingDays || p.timeKind == TimeKind::Days;
                    if (counted) {
                        p.timeDays = parseInt(v(kPTimeDays), 1, 3650);
                        if (!p.timeDays)
                            bad(kPTimeDays,
                                fmt::format("time_days: '{}' is not a number of days from 1 to 3650 "
                                            "(required when time_kind is {})",
                                            v(kPTimeDays), v(kPTimeKind)));
                    } else if (!v(kPTimeDays).empty() && parseTimeKind(v(kPTimeKind))) {
                        bad(kPTimeDays,
                            fmt::format("time_days: must be empty when time_kind is {}", v(kPTimeKind)));
                    }
                    p.fee = v(kPFee);
                    p.feeOnline = v(kPFeeOnline);
                    const auto rule = parseFeeRule(v(kPFeeRule));
                    if (rule.rule) {
                        p.feeRule = *rule.rule;
                    } else {
                        bad(kPFeeRule, "fee_rule: " + rule.error);
                    }
                    std::string_view modes = v(kPModes);
                    while (!modes.empty()) {
                        const auto comma = modes.find(',');
                        const auto mode = trimSpaces(modes.substr(0, comma));
                        modes =
                            comma == std::string_view::npos ? std::string_view{} : modes.substr(comma + 1);
                        if (mode.empty()) continue;
                        if (const auto m = parseSubmissionMode(mode)) {
                            if (std::find(p.submissionModes.begin(), p.submissionModes.end(), *m) ==
                                p.submissionModes.end()) {
                                p.submissionModes.push_back(*m);
                            }
                        } else {
                            bad(kPModes,
                                fmt::format("submission_modes: '{}' is not in_person, post, online_full or "
                                            "online_partial",
                                            mode));
                        }
                    }
                    // The page shows fee_online only where the procedure can be done online: a fee for a
                    // channel the row says it does not offer is an oddity nobody would ever read.
                    const bool online =
                        std::any_of(p.submissionModes.begin(), p.submissionModes.end(), [](SubmissionMode m) {
                            return m == SubmissionMode::OnlineFull || m == SubmissionMode::OnlinePartial;
                        });
                    if (!p.feeOnline.empty() && !p.submissionModes.empty() && !online) {
                        bad(kPFeeOnline,
                            fmt::format("fee_online: given, but submission_modes '{}' has no online_full or "
                                        "online_partial; add the online mode or leave fee_online empty",
                                        v(kPModes)));
                    }
                    p.submissionNote = v(kPSubmissionNote);
                    p.portalUrl = v(kPPortal);
                    if (!p.portalUrl.empty() &&
                        ((p.portalUrl.rfind("https://", 0) != 0 && p.portalUrl.rfind("http://", 0) != 0) ||
                         p.portalUrl.find(' ') != std::string::npos)) {
                        bad(kPPortal, fmt::format("portal_url: '{}' is not an http(s) address", p.portalUrl));
                    }
                    p.notes = v(kPNotes);
                    p.source = v(kPSource);
                    p.certainty = certainty(kPCertainty);
                    p.verifiedOn = v(kPVerifiedOn);
                    if (p.verifiedOn.empty()) {
                        bad(kPVerifiedOn,
                            "verified_on: required: the date (YYYY-MM-DD) this row was last checked "
                            "against its source");
                    }
                    date(kPVerifiedOn, "verified_on", false);
                    p.staffNote = v(kPStaffNote);
                    for (const std::size_t i :
                         {kPName, kPSteps, kPTime, kPFee, kPFeeOnline, kPSubmissionNote, kPNotes}) {
                        citizenText(i);
                    }
                    certaintyAgrees(kPCertainty, {kPSource, kPStaffNote});
                    FromFile<Procedure> f;
                    f.value = std::move(p);
                    f.at = rowAt;
                    f.cells["code"] = at(kPCode);
                    f.cells["field_code"] = at(kPField);
                    if (ok) procedures.push_back(std::move(f));
                    break;
                }
                case CatalogueTable::Documents: {
                    code(0, "procedure_code");
                    for (const std::size_t i : {2, 3, 4}) citizenText(i);
                    // The form as the decree names it ("Mẫu CT01 (…)"); the kiosk writes the label itself.
                    if (v(3).rfind("Mẫu:", 0) == 0 || v(3).rfind("Form:", 0) == 0) {
                        bad(3, fmt::format(
                                   "form: '{}' starts with a label; write the form's name only (\"Mẫu CT01 "
                                   "(TT 53/2025/TT-BCA)\"): the kiosk adds \"Mẫu:\" where it needs one",
                                   v(3)));
                    }
                    FromFile<std::pair<std::string, DossierDocument>> f;
                    f.value = {v(0), {position(1), v(2), v(3), v(4)}};
                    f.at = rowAt;
                    f.cells["procedure_code"] = at(0);
                    f.cells["position"] = at(1);
                    if (ok) documents.push_back(std::move(f));
                    break;
                }
                case CatalogueTable::LegalBasis: {
                    code(0, "procedure_code");
                    date(4, "issued_on", true);
                    date(5, "effective_on", true);
                    for (const std::size_t i : {2, 3, 6}) citizenText(i);
                    FromFile<std::pair<std::string, LegalBasis>> f;
                    f.value = {v(0), {position(1), v(2), v(3), v(4), v(5), v(6)}};
                    f.at = rowAt;
                    f.cells["procedure_code"] = at(0);
                    f.cells["position"] = at(1);
                    if (ok) legal.push_back(std::move(f));
                    break;
                }
                case CatalogueTable::Synonyms: {
                    code(2, "target_code");
                    Synonym s;
                    s.phrase = v(0);
                    if (const auto kind = parseSynonymTarget(v(1))) {
                        s.targetKind = *kind;
                    } else {
                        bad(1, fmt::format("target_kind: '{}' is not procedure or field", v(1)));
                    }
                    s.targetCode = v(2);
                    s.note = v(3);
                    for (const std::size_t i : {0, 3}) citizenText(i);
                    if (foldForSearch(s.phrase).find_first_not_of(' ') == std::string::npos ||
                        splitWords(s.phrase).empty()) {
                        bad(0, "phrase: needs at least one letter or digit");
                    }
                    FromFile<Synonym> f;
                    f.value = std::move(s);
                    f.at = rowAt;
                    f.cells["phrase"] = at(0);
                    f.cells["target_code"] = at(2);
                    if (ok) synonyms.push_back(std::move(f));
                    break;
                }
            }
        }
    }

    // Duplicates within the files.
    const auto where = [](const Location& l) { return fmt::format("{}:{}", l.file, l.line); };
    std::map<std::string, Location> seenFields;
    for (const auto& f : fields) {
        const auto [it, fresh] = seenFields.emplace(f.value.code, f.cells.at("code"));
        if (!fresh)
            reader.error(f.cells.at("code"), fmt::format("duplicate field code '{}' (first at {})",
                                                         f.value.code, where(it->second)));
    }
    std::map<std::string, Location> seenProcedures;
    for (const auto& p : procedures) {
        const auto [it, fresh] = seenProcedures.emplace(p.value.code, p.cells.at("code"));
        if (!fresh) {
            reader.error(p.cells.at("code"), fmt::format("duplicate procedure code '{}' (first at {})",
                                                         p.value.code, where(it->second)));
        }
    }

    // The merged catalogue: tables from the files, the rest from base.
    const bool haveFields = given.count(CatalogueTable::Fields) != 0;
    const bool haveProcedures = given.count(CatalogueTable::Procedures) != 0;
    const bool haveDocuments = given.count(CatalogueTable::Documents) != 0;
    const bool haveLegal = given.count(CatalogueTable::LegalBasis) != 0;
    const bool haveSynonyms = given.count(CatalogueTable::Synonyms) != 0;
    for (const auto t : kTables) {
        if (given.count(t)) result.tables.push_back(t);
    }

    std::vector<Field> mergedFields;
    std::map<std::string, Location> fieldAt;  // empty location: from the database
    if (haveFields) {
        for (const auto& f : fields) {
            if (fieldAt.count(f.value.code)) continue;
            fieldAt[f.value.code] = f.at;
            mergedFields.push_back(f.value);
            result.serviceCodeCells[f.value.code] = {
                CatalogueProblem::Severity::Warning, f.cells.at("service_code").file,
                f.cells.at("service_code").line, f.cells.at("service_code").column, ""};
        }
    } else {
        for (const auto& f : base.fields()) {
            fieldAt[f.code] = {};
            mergedFields.push_back(f);
            result.serviceCodeCells[f.code] = {CatalogueProblem::Severity::Warning, std::string(kDatabase), 0,
                                               0, ""};
        }
    }

    std::vector<Procedure> mergedProcedures;
    std::map<std::string, std::size_t> procedureIndex;
    if (haveProcedures) {
        for (const auto& p : procedures) {
            if (procedureIndex.count(p.value.code)) continue;
            if (!fieldAt.count(p.value.fieldCode)) {
                reader.error(p.cells.at("field_code"),
                             fmt::format("field_code: unknown field '{}' (not in {})", p.value.fieldCode,
                                         haveFields ? "the fields file" : "the database's catalogue"));
            }
            Procedure merged = p.value;
            if (const Procedure* old = base.procedure(merged.code)) {
                if (!haveDocuments) merged.documents = old->documents;
                if (!haveLegal) merged.legalBasis = old->legalBasis;
            }
            procedureIndex[merged.code] = mergedProcedures.size();
            mergedProcedures.push_back(std::move(merged));
        }
    } else {
        for (const auto& p : base.procedures()) {
            if (!fieldAt.count(p.fieldCode)) {
                reader.error(
                    std::string(kDatabase), 0, 0,
                    fmt::format("procedure '{}' is in field '{}', which the imported fields do not have",
                                p.code, p.fieldCode));
            }
            procedureIndex[p.code] = mergedProcedures.size();
            mergedProcedures.push_back(p);
        }
    }

    if (haveDocuments) {
        for (auto& p : mergedProcedures) p.documents.clear();
        std::map<std::pair<std::string, int>, Location> seen;
        for (const auto& d : documents) {
            const auto it = procedureIndex.find(d.value.first);
            if (it == procedureIndex.end()) {
                reader.error(d.cells.at("procedure_code"),
                             fmt::format("procedure_code: unknown procedure '{}'", d.value.first));
                continue;
            }
            const auto [s, fresh] =
                seen.emplace(std::make_pair(d.value.first, d.value.second.position), d.at);
            if (!fresh) {
                reader.error(d.cells.at("position"),
                             fmt::format("duplicate position {} for procedure '{}' (first at {})",
                                         d.value.second.position, d.value.first, where(s->second)));
                continue;
            }
            mergedProcedures[it->second].documents.push_back(d.value.second);
        }
    }
    if (haveLegal) {
        for (auto& p : mergedProcedures) p.legalBasis.clear();
        std::map<std::pair<std::string, int>, Location> seen;
        for (const auto& l : legal) {
            const auto it = procedureIndex.find(l.value.first);
            if (it == procedureIndex.end()) {
                reader.error(l.cells.at("procedure_code"),
                             fmt::format("procedure_code: unknown procedure '{}'", l.value.first));
                continue;
            }
            const auto [s, fresh] =
                seen.emplace(std::make_pair(l.value.first, l.value.second.position), l.at);
            if (!fresh) {
                reader.error(l.cells.at("position"),
                             fmt::format("duplicate position {} for procedure '{}' (first at {})",
                                         l.value.second.position, l.value.first, where(s->second)));
                continue;
            }
            mergedProcedures[it->second].legalBasis.push_back(l.value.second);
        }
    }

    std::vector<Synonym> mergedSynonyms;
    const auto targetExists = [&](const Synonym& s) {
        return s.targetKind == SynonymTarget::Field ? fieldAt.count(s.targetCode) != 0
                                                    : procedureIndex.count(s.targetCode) != 0;
    };
    if (haveSynonyms) {
        std::map<std::tuple<std::string, SynonymTarget, std::string>, Location> seen;
        for (const auto& s : synonyms) {
            if (!targetExists(s.value)) {
                reader.error(s.cells.at("target_code"),
                             fmt::format("target_code: unknown {} '{}'", toString(s.value.targetKind),
                                         s.value.targetCode));
                continue;
            }
            const auto key =
                std::make_tuple(foldForSearch(s.value.phrase), s.value.targetKind, s.value.targetCode);
            const auto [it, fresh] = seen.emplace(key, s.cells.at("phrase"));
            if (!fresh) {
                reader.error(
                    s.cells.at("phrase"),
                    fmt::format("duplicate synonym '{}' for {} '{}' (first at {})", s.value.phrase,
                                toString(s.value.targetKind), s.value.targetCode, where(it->second)));
                continue;
            }
            mergedSynonyms.push_back(s.value);
        }
    } else {
        for (const auto& s : base.synonyms()) {
            if (!targetExists(s)) {
                reader.error(
                    std::string(kDatabase), 0, 0,
                    fmt::format("synonym '{}' points at {} '{}', which the imported catalogue does not have",
                                s.phrase, toString(s.targetKind), s.targetCode));
                continue;
            }
            mergedSynonyms.push_back(s);
        }
    }

    if (!result.hasErrors()) {
        result.catalogue.emplace(std::move(mergedFields), std::move(mergedProcedures),
                                 std::move(mergedSynonyms));
    }
    return result;
}

namespace {

std::string cell(std::string_view value) {
    std::string clean;
    clean.reserve(value.size());
    for (char c : value) clean += (c == '\t' || c == '\n' || c == '\r') ? ' ' : c;
    if (clean.empty() || clean.front() != '"') return clean;
    std::string quoted = "\"";
    for (char c : clean) {
        quoted += c;
        if (c == '"') quoted += '"';
    }
    return quoted + "\"";
}

std::string header(CatalogueTable table) {
    std::string out;
    for (const auto& spec : columnsOf(table)) out += (out.empty() ? "" : "\t") + std::string(spec.name);
    return out + "\n";
}

template <class... Values>
std::string row(const Values&... values) {
    std::string out;
    ((out += (out.empty() ? "" : "\t") + cell(values)), ...);
    // An empty first cell would otherwise give a line starting with a tab, which is still fine.
    return out + "\n";
}

}  // namespace

std::map<std::string, std::string> writeCatalogueFiles(const Catalogue& catalogue) {
    std::string fields = header(CatalogueTable::Fields);
    for (const auto& f : catalogue.fields()) {
        fields += row(f.code, f.name, f.nameEn, std::to_string(f.sortOrder), f.serviceCode, f.note, f.source,
                      toString(f.certainty));
    }
    std::string procedures = header(CatalogueTable::Procedures);
    std::string documents = header(CatalogueTable::Documents);
    std::string legal = header(CatalogueTable::LegalBasis);
    for (const auto& p : catalogue.procedures()) {
        std::string steps;
        for (const auto& s : p.steps) steps += (steps.empty() ? "" : std::string(kStepSeparator)) + s;
        std::string modes;
        for (const auto m : p.submissionModes) {
            if (!modes.empty()) modes += ',';
            modes += toString(m);
        }
        procedures += row(p.code, p.fieldCode, std::to_string(p.sortOrder), p.name, toString(p.level), steps,
                          p.processingTime, toString(p.timeKind),
                          p.timeDays ? std::to_string(*p.timeDays) : std::string(), p.fee, p.feeOnline,
                          formatFeeRule(p.feeRule), modes, p.submissionNote, p.portalUrl, p.notes, p.source,
                          toString(p.certainty), p.verifiedOn, p.staffNote);
        for (const auto& d : p.documents)
            documents += row(p.code, std::to_string(d.position), d.name, d.form, d.note);
        for (const auto& l : p.legalBasis) {
            legal += row(p.code, std::to_string(l.position), l.document, l.articles, l.issuedOn,
                         l.effectiveOn, l.note);
        }
    }
    std::string synonyms = header(CatalogueTable::Synonyms);
    for (const auto& s : catalogue.synonyms())
        synonyms += row(s.phrase, toString(s.targetKind), s.targetCode, s.note);
    return {
        {std::string(fileNameOf(CatalogueTable::Fields)), fields},
        {std::string(fileNameOf(CatalogueTable::Procedures)), procedures},
        {std::string(fileNameOf(CatalogueTable::Documents)), documents},
        {std::string(fileNameOf(CatalogueTable::LegalBasis)), legal},
        {std::string(fileNameOf(CatalogueTable::Synonyms)), synonyms},
    };
}

CatalogueImport importCatalogue(Database& db, const std::vector<CatalogueFile>& files, bool dryRun) {
    CatalogueImport result;
    Transaction tx(db);
    const Catalogue base = loadCatalogue(db);
    CatalogueRead read = readCatalogueFiles(files, base);
    result.problems = std::move(read.problems);
    if (read.catalogue) {
        std::set<std::string> services;
        Statement st(db, "SELECT code FROM services");
        while (st.step()) services.insert(st.getText(0));
        if (!services.empty()) {
            for (const auto& f : read.catalogue->fields()) {
                if (f.serviceCode.empty() || services.count(f.serviceCode)) continue;
                CatalogueProblem p = read.serviceCodeCells[f.code];
                p.severity = CatalogueProblem::Severity::Warning;
                p.message = fmt::format(
                    "service_code: field '{}' names service '{}', which this database does not have "
                    "(tickets for it cannot be issued until the office config has it)",
                    f.code, f.serviceCode);
                result.problems.push_back(std::move(p));
            }
        }
    }
    if (result.hasErrors()) return result;
    replaceCatalogue(db, *read.catalogue);
    result.catalogue = std::move(read.catalogue);
    if (!dryRun) {
        tx.commit();
        result.applied = true;
    }
    return result;
}

}  // namespace motcua::queue
