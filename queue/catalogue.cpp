#include "queue/catalogue.h"

#include <unicode/unistr.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <limits>
#include <nlohmann/json.hpp>

#include "queue/sqlite.h"
#include "queue/vietnamese.h"

namespace motcua::queue {

namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

std::optional<std::int64_t> parseAmount(std::string_view text) {
    text = trim(text);
    std::int64_t value = 0;
    const auto* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (text.empty() || ec != std::errc() || ptr != end || value < 0) return std::nullopt;
    return value;
}

}  // namespace

std::string_view toString(Certainty value) {
    switch (value) {
        case Certainty::High:
            return "high";
        case Certainty::Medium:
            return "medium";
        case Certainty::Low:
            return "low";
    }
    return "";
}

std::string_view toString(TimeKind value) {
    switch (value) {
        case TimeKind::Unknown:
            return "unknown";
        case TimeKind::SameDay:
            return "same_day";
        case TimeKind::WorkingDays:
            return "working_days";
        case TimeKind::Days:
            return "days";
    }
    return "";
}

std::string_view toString(SubmissionMode value) {
    switch (value) {
        case SubmissionMode::InPerson:
            return "in_person";
        case SubmissionMode::Post:
            return "post";
        case SubmissionMode::OnlineFull:
            return "online_full";
        case SubmissionMode::OnlinePartial:
            return "online_partial";
    }
    return "";
}

std::string_view toString(SynonymTarget value) {
    return value == SynonymTarget::Procedure ? "procedure" : "field";
}

std::string_view toString(ProcedureLevel value) {
    switch (value) {
        case ProcedureLevel::Unknown:
            return "";
        case ProcedureLevel::Commune:
            return "commune";
        case ProcedureLevel::Province:
            return "province";
        case ProcedureLevel::Ministry:
            return "ministry";
    }
    return "";
}

std::optional<ProcedureLevel> parseProcedureLevel(std::string_view text) {
    for (auto v : {ProcedureLevel::Unknown, ProcedureLevel::Commune, ProcedureLevel::Province,
                   ProcedureLevel::Ministry}) {
        if (toString(v) == text) return v;
    }
    return std::nullopt;
}

bool isUnknown(std::string_view text) {
    text = trim(text);
    return text.empty() || text == kBeingUpdated;
}

namespace {

constexpr std::string_view kWorkingNoteMarkers[] = {
    "cần xác minh",    "cần đối chiếu",
    "cần kiểm tra",    "cần tra cứu",
    "chưa xác minh",   "chưa kiểm chứng",
    "chưa trích được", "chưa tìm được",
    "chưa đọc được",   "theo hiểu biết",
    "kiến thức chung", "độ tin cậy",
    "cán bộ cần",      "todo",
    "fixme",           "???",
};

std::string lowerCase(std::string_view text) {
    std::string out;
    icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())))
        .toLower()
        .toUTF8String(out);
    return out;
}

std::size_t codePointsBefore(std::string_view text, std::size_t byte) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < byte && i < text.size(); ++i)
        n += (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
    return n;
}

// "[S30]", "[A1]": one to three ASCII letters, one to three digits, in brackets.
std::optional<std::size_t> findSourceKey(std::string_view text) {
    for (std::size_t open = text.find('['); open != std::string_view::npos; open = text.find('[', open + 1)) {
        std::size_t i = open + 1, letters = 0, digits = 0;
        while (i < text.size() && std::isalpha(static_cast<unsigned char>(text[i])) && letters < 4)
            ++i, ++letters;
        while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])) && digits < 4)
            ++i, ++digits;
        if (letters >= 1 && letters <= 3 && digits >= 1 && digits <= 3 && i < text.size() && text[i] == ']')
            return open;
    }
    return std::nullopt;
}

}  // namespace

std::optional<WorkingNote> findWorkingNote(std::string_view text) {
    const std::string lower = lowerCase(text);
    std::optional<std::size_t> best = findSourceKey(lower);
    std::size_t bestLength = best ? lower.find(']', *best) + 1 - *best : 0;
    for (const auto marker : kWorkingNoteMarkers) {
        const auto at = lower.find(marker);
        if (at != std::string::npos && (!best || at < *best)) {
            best = at;
            bestLength = marker.size();
        }
    }
    if (!best) return std::nullopt;
    // Lower case keeps the number of code points of Vietnamese text, so the offset holds for text.
    const std::size_t offset = codePointsBefore(lower, *best);
    const std::size_t length = codePointsBefore(lower.substr(*best), bestLength);
    std::string original;
    std::size_t cp = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const bool start = (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
        if (start) ++cp;
        if (cp > offset && cp <= offset + length) original += text[i];
    }
    return WorkingNote{offset, original};
}

