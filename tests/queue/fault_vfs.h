// A fault-injecting SQLite VFS for tests: wraps the default VFS and fails writes, fsyncs or reports
// a full disk on demand. Registered as the default VFS of the test process while a FaultVfs lives.
#pragma once

#include <atomic>

namespace motcua::testing {

class FaultVfs {
  public:
    FaultVfs();
    ~FaultVfs();
    FaultVfs(const FaultVfs&) = delete;
    FaultVfs& operator=(const FaultVfs&) = delete;

    // Each fault applies to every matching call until cleared.
    void failWrites(bool on) { s_failWrites = on; }
    void failSyncs(bool on) { s_failSyncs = on; }
    void diskFull(bool on) { s_diskFull = on; }
    void clear() {
        s_failWrites = false;
        s_failSyncs = false;
        s_diskFull = false;
    }
    int faultsHit() const { return s_hits; }

    static std::atomic<bool> s_failWrites, s_failSyncs, s_diskFull;
    static std::atomic<int> s_hits;
};

}  // namespace motcua::testing
