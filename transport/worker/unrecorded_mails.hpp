// unrecorded_mails.hpp - what the outbox knows about its mails that the
// store could not be told: a mail sendmail took whose "sent" mark failed
// (full disk, read-only file system, a lock held too long), and a mail
// sendmail refused whose next try could not be written. The store still
// says "queued" for both; this memory keeps the outbox from handing a
// taken mail to sendmail again while the process lives, and from trying a
// refused one again at once. Pure: the caller does the writing and gives
// the time.
#pragma once

#include "store/store.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace smsgate::worker {

class UnrecordedMails {
public:
    // sendmail took the mail at `now`; its mark is first tried again
    // after first_mark_pause.
    void taken(store::Id id, const std::string& key, store::Seconds now);
    // sendmail refused it and that could not be written: not tried before `until`.
    void refused(store::Id id, const std::string& key, store::Seconds until);

    // Whether a mail of the store's due list is to be left alone now: a
    // taken one always, a refused one until its time.
    bool holds(store::Id id, store::Seconds now) const;

    struct Mark {
        store::Id id = 0;
        std::string key;
        int failures = 0; // marks that failed so far
    };
    // The taken mails whose mark is due again.
    std::vector<Mark> marks_due(store::Seconds now) const;
    // The mark failed again: the pause doubles, up to max_mark_pause.
    void mark_failed(store::Id id, store::Seconds now);
    // The store knows now (marked sent, or its next try written): forgotten.
    void recorded(store::Id id);

    // When something here is due next: a mark, or a refused mail's try.
    std::optional<store::Seconds> next_due() const;
    std::size_t size() const { return mails_.size(); }
    // How many mails sendmail took that the store does not know of yet.
    std::size_t taken_count() const;

    // The first retry of a mark comes soon (a lock may be gone already);
    // later ones less often, so that a full disk is not hammered.
    static constexpr store::Seconds first_mark_pause = 1;
    static constexpr store::Seconds max_mark_pause = 300;

private:
    struct Entry {
        std::string key;
        bool taken = false;
        store::Seconds due = 0; // next mark (taken) or next try (refused)
        int failures = 0;
    };
    std::map<store::Id, Entry> mails_;
};

} // namespace smsgate::worker
