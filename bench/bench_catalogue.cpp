// Catalogue import time and search latency over the office's catalogue and a generated city-wide
// list of 2,000 procedures, against a naive scan that folds every text for every query.
// Usage: bench_catalogue [ASSETS_CATALOGUE_DIR]
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "bench/bench_results.h"
#include "bench/bench_stats.h"
#include "queue/catalogue.h"
#include "queue/catalogue_files.h"
#include "queue/search.h"
#include "queue/store.h"
#include "queue/vietnamese.h"

namespace q = motcua::queue;
using Clock = std::chrono::steady_clock;
using motcua::bench::msSince;

namespace {

std::string readFile(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

std::vector<q::CatalogueFile> asFiles(const std::map<std::string, std::string>& files) {
    std::vector<q::CatalogueFile> out;
    for (const auto& [name, bytes] : files) out.push_back({name, bytes});
    return out;
}

// A city-wide list: every office procedure again under 40 fields, with names lengthened by words
// drawn from the catalogue's own vocabulary so the index has a realistic number of terms.
q::Catalogue generateCityCatalogue(const q::Catalogue& office, std::size_t count) {
    std::mt19937 random(20251129);
    std::vector<std::string> vocabulary;
    for (const auto& p : office.procedures()) {
        for (const auto& text : {p.name, p.fee, p.processingTime}) {
            for (const auto& w : q::splitWords(text))
                vocabulary.push_back(text.substr(w.begin, w.end - w.begin));
        }
    }
    std::vector<q::Field> fields;
    for (int i = 0; i < 40; ++i) {
        q::Field f = office.fields()[static_cast<std::size_t>(i) % office.fields().size()];
        f.code = fmt::format("city-{:02d}", i);
        f.name = fmt::format("{} {}", f.name, i / static_cast<int>(office.fields().size()) + 1);
        f.sortOrder = i;
        fields.push_back(f);
    }
    std::vector<q::Procedure> procedures;
    for (std::size_t i = 0; i < count; ++i) {
        q::Procedure p = office.procedures()[i % office.procedures().size()];
        p.code = fmt::format("TP-{:04d}", i);
        p.fieldCode = fields[i % fields.size()].code;
        p.sortOrder = static_cast<int>(i / fields.size()) + 1;
        const int extra = 2 + static_cast<int>(random() % 8);
        for (int k = 0; k < extra; ++k) p.name += " " + vocabulary[random() % vocabulary.size()];
        procedures.push_back(std::move(p));
    }
    std::vector<q::Synonym> synonyms;
    for (const auto& s : office.synonyms()) {
        q::Synonym copy = s;
        copy.targetKind = q::SynonymTarget::Procedure;
        copy.targetCode = "TP-0000";
        synonyms.push_back(copy);
    }
    return q::Catalogue(std::move(fields), std::move(procedures), std::move(synonyms));
}

// The baseline: fold every text of every procedure for each query and count matching words.
std::vector<std::string> naiveSearch(const q::Catalogue& catalogue, const std::string& query,
                                     std::size_t limit) {
    std::vector<std::string> queryWords;
    for (const auto& w : q::splitWords(query)) queryWords.push_back(w.folded);
    std::vector<std::pair<int, const q::Procedure*>> scored;
    for (const auto& p : catalogue.procedures()) {
        std::string text = " " + q::foldForSearch(p.name) + " ";
        for (const auto& d : p.documents) text += q::foldForSearch(d.name) + " ";
        for (const auto& s : catalogue.synonyms()) {
            if (s.targetCode == p.code) text += q::foldForSearch(s.phrase) + " ";
        }
        int score = 0;
        for (const auto& w : queryWords) score += text.find(w) != std::string::npos ? 1 : 0;
        if (score > 0) scored.emplace_back(score, &p);
    }
    std::stable_sort(scored.begin(), scored.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    std::vector<std::string> out;
    for (std::size_t i = 0; i < scored.size() && i < limit; ++i) out.push_back(scored[i].second->code);
    return out;
}

struct Latency {
    double p50 = 0;
    double p99 = 0;
    double max = 0;
};

template <class Search>
Latency measure(const std::vector<std::string>& queries, int rounds, Search&& search) {
    std::vector<double> samples;
    std::size_t sink = 0;
    for (int r = 0; r < rounds; ++r) {
        for (const auto& query : queries) {
            const auto start = Clock::now();
            sink += search(query);
            samples.push_back(msSince(start));
        }
    }
    std::sort(samples.begin(), samples.end());
    const auto at = [&](double share) {
        return samples[static_cast<std::size_t>(share * (samples.size() - 1))];
    };
    if (sink == 0) fmt::print("(no query found anything)\n");
    return {at(0.5), at(0.99), samples.back()};
}

const std::vector<std::string> kQueries = {
    "đăng ký khai sinh",
    "khai sinh",
    "dang ky ket hon",
    "ket hon",
    "khai tu",
    "sao y",
    "sao y bản chính",
    "xác nhận độc thân",
    "xac nhan tinh trang hon nhan",
    "làm giấy khai sinh",
    "sổ đỏ",
    "ho khau",
    "chuwngs thuwcj banr sao",
    "ddawng kys khai sinh",
    "dang ky khai sinhh",
    "dang ky khia sinh",
    "chung thuc chu ky",
    "nuoi con nuoi",
    "giay phep xay dung",
    "ho kinh doanh",
    "tam tru",
    "thuong tru",
    "hoa giai vien",
    "tín ngưỡng",
    "trợ cấp xã hội",
    "mai tang phi",
    "di chuc",
    "trich luc",
    "cai chinh ho tich",
    "giam ho",
    "khai s",
    "chứng thực bản s",
    "nuôi con n",
    "ĐĂNG KÝ KHAI SINH",
    "tờ khai",
    "giấy tờ tùy thân",
    "bản sao",
    "hợp đồng mua bán",
    "thua ke",
    "'; DROP TABLE catalogue_procedures; --",
    "zzzz qqqq",
    "đổi tên cho con",
    "giấy khen",
    "tranh chấp đất đai",
    "người có công",
    "liệt sĩ",
    "khuyết tật",
    "kết hôn với người nước ngoài",
    "tôn giáo",
    "chăm sóc nuôi dưỡng",
};

// targetP99Ms: the search target for this catalogue; figures go to the summary table under `label`.
void benchmark(const std::string& label, const q::Catalogue& catalogue, const std::filesystem::path& dir,
               double targetP99Ms) {
    const auto files = asFiles(q::writeCatalogueFiles(catalogue));
    const auto dbPath = dir / (label + ".db");
    auto db = q::openStore(dbPath, q::OpenPurpose::Initialise);
    auto start = Clock::now();
    const auto result = q::importCatalogue(db, files, false);
    const double importMs = msSince(start);
    if (!result.applied) {
        fmt::print("{}: import failed\n", label);
        for (const auto& p : result.problems) fmt::print("  {}\n", p.format());
        return;
    }
    start = Clock::now();
    const q::Catalogue loaded = q::loadCatalogue(db);
    const double loadMs = msSince(start);
    start = Clock::now();
    const q::SearchIndex index(loaded);
    const double indexMs = msSince(start);

    const int rounds = 50;
    const auto indexed =
        measure(kQueries, rounds, [&](const std::string& query) { return index.search(query, 10).size(); });
    const auto naive = measure(
        kQueries, rounds, [&](const std::string& query) { return naiveSearch(loaded, query, 10).size(); });

    fmt::print("{:<28} {:>6} procedures, {:>6} index terms\n", label, loaded.procedures().size(),
               index.termCount());
    fmt::print("  import (parse, check, write) {:>9.2f} ms\n", importMs);
    fmt::print("  load from database           {:>9.2f} ms\n", loadMs);
    fmt::print("  build search index           {:>9.2f} ms\n", indexMs);
    fmt::print("  {:<26} {:>9} {:>9} {:>9}\n", "search, per query (ms)", "p50", "p99", "max");
    fmt::print("  {:<26} {:>9.3f} {:>9.3f} {:>9.3f}\n", "SearchIndex", indexed.p50, indexed.p99, indexed.max);
    fmt::print("  {:<26} {:>9.3f} {:>9.3f} {:>9.3f}\n", "naive scan (baseline)", naive.p50, naive.p99,
               naive.max);
    fmt::print("  naive / index              {:>9.1f}x {:>8.1f}x\n", naive.p50 / std::max(indexed.p50, 1e-9),
               naive.p99 / std::max(indexed.p99, 1e-9));
    fmt::print("  ({} queries x {} rounds)\n\n", kQueries.size(), rounds);

    using motcua::bench::Baseline;
    using motcua::bench::Target;
    const motcua::bench::BenchResults results("bench_catalogue");
    results.add(label + ": import", importMs, "ms");
    results.add(label + ": search p50", indexed.p50, "ms", {}, Baseline{"linear scan", naive.p50});
    results.add(label + ": search p99", indexed.p99, "ms", Target::atMost(targetP99Ms),
                Baseline{"linear scan", naive.p99});
}

}  // namespace

int main(int argc, char** argv) try {
    const std::filesystem::path assets =
        argc > 1 ? std::filesystem::path(argv[1])
                 : std::filesystem::path(__FILE__).parent_path().parent_path() / "assets" / "catalogue";
    std::vector<q::CatalogueFile> files;
    for (const char* name :
         {"fields.tsv", "procedures.tsv", "documents.tsv", "legal_basis.tsv", "synonyms.tsv"}) {
        files.push_back({name, readFile(assets / name)});
    }
    const auto read = q::readCatalogueFiles(files, q::Catalogue{});
    if (!read.catalogue) {
        fmt::print(stderr, "cannot read the catalogue in {}\n", assets.string());
        return 1;
    }
    std::string templ = (std::filesystem::temp_directory_path() / "motcua-bench-XXXXXX").string();
    if (!::mkdtemp(templ.data())) return 1;
    const std::filesystem::path dir = templ;

    fmt::print("motcua catalogue benchmark (targets: p99 <= 1 ms office, <= 10 ms city-wide)\n");
    // Latency tails are only meaningful on a quiet machine; say how busy this one was.
    fmt::print("load average: {}\n", readFile("/proc/loadavg"));
    benchmark("office catalogue", *read.catalogue, dir, 1.0);
    benchmark("city-wide, generated", generateCityCatalogue(*read.catalogue, 2000), dir, 10.0);
    std::filesystem::remove_all(dir);
    return 0;
} catch (const std::exception& e) {
    fmt::print(stderr, "bench_catalogue: {}\n", e.what());
    return 1;
}
