// Helpers for the catalogue tests: the office catalogue from assets/ (and, through support/cli_run.h,
// the CLI run in-process).
#pragma once

#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "queue/catalogue_files.h"
#include "support/cli_run.h"
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

}  // namespace motcua::testing
