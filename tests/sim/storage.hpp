// storage.hpp - message storage as TS 27.005 sees it: memories ("SM" the
// SIM, "ME" the phone, "SR" status reports) of numbered slots, each empty
// or holding one PDU with its status.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace smsgate::sim {

// TS 27.005 3.1 <stat> in PDU mode.
enum class Stat { rec_unread = 0, rec_read = 1, sto_unsent = 2, sto_sent = 3 };

struct Message {
    std::vector<std::uint8_t> octets; // SMSC address and TPDU, as received
    Stat stat = Stat::rec_unread;
    bool status_report = false;
};

class Memory {
public:
    Memory(std::string name, int first_index, std::size_t size);

    const std::string& name() const { return name_; }
    std::size_t size() const { return slots_.size(); }
    std::size_t used() const;
    int first_index() const { return first_index_; }
    int last_index() const { return first_index_ + static_cast<int>(size()) - 1; }
    bool valid(int index) const { return index >= first_index_ && index <= last_index(); }

    Message* at(int index); // nothing when empty or out of range
    // Into the lowest free slot; nothing when the memory is full.
    std::optional<int> store(Message message);
    void erase(int index);
    std::vector<int> used_indexes() const; // ascending
    // False, and nothing changed, when a slot in use would be cut off.
    bool resize(std::size_t size);

private:
    std::string name_;
    int first_index_;
    std::vector<std::optional<Message>> slots_;
};

class Storage {
public:
    Storage(int first_index, std::size_t size, bool sr_memory);

    Memory* find(std::string_view name); // "SM", "ME", "SR"; nothing for others
    std::vector<Memory*> memories();
    bool has_sr() const { return memories_.size() == 3; }

    // +CPMS: <mem1> read and delete, <mem2> write and send, <mem3> receive.
    std::array<std::string, 3> selected = {"SM", "SM", "SM"};
    Memory& read_memory() { return *find(selected[0]); }
    Memory& receive_memory() { return *find(selected[2]); }
    // Status reports: "SR" when the modem has it, else where SMS go.
    Memory& report_memory() { return has_sr() ? *find("SR") : receive_memory(); }

    bool resize(std::size_t size);

private:
    std::vector<Memory> memories_;
};

// What +CMGL and +CMGR show of a message: the octets and the <length>.
// With pad_status_reports, a status report in "SM" is shown as the whole
// 176-octet SIM record (TS 51.011 10.5.3: a status octet, then 175 octets
// padded with FF), and its length counts the padding, as the seed's modem
// did (+CMGL: 1,0,,167).
struct Listing {
    std::vector<std::uint8_t> octets;
    std::size_t length = 0;
};
Listing listing(const Message& message, const Memory& memory, bool pad_status_reports);

} // namespace smsgate::sim
