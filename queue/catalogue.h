// The procedures catalogue: fields (lĩnh vực), procedures (thủ tục hành chính) with their dossier,
// legal basis and fees, and the colloquial phrases (synonyms) citizens use for them.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace motcua::queue {

class Database;

// Written where a fact is not known yet; never replaced by a guess.
inline constexpr std::string_view kBeingUpdated = "Đang cập nhật";

enum class Certainty { High, Medium, Low };
enum class TimeKind { Unknown, SameDay, WorkingDays, Days };
enum class SubmissionMode { InPerson, Post, OnlineFull, OnlinePartial };
enum class SynonymTarget { Procedure, Field };
// The level that decides a procedure (cấp thực hiện); Unknown when no source says.
enum class ProcedureLevel { Unknown, Commune, Province, Ministry };

std::string_view toString(Certainty value);
std::string_view toString(TimeKind value);
std::string_view toString(SubmissionMode value);
std::string_view toString(SynonymTarget value);
std::string_view toString(ProcedureLevel value);  // "" for Unknown
std::optional<Certainty> parseCertainty(std::string_view text);
std::optional<TimeKind> parseTimeKind(std::string_view text);
std::optional<SubmissionMode> parseSubmissionMode(std::string_view text);
std::optional<SynonymTarget> parseSynonymTarget(std::string_view text);
std::optional<ProcedureLevel> parseProcedureLevel(std::string_view text);  // "" is Unknown

// True when text is empty or says the fact is not known yet (kBeingUpdated).
bool isUnknown(std::string_view text);

// A researcher's working note inside text meant for citizens: a bracketed source key ("[S30]") or a
// phrase such as "cần xác minh", "theo hiểu biết", "chưa kiểm chứng" (case ignored).
struct WorkingNote {
    std::size_t offset = 0;  // in code points from the start of the text
    std::string marker;      // what was found, as written in the text
};
std::optional<WorkingNote> findWorkingNote(std::string_view text);

// What a maintainer's note (source, staff_note) says about how sure the row is, when it says so:
// "độ tin cậy thấp", "chưa kiểm chứng", "kiến thức chung", "theo hiểu biết" mean Low; "cần xác minh",
// "chưa xác minh", "cần đối chiếu", "độ tin cậy trung bình" mean at most Medium; "độ tin cậy cao"
// means High. The first such phrase decides; nullopt when there is none.
struct CertaintyClaim {
    WorkingNote at;
    Certainty claimed = Certainty::Low;
    bool atMost = false;  // the note allows this certainty or a lower one
};
std::optional<CertaintyClaim> certaintyClaimIn(std::string_view note);

// A fee that can be computed for a number of pages and copies. Text form (the fee_rule column):
//   ""                                     no rule (the fee is only described in text)
//   "flat=50000"                           per copy or case
//   "page=2000; from_page=3; then=1000; max=200000"
//                                          per page of the original, a lower rate from a page on,
//                                          capped per copy (the certified-copy fee, TT 226/2016)
// Amounts are in đồng.
struct FeeRule {
    enum class Kind { None, Flat, PerPage };
    Kind kind = Kind::None;
    std::int64_t flat = 0;
    std::int64_t perPage = 0;
    int laterFromPage = 0;  // 0: one rate for every page
    std::int64_t laterPerPage = 0;
    std::int64_t maxPerCopy = 0;  // 0: no cap

    bool operator==(const FeeRule&) const = default;
};

// The rule, or an error message for the clerk.
struct FeeRuleParse {
    std::optional<FeeRule> rule;
    std::string error;
};
FeeRuleParse parseFeeRule(std::string_view text);
std::string formatFeeRule(const FeeRule& rule);

// The fee in đồng for copies of a document of pages pages; nullopt when the rule computes nothing
// (Kind::None) or pages or copies is below 1.
std::optional<std::int64_t> feeFor(const FeeRule& rule, int pages, int copies);

