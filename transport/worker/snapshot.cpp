// snapshot.cpp - the worker's state read from the router and the database.
#include "worker/snapshot.hpp"

#include "sms/tp_status.hpp"

namespace smsgate::worker {

namespace {

std::optional<std::array<std::int64_t, 4>> reports_by_class(store::Store& store, const std::string& modem)
{
    auto statuses = store.report_statuses(modem);
    if (!statuses)
        return std::nullopt;
    std::array<std::int64_t, 4> out{};
    for (const auto& [status, parts] : *statuses) {
        auto st = sms::describe_tp_status(static_cast<std::uint8_t>(status));
        out[static_cast<std::size_t>(st.status_class)] += parts;
    }
    return out;
}

} // namespace

Snapshot take_snapshot(const Router& router, store::Store& store, store::Seconds now, Reports reports)
{
    Snapshot snap;
    snap.taken = now;
    for (auto& status : router.statuses()) {
        ModemSnapshot m;
        auto depth = store.queue_depth(status.name);
        m.queue = depth ? static_cast<std::int64_t>(*depth) : -1;
        if (auto counters = store.counters(status.name))
            m.counters = *counters;
        if (reports == Reports::count)
            m.reports = reports_by_class(store, status.name);
        m.status = std::move(status);
        snap.modems.push_back(std::move(m));
    }
    auto open = store.open_jobs();
    snap.queued = open ? static_cast<std::int64_t>(open->size()) : -1;
    auto mails = store.outbox_depth();
    snap.mails = mails ? *mails : -1;
    if (auto oldest = store.oldest_waiting_mail())
        snap.oldest_mail = *oldest;
    return snap;
}

} // namespace smsgate::worker
