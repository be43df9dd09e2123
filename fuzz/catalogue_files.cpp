// Fuzz target: the catalogue TSV reader (the parse and check behind `motcua catalogue import`),
// without a database. The first input byte picks which of the five files the rest is; the tables
// it does not replace come from the bundled catalogue (assets/catalogue), as on a real import.
// Problems are values; a crash, UB, a leak or any exception is a bug. A catalogue that reads
// without errors must also survive the documented round trip: written and read back, it is equal.
#include "queue/catalogue_files.h"

#include <cstddef>
#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

using motcua::queue::Catalogue;
using motcua::queue::CatalogueFile;
using motcua::queue::CatalogueTable;

constexpr CatalogueTable kTables[] = {CatalogueTable::Fields, CatalogueTable::Procedures,
                                      CatalogueTable::Documents, CatalogueTable::LegalBasis,
                                      CatalogueTable::Synonyms};

const Catalogue& bundledCatalogue() {
    static const Catalogue catalogue = [] {
        std::vector<CatalogueFile> files;
        for (const auto table : kTables) {
            const std::string name(motcua::queue::fileNameOf(table));
            std::ifstream in(std::string(MOTCUA_ASSETS_DIR) + "/catalogue/" + name, std::ios::binary);
            std::ostringstream bytes;
            bytes << in.rdbuf();
            files.push_back({name, bytes.str()});
        }
        auto read = motcua::queue::readCatalogueFiles(files, Catalogue{});
        if (read.hasErrors() || !read.catalogue) __builtin_trap();  // the bundled catalogue must read
        return *read.catalogue;
    }();
    return catalogue;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const auto table = kTables[data[0] % std::size(kTables)];
    const std::vector<CatalogueFile> files{{std::string(motcua::queue::fileNameOf(table)),
                                            std::string(reinterpret_cast<const char*>(data + 1), size - 1)}};
    const auto read = motcua::queue::readCatalogueFiles(files, bundledCatalogue());
    for (const auto& problem : read.problems) (void)problem.format();
    if (read.hasErrors() || !read.catalogue) return 0;

    std::vector<CatalogueFile> written;
    for (auto& [name, bytes] : motcua::queue::writeCatalogueFiles(*read.catalogue))
        written.push_back({name, bytes});
    const auto reread = motcua::queue::readCatalogueFiles(written, Catalogue{});
    if (reread.hasErrors() || !reread.catalogue || !(*reread.catalogue == *read.catalogue)) __builtin_trap();
    return 0;
}
