// user_data.cpp - TP-UDL and TP-UD (3GPP TS 23.040 9.2.3.16, 9.2.3.24): the
// user data header with its information elements, then the text in the
// alphabet the data coding scheme names.
#include "sms/gsm7.hpp"
#include "sms/hex.hpp"
#include "sms/national_tables.hpp"
#include "sms/pdu_fields.hpp"
#include "sms/ucs2.hpp"
#include "sms/utf8.hpp"

namespace smsgate::sms {

namespace {

constexpr std::size_t max_ud_octets = 140;
constexpr std::size_t max_ud_septets = 160;

std::string hex_iei(std::uint8_t iei) { return "IEI 0x" + to_hex(std::span(&iei, 1)); }

// TS 23.040 9.2.3.24.1 and 9.2.3.24.8: concatenation; an element whose
// values are impossible is ignored as a whole, as the specification asks.
void read_concat(const UdhElement& e, Pdu& pdu)
{
    Concat c;
    if (e.iei == 0x00) {
        c = Concat{e.data[0], e.data[1], e.data[2], 8};
    } else {
        c = Concat{static_cast<unsigned>(e.data[0] << 8 | e.data[1]), e.data[2], e.data[3], 16};
    }
    if (c.total == 0 || c.seq == 0 || c.seq > c.total) {
        pdu.warnings.push_back("TP-UDH: concatenation element with part " + std::to_string(c.seq) +
                               " of " + std::to_string(c.total) + " ignored");
        return;
    }
    pdu.concat = c;
}

// TS 23.040 9.2.3.24.3 and 9.2.3.24.4: application port addressing.
void read_ports(const UdhElement& e, Pdu& pdu)
{
    if (e.iei == 0x04)
        pdu.ports = Ports{e.data[0], e.data[1], 8};
    else
        pdu.ports = Ports{static_cast<unsigned>(e.data[0] << 8 | e.data[1]),
                          static_cast<unsigned>(e.data[2] << 8 | e.data[3]), 16};
}

// TS 23.040 9.2.3.24.15 and 9.2.3.24.16: national language single shift
// and locking shift, one octet naming the language.
void read_shift(const UdhElement& e, Pdu& pdu)
{
    (e.iei == 0x24 ? pdu.single_shift : pdu.locking_shift) = e.data[0];
}

void interpret_element(const UdhElement& e, Pdu& pdu)
{
    struct Known {
        std::uint8_t iei;
        std::size_t length;
        void (*read)(const UdhElement&, Pdu&);
    };
    static constexpr Known known[] = {
        {0x00, 3, read_concat},
        {0x04, 2, read_ports},
        {0x05, 4, read_ports},
        {0x08, 4, read_concat},
        {0x24, 1, read_shift},
        {0x25, 1, read_shift},
    };
    for (const auto& k : known) {
        if (k.iei != e.iei)
            continue;
        if (e.data.size() != k.length)
            pdu.warnings.push_back("TP-UDH: " + hex_iei(e.iei) + " with length " +
                                   std::to_string(e.data.size()) + " ignored");
        else
            k.read(e, pdu);
        return;
    }
    // Unknown elements are kept in pdu.udh and otherwise skipped.
}

void read_header(std::span<const std::uint8_t> header, Pdu& pdu)
{
    OctetReader in(header);
    while (in.remaining() > 0) {
        UdhElement e;
        e.iei = in.octet("TP-UDH");
        std::size_t length = in.octet("TP-UDH");
        if (length > in.remaining())
            fail("TP-UDH", hex_iei(e.iei) + " of length " + std::to_string(length) +
                               " overruns the header");
        auto data = in.take(length, "TP-UDH");
        e.data.assign(data.begin(), data.end());
        interpret_element(e, pdu);
        pdu.udh.push_back(std::move(e));
    }
}

// The tables a GSM 7-bit text is read with. A language the standard does
// not define, or one without a locking shift table (Spanish), reads with
// the default table, and the warning says so.
ShiftTables shift_tables(Pdu& pdu)
{
    ShiftTables tables;
    auto resolve = [&pdu](std::optional<std::uint8_t> id, bool locking, std::uint8_t& out) {
        if (!id)
            return;
        const auto* language = national_language(*id);
        if (language && (locking ? language->locking : language->single)) {
            out = *id;
            return;
        }
        std::string iei = hex_iei(locking ? 0x25 : 0x24);
        pdu.warnings.push_back("TP-UDH: " + iei + " names national language " + std::to_string(*id) +
                               ", which has no " + (locking ? "locking" : "single") +
                               " shift table: the default table is used");
    };
    resolve(pdu.locking_shift, true, tables.locking);
    resolve(pdu.single_shift, false, tables.single);
    return tables;
}

} // namespace

void read_user_data(OctetReader& in, Pdu& pdu)
{
    std::size_t udl = in.octet("TP-UDL");
    DataCoding dcs = pdu.dcs.value_or(decode_dcs(0x00));
    bool septets = dcs.alphabet == Alphabet::gsm7 && !dcs.compressed;
    if (septets && udl > max_ud_septets)
        fail("TP-UDL", "TP-UDL " + std::to_string(udl) + " exceeds 160 septets");
    if (!septets && udl > max_ud_octets)
        fail("TP-UDL", "TP-UDL " + std::to_string(udl) + " exceeds 140 octets");

    auto ud = in.take(septets ? packed_octets(udl) : udl, "TP-UD");
    pdu.has_user_data = true;

    std::size_t header_octets = 0;
    if (pdu.udhi) {
        if (ud.empty())
            fail("TP-UDHL", "TP-UDHI set but the user data is empty");
        header_octets = 1 + std::size_t{ud[0]};
        if (header_octets > ud.size())
            fail("TP-UDHL", "TP-UDHL " + std::to_string(ud[0]) + " exceeds the user data");
        read_header(ud.subspan(1, header_octets - 1), pdu);
    }

    auto body = ud.subspan(header_octets);
    if (septets) {
        std::size_t header_septets = (header_octets * 8 + 6) / 7;
        if (header_septets > udl)
            fail("TP-UDL", "TP-UDL " + std::to_string(udl) + " is shorter than the header");
        auto fill = static_cast<unsigned>(header_septets * 7 - header_octets * 8);
        pdu.text = utf8_encode(gsm7_decode(unpack_septets(body, udl - header_septets, fill), shift_tables(pdu)));
    } else if (dcs.alphabet == Alphabet::ucs2 && !dcs.compressed) {
        pdu.text = utf8_encode(ucs2_decode(body));
    } else {
        pdu.data.assign(body.begin(), body.end());
        pdu.text = to_hex(body);
    }
}

// TS 23.040 9.2.3.16 and 9.2.3.24: TP-UDL, then the header and the text;
// GSM 7-bit text starts at the septet boundary after the header.
void write_user_data(std::vector<std::uint8_t>& pdu, const std::vector<std::uint8_t>& header,
                     const std::vector<std::uint8_t>& units, Alphabet alphabet)
{
    if (alphabet == Alphabet::gsm7) {
        std::size_t header_septets = (header.size() * 8 + 6) / 7;
        auto fill = static_cast<unsigned>(header_septets * 7 - header.size() * 8);
        pdu.push_back(static_cast<std::uint8_t>(header_septets + units.size()));
        pdu.insert(pdu.end(), header.begin(), header.end());
        auto packed = pack_septets(units, fill);
        pdu.insert(pdu.end(), packed.begin(), packed.end());
        return;
    }
    pdu.push_back(static_cast<std::uint8_t>(header.size() + units.size()));
    pdu.insert(pdu.end(), header.begin(), header.end());
    pdu.insert(pdu.end(), units.begin(), units.end());
}

} // namespace smsgate::sms