struct Field {
    std::string code;
    std::string name;
    std::string nameEn;
    int sortOrder = 0;
    std::string serviceCode;  // services.code of the queue service that handles the field
    std::string note;
    std::string source;
    Certainty certainty = Certainty::Medium;

    bool operator==(const Field&) const = default;
};

struct DossierDocument {
    int position = 0;
    std::string name;
    std::string form;  // the form (mẫu đơn, tờ khai) to fill in, "" when the document is not a form
    std::string note;

    bool operator==(const DossierDocument&) const = default;
};

struct LegalBasis {
    int position = 0;
    std::string document;
    std::string articles;
    std::string issuedOn;     // YYYY-MM-DD or YYYY, "" when not known
    std::string effectiveOn;  // same
    std::string note;

    bool operator==(const LegalBasis&) const = default;
};

// A procedure. Citizen text: name, steps, processingTime, fee, feeOnline, submissionNote, notes,
// documents, legalBasis. For the maintainers only: source, certainty, verifiedOn, staffNote.
struct Procedure {
    std::string code;  // national code (d.dddddd) where known, else a local code
    std::string fieldCode;
    int sortOrder = 0;
    std::string name;
    ProcedureLevel level = ProcedureLevel::Unknown;
    std::vector<std::string> steps;
    std::string processingTime;
    TimeKind timeKind = TimeKind::Unknown;
    std::optional<int> timeDays;  // set for WorkingDays and Days
    std::string fee;              // in person
    std::string feeOnline;        // when submitted online; "" when not known
    FeeRule feeRule;
    std::vector<SubmissionMode> submissionModes;
    std::string submissionNote;
    std::string portalUrl;
    std::string notes;
    std::string source;
    Certainty certainty = Certainty::Medium;
    std::string verifiedOn;  // YYYY-MM-DD: when the row was last checked against its source
    std::string staffNote;   // working notes for the maintainers, never shown to citizens
    std::vector<DossierDocument> documents;
    std::vector<LegalBasis> legalBasis;

    bool hasNationalCode() const;
    bool operator==(const Procedure&) const = default;
};

struct Synonym {
    std::string phrase;
    SynonymTarget targetKind = SynonymTarget::Procedure;
    std::string targetCode;
    std::string note;  // shown with the result, e.g. that residence is handled by the ward police

    bool operator==(const Synonym&) const = default;
};

// The catalogue in memory, as the kiosk reads it. Fields come in display order (sort order, then
// Vietnamese alphabetical order), procedures of a field likewise, synonyms by phrase. Pointers and
// references returned stay valid as long as the Catalogue is neither modified nor destroyed.
class Catalogue {
  public:
    Catalogue() = default;
    Catalogue(std::vector<Field> fields, std::vector<Procedure> procedures, std::vector<Synonym> synonyms);

    const std::vector<Field>& fields() const { return m_fields; }
    const std::vector<Procedure>& procedures() const { return m_procedures; }
    const std::vector<Synonym>& synonyms() const { return m_synonyms; }
    // Fields in Vietnamese alphabetical order of their names.
    std::vector<const Field*> fieldsByName() const;

    const Field* field(std::string_view code) const;
    const Procedure* procedure(std::string_view code) const;
    std::vector<const Procedure*> proceduresOf(std::string_view fieldCode) const;
    bool empty() const { return m_fields.empty() && m_procedures.empty() && m_synonyms.empty(); }

    bool operator==(const Catalogue& other) const;

  private:
    std::vector<Field> m_fields;
    std::vector<Procedure> m_procedures;  // grouped by field in field display order
    std::vector<Synonym> m_synonyms;
    std::map<std::string, std::size_t, std::less<>> m_fieldIndex;
    std::map<std::string, std::size_t, std::less<>> m_procedureIndex;
};

// Reads the whole catalogue from the database (schema version 3 or later).
Catalogue loadCatalogue(Database& db);

// Replaces the catalogue in the database with this one. The caller holds the write transaction.
void replaceCatalogue(Database& db, const Catalogue& catalogue);

}  // namespace motcua::queue
