#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>

#include "kiosk/cli/cli.h"
#include "queue/catalogue.h"
#include "queue/catalogue_files.h"
#include "queue/file_access.h"
#include "queue/search.h"

namespace motcua::cli {

namespace {

using nlohmann::json;
namespace q = motcua::queue;

constexpr const char* kEmptyHint =
    "the catalogue is empty; import it with 'motcua catalogue import assets/catalogue/*.tsv'";

json problemJson(const q::CatalogueProblem& p) {
    return {{"severity", p.severity == q::CatalogueProblem::Severity::Error ? "error" : "warning"},
            {"file", p.file},
            {"line", p.line},
            {"column", p.column},
            {"message", p.message}};
}

json fieldJson(const q::Field& f, std::size_t procedures) {
    return {{"code", f.code},
            {"name", f.name},
            {"name_en", f.nameEn},
            {"sort_order", f.sortOrder},
            {"service_code", f.serviceCode},
            {"note", f.note},
            {"source", f.source},
            {"certainty", q::toString(f.certainty)},
            {"procedures", procedures}};
}

json procedureJson(const q::Procedure& p, const q::Field* field) {
    json documents = json::array();
    for (const auto& d : p.documents) {
        documents.push_back({{"position", d.position}, {"name", d.name}, {"form", d.form}, {"note", d.note}});
    }
    json legal = json::array();
    for (const auto& l : p.legalBasis) {
        legal.push_back({{"position", l.position},
                         {"document", l.document},
                         {"articles", l.articles},
                         {"issued_on", l.issuedOn},
                         {"effective_on", l.effectiveOn},
                         {"note", l.note}});
    }
    json modes = json::array();
    for (const auto m : p.submissionModes) modes.push_back(q::toString(m));
    return {{"code", p.code},
            {"national_code", p.hasNationalCode()},
            {"field_code", p.fieldCode},
            {"field_name", field ? field->name : ""},
            {"service_code", field ? field->serviceCode : ""},
            {"name", p.name},
            {"level", q::toString(p.level)},
            {"steps", p.steps},
            {"processing_time", p.processingTime},
            {"time_kind", q::toString(p.timeKind)},
            {"time_days", p.timeDays ? json(*p.timeDays) : json(nullptr)},
            {"fee", p.fee},
            {"fee_online", p.feeOnline},
            {"fee_rule", q::formatFeeRule(p.feeRule)},
            {"submission_modes", modes},
            {"submission_note", p.submissionNote},
            {"portal_url", p.portalUrl},
            {"notes", p.notes},
            {"source", p.source},
            {"certainty", q::toString(p.certainty)},
            {"verified_on", p.verifiedOn},
            {"staff_note", p.staffNote},
            {"documents", documents},
            {"legal_basis", legal}};
}

std::string orUpdating(const std::string& s) {
    return s.empty() ? std::string(q::kBeingUpdated) : s;
}

std::string modeLabel(q::SubmissionMode m) {
    switch (m) {
        case q::SubmissionMode::InPerson:
            return "trực tiếp";
        case q::SubmissionMode::Post:
            return "bưu chính";
        case q::SubmissionMode::OnlineFull:
            return "trực tuyến toàn trình";
        case q::SubmissionMode::OnlinePartial:
            return "trực tuyến một phần";
    }
    return "";
}

std::string levelLabel(q::ProcedureLevel level) {
    switch (level) {
        case q::ProcedureLevel::Unknown:
            return std::string(q::kBeingUpdated);
        case q::ProcedureLevel::Commune:
            return "cấp xã";
        case q::ProcedureLevel::Province:
            return "cấp tỉnh";
        case q::ProcedureLevel::Ministry:
            return "cấp bộ";
    }
    return "";
}

std::string procedureText(const q::Procedure& p, const q::Field* field) {
    std::string out = fmt::format("{}  {}\n", p.code, p.name);
    if (field) out += fmt::format("Lĩnh vực: {} ({})\n", field->name, field->code);
    out += fmt::format("Cấp thực hiện: {}\n", levelLabel(p.level));
    out += "Trình tự:\n";
    if (p.steps.empty()) out += fmt::format("  {}\n", q::kBeingUpdated);
    for (std::size_t i = 0; i < p.steps.size(); ++i) out += fmt::format("  {}. {}\n", i + 1, p.steps[i]);
    out += "Thành phần hồ sơ:\n";
    if (p.documents.empty()) out += fmt::format("  {}\n", q::kBeingUpdated);
    for (const auto& d : p.documents) {
        out += fmt::format("  {}. {}{}\n", d.position, d.name,
                           d.form.empty() ? "" : fmt::format(" [mẫu: {}]", d.form));
    }
    out += fmt::format("Thời hạn: {}\n", p.processingTime);
    out += fmt::format("Phí, lệ phí (nộp trực tiếp): {}\n", p.fee);
    out += fmt::format("Phí, lệ phí (nộp trực tuyến): {}\n", orUpdating(p.feeOnline));
    if (p.feeRule.kind != q::FeeRule::Kind::None)
        out += fmt::format("  quy tắc tính: {}\n", q::formatFeeRule(p.feeRule));
    std::string modes;
    for (const auto m : p.submissionModes) modes += (modes.empty() ? "" : ", ") + modeLabel(m);
    out += fmt::format("Cách thức nộp: {}\n", orUpdating(modes));
    if (!p.submissionNote.empty()) out += fmt::format("  {}\n", p.submissionNote);
    if (!p.portalUrl.empty()) out += fmt::format("  {}\n", p.portalUrl);
    out += "Căn cứ pháp lý:\n";
    if (p.legalBasis.empty()) out += fmt::format("  {}\n", q::kBeingUpdated);
    for (const auto& l : p.legalBasis) {
        std::string line = l.document;
        if (!l.articles.empty()) line += ", " + l.articles;
        if (!l.issuedOn.empty()) line += fmt::format(" (ban hành {})", l.issuedOn);
        if (!l.effectiveOn.empty()) line += fmt::format(" (hiệu lực {})", l.effectiveOn);
        if (!l.note.empty()) line += " – " + l.note;
        out += fmt::format("  - {}\n", line);
    }
    if (!p.notes.empty()) out += fmt::format("Ghi chú: {}\n", p.notes);
    out += fmt::format("Nguồn: {} (mức chắc chắn: {})\n", p.source, q::toString(p.certainty));
    out += fmt::format("Kiểm tra lần cuối: {}\n", p.verifiedOn.empty() ? "chưa kiểm tra" : p.verifiedOn);
    if (!p.staffNote.empty()) out += fmt::format("Ghi chú nội bộ: {}\n", p.staffNote);
    return out;
}

// The matched words in brackets, for a terminal without colours.
std::string highlight(const std::string& text, const std::vector<q::TextSpan>& spans) {
    std::string out;
    std::size_t at = 0;
    for (const auto& s : spans) {
        out += text.substr(at, s.begin - at) + "[" + text.substr(s.begin, s.end - s.begin) + "]";
        at = s.end;
    }
    return out + text.substr(at);
}

}  // namespace

void registerCatalogueCommands(CLI::App& app, Context& ctx) {
    auto* group = app.add_subcommand("catalogue", "The procedures catalogue: import, export, show, search");
    group->require_subcommand(1, 1);

    struct ImportArgs {
        std::vector<std::string> files;
        bool dryRun = false;
    };
    auto importArgs = std::make_shared<ImportArgs>();
    auto* import = group->add_subcommand(
        "import",
        "Replace the catalogue tables given (fields.tsv, procedures.tsv, documents.tsv, legal_basis.tsv, "
        "synonyms.tsv) in one transaction; nothing changes if any file has an error");
    import->add_option("FILE", importArgs->files, "Catalogue TSV files")->required();
    import->add_flag("--dry-run", importArgs->dryRun, "Check the files and report, change nothing");
    import->callback([&ctx, importArgs] {
        ctx.action = [&ctx, importArgs] {
            std::vector<q::CatalogueFile> files;
    for (const auto& path : importArgs->files) {
        files.push_back({path, q::readRegularFile(path, q::kMaxCatalogueBytes)});
    }
    auto result = q::importCatalogue(ctx.database(), files, importArgs->dryRun);
    std::size_t errors = 0;
    std::size_t warnings = 0;
    json problems = json::array();
    for (const auto& p : result.problems) {
        (p.severity == q::CatalogueProblem::Severity::Error ? errors : warnings)++;
        problems.push_back(problemJson(p));
        if (!ctx.json) ctx.err << p.format() << '\n';
    }
    json counts = json::object();
    std::string summary;
    if (result.catalogue) {
        std::size_t documents = 0;
        std::size_t legal = 0;
        for (const auto& p : result.catalogue->procedures()) {
            documents += p.documents.size();
            legal += p.legalBasis.size();
        }
        counts = {{"fields", result.catalogue->fields().size()},
                  {"procedures", result.catalogue->procedures().size()},
                  {"documents", documents},
                  {"legal_basis", legal},
                  {"synonyms", result.catalogue->synonyms().size()}};
        summary = fmt::format(
            "{} {} fields, {} procedures, {} documents, {} legal basis entries, {} synonyms "
            "({} warnings)",
            result.applied ? "imported" : "checked, nothing changed (dry run):",
            result.catalogue->fields().size(), result.catalogue->procedures().size(), documents, legal,
            result.catalogue->synonyms().size(), warnings);
    }
    if (errors > 0) {
        if (ctx.json) {
            ctx.print({{"applied", false},
                       {"dry_run", importArgs->dryRun},
                       {"errors", errors},
                       {"warnings", warnings},
                       {"problems", problems}},
                      "");
        }
        throw CommandError(Exit::Usage, fmt::format("import refused: {} error{}, nothing was changed", errors,
                                                    errors == 1 ? "" : "s"));
    }
    ctx.print({{"applied", result.applied},
               {"dry_run", importArgs->dryRun},
               {"errors", 0},
               {"warnings", warnings},
               {"problems", problems},
               {"counts", counts}},
              summary);
};
}  // namespace motcua::cli
);

struct ExportArgs {
    std::string dir;
    bool force = false;
};
auto exportArgs = std::make_shared<ExportArgs>();
auto* exportCmd = group->add_subcommand("export", "Write the catalogue as TSV files into a directory");
exportCmd
    ->add_option("DIR", exportArgs->dir, "Directory (created if missing; the five files are overwritten)")
    ->required();
exportCmd->add_flag("--force", exportArgs->force,
                    "Let a file replace another database (never the one in use)");
exportCmd->callback([&ctx, exportArgs] {
    ctx.action = [&ctx, exportArgs] {
        const q::Catalogue catalogue = q::loadCatalogue(ctx.database());
        const std::filesystem::path dir(exportArgs->dir);
        std::error_code ec;
        std::filesystem::create_directories(dir, ec);
        if (ec || !std::filesystem::is_directory(dir)) {
            throw CommandError(Exit::Usage, fmt::format("{}: cannot create the directory{}", dir.string(),
                                                        ec ? ": " + ec.message() : ""));
        }
        json written = json::array();
        const auto files = q::writeCatalogueFiles(catalogue);
        // Every file is checked before the first is written.
        for (const auto& file : files) ctx.checkOutput(dir / file.first, exportArgs->force);
        for (const auto& [name, bytes] : files) {
            const auto path = dir / name;
            q::writeFileAtomically(path, bytes);
            written.push_back(path.string());
        }
        ctx.print(
            {{"directory", dir.string()}, {"files", written}, {"procedures", catalogue.procedures().size()}},
            fmt::format("wrote {} procedures in {} fields to {}", catalogue.procedures().size(),
                        catalogue.fields().size(), dir.string()));
    };
});

auto showCode = std::make_shared<std::string>();
auto* show = group->add_subcommand("show", "Show one procedure: steps, documents, time, fee, legal basis");
show->add_option("CODE", *showCode, "Procedure code, e.g. 1.001193")->required();
show->callback([&ctx, showCode] {
    ctx.action = [&ctx, showCode] {
        const q::Catalogue catalogue = q::loadCatalogue(ctx.database());
        const q::Procedure* p = catalogue.procedure(*showCode);
        if (!p) {
            throw CommandError(Exit::Usage, catalogue.empty()
                                                ? std::string(kEmptyHint)
                                                : fmt::format("no procedure with code '{}'", *showCode));
        }
        const q::Field* field = catalogue.field(p->fieldCode);
        ctx.print(procedureJson(*p, field), procedureText(*p, field));
    };
});

auto* fields = group->add_subcommand("fields", "List the fields (lĩnh vực) in display order");
fields->callback([&ctx] {
    ctx.action = [&ctx] {
        const q::Catalogue catalogue = q::loadCatalogue(ctx.database());
        json list = json::array();
        std::string text;
        for (const auto& f : catalogue.fields()) {
            const auto n = catalogue.proceduresOf(f.code).size();
            list.push_back(fieldJson(f, n));
            text += fmt::format("{:<22} {} ({}) – {} thủ tục – quầy dịch vụ {}\n", f.code, f.name, f.nameEn,
                                n, f.serviceCode.empty() ? "-" : f.serviceCode);
        }
        if (catalogue.fields().empty()) text = kEmptyHint;
        ctx.print({{"fields", list}}, text);
    };
});

struct SearchArgs {
    std::string query;
    std::size_t limit = 10;
};
auto searchArgs = std::make_shared<SearchArgs>();
auto* search = group->add_subcommand("search", "Find procedures as a citizen would type (accents optional)");
search->add_option("QUERY", searchArgs->query, "What to look for")->required();
search->add_option("--limit", searchArgs->limit, "At most this many results (1-100)")
    ->check(CLI::Range(1, 100));
search->callback([&ctx, searchArgs] {
    ctx.action = [&ctx, searchArgs] {
        const q::Catalogue catalogue = q::loadCatalogue(ctx.database());
        const q::SearchIndex index(catalogue);
        const auto hits = index.search(searchArgs->query, searchArgs->limit);
        json list = json::array();
        std::string text;
        for (const auto& hit : hits) {
            const q::Procedure* p = catalogue.procedure(hit.procedureCode);
            json spans = json::array();
            for (const auto& s : hit.spans) spans.push_back({s.begin, s.end});
            json nameSpans = json::array();
            for (const auto& s : hit.nameSpans) nameSpans.push_back({s.begin, s.end});
            list.push_back({{"code", hit.procedureCode},
                            {"name", p->name},
                            {"field_code", p->fieldCode},
                            {"score", hit.score},
                            {"why", q::toString(hit.why)},
                            {"matched_text", hit.matchedText},
                            {"spans", spans},
                            {"name_spans", nameSpans},
                            {"matched_words", hit.matchedWords},
                            {"note", hit.note}});
            text += fmt::format(
                "{:<10} {}  ({}{})\n", hit.procedureCode, highlight(p->name, hit.nameSpans),
                q::toString(hit.why),
                hit.why == q::MatchSource::Name ? "" : ": " + highlight(hit.matchedText, hit.spans));
            if (!hit.note.empty()) text += fmt::format("           {}\n", hit.note);
        }
        if (hits.empty()) text = catalogue.empty() ? kEmptyHint : "no procedure matches";
        ctx.print({{"query", searchArgs->query}, {"hits", list}}, text);
    };
});
}

}  // namespace motcua::cli
