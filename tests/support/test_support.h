// Helpers shared by the test suites.
#pragma once

#include <filesystem>
#include <string>

namespace motcua::testing {

// A fresh directory under the system temp dir, removed with everything in it on destruction.
class TempDir {
public:
    TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    ~TempDir();
    const std::filesystem::path& path() const { return m_path; }
    std::filesystem::path operator/(const std::string& name) const { return m_path / name; }

private:
    std::filesystem::path m_path;
};

// Whole file as bytes ("" when missing).
std::string readFile(const std::filesystem::path& path);
void writeFile(const std::filesystem::path& path, const std::string& bytes);

// Path inside the source tree (assets, reference data).
std::filesystem::path sourcePath(const std::string& relative);

}  // namespace motcua::testing
