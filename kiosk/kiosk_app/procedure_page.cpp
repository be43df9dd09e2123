#include "kiosk/kiosk_app/procedure_page.h"

#include <fmt/args.h>

#include <algorithm>

namespace motcua::kiosk {

namespace {

using queue::SubmissionMode;

class PageBuilder {
  public:
    explicit PageBuilder(Language language) : m_language(language) {}

    // A fixed phrase with values filled in.
    void phrase(PageLineKind kind, const Phrase& words, std::vector<std::string> values = {}) {
        fmt::dynamic_format_arg_store<fmt::format_context> args;
        for (const auto& v : values) args.push_back(v);
        m_lines.push_back({kind, fmt::vformat(words.pick(m_language), args), &words, std::move(values)});
    }
    // A catalogue or office value as it is.
    void value(PageLineKind kind, const std::string& text) {
        m_lines.push_back({kind, text, nullptr, {text}});
    }
    // The value, or "Đang cập nhật – xin hỏi cán bộ" when it is not known.
    void valueOrUnknown(PageLineKind kind, const std::string& text) {
        if (queue::isUnknown(text)) {
            phrase(kind, words::kUnknownAsk);
        } else {
            value(kind, text);
        }
    }
    // The phrase with the value, or with "Đang cập nhật – xin hỏi cán bộ" in its place.
    void phraseWithValueOrUnknown(PageLineKind kind, const Phrase& words, const std::string& text) {
        if (!queue::isUnknown(text)) {
            phrase(kind, words, {text});
            return;
        }
        // The unknown marker is a fixed phrase itself, so the line's values stay empty.
        const std::string unknown = words::kUnknownAsk.pick(m_language);
        m_lines.push_back({kind, fmt::format(fmt::runtime(words.pick(m_language)), unknown), &words, {}});
    }
    void heading(const Phrase& words) { phrase(PageLineKind::Heading, words); }

    std::vector<PageLine> take() { return std::move(m_lines); }

