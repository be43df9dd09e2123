// The catalogue as spreadsheet-editable UTF-8 TSV files (assets/catalogue/README.md describes the
// columns): reading with every problem located as file:line:column, writing, and importing into the
// database in one transaction.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "queue/catalogue.h"

namespace motcua::queue {

class Database;

enum class CatalogueTable { Fields, Procedures, Documents, LegalBasis, Synonyms };

// The file name each table is written to and recognised by (a name starting with it, e.g.
// "procedures (1).tsv", is that table too).
std::string_view fileNameOf(CatalogueTable table);

struct CatalogueProblem {
    enum class Severity { Error, Warning };
    Severity severity = Severity::Error;
    std::string file;
    int line = 0;    // 1-based; 0 for a problem with the file as a whole
    int column = 0;  // 1-based, in characters (code points) from the start of the line
    std::string message;

    // "file:line:column: warning: message" (line and column left out when 0).
    std::string format() const;
};

struct CatalogueFile {
    std::string name;   // as given on the command line; names the file in problems
    std::string bytes;  // the file's contents, as read
};

struct CatalogueRead {
    std::optional<Catalogue> catalogue;  // set when there is no error
    std::vector<CatalogueProblem> problems;
    std::vector<CatalogueTable> tables;  // the tables the files replaced
    // Where each field's service_code cell is, for warnings that need the database.
    std::map<std::string, CatalogueProblem> serviceCodeCells;

    bool hasErrors() const;
};

// Parses and checks the files. Tables the files do not cover are taken from base, so a clerk can
// import synonyms.tsv alone; the result is checked as a whole (every procedure in a known field,
// every document of a known procedure, every synonym pointing at something).
CatalogueRead readCatalogueFiles(const std::vector<CatalogueFile>& files, const Catalogue& base);

// The five files of a catalogue, by file name; reading them back gives the same catalogue.
std::map<std::string, std::string> writeCatalogueFiles(const Catalogue& catalogue);

struct CatalogueImport {
    bool applied = false;  // false on a dry run or when there were errors
    std::vector<CatalogueProblem> problems;
    std::optional<Catalogue> catalogue;  // the catalogue as it is (or would be) after the import

    bool hasErrors() const;
};

// Reads the files against the catalogue in the database and, when there is no error and this is
// not a dry run, replaces the catalogue in one write transaction. Warns about fields whose
// service_code names no service, when the database has services.
CatalogueImport importCatalogue(Database& db, const std::vector<CatalogueFile>& files, bool dryRun);

}  // namespace motcua::queue