std::optional<CertaintyClaim> certaintyClaimIn(std::string_view note) {
    struct Phrase {
        std::string_view text;
        Certainty certainty;
        bool atMost;
    };
    static constexpr Phrase kPhrases[] = {
        {"độ tin cậy thấp", Certainty::Low, false},         {"chưa kiểm chứng", Certainty::Low, false},
        {"kiến thức chung", Certainty::Low, false},         {"theo hiểu biết", Certainty::Low, false},
        {"độ tin cậy trung bình", Certainty::Medium, true}, {"cần xác minh", Certainty::Medium, true},
        {"chưa xác minh", Certainty::Medium, true},         {"cần đối chiếu", Certainty::Medium, true},
        {"độ tin cậy cao", Certainty::High, false},
    };
    const std::string lower = lowerCase(note);
    std::optional<CertaintyClaim> first;
    std::size_t firstAt = std::string::npos;
    for (const auto& phrase : kPhrases) {
        const auto at = lower.find(phrase.text);
        if (at == std::string::npos || at >= firstAt) continue;
        firstAt = at;
        first = CertaintyClaim{
            {codePointsBefore(lower, at), std::string(phrase.text)}, phrase.certainty, phrase.atMost};
    }
    return first;
}

std::optional<Certainty> parseCertainty(std::string_view text) {
    for (auto v : {Certainty::High, Certainty::Medium, Certainty::Low}) {
        if (toString(v) == text) return v;
    }
    return std::nullopt;
}

std::optional<TimeKind> parseTimeKind(std::string_view text) {
    for (auto v : {TimeKind::Unknown, TimeKind::SameDay, TimeKind::WorkingDays, TimeKind::Days}) {
        if (toString(v) == text) return v;
    }
    return std::nullopt;
}

std::optional<SubmissionMode> parseSubmissionMode(std::string_view text) {
    for (auto v : {SubmissionMode::InPerson, SubmissionMode::Post, SubmissionMode::OnlineFull,
                   SubmissionMode::OnlinePartial}) {
        if (toString(v) == text) return v;
    }
    return std::nullopt;
}

std::optional<SynonymTarget> parseSynonymTarget(std::string_view text) {
    if (text == "procedure") return SynonymTarget::Procedure;
    if (text == "field") return SynonymTarget::Field;
    return std::nullopt;
}

FeeRuleParse parseFeeRule(std::string_view text) {
    FeeRuleParse result;
    text = trim(text);
    if (text.empty()) {
        result.rule = FeeRule{};
        return result;
    }
    std::map<std::string, std::int64_t, std::less<>> values;
    while (!text.empty()) {
        const auto semicolon = text.find(';');
        const std::string_view part = trim(text.substr(0, semicolon));
        text = semicolon == std::string_view::npos ? std::string_view{} : text.substr(semicolon + 1);
        if (part.empty()) continue;
        const auto equals = part.find('=');
        if (equals == std::string_view::npos) {
            result.error = "expected key=amount, got '" + std::string(part) + "'";
            return result;
        }
        const std::string key(trim(part.substr(0, equals)));
        if (key != "flat" && key != "page" && key != "from_page" && key != "then" && key != "max") {
            result.error = "unknown key '" + key + "' (expected flat, page, from_page, then, max)";
            return result;
        }
        const auto amount = parseAmount(part.substr(equals + 1));
        if (!amount) {
            result.error = "'" + key + "' needs a whole number of đồng, 0 or more";
            return result;
        }
        if (!values.emplace(key, *amount).second) {
            result.error = "'" + key + "' is given twice";
            return result;
        }
    }
    FeeRule rule;
    if (values.count("flat")) {
        if (values.size() != 1) {
            result.error = "'flat' cannot be combined with other keys";
            return result;
        }
        rule.kind = FeeRule::Kind::Flat;
        rule.flat = values["flat"];
    } else if (values.count("page")) {
        rule.kind = FeeRule::Kind::PerPage;
        rule.perPage = values["page"];
        const bool from = values.count("from_page") != 0;
        const bool then = values.count("then") != 0;
        if (from != then) {
            result.error = "'from_page' and 'then' go together";
            return result;
        }
        if (from) {
            if (values["from_page"] < 2 || values["from_page"] > 10000) {
                result.error = "'from_page' must be between 2 and 10000";
                return result;
            }
            rule.laterFromPage = static_cast<int>(values["from_page"]);
            rule.laterPerPage = values["then"];
        }
        if (values.count("max")) rule.maxPerCopy = values["max"];
    } else {
        result.error = "a rule needs 'flat' or 'page'";
        return result;
    }
    result.rule = rule;
    return result;
}

