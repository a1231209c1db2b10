// quota_writer.cpp - the thread that takes the milter's quota counts to the
// quota book (see quota_writer.hpp).
#include "quota_writer.hpp"

#include <csignal>
#include <ctime>

#include <pthread.h>

namespace smsgate::milter {

namespace {

using namespace std::chrono_literals;

// How soon counts of other processes (the transport's claims, another
// milter on the same file) show here when nothing is counted here.
constexpr auto refresh_interval = 10s;
// The pause after a write failed: the book's own busy wait (5 s) has been
// spent already, this only keeps a broken file from being tried in a loop.
constexpr auto retry_pause = 1s;
// Old rows go once an hour (QuotaBook::prune).
constexpr auto prune_interval = 1h;

std::int64_t unix_now() { return static_cast<std::int64_t>(std::time(nullptr)); }

} // namespace

Result<std::shared_ptr<QuotaWriter>> QuotaWriter::start(const std::string& path, Report warn)
{
    auto book = quota::QuotaBook::open(path);
    if (!book)
        return book.error();
    std::shared_ptr<QuotaWriter> writer(new QuotaWriter(std::move(book).value(), std::move(warn)));
    if (auto counts = writer->book_->counts_of_day(unix_now()); counts)
        writer->tally_.refresh(std::move(counts).value());
    else
        writer->warn_("quota database: " + counts.error().what() + "; read again in a moment");
    // Signals go to the main loop: the thread starts with them blocked.
    sigset_t all, before;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, &before);
    writer->thread_ = std::thread([w = writer.get()] { w->run(); });
    pthread_sigmask(SIG_SETMASK, &before, nullptr);
    return writer;
}

QuotaWriter::QuotaWriter(std::unique_ptr<quota::QuotaBook> book, Report warn)
    : book_(std::move(book)), warn_(std::move(warn))
{
}

QuotaWriter::~QuotaWriter()
{
    tally_.stop();
    if (thread_.joinable())
        thread_.join();
}

bool QuotaWriter::write_and_refresh()
{
    bool all_written = true;
    for (auto& [sequence, r] : tally_.unwritten()) {
        auto done = book_->record(r.key, r.n, r.now, r.queue_id, r.numbers);
        if (!done) {
            // Said once a failure starts, not at every try of a file that
            // stays locked or broken.
            if (!failing_)
                warn_((r.queue_id.empty() ? "" : r.queue_id + ": ") + "quota database: " + done.error().what() +
                      "; the counts are kept in memory and written when it can be written");
            failing_ = true;
            all_written = false;
            break;
        }
        tally_.written(sequence);
        if (failing_)
            warn_((r.queue_id.empty() ? "" : r.queue_id + ": ") + "quota database: written again");
        failing_ = false;
    }
    if (auto counts = book_->counts_of_day(unix_now()); counts)
        tally_.refresh(std::move(counts).value());
    else
        warn_("quota database: " + counts.error().what());
    return all_written;
}

void QuotaWriter::run()
{
    auto last_prune = std::chrono::steady_clock::now();
    bool ok = true;
    while (ok ? tally_.wait(refresh_interval) : tally_.pause(retry_pause)) {
        ok = write_and_refresh();
        if (std::chrono::steady_clock::now() - last_prune >= prune_interval) {
            last_prune = std::chrono::steady_clock::now();
            if (auto pruned = book_->prune(unix_now()); !pruned)
                warn_("quota database: " + pruned.error().what());
        }
    }
    // Stopping: what the callbacks counted goes to the book if it can.
    if (tally_.pending())
        write_and_refresh();
}

} // namespace smsgate::milter
