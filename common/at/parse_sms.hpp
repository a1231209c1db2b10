// parse_sms.hpp - parsers of the short message responses and indications
// of 3GPP TS 27.005 in PDU mode: +CMGS, +CMGL, +CMGR, +CMTI, +CDSI, +CMT,
// +CDS, +CPMS, +CNMI (test command), +CSCA, +CSMS. Each gives a value or an
// error that names the field; none throws or crashes on any input.
#pragma once

#include "util/result.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace smsgate::at {

// TS 27.005 3.5.1: +CMGS: <mr>[,<ackpdu>] (PDU mode; <scts> in text mode).
struct SubmitReply {
    int mr = 0;                       // TP-MR, 0-255
    std::optional<std::string> extra; // <ackpdu> or <scts>, when sent
};

Result<SubmitReply> parse_cmgs(std::string_view line);

// TS 27.005 3.1 <stat> in PDU mode. Text-mode names ("REC UNREAD") are
// accepted too: some modems use them in PDU mode.
enum class MessageStat { received_unread = 0, received_read = 1, stored_unsent = 2, stored_sent = 3 };

// TS 27.005 3.4.2: +CMGL: <index>,<stat>,[<alpha>],<length>, and a PDU line.
struct ListedMessage {
    int index = 0;
    MessageStat stat = MessageStat::received_unread;
    std::optional<std::string> alpha; // may hold commas when quoted
    int length = 0; // TPDU octets, the SMSC address not counted
};

Result<ListedMessage> parse_cmgl(std::string_view line);

// TS 27.005 3.4.3: +CMGR: <stat>,[<alpha>],<length>, and a PDU line.
struct ReadMessage {
    MessageStat stat = MessageStat::received_unread;
    std::optional<std::string> alpha;
    int length = 0;
};

Result<ReadMessage> parse_cmgr(std::string_view line);

// TS 27.005 3.4.1: +CMTI: <mem>,<index> and +CDSI: <mem>,<index>.
struct StoredIndication {
    std::string mem; // "SM", "ME", "SR", ...
    int index = 0;
};

Result<StoredIndication> parse_cmti(std::string_view line);
Result<StoredIndication> parse_cdsi(std::string_view line);

// TS 27.005 3.4.1: +CMT: [<alpha>],<length>, and a PDU line.
struct RoutedMessage {
    std::optional<std::string> alpha;
    int length = 0;
};

Result<RoutedMessage> parse_cmt(std::string_view line);

// TS 27.005 3.4.1: +CDS: <length>, and a PDU line.
Result<int> parse_cds(std::string_view line);

// TS 27.005 3.2.2: one storage of +CPMS. The read command's answer names it
// (+CPMS: "SM",5,30,"SM",5,30,"SR",1,10); the set command's does not
// (+CPMS: 5,30,5,30,1,10). In the order <mem1> (read, delete), <mem2>
// (write, send), <mem3> (received messages).
struct StorageUse {
    std::optional<std::string> mem;
    int used = 0;
    int total = 0;

    bool full() const { return total > 0 && used >= total; }
};

Result<std::vector<StorageUse>> parse_cpms(std::string_view line);

// The values a test command allows: "(0-2)", "(0,2)", "(\"0-3\")", "2".
struct ValueSet {
    std::vector<std::pair<int, int>> ranges; // inclusive

    bool contains(int value) const;
    bool empty() const { return ranges.empty(); }
};

// TS 27.005 3.4.1: +CNMI: (<mode>s),(<mt>s),(<bm>s),(<ds>s),(<bfr>s), the
// answer to AT+CNMI=?, so that the worker asks only for what the modem can.
// Sets the modem does not list are empty.
struct IndicationSupport {
    ValueSet mode, mt, bm, ds, bfr;
};

Result<IndicationSupport> parse_cnmi_support(std::string_view line);

// TS 27.005 3.3.1: +CSCA: <sca>[,<tosca>].
struct ServiceCentre {
    std::string number;     // "+32475161616"
    std::optional<int> toa; // 145 international, 129 unknown
};

Result<ServiceCentre> parse_csca(std::string_view line);

// TS 27.005 3.2.1: +CSMS: <service>,<mt>,<mo>,<bm> (read command) or
// +CSMS: <mt>,<mo>,<bm> (set command): which message services the modem
// supports.
struct SmsServices {
    std::optional<int> service; // only in the read command's answer
    bool mt = false;            // mobile terminated (receiving)
    bool mo = false;            // mobile originated (sending)
    bool bm = false;            // broadcast
};

Result<SmsServices> parse_csms(std::string_view line);

} // namespace smsgate::at