std::string formatFeeRule(const FeeRule& rule) {
    switch (rule.kind) {
        case FeeRule::Kind::None:
            return "";
        case FeeRule::Kind::Flat:
            return "flat=" + std::to_string(rule.flat);
        case FeeRule::Kind::PerPage: {
            std::string out = "page=" + std::to_string(rule.perPage);
            if (rule.laterFromPage > 0) {
                out += "; from_page=" + std::to_string(rule.laterFromPage) +
                       "; then=" + std::to_string(rule.laterPerPage);
            }
            if (rule.maxPerCopy > 0) out += "; max=" + std::to_string(rule.maxPerCopy);
            return out;
        }
    }
    return "";
}

std::optional<std::int64_t> feeFor(const FeeRule& rule, int pages, int copies) {
    if (pages < 1 || copies < 1) return std::nullopt;
    std::int64_t perCopy = 0;
    switch (rule.kind) {
        case FeeRule::Kind::None:
            return std::nullopt;
        case FeeRule::Kind::Flat:
            perCopy = rule.flat;
            break;
        case FeeRule::Kind::PerPage: {
            const std::int64_t n = pages;
            if (rule.laterFromPage > 0) {
                const std::int64_t full = std::min<std::int64_t>(n, rule.laterFromPage - 1);
                perCopy = rule.perPage * full + rule.laterPerPage * (n - full);
            } else {
                perCopy = rule.perPage * n;
            }
            if (rule.maxPerCopy > 0) perCopy = std::min(perCopy, rule.maxPerCopy);
            break;
        }
    }
    return perCopy * copies;
}

bool Procedure::hasNationalCode() const {
    // d.dddddd, as on the national database of administrative procedures (1.001193).
    if (code.size() != 8 || code[1] != '.') return false;
    for (std::size_t i = 0; i < code.size(); ++i) {
        if (i != 1 && (code[i] < '0' || code[i] > '9')) return false;
    }
    return true;
}

Catalogue::Catalogue(std::vector<Field> fields, std::vector<Procedure> procedures,
                     std::vector<Synonym> synonyms)
    : m_fields(std::move(fields)), m_procedures(std::move(procedures)), m_synonyms(std::move(synonyms)) {
    VietnameseCollator collator;
    std::stable_sort(m_fields.begin(), m_fields.end(), [&](const Field& a, const Field& b) {
        if (a.sortOrder != b.sortOrder) return a.sortOrder < b.sortOrder;
        if (const int c = collator.compare(a.name, b.name); c != 0) return c < 0;
        return a.code < b.code;
    });
    for (std::size_t i = 0; i < m_fields.size(); ++i) m_fieldIndex.emplace(m_fields[i].code, i);
    const auto fieldRank = [&](const std::string& code) {
        const auto it = m_fieldIndex.find(code);
        return it == m_fieldIndex.end() ? m_fields.size() : it->second;
    };
    std::stable_sort(m_procedures.begin(), m_procedures.end(), [&](const Procedure& a, const Procedure& b) {
        const auto fa = fieldRank(a.fieldCode);
        const auto fb = fieldRank(b.fieldCode);
        if (fa != fb) return fa < fb;
        if (a.sortOrder != b.sortOrder) return a.sortOrder < b.sortOrder;
        if (const int c = collator.compare(a.name, b.name); c != 0) return c < 0;
        return a.code < b.code;
    });
    for (auto& p : m_procedures) {
        std::stable_sort(p.documents.begin(), p.documents.end(),
                         [](const auto& a, const auto& b) { return a.position < b.position; });
        std::stable_sort(p.legalBasis.begin(), p.legalBasis.end(),
                         [](const auto& a, const auto& b) { return a.position < b.position; });
    }
    for (std::size_t i = 0; i < m_procedures.size(); ++i) m_procedureIndex.emplace(m_procedures[i].code, i);
    std::stable_sort(m_synonyms.begin(), m_synonyms.end(), [&](const Synonym& a, const Synonym& b) {
        if (const int c = collator.compare(a.phrase, b.phrase); c != 0) return c < 0;
        if (a.phrase != b.phrase) return a.phrase < b.phrase;
        if (a.targetKind != b.targetKind) return a.targetKind < b.targetKind;
        return a.targetCode < b.targetCode;
    });
}