  private:
    Language m_language;
    std::vector<PageLine> m_lines;
};

// "Mẫu số 18 (…)", "Mẫu CT01 (…)": the form's own name already starts with the word kForm puts before it.
bool namesItself(const std::string& form) {
    static const std::string word = "Mẫu ";
    return form.compare(0, word.size(), word) == 0;
}

bool has(const queue::Procedure& p, SubmissionMode mode) {
    return std::find(p.submissionModes.begin(), p.submissionModes.end(), mode) != p.submissionModes.end();
}

}  // namespace

bool confirmed(const queue::Procedure& procedure) {
    return procedure.certainty == queue::Certainty::High && !procedure.verifiedOn.empty();
}

std::string dayMonthYear(const std::string& isoDate) {
    if (isoDate.size() != 10 || isoDate[4] != '-' || isoDate[7] != '-') return isoDate;
    return isoDate.substr(8, 2) + "/" + isoDate.substr(5, 2) + "/" + isoDate.substr(0, 4);
}

std::vector<PageLine> procedurePage(const queue::Procedure& p, const PageContext& context,
                                    Language language) {
    PageBuilder page(language);

    if (!confirmed(p)) page.phrase(PageLineKind::Badge, words::kBeingVerified);
    if (!p.verifiedOn.empty())
        page.phrase(PageLineKind::Checked, words::kCheckedOn, {dayMonthYear(p.verifiedOn)});

    page.heading(words::kSteps);
    std::size_t steps = 0;
    for (const auto& step : p.steps) {
        if (queue::isUnknown(step)) continue;
        page.value(PageLineKind::Step, step);
        ++steps;
    }
    if (steps == 0) page.phrase(PageLineKind::Text, words::kUnknownAsk);

    page.heading(words::kDocuments);
    std::size_t documents = 0;
    for (const auto& d : p.documents) {
        if (queue::isUnknown(d.name)) continue;
        page.value(PageLineKind::Document, d.name);
        ++documents;
        if (!d.form.empty()) {
            // A form named as the decree names it ("Mẫu CT01 (TT 53/2025/TT-BCA)") is shown as it is in
            // Vietnamese: "Mẫu: Mẫu CT01" would say the word twice.
            if (language == Language::Vi && namesItself(d.form)) {
                page.value(PageLineKind::Detail, d.form);
            } else {
                page.phraseWithValueOrUnknown(PageLineKind::Detail, words::kForm, d.form);
            }
        }
        if (!queue::isUnknown(d.note)) page.value(PageLineKind::Detail, d.note);
    }
    if (documents == 0) page.phrase(PageLineKind::Text, words::kUnknownAsk);

    page.heading(words::kTime);
    page.valueOrUnknown(PageLineKind::Text, p.processingTime);

    // Two fees where the procedure can be done online: they differ in Hà Nội from 1 January 2026.
    page.heading(words::kFee);
    const bool online = has(p, SubmissionMode::OnlineFull) || has(p, SubmissionMode::OnlinePartial);
    if (online) {
        // The in-person fee only where the row says the dossier can be handed in (or posted): an
        // online-only procedure has no "Nộp trực tiếp" price to show.
        if (has(p, SubmissionMode::InPerson) || has(p, SubmissionMode::Post)) {
            page.phraseWithValueOrUnknown(PageLineKind::Text, words::kFeeInPerson, p.fee);
        }
        page.phraseWithValueOrUnknown(PageLineKind::Text, words::kFeeOnline, p.feeOnline);
    } else {
        page.valueOrUnknown(PageLineKind::Text, p.fee);
    }

    page.heading(words::kLegalBasis);
    std::size_t legal = 0;
    for (const auto& b : p.legalBasis) {
        if (queue::isUnknown(b.document)) continue;
        ++legal;
        if (b.articles.empty()) {
            page.value(PageLineKind::Document, b.document);
        } else {
            page.phrase(PageLineKind::Document, words::kLegalArticles, {b.document, b.articles});
        }
        if (!queue::isUnknown(b.note)) page.value(PageLineKind::Detail, b.note);
    }
    if (legal == 0) page.phrase(PageLineKind::Text, words::kUnknownAsk);

    page.heading(words::kHowToSubmit);
    if (p.submissionModes.empty()) page.phrase(PageLineKind::Text, words::kUnknownAsk);
    if (has(p, SubmissionMode::InPerson)) {
        if (context.unit.empty()) {
            page.phrase(PageLineKind::Text, words::kSubmitInPerson);
        } else {
            page.phrase(PageLineKind::Text, words::kSubmitInPersonAt, {context.unit});
        }
    }
    if (has(p, SubmissionMode::Post)) page.phrase(PageLineKind::Text, words::kSubmitPost);
    if (has(p, SubmissionMode::OnlineFull)) page.phrase(PageLineKind::Text, words::kSubmitOnlineFull);
    if (has(p, SubmissionMode::OnlinePartial)) page.phrase(PageLineKind::Text, words::kSubmitOnlinePartial);
    if (!queue::isUnknown(p.submissionNote)) page.value(PageLineKind::Detail, p.submissionNote);
    const std::string portal = !queue::isUnknown(p.portalUrl) ? p.portalUrl : context.onlinePortal;
    if (online && !portal.empty()) {
        page.phrase(PageLineKind::Text, words::kScanQr);
        page.value(PageLineKind::Link, portal);
    }

    if (!queue::isUnknown(p.notes)) {
        page.heading(words::kNotes);
        page.value(PageLineKind::Text, p.notes);
    }
    return page.take();
}

const std::vector<const Phrase*>& procedurePagePhrases() {
    static const std::vector<const Phrase*> phrases = {
        &words::kUnknownAsk,
        &words::kBeingVerified,
        &words::kCheckedOn,
        &words::kSteps,
        &words::kDocuments,
        &words::kForm,
        &words::kTime,
        &words::kFee,
        &words::kFeeInPerson,
        &words::kFeeOnline,
        &words::kLegalBasis,
        &words::kLegalArticles,
        &words::kHowToSubmit,
        &words::kSubmitInPersonAt,
        &words::kSubmitInPerson,
        &words::kSubmitPost,
        &words::kSubmitOnlineFull,
        &words::kSubmitOnlinePartial,
        &words::kScanQr,
        &words::kNotes,
    };
    return phrases;
}

}  // namespace motcua::kiosk
