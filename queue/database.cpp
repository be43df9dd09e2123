#include "queue/database.h"

#include "queue/sqlite.h"

namespace motcua::queue {

const char* toString(Dialect dialect) {
    switch (dialect) {
        case Dialect::Sqlite:
            return "sqlite";
        case Dialect::Postgres:
            return "postgresql";
    }
    return "unknown";
}

Database::Database(std::shared_ptr<detail::Connection> connection) : m_connection(std::move(connection)) {}

Database::Database(const std::string& path, OpenMode mode, std::chrono::milliseconds busyTimeout)
    : m_connection(openSqliteConnection(path, mode, busyTimeout)) {}

Dialect Database::dialect() const noexcept {
    return m_connection->dialect();
}
void Database::exec(std::string_view sql) {
    m_connection->exec(sql);
}
int Database::changes() {
    return m_connection->changes();
}
bool Database::isReadOnly() {
    return m_connection->isReadOnly();
}
const std::string& Database::path() const noexcept {
    return m_connection->path();
}
std::int64_t Database::roundTrips() const noexcept {
    return m_connection->roundTrips();
}
sqlite3* Database::handle() const noexcept {
    return m_connection->sqliteHandle();
}

std::int64_t Database::queryInt(std::string_view sql) {
    Statement st(*this, sql);
    if (!st.step()) throw DatabaseError("queryInt: no row: " + std::string(sql), DatabaseError::Kind::Other);
    return st.getInt(0);
}

Statement::Statement(const Database& db, std::string_view sql)
    : m_connection(db.shared()), m_impl(m_connection->prepare(sql)) {}

Statement::Statement(const Database& db, const Sql& sql)
    : Statement(db, db.dialect() == Dialect::Postgres ? sql.postgres : sql.sqlite) {}

Statement::Statement(Statement&&) noexcept = default;
Statement& Statement::operator=(Statement&&) noexcept = default;
Statement::~Statement() = default;

Statement& Statement::bind(int index, std::int64_t value) {
    m_impl->bindInt(index, value);
    return *this;
}
Statement& Statement::bind(int index, double value) {
    m_impl->bindDouble(index, value);
    return *this;
}
Statement& Statement::bind(int index, std::string_view value) {
    m_impl->bindText(index, value);
    return *this;
}
Statement& Statement::bind(int index, std::nullptr_t) {
    m_impl->bindNull(index, detail::StatementImpl::NullType::Unknown);
    return *this;
}
Statement& Statement::bind(int index, const std::optional<std::int64_t>& value) {
    if (value) return bind(index, *value);
    m_impl->bindNull(index, detail::StatementImpl::NullType::Int);
    return *this;
}
Statement& Statement::bind(int index, const std::optional<int>& value) {
    if (value) return bind(index, static_cast<std::int64_t>(*value));
    m_impl->bindNull(index, detail::StatementImpl::NullType::Int);
    return *this;
}
Statement& Statement::bind(int index, const std::optional<std::string>& value) {
    if (value) return bind(index, std::string_view(*value));
    m_impl->bindNull(index, detail::StatementImpl::NullType::Text);
    return *this;
}

bool Statement::step() {
    return m_impl->step();
}
void Statement::run() {
    m_impl->run();
}
void Statement::reset() {
    m_impl->reset();
}
bool Statement::isNull(int column) const {
    return m_impl->isNull(column);
}
std::int64_t Statement::getInt(int column) const {
    return m_impl->getInt(column);
}
double Statement::getDouble(int column) const {
    return m_impl->getDouble(column);
}
std::string Statement::getText(int column) const {
    return m_impl->getText(column);
}
std::optional<std::int64_t> Statement::getOptInt(int column) const {
    if (isNull(column)) return std::nullopt;
    return getInt(column);
}
std::optional<std::string> Statement::getOptText(int column) const {
    if (isNull(column)) return std::nullopt;
    return getText(column);
}
int Statement::columnCount() const {
    return m_impl->columnCount();
}

Transaction::Transaction(Database& db, Kind kind) : m_db(db) {
    m_db.connection().begin(kind);
}

Transaction::~Transaction() {
    if (!m_done) m_db.connection().rollback();
}

std::optional<std::int64_t> Transaction::commitWith(Statement& st) {
    auto value = m_db.connection().commitWith(*st.m_impl);
    m_done = true;
    return value;
}

void Transaction::commit() {
    m_db.connection().commit();
    m_done = true;
}

}  // namespace motcua::queue