std::vector<const Field*> Catalogue::fieldsByName() const {
    std::vector<const Field*> out;
    out.reserve(m_fields.size());
    for (const auto& f : m_fields) out.push_back(&f);
    VietnameseCollator collator;
    std::stable_sort(out.begin(), out.end(), [&](const Field* a, const Field* b) {
        if (const int c = collator.compare(a->name, b->name); c != 0) return c < 0;
        return a->code < b->code;
    });
    return out;
}

const Field* Catalogue::field(std::string_view code) const {
    const auto it = m_fieldIndex.find(code);
    return it == m_fieldIndex.end() ? nullptr : &m_fields[it->second];
}

const Procedure* Catalogue::procedure(std::string_view code) const {
    const auto it = m_procedureIndex.find(code);
    return it == m_procedureIndex.end() ? nullptr : &m_procedures[it->second];
}

std::vector<const Procedure*> Catalogue::proceduresOf(std::string_view fieldCode) const {
    std::vector<const Procedure*> out;
    for (const auto& p : m_procedures) {
        if (p.fieldCode == fieldCode) out.push_back(&p);
    }
    return out;
}

bool Catalogue::operator==(const Catalogue& other) const {
    return m_fields == other.m_fields && m_procedures == other.m_procedures && m_synonyms == other.m_synonyms;
}

namespace {

std::string joinModes(const std::vector<SubmissionMode>& modes) {
    std::string out;
    for (const auto m : modes) {
        if (!out.empty()) out += ',';
        out += toString(m);
    }
    return out;
}

std::vector<SubmissionMode> splitModes(std::string_view text) {
    std::vector<SubmissionMode> modes;
    while (!text.empty()) {
        const auto comma = text.find(',');
        const auto part = trim(text.substr(0, comma));
        text = comma == std::string_view::npos ? std::string_view{} : text.substr(comma + 1);
        if (const auto m = parseSubmissionMode(part)) modes.push_back(*m);
    }
    return modes;
}

}  // namespace

Catalogue loadCatalogue(Database& db) {
    std::vector<Field> fields;
    {
        Statement st(db,
                     "SELECT code, name, name_en, sort_order, service_code, note, source, certainty "
                     "FROM catalogue_fields");
        while (st.step()) {
            Field f;
            f.code = st.getText(0);
            f.name = st.getText(1);
            f.nameEn = st.getText(2);
            f.sortOrder = static_cast<int>(st.getInt(3));
            f.serviceCode = st.getText(4);
            f.note = st.getText(5);
            f.source = st.getText(6);
            f.certainty = parseCertainty(st.getText(7)).value_or(Certainty::Low);
            fields.push_back(std::move(f));
        }
    }
    std::vector<Procedure> procedures;
    std::map<std::string, std::size_t, std::less<>> index;
    {
        Statement st(
            db,
            "SELECT code, field_code, sort_order, name, steps, processing_time, time_kind, time_days, fee, "
            "fee_rule, submission_modes, submission_note, portal_url, notes, source, certainty, verified_on, "
            "level, fee_online, staff_note FROM catalogue_procedures");
        while (st.step()) {
            Procedure p;
            p.code = st.getText(0);
            p.fieldCode = st.getText(1);
            p.sortOrder = static_cast<int>(st.getInt(2));
            p.name = st.getText(3);
            for (const auto& step : nlohmann::json::parse(st.getText(4)))
                p.steps.push_back(step.get<std::string>());
            p.processingTime = st.getText(5);
            p.timeKind = parseTimeKind(st.getText(6)).value_or(TimeKind::Unknown);
            if (const auto days = st.getOptInt(7)) p.timeDays = static_cast<int>(*days);
            p.fee = st.getText(8);
            p.feeRule = parseFeeRule(st.getText(9)).rule.value_or(FeeRule{});
            p.submissionModes = splitModes(st.getText(10));
            p.submissionNote = st.getText(11);
            p.portalUrl = st.getText(12);
            p.notes = st.getText(13);
            p.source = st.getText(14);
            p.certainty = parseCertainty(st.getText(15)).value_or(Certainty::Low);
            p.verifiedOn = st.getText(16);
            p.level = parseProcedureLevel(st.getText(17)).value_or(ProcedureLevel::Unknown);
            p.feeOnline = st.getText(18);
            p.staffNote = st.getText(19);
            index.emplace(p.code, procedures.size());
            procedures.push_back(std::move(p));
        }
    }
    {
        Statement st(db, "SELECT procedure_code, position, name, form, note FROM catalogue_documents");
        while (st.step()) {
            const auto it = index.find(st.getText(0));
            if (it == index.end()) continue;
            procedures[it->second].documents.push_back(
                {static_cast<int>(st.getInt(1)), st.getText(2), st.getText(3), st.getText(4)});
        }
    }
    {
        Statement st(db,
                     "SELECT procedure_code, position, document, articles, issued_on, effective_on, note "
                     "FROM catalogue_legal_basis");
        while (st.step()) {
            const auto it = index.find(st.getText(0));
            if (it == index.end()) continue;
            procedures[it->second].legalBasis.push_back({static_cast<int>(st.getInt(1)), st.getText(2),
                                                         st.getText(3), st.getText(4), st.getText(5),
                                                         st.getText(6)});
        }
    }
    std::vector<Synonym> synonyms;
    {
        Statement st(db, "SELECT phrase, target_kind, target_code, note FROM catalogue_synonyms");
        while (st.step()) {
            Synonym s;
            s.phrase = st.getText(0);
            s.targetKind = parseSynonymTarget(st.getText(1)).value_or(SynonymTarget::Procedure);
            s.targetCode = st.getText(2);
            s.note = st.getText(3);
            synonyms.push_back(std::move(s));
        }
    }
    return Catalogue(std::move(fields), std::move(procedures), std::move(synonyms));
}

