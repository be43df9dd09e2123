// The printer's own thread. Every conversation with the printer (tickets, test prints, status
// questions) runs there, one at a time in the order asked, so the thread that draws the screen never
// waits for a printer, and two conversations never compete for one device (a USB printer can be
// claimed once). What a task found out comes back as an event: its continuation runs on the thread
// that calls deliver() (the kiosk's UI thread, once a frame), never on the printer thread.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <utility>

namespace motcua::kiosk {

class PrinterThread {
  public:
    // Runs on the printer thread; returns what is to run on the delivering thread.
    using Work = std::function<std::function<void()>()>;

    PrinterThread();
    // Stops as stop() does with no grace: waits for the task in progress (each is bounded by the
    // printer's own timeouts), never starts another. Continuations not delivered are dropped.
    ~PrinterThread();
    PrinterThread(const PrinterThread&) = delete;
    PrinterThread& operator=(const PrinterThread&) = delete;

    // Queues work. dropped runs instead of the continuation (on the delivering thread) when the
    // task never started because the thread was stopped first. Posting after stop() drops at once.
    void post(Work work, std::function<void()> dropped = {});

    // work() runs on the printer thread, then(result) on the delivering thread.
    template <class R, class W, class T>
    void post(W work, T then, std::function<void()> dropped = {}) {
        post(Work([work = std::move(work), then = std::move(then)]() mutable -> std::function<void()> {
                 auto result = std::make_shared<R>(work());
                 return [then, result] { then(std::move(*result)); };
             }),
             std::move(dropped));
    }

    // Runs the continuations of finished tasks (and the `dropped` of tasks that will never run), in
    // the order the tasks were posted. Returns how many ran.
    std::size_t deliver();

    // Tasks queued or running, or finished and not yet delivered.
    std::size_t pending() const;
    // Whether a task is queued or running (delivered or not).
    bool working() const;

    // Waits until no task is queued or running, at most timeout; true when that happened. Does not
    // deliver.
    bool waitUntilIdle(std::chrono::milliseconds timeout) const;

    // Stops taking work: the task in progress finishes (waited for up to grace, then the thread is
    // joined whatever it takes), queued tasks never start (their `dropped` is delivered). Returns
    // whether the task in progress (if any) finished within grace.
    bool stop(std::chrono::milliseconds grace);

  private:
    struct Task {
        Work work;
        std::function<void()> dropped;
    };
    void run();

    mutable std::mutex m_mutex;
    mutable std::condition_variable m_changed;
    std::deque<Task> m_queue;
    std::deque<std::function<void()>> m_done;
    bool m_running = false;  // a task is in progress on the thread
    bool m_stopping = false;
    std::thread m_thread;  // last: started once the members above exist
};

}  // namespace motcua::kiosk
