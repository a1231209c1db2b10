// dcs.cpp - TP-DCS, the SMS data coding scheme of 3GPP TS 23.038 4. Every
// value decodes: reserved ones are read as the GSM 7-bit default alphabet,
// as the specification asks of a receiving entity.
#include "sms/pdu.hpp"

namespace smsgate::sms {

namespace {

Alphabet alphabet_bits(std::uint8_t bits, bool& reserved)
{
    switch (bits & 0x03) {
    case 0:
        return Alphabet::gsm7;
    case 1:
        return Alphabet::eight_bit;
    case 2:
        return Alphabet::ucs2;
    default:
        reserved = true;
        return Alphabet::gsm7;
    }
}

} // namespace

DataCoding decode_dcs(std::uint8_t dcs)
{
    DataCoding d;
    d.raw = dcs;
    switch (dcs >> 4) {
    case 0x0:
    case 0x1:
    case 0x2:
    case 0x3:
    case 0x4:
    case 0x5:
    case 0x6:
    case 0x7: // 00xx xxxx general data coding, 01xx xxxx the same marked for deletion
        d.auto_delete = (dcs & 0x40) != 0;
        d.compressed = (dcs & 0x20) != 0;
        if (dcs & 0x10)
            d.message_class = dcs & 0x03;
        d.alphabet = alphabet_bits(static_cast<std::uint8_t>(dcs >> 2), d.reserved);
        break;
    case 0xC: // message waiting indication group: discard message
    case 0xD: // message waiting indication group: store message
    case 0xE: // the same with UCS-2 text
        d.alphabet = (dcs >> 4) == 0xE ? Alphabet::ucs2 : Alphabet::gsm7;
        d.waiting = DataCoding::Waiting{(dcs >> 4) != 0xC, (dcs & 0x08) != 0, dcs & 0x03};
        if (dcs & 0x04)
            d.reserved = true; // bit 2 is reserved in these groups
        break;
    case 0xF: // data coding / message class
        d.alphabet = (dcs & 0x04) ? Alphabet::eight_bit : Alphabet::gsm7;
        d.message_class = dcs & 0x03;
        if (dcs & 0x08)
            d.reserved = true;
        break;
    default: // 1000-1011: reserved coding groups
        d.reserved = true;
        break;
    }
    return d;
}

std::string DataCoding::describe() const
{
    static constexpr const char* kinds[] = {"voicemail", "fax", "e-mail", "other"};
    std::string out = alphabet == Alphabet::gsm7   ? "GSM 7-bit"
                      : alphabet == Alphabet::ucs2 ? "UCS-2"
                                                   : "8-bit data";
    if (message_class)
        out += ", class " + std::to_string(*message_class);
    if (compressed)
        out += ", compressed";
    if (auto_delete)
        out += ", marked for automatic deletion";
    if (waiting)
        out += std::string(", ") + kinds[waiting->kind] + (waiting->active ? " waiting" : " no longer waiting") +
               (waiting->store ? " (store)" : " (discard)");
    if (reserved)
        out += ", reserved value";
    return out;
}

} // namespace smsgate::sms
