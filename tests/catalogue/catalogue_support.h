// Helpers for the catalogue tests: the office catalogue from assets/, and the CLI run in-process.
#pragma once

#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "kiosk/cli/cli.h"
#include "queue/catalogue_files.h"
#include "support/test_support.h"

namespace motcua::testing {

inline std::vector<std::filesystem::path> officeCatalogueFiles() {
    std::vector<std::filesystem::path> paths;
    for (const char* name :
         {"fields.tsv", "procedures.tsv", "documents.tsv", "legal_basis.tsv", "synonyms.tsv"}) {
        paths.push_back(sourcePath(std::string("assets/catalogue/") + name));
    }
    return paths;
}

inline std::vector<queue::CatalogueFile> officeCatalogueInput() {
    std::vector<queue::CatalogueFile> files;
    for (const auto& p : officeCatalogueFiles()) files.push_back({p.filename().string(), readFile(p)});
    return files;
}

// The office catalogue as shipped; fails the test if it does not read cleanly.
inline queue::Catalogue officeCatalogue() {
    auto read = queue::readCatalogueFiles(officeCatalogueInput(), queue::Catalogue{});
    if (!read.catalogue) {
        std::string problems;
        for (const auto& p : read.problems) problems += p.format() + "\n";
        throw std::runtime_error("assets/catalogue does not read:\n" + problems);
    }
    return *read.catalogue;
}

struct CliResult {
    int status = -1;
    std::string out;
    std::string err;
};

inline CliResult runCli(const std::vector<std::string>& args) {
    std::vector<const char*> argv = {"motcua"};
    for (const auto& a : args) argv.push_back(a.c_str());
    std::ostringstream out;
    std::ostringstream err;
    CliResult r;
    r.status = cli::run(static_cast<int>(argv.size()), argv.data(), out, err);
    r.out = out.str();
    r.err = err.str();
    return r;
}

}  // namespace motcua::testing