void replaceCatalogue(Database& db, const Catalogue& catalogue) {
    db.exec(
        "DELETE FROM catalogue_synonyms; DELETE FROM catalogue_legal_basis; DELETE FROM catalogue_documents; "
        "DELETE FROM catalogue_procedures; DELETE FROM catalogue_fields;");
    Statement field(
        db,
        "INSERT INTO catalogue_fields (code, name, name_en, sort_order, service_code, note, source, "
        "certainty) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    for (const auto& f : catalogue.fields()) {
        field.reset();
        field.bind(1, f.code).bind(2, f.name).bind(3, f.nameEn).bind(4, f.sortOrder).bind(5, f.serviceCode);
        field.bind(6, f.note).bind(7, f.source).bind(8, toString(f.certainty));
        field.run();
    }
    Statement procedure(
        db,
        "INSERT INTO catalogue_procedures (code, field_code, sort_order, name, steps, processing_time, "
        "time_kind, time_days, fee, fee_rule, submission_modes, submission_note, portal_url, notes, "
        "source, certainty, verified_on, level, fee_online, staff_note) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    Statement document(db,
                       "INSERT INTO catalogue_documents (procedure_code, position, name, form, note) "
                       "VALUES (?, ?, ?, ?, ?)");
    Statement legal(
        db,
        "INSERT INTO catalogue_legal_basis (procedure_code, position, document, articles, issued_on, "
        "effective_on, note) VALUES (?, ?, ?, ?, ?, ?, ?)");
    for (const auto& p : catalogue.procedures()) {
        procedure.reset();
        procedure.bind(1, p.code).bind(2, p.fieldCode).bind(3, p.sortOrder).bind(4, p.name);
        procedure.bind(5, nlohmann::json(p.steps).dump());
        procedure.bind(6, p.processingTime).bind(7, toString(p.timeKind));
        if (p.timeDays) {
            procedure.bind(8, *p.timeDays);
        } else {
            procedure.bind(8, nullptr);
        }
        procedure.bind(9, p.fee).bind(10, formatFeeRule(p.feeRule)).bind(11, joinModes(p.submissionModes));
        procedure.bind(12, p.submissionNote).bind(13, p.portalUrl).bind(14, p.notes).bind(15, p.source);
        procedure.bind(16, toString(p.certainty)).bind(17, p.verifiedOn).bind(18, toString(p.level));
        procedure.bind(19, p.feeOnline).bind(20, p.staffNote);
        procedure.run();
        for (const auto& d : p.documents) {
            document.reset();
            document.bind(1, p.code).bind(2, d.position).bind(3, d.name).bind(4, d.form).bind(5, d.note);
            document.run();
        }
        for (const auto& l : p.legalBasis) {
            legal.reset();
            legal.bind(1, p.code).bind(2, l.position).bind(3, l.document).bind(4, l.articles);
            legal.bind(5, l.issuedOn).bind(6, l.effectiveOn).bind(7, l.note);
            legal.run();
        }
    }
    Statement synonym(
        db, "INSERT INTO catalogue_synonyms (phrase, target_kind, target_code, note) VALUES (?, ?, ?, ?)");
    for (const auto& s : catalogue.synonyms()) {
        synonym.reset();
        synonym.bind(1, s.phrase).bind(2, toString(s.targetKind)).bind(3, s.targetCode).bind(4, s.note);
        synonym.run();
    }
}

}  // namespace motcua::queue
