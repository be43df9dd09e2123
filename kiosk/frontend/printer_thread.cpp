#include "kiosk/frontend/printer_thread.h"

#include <exception>
#include <string>

namespace motcua::kiosk {

PrinterThread::PrinterThread() : m_thread([this] { run(); }) {}

PrinterThread::~PrinterThread() {
    stop(std::chrono::milliseconds(0));
}

void PrinterThread::post(Work work, std::function<void()> dropped) {
    {
        std::lock_guard lock(m_mutex);
        if (m_stopping) {
            if (dropped) m_done.push_back(std::move(dropped));
            return;
        }
        m_queue.push_back({std::move(work), std::move(dropped)});
    }
    m_changed.notify_all();
}

void PrinterThread::run() {
    for (;;) {
        Task task;
        {
            std::unique_lock lock(m_mutex);
            m_changed.wait(lock, [&] { return m_stopping || !m_queue.empty(); });
            if (m_stopping) return;
            task = std::move(m_queue.front());
            m_queue.pop_front();
            m_running = true;
        }
        std::function<void()> then;
        try {
            then = task.work();
        } catch (const std::exception& e) {
            // A task is expected to turn every failure into a value; one that throws still must not
            // take the thread (and every later ticket) with it. Its continuation reports nothing.
            const std::string what = e.what();
            then = [what] { throw std::runtime_error("printer task failed: " + what); };
        }
        {
            std::lock_guard lock(m_mutex);
            if (then) m_done.push_back(std::move(then));
            m_running = false;
        }
        m_changed.notify_all();
    }
}

std::size_t PrinterThread::deliver() {
    std::size_t ran = 0;
    for (;;) {
        std::function<void()> next;
        {
            std::lock_guard lock(m_mutex);
            if (m_done.empty()) return ran;
            next = std::move(m_done.front());
            m_done.pop_front();
        }
        next();
        ++ran;
    }
}

std::size_t PrinterThread::pending() const {
    std::lock_guard lock(m_mutex);
    return m_queue.size() + (m_running ? 1 : 0) + m_done.size();
}

bool PrinterThread::working() const {
    std::lock_guard lock(m_mutex);
    return m_running || !m_queue.empty();
}

bool PrinterThread::waitUntilIdle(std::chrono::milliseconds timeout) const {
    std::unique_lock lock(m_mutex);
    return m_changed.wait_for(lock, timeout, [&] { return !m_running && m_queue.empty(); });
}

bool PrinterThread::stop(std::chrono::milliseconds grace) {
    bool finished;
    {
        std::unique_lock lock(m_mutex);
        if (!m_thread.joinable()) return true;
        finished = m_changed.wait_for(lock, grace, [&] { return !m_running; });
        m_stopping = true;
        for (auto& task : m_queue)
            if (task.dropped) m_done.push_back(std::move(task.dropped));
        m_queue.clear();
    }
    m_changed.notify_all();
    m_thread.join();
    return finished;
}

}  // namespace motcua::kiosk
