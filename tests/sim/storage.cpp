// storage.cpp - numbered slots in memories.
#include "storage.hpp"

#include "sms/deliver.hpp"

#include <algorithm>

namespace smsgate::sim {

namespace {

constexpr std::size_t sim_record_octets = 175; // EF_SMS record without its status octet

} // namespace

Memory::Memory(std::string name, int first_index, std::size_t size)
    : name_(std::move(name)), first_index_(first_index), slots_(size)
{
}

std::size_t Memory::used() const
{
    return static_cast<std::size_t>(
        std::count_if(slots_.begin(), slots_.end(), [](const auto& s) { return s.has_value(); }));
}

Message* Memory::at(int index)
{
    if (!valid(index))
        return nullptr;
    auto& slot = slots_[static_cast<std::size_t>(index - first_index_)];
    return slot ? &*slot : nullptr;
}

std::optional<int> Memory::store(Message message)
{
    for (std::size_t i = 0; i < slots_.size(); ++i) {
        if (!slots_[i]) {
            slots_[i] = std::move(message);
            return first_index_ + static_cast<int>(i);
        }
    }
    return std::nullopt;
}

void Memory::erase(int index)
{
    if (valid(index))
        slots_[static_cast<std::size_t>(index - first_index_)].reset();
}

std::vector<int> Memory::used_indexes() const
{
    std::vector<int> out;
    for (std::size_t i = 0; i < slots_.size(); ++i)
        if (slots_[i])
            out.push_back(first_index_ + static_cast<int>(i));
    return out;
}

bool Memory::resize(std::size_t size)
{
    for (std::size_t i = size; i < slots_.size(); ++i)
        if (slots_[i])
            return false;
    slots_.resize(size);
    return true;
}

Storage::Storage(int first_index, std::size_t size, bool sr_memory)
{
    memories_.emplace_back("SM", first_index, size);
    memories_.emplace_back("ME", first_index, size);
    if (sr_memory)
        memories_.emplace_back("SR", first_index, size);
}

Memory* Storage::find(std::string_view name)
{
    for (auto& m : memories_)
        if (m.name() == name)
            return &m;
    return nullptr;
}

std::vector<Memory*> Storage::memories()
{
    std::vector<Memory*> out;
    for (auto& m : memories_)
        out.push_back(&m);
    return out;
}

bool Storage::resize(std::size_t size)
{
    for (auto& m : memories_)
        if (!m.used_indexes().empty() && m.used_indexes().back() > m.first_index() + static_cast<int>(size) - 1)
            return false;
    for (auto& m : memories_)
        m.resize(size);
    return true;
}

Listing listing(const Message& message, const Memory& memory, bool pad_status_reports)
{
    Listing out{message.octets, sms::tpdu_length(message.octets)};
    if (pad_status_reports && message.status_report && memory.name() == "SM" &&
        out.octets.size() < sim_record_octets) {
        out.length += sim_record_octets - out.octets.size();
        out.octets.resize(sim_record_octets, 0xFF);
    }
    return out;
}

} // namespace smsgate::sim
