// indic_tables.cpp - the locking-shift (A.3.4-A.3.13) and single-shift
// (A.2.4-A.2.13) tables of the Indian languages of 3GPP TS 23.038 Annex A,
// as the standard prints them: by septet value, eight values a line; "none"
// is a position the table leaves empty (and the escape, 0x1B).
#include "sms/indic_tables.hpp"

namespace smsgate::sms::indic {

namespace {
constexpr char32_t none = no_character;
} // namespace

// A.3.4 Bengali National Language Locking Shift Table
extern const SeptetTable bengali_locking = {
    U'\u0981', U'\u0982', U'\u0983', U'\u0985', U'\u0986', U'\u0987', U'\u0988', U'\u0989', // 0x00
    U'\u098A', U'\u098B', U'\n',    U'\u098C', none,     U'\r',    none,     U'\u098F', // 0x08
    U'\u0990', none,     none,     U'\u0993', U'\u0994', U'\u0995', U'\u0996', U'\u0997', // 0x10
    U'\u0998', U'\u0999', U'\u099A', none,     U'\u099B', U'\u099C', U'\u099D', U'\u099E', // 0x18
    U' ',     U'!',     U'\u099F', U'\u09A0', U'\u09A1', U'\u09A2', U'\u09A3', U'\u09A4', // 0x20
    U')',     U'(',     U'\u09A5', U'\u09A6', U',',     U'\u09A7', U'.',     U'\u09A8', // 0x28
    U'0',     U'1',     U'2',     U'3',     U'4',     U'5',     U'6',     U'7', // 0x30
    U'8',     U'9',     U':',     U';',     none,     U'\u09AA', U'\u09AB', U'?', // 0x38
    U'\u09AC', U'\u09AD', U'\u09AE', U'\u09AF', U'\u09B0', none,     U'\u09B2', none, // 0x40
    none,     none,     U'\u09B6', U'\u09B7', U'\u09B8', U'\u09B9', U'\u09BC', U'\u09BD', // 0x48
    U'\u09BE', U'\u09BF', U'\u09C0', U'\u09C1', U'\u09C2', U'\u09C3', U'\u09C4', none, // 0x50
    none,     U'\u09C7', U'\u09C8', none,     none,     U'\u09CB', U'\u09CC', U'\u09CD', // 0x58
    U'\u09CE', U'a',     U'b',     U'c',     U'd',     U'e',     U'f',     U'g', // 0x60
    U'h',     U'i',     U'j',     U'k',     U'l',     U'm',     U'n',     U'o', // 0x68
    U'p',     U'q',     U'r',     U's',     U't',     U'u',     U'v',     U'w', // 0x70
    U'x',     U'y',     U'z',     U'\u09D7', U'\u09DC', U'\u09DD', U'\u09F0', U'\u09F1', // 0x78
};

// A.2.4 Bengali National Language Single Shift Table
extern const SeptetTable bengali_single = {
    U'@',     U'\u00A3', U'$',     U'\u00A5', U'\u00BF', U'"',     U'\u00A4', U'%', // 0x00
    U'&',     U'\'',    U'\f',    U'*',     U'+',     none,     U'-',     U'/', // 0x08
    U'<',     U'=',     U'>',     U'\u00A1', U'^',     U'\u00A1', U'_',     U'#', // 0x10
    U'*',     U'\u09E6', U'\u09E7', none,     U'\u09E8', U'\u09E9', U'\u09EA', U'\u09EB', // 0x18
    U'\u09EC', U'\u09ED', U'\u09EE', U'\u09EF', U'\u09DF', U'\u09E0', U'\u09E1', U'\u09E2', // 0x20
    U'{',     U'}',     U'\u09E3', U'\u09F2', U'\u09F3', U'\u09F4', U'\u09F5', U'\\', // 0x28
    U'\u09F6', U'\u09F7', U'\u09F8', U'\u09F9', U'\u09FA', none,     none,     none, // 0x30
    none,     none,     none,     none,     U'[',     U'~',     U']',     none, // 0x38
    U'|',     U'A',     U'B',     U'C',     U'D',     U'E',     U'F',     U'G', // 0x40
    U'H',     U'I',     U'J',     U'K',     U'L',     U'M',     U'N',     U'O', // 0x48
    U'P',     U'Q',     U'R',     U'S',     U'T',     U'U',     U'V',     U'W', // 0x50
    U'X',     U'Y',     U'Z',     none,     none,     none,     none,     none, // 0x58
    none,     none,     none,     none,     none,     U'\u20AC', none,     none, // 0x60
    none,     none,     none,     none,     none,     none,     none,     none, // 0x68
    none,     none,     none,     none,     none,     none,     none,     none, // 0x70
    none,     none,     none,     none,     none,     none,     none,     none, // 0x78
};

// A.3.5 Gujarati National Language Locking Shift Table
extern const SeptetTable gujarati_locking = {
    U'\u0A81', U'\u0A82', U'\u0A83', U'\u0A85', U'\u0A86', U'\u0A87', U'\u0A88', U'\u0A89', // 0x00
    U'\u0A8A', U'\u0A8B', U'\n',    U'\u0A8C', U'\u0A8D', U'\r',    none,     U'\u0A8F', // 0x08
    U'\u0A90', U'\u0A91', none,     U'\u0A93', U'\u0A94', U'\u0A95', U'\u0A96', U'\u0A97', // 0x10
    U'\u0A98', U'\u0A99', U'\u0A9A', none,     U'\u0A9B', U'\u0A9C', U'\u0A9D', U'\u0A9E', // 0x18
    U' ',     U'!',     U'\u0A9F', U'\u0AA0', U'\u0AA1', U'\u0AA2', U'\u0AA3', U'\u0AA4', // 0x20
    U')',     U'(',     U'\u0AA5', U'\u0AA6', U',',     U'\u0AA7', U'.',     U'\u0AA8', // 0x28
    U'0',     U'1',     U'2',     U'3',     U'4',     U'5',     U'6',     U'7', // 0x30
    U'8',     U'9',     U':',     U';',     none,     U'\u0AAA', U'\u0AAB', U'?', // 0x38
    U'\u0AAC', U'\u0AAD', U'\u0AAE', U'\u0AAF', U'\u0AB0', none,     U'\u0AB2', U'\u0AB3', // 0x40
    none,     U'\u0AB5', U'\u0AB6', U'\u0AB7', U'\u0AB8', U'\u0AB9', U'\u0ABC', U'\u0ABD', // 0x48
    U'\u0ABE', U'\u0ABF', U'\u0AC0', U'\u0AC1', U'\u0AC2', U'\u0AC3', U'\u0AC4', U'\u0AC5', // 0x50
    none,     U'\u0AC7', U'\u0AC8', U'\u0AC9', none,     U'\u0ACB', U'\u0ACC', U'\u0ACD', // 0x58
    U'\u0AD0', U'a',     U'b',     U'c',     U'd',     U'e',     U'f',     U'g', // 0x60
    U'h',     U'i',     U'j',     U'k',     U'l',     U'm',     U'n',     U'o', // 0x68
    U'p',     U'q',     U'r',     U's',     U't',     U'u',     U'v',     U'w', // 0x70
    U'x',     U'y',     U'z',     U'\u0AE0', U'\u0AE1', U'\u0AE2', U'\u0AE3', U'\u0AF1', // 0x78
};

// A.2.5 Gujarati National Language Single Shift Table
extern const SeptetTable gujarati_single = {
    U'@',     U'\u00A3', U'$',     U'\u00A5', U'\u00BF', U'"',     U'\u00A4', U'%', // 0x00
    U'&',     U'\'',    U'\f',    U'*',     U'+',     none,     U'-',     U'/', // 0x08
    U'<',     U'=',     U'>',     U'\u00A1', U'^',     U'\u00A1', U'_',     U'#', // 0x10
    U'*',     U'\u0964', U'\u0965', none,     U'\u0AE6', U'\u0AE7', U'\u0AE8', U'\u0AE9', // 0x18
    U'\u0AEA', U'\u0AEB', U'\u0AEC', U'\u0AED', U'\u0AEE', U'\u0AEF', none,     none, // 0x20
    U'{',     U'}',     none,     none,     none,     none,     none,     U'\\', // 0x28
    none,     none,     none,     none,     none,     none,     none,     none, // 0x30
    none,     none,     none,     none,     U'[',     U'~',     U']',     none, // 0x38
    U'|',     U'A',     U'B',     U'C',     U'D',     U'E',     U'F',     U'G', // 0x40
    U'H',     U'I',     U'J',     U'K',     U'L',     U'M',     U'N',     U'O', // 0x48
    U'P',     U'Q',     U'R',     U'S',     U'T',     U'U',     U'V',     U'W', // 0x50
    U'X',     U'Y',     U'Z',     none,     none,     none,     none,     none, // 0x58
    none,     none,     none,     none,     none,     U'\u20AC', none,     none, // 0x60
    none,     none,     none,     none,     none,     none,     none,     none, // 0x68
    none,     none,     none,     none,     none,     none,     none,     none, // 0x70
    none,     none,     none,     none,     none,     none,     none,     none, // 0x78
};

// A.3.6 Hindi National Language Locking Shift Table
extern const SeptetTable hindi_locking = {
    U'\u0901', U'\u0902', U'\u0903', U'\u0905', U'\u0906', U'\u0907', U'\u0908', U'\u0909', // 0x00
    U'\u090A', U'\u090B', U'\n',    U'\u090C', U'\u090D', U'\r',    U'\u090E', U'\u090F', // 0x08
    U'\u0910', U'\u0911', U'\u0912', U'\u0913', U'\u0914', U'\u0915', U'\u0916', U'\u0917', // 0x10
    U'\u0918', U'\u0919', U'\u091A', none,     U'\u091B', U'\u091C', U'\u091D', U'\u091E', // 0x18
    U' ',     U'!',     U'\u091F', U'\u0920', U'\u0921', U'\u0922', U'\u0923', U'\u0924', // 0x20
    U')',     U'(',     U'\u0925', U'\u0926', U',',     U'\u0927', U'.',     U'\u0928', // 0x28
    U'0',     U'1',     U'2',     U'3',     U'4',     U'5',     U'6',     U'7', // 0x30
    U'8',     U'9',     U':',     U';',     U'\u0929', U'\u092A', U'\u092B', U'?', // 0x38
    U'\u092C', U'\u092D', U'\u092E', U'\u092F', U'\u0930', U'\u0931', U'\u0932', U'\u0933', // 0x40
    U'\u0934', U'\u0935', U'\u0936', U'\u0937', U'\u0938', U'\u0939', U'\u093C', U'\u093D', // 0x48
    U'\u093E', U'\u093F', U'\u0940', U'\u0941', U'\u0942', U'\u0943', U'\u0944', U'\u0945', // 0x50
    U'\u0946', U'\u0947', U'\u0948', U'\u0949', U'\u094A', U'\u094B', U'\u094C', U'\u094D', // 0x58
    U'\u0950', U'a',     U'b',     U'c',     U'd',     U'e',     U'f',     U'g', // 0x60
    U'h',     U'i',     U'j',     U'k',     U'l',     U'm',     U'n',     U'o', // 0x68
    U'p',     U'q',     U'r',     U's',     U't',     U'u',     U'v',     U'w', // 0x70
    U'x',     U'y',     U'z',     U'\u0972', U'\u097B', U'\u097C', U'\u097E', U'\u097F', // 0x78
};

// A.2.6 Hindi National Language Single Shift Table
extern const SeptetTable hindi_single = {
    U'@',     U'\u00A3', U'$',     U'\u00A5', U'\u00BF', U'"',     U'\u00A4', U'%', // 0x00
    U'&',     U'\'',    U'\f',    U'*',     U'+',     none,     U'-',     U'/', // 0x08
    U'<',     U'=',     U'>',     U'\u00A1', U'^',     U'\u00A1', U'_',     U'#', // 0x10
    U'*',     U'\u0964', U'\u0965', none,     U'\u0966', U'\u0967', U'\u0968', U'\u0969', // 0x18
    U'\u096A', U'\u096B', U'\u096C', U'\u096D', U'\u096E', U'\u096F', U'\u0951', U'\u0952', // 0x20
    U'{',     U'}',     U'\u0953', U'\u0954', U'\u0958', U'\u0959', U'\u095A', U'\\', // 0x28
    U'\u095B', U'\u095C', U'\u095D', U'\u095E', U'\u095F', U'\u0960', U'\u0961', U'\u0962', // 0x30
    U'\u0963', U'\u0970', U'\u0971', none,     U'[',     U'~',     U']',     none, // 0x38
    U'|',     U'A',     U'B',     U'C',     U'D',     U'E',     U'F',     U'G', // 0x40
    U'H',     U'I',     U'J',     U'K',     U'L',     U'M',     U'N',     U'O', // 0x48
    U'P',     U'Q',     U'R',     U'S',     U'T',     U'U',     U'V',     U'W', // 0x50
    U'X',     U'Y',     U'Z',     none,     none,     none,     none,     none, // 0x58
    none,     none,     none,     none,     none,     U'\u20AC', none,     none, // 0x60
    none,     none,     none,     none,     none,     none,     none,     none, // 0x68
    none,     none,     none,     none,     none,     none,     none,     none, // 0x70
    none,     none,     none,     none,     none,     none,     none,     none, // 0x78
};

// A.3.7 Kannada National Language Locking Shift Table
extern const SeptetTable kannada_locking = {
    none,     U'\u0C82', U'\u0C83', U'\u0C85', U'\u0C86', U'\u0C87', U'\u0C88', U'\u0C89', // 0x00
    U'\u0C8A', U'\u0C8B', U'\n',    U'\u0C8C', none,     U'\r',    U'\u0C8E', U'\u0C8F', // 0x08
    U'\u0C90', none,     U'\u0C92', U'\u0C93', U'\u0C94', U'\u0C95', U'\u0C96', U'\u0C97', // 0x10
    U'\u0C98', U'\u0C99', U'\u0C9A', none,     U'\u0C9B', U'\u0C9C', U'\u0C9D', U'\u0C9E', // 0x18
    U' ',     U'!',     U'\u0C9F', U'\u0CA0', U'\u0CAA', U'\u0CA2', U'\u0CA3', U'\u0CA4', // 0x20
    U')',     U'(',     U'\u0CA5', U'\u0CA6', U',',     U'\u0CA7', U'.',     U'\u0CA8', // 0x28
    U'0',     U'1',     U'2',     U'3',     U'4',     U'5',     U'6',     U'7', // 0x30
    U'8',     U'9',     U':',     U';',     none,     U'\u0CAA', U'\u0CAB', U'?', // 0x38
    U'\u0CAC', U'\u0CAD', U'\u0CAE', U'\u0CAF', U'\u0CB0', U'\u0CB1', U'\u0CB2', U'\u0CB3', // 0x40
    none,     U'\u0CB5', U'\u0CB6', U'\u0CB7', U'\u0CB8', U'\u0CB9', U'\u0CBC', U'\u0CBD', // 0x48
    U'\u0CBE', U'\u0CBF', U'\u0CC0', U'\u0CC1', U'\u0CC2', U'\u0CC3', U'\u0CC4', none, // 0x50
    U'\u0CC6', U'\u0CC7', U'\u0CC8', none,     U'\u0CCA', U'\u0CCB', U'\u0CCC', U'\u0CCD', // 0x58
    U'\u0CD5', U'a',     U'b',     U'c',     U'd',     U'e',     U'f',     U'g', // 0x60
    U'h',     U'i',     U'j',     U'k',     U'l',     U'm',     U'n',     U'o', // 0x68
    U'p',     U'q',     U'r',     U's',     U't',     U'u',     U'v',     U'w', // 0x70
    U'x',     U'y',     U'z',     U'\u0CD6', U'\u0CE0', U'\u0CE1', U'\u0CE2', U'\u0CE3', // 0x78
};

// A.2.7 Kannada National Language Single Shift Table
extern const SeptetTable kannada_single = {
    U'@',     U'\u00A3', U'$',     U'\u00A5', U'\u00BF', U'"',     U'\u00A4', U'%', // 0x00
    U'&',     U'\'',    U'\f',    U'*',     U'+',     none,     U'-',     U'/', // 0x08
    U'<',     U'=',     U'>',     U'\u00A1', U'^',     U'\u00A1', U'_',     U'#', // 0x10
    U'*',     U'\u0964', U'\u0965', none,     U'\u0CE6', U'\u0CE7', U'\u0CE8', U'\u0CE9', // 0x18
    U'\u0CEA', U'\u0CEB', U'\u0CEC', U'\u0CED', U'\u0CEE', U'\u0CEF', U'\u0CDE', U'\u0CF1', // 0x20
    U'{',     U'}',     U'\u0CF2', none,     none,     none,     none,     U'\\', // 0x28
    none,     none,     none,     none,     none,     none,     none,     none, // 0x30
    none,     none,     none,     none,     U'[',     U'~',     U']',     none, // 0x38
    U'|',     U'A',     U'B',     U'C',     U'D',     U'E',     U'F',     U'G', // 0x40
    U'H',     U'I',     U'J',     U'K',     U'L',     U'M',     U'N',     U'O', // 0x48
    U'P',     U'Q',     U'R',     U'S',     U'T',     U'U',     U'V',     U'W', // 0x50
    U'X',     U'Y',     U'Z',     none,     none,     none,     none,     none, // 0x58
    none,     none,     none,     none,     none,     U'\u20AC', none,     none, // 0x60
    none,     none,     none,     none,     none,     none,     none,     none, // 0x68
    none,     none,     none,     none,     none,     none,     none,     none, // 0x70
    none,     none,     none,     none,     none,     none,     none,     none, // 0x78
};

// A.3.8 Malayalam National Language Locking Shift Table
extern const SeptetTable malayalam_locking = {
    none,     U'\u0D02', U'\u0D03', U'\u0D05', U'\u0D06', U'\u0D07', U'\u0D08', U'\u0D09', // 0x00
    U'\u0D0A', U'\u0D0B', U'\n',    U'\u0D0C', none,     U'\r',    U'\u0D0E', U'\u0D0F', // 0x08
    U'\u0D10', none,     U'\u0D12', U'\u0D13', U'\u0D14', U'\u0D15', U'\u0D16', U'\u0D17', // 0x10
    U'\u0D18', U'\u0D19', U'\u0D1A', none,     U'\u0D1B', U'\u0D1C', U'\u0D1D', U'\u0D1E', // 0x18
    U' ',     U'!',     U'\u0D1F', U'\u0D20', U'\u0D21', U'\u0D22', U'\u0D23', U'\u0D24', // 0x20
    U')',     U'(',     U'\u0D25', U'\u0D26', U',',     U'\u0D27', U'.',     U'\u0D28', // 0x28
    U'0',     U'1',     U'2',     U'3',     U'4',     U'5',     U'6',     U'7', // 0x30
    U'8',     U'9',     U':',     U';',     none,     U'\u0D2A', U'\u0D2B', U'?', // 0x38
    U'\u0D2C', U'\u0D2D', U'\u0D2E', U'\u0D2F', U'\u0D30', U'\u0D31', U'\u0D32', U'\u0D33', // 0x40
    U'\u0D34', U'\u0D35', U'\u0D36', U'\u0D37', U'\u0D38', U'\u0D39', none,     U'\u0D3D', // 0x48
    U'\u0D3E', U'\u0D3F', U'\u0D40', U'\u0D41', U'\u0D42', U'\u0D43', U'\u0D44', none, // 0x50
    U'\u0D46', U'\u0D47', U'\u0D48', none,     U'\u0D4A', U'\u0D4B', U'\u0D4C', U'\u0D4D', // 0x58
    U'\u0D57', U'a',     U'b',     U'c',     U'd',     U'e',     U'f',     U'g', // 0x60
    U'h',     U'i',     U'j',     U'k',     U'l',     U'm',     U'n',     U'o', // 0x68
    U'p',     U'q',     U'r',     U's',     U't',     U'u',     U'v',     U'w', // 0x70
    U'x',     U'y',     U'z',     U'\u0D60', U'\u0D61', U'\u0D62', U'\u0D63', U'\u0D79', // 0x78
};

// A.2.8 Malayalam National Language Single Shift Table
extern const SeptetTable malayalam_single = {
    U'@',     U'\u00A3', U'$',     U'\u00A5', U'\u00BF', U'"',     U'\u00A4', U'%', // 0x00
    U'&',     U'\'',    U'\f',    U'*',     U'+',     none,     U'-',     U'/', // 0x08
    U'<',     U'=',     U'>',     U'\u00A1', U'^',     U'\u00A1', U'_',     U'#', // 0x10
    U'*',     U'\u0964', U'\u0965', none,     U'\u0D66', U'\u0D67', U'\u0D68', U'\u0D69', // 0x18
    U'\u0D6A', U'\u0D6B', U'\u0D6C', U'\u0D6D', U'\u0D6E', U'\u0D6F', U'\u0D70', U'\u0D71', // 0x20
    U'{',     U'}',     U'\u0D72', U'\u0D73', U'\u0D74', U'\u0D75', U'\u0D7A', U'\\', // 0x28
    U'\u0D7B', U'\u0D7C', U'\u0D7D', U'\u0D7E', U'\u0D7F', none,     none,     none, // 0x30
    none,     none,     none,     none,     U'[',     U'~',     U']',     none, // 0x38
    U'|',     U'A',     U'B',     U'C',     U'D',     U'E',     U'F',     U'G', // 0x40
    U'H',     U'I',     U'J',     U'K',     U'L',     U'M',     U'N',     U'O', // 0x48
    U'P',     U'Q',     U'R',     U'S',     U'T',     U'U',     U'V',     U'W', // 0x50
    U'X',     U'Y',     U'Z',     none,     none,     none,     none,     none, // 0x58
    none,     none,     none,     none,     none,     U'\u20AC', none,     none, // 0x60
    none,     none,     none,     none,     none,     none,     none,     none, // 0x68
    none,     none,     none,     none,     none,     none,     none,     none, // 0x70
    none,     none,     none,     none,     none,     none,     none,     none, // 0x78
};

// A.3.9 Oriya National Language Locking Shift Table
extern const SeptetTable oriya_locking = {
    U'\u0B01', U'\u0B02', U'\u0B03', U'\u0B05', U'\u0B06', U'\u0B07', U'\u0B08', U'\u0B09', // 0x00
    U'\u0B0A', U'\u0B0B', U'\n',    U'\u0B0C', none,     U'\r',    none,     U'\u0B0F', // 0x08
    U'\u0B10', none,     none,     U'\u0B13', U'\u0B14', U'\u0B15', U'\u0B16', U'\u0B17', // 0x10
    U'\u0B18', U'\u0B19', U'\u0B1A', none,     U'\u0B1B', U'\u0B1C', U'\u0B1D', U'\u0B1E', // 0x18
    U' ',     U'!',     U'\u0B1F', U'\u0B20', U'\u0B21', U'\u0B22', U'\u0B23', U'\u0B24', // 0x20
    U')',     U'(',     U'\u0B25', U'\u0B26', U',',     U'\u0B27', U'.',     U'\u0B28', // 0x28
    U'0',     U'1',     U'2',     U'3',     U'4',     U'5',     U'6',     U'7', // 0x30
    U'8',     U'9',     U':',     U';',     none,     U'\u0B2A', U'\u0B2B', U'?', // 0x38
    U'\u0B2C', U'\u0B2D', U'\u0B2E', U'\u0B2F', U'\u0B30', none,     U'\u0B32', U'\u0B33', // 0x40
    none,     U'\u0B35', U'\u0B36', U'\u0B37', U'\u0B38', U'\u0B39', U'\u0B3C', U'\u0B3D', // 0x48
    U'\u0B3E', U'\u0B3F', U'\u0B40', U'\u0B41', U'\u0B42', U'\u0B43', U'\u0B44', none, // 0x50
    none,     U'\u0B47', U'\u0B48', none,     none,     U'\u0B4B', U'\u0B4C', U'\u0B4D', // 0x58
    U'\u0B56', U'a',     U'b',     U'c',     U'd',     U'e',     U'f',     U'g', // 0x60
    U'h',     U'i',     U'j',     U'k',     U'l',     U'm',     U'n',     U'o', // 0x68
    U'p',     U'q',     U'r',     U's',     U't',     U'u',     U'v',     U'w', // 0x70
    U'x',     U'y',     U'z',     U'\u0B57', U'\u0B60', U'\u0B61', U'\u0B62', U'\u0B63', // 0x78
};

// A.2.9 Oriya National Language Single Shift Table
extern const SeptetTable oriya_single = {
    U'@',     U'\u00A3', U'$',     U'\u00A5', U'\u00BF', U'"',     U'\u00A4', U'%', // 0x00
    U'&',     U'\'',    U'\f',    U'*',     U'+',     none,     U'-',     U'/', // 0x08
    U'<',     U'=',     U'>',     U'\u00A1', U'^',     U'\u00A1', U'_',     U'#', // 0x10
    U'*',     U'\u0964', U'\u0965', none,     U'\u0B66', U'\u0B67', U'\u0B68', U'\u0B69', // 0x18
    U'\u0B6A', U'\u0B6B', U'\u0B6C', U'\u0B6D', U'\u0B6E', U'\u0B6F', U'\u0B5C', U'\u0B5D', // 0x20
    U'{',     U'}',     U'\u0B5F', U'\u0B70', U'\u0B71', none,     none,     U'\\', // 0x28
    none,     none,     none,     none,     none,     none,     none,     none, // 0x30
    none,     none,     none,     none,     U'[',     U'~',     U']',     none, // 0x38
    U'|',     U'A',     U'B',     U'C',     U'D',     U'E',     U'F',     U'G', // 0x40
    U'H',     U'I',     U'J',     U'K',     U'L',     U'M',     U'N',     U'O', // 0x48
    U'P',     U'Q',     U'R',     U'S',     U'T',     U'U',     U'V',     U'W', // 0x50
    U'X',     U'Y',     U'Z',     none,     none,     none,     none,     none, // 0x58
    none,     none,     none,     none,     none,     U'\u20AC', none,     none, // 0x60
    none,     none,     none,     none,     none,     none,     none,     none, // 0x68
    none,     none,     none,     none,     none,     none,     none,     none, // 0x70
    none,     none,     none,     none,     none,     none,     none,     none, // 0x78
};

// A.3.10 Punjabi National Language Locking Shift Table
extern const SeptetTable punjabi_locking = {
    U'\u0A01', U'\u0A02', U'\u0A03', U'\u0A05', U'\u0A06', U'\u0A07', U'\u0A08', U'\u0A09', // 0x00
    U'\u0A0A', none,     U'\n',    none,     none,     U'\r',    none,     U'\u0A0F', // 0x08
    U'\u0A10', none,     none,     U'\u0A13', U'\u0A14', U'\u0A15', U'\u0A16', U'\u0A17', // 0x10
    U'\u0A18', U'\u0A19', U'\u0A1A', none,     U'\u0A1B', U'\u0A1C', U'\u0A1D', U'\u0A1E', // 0x18
    U' ',     U'!',     U'\u0A1F', U'\u0A20', U'\u0A21', U'\u0A22', U'\u0A23', U'\u0A24', // 0x20
    U')',     U'(',     U'\u0A25', U'\u0A26', U',',     U'\u0A27', U'.',     U'\u0A28', // 0x28
    U'0',     U'1',     U'2',     U'3',     U'4',     U'5',     U'6',     U'7', // 0x30
    U'8',     U'9',     U':',     U';',     none,     U'\u0A2A', U'\u0A2B', U'?', // 0x38
    U'\u0A2C', U'\u0A2D', U'\u0A2E', U'\u0A2F', U'\u0A30', none,     U'\u0A32', U'\u0A33', // 0x40
    none,     U'\u0A35', U'\u0A36', none,     U'\u0A38', U'\u0A39', U'\u0A3C', none, // 0x48
    U'\u0A3E', U'\u0A3F', U'\u0A40', U'\u0A41', U'\u0A42', none,     none,     none, // 0x50
    none,     U'\u0A47', U'\u0A48', none,     none,     U'\u0A4B', U'\u0A4C', U'\u0A4D', // 0x58
    U'\u0A51', U'a',     U'b',     U'c',     U'd',     U'e',     U'f',     U'g', // 0x60
    U'h',     U'i',     U'j',     U'k',     U'l',     U'm',     U'n',     U'o', // 0x68
    U'p',     U'q',     U'r',     U's',     U't',     U'u',     U'v',     U'w', // 0x70
    U'x',     U'y',     U'z',     U'\u0A70', U'\u0A71', U'\u0A72', U'\u0A73', U'\u0A74', // 0x78
};

// A.2.10 Punjabi National Language Single Shift Table
extern const SeptetTable punjabi_single = {
    U'@',     U'\u00A3', U'$',     U'\u00A5', U'\u00BF', U'"',     U'\u00A4', U'%', // 0x00
    U'&',     U'\'',    U'\f',    U'*',     U'+',     none,     U'-',     U'/', // 0x08
    U'<',     U'=',     U'>',     U'\u00A1', U'^',     U'\u00A1', U'_',     U'#', // 0x10
    U'*',     U'\u0964', U'\u0965', none,     U'\u0A66', U'\u0A67', U'\u0A68', U'\u0A69', // 0x18
    U'\u0A6A', U'\u0A6B', U'\u0A6C', U'\u0A6D', U'\u0A6E', U'\u0A6F', U'\u0A59', U'\u0A5A', // 0x20
    U'{',     U'}',     U'\u0A5B', U'\u0A5C', U'\u0A5E', U'\u0A75', none,     U'\\', // 0x28
    none,     none,     none,     none,     none,     none,     none,     none, // 0x30
    none,     none,     none,     none,     U'[',     U'~',     U']',     none, // 0x38
    U'|',     U'A',     U'B',     U'C',     U'D',     U'E',     U'F',     U'G', // 0x40
    U'H',     U'I',     U'J',     U'K',     U'L',     U'M',     U'N',     U'O', // 0x48
    U'P',     U'Q',     U'R',     U'S',     U'T',     U'U',     U'V',     U'W', // 0x50
    U'X',     U'Y',     U'Z',     none,     none,     none,     none,     none, // 0x58
    none,     none,     none,     none,     none,     U'\u20AC', none,     none, // 0x60
    none,     none,     none,     none,     none,     none,     none,     none, // 0x68
    none,     none,     none,     none,     none,     none,     none,     none, // 0x70
    none,     none,     none,     none,     none,     none,     none,     none, // 0x78
};

// A.3.11 Tamil National Language Locking Shift Table
extern const SeptetTable tamil_locking = {
    none,     U'\u0B82', U'\u0B83', U'\u0B85', U'\u0B86', U'\u0B87', U'\u0B88', U'\u0B89', // 0x00
    U'\u0B8A', none,     U'\n',    none,     none,     U'\r',    U'\u0B8E', U'\u0B8F', // 0x08
    U'\u0B90', none,     U'\u0B92', U'\u0B93', U'\u0B94', U'\u0B95', none,     none, // 0x10
    none,     U'\u0B99', U'\u0B9A', none,     none,     U'\u0B9C', none,     U'\u0B9E', // 0x18
    U' ',     U'!',     U'\u0B9F', none,     none,     none,     U'\u0BA3', U'\u0BA4', // 0x20
    U')',     U'(',     none,     none,     U',',     none,     U'.',     U'\u0BA8', // 0x28
    U'0',     U'1',     U'2',     U'3',     U'4',     U'5',     U'6',     U'7', // 0x30
    U'8',     U'9',     U':',     U';',     U'\u0BA9', U'\u0BAA', none,     U'?', // 0x38
    none,     none,     U'\u0BAE', U'\u0BAF', U'\u0BB0', U'\u0BB1', U'\u0BB2', U'\u0BB3', // 0x40
    U'\u0BB4', U'\u0BB5', U'\u0BB6', U'\u0BB7', U'\u0BB8', U'\u0BB9', none,     none, // 0x48
    U'\u0BBE', U'\u0BBF', U'\u0BC0', U'\u0BC1', U'\u0BC2', none,     none,     none, // 0x50
    U'\u0BC6', U'\u0BC7', U'\u0BC8', none,     U'\u0BCA', U'\u0BCB', U'\u0BCC', U'\u0BCD', // 0x58
    U'\u0BD0', U'a',     U'b',     U'c',     U'd',     U'e',     U'f',     U'g', // 0x60
    U'h',     U'i',     U'j',     U'k',     U'l',     U'm',     U'n',     U'o', // 0x68
    U'p',     U'q',     U'r',     U's',     U't',     U'u',     U'v',     U'w', // 0x70
    U'x',     U'y',     U'z',     U'\u0BD7', U'\u0BF0', U'\u0BF1', U'\u0BF2', U'\u0BF9', // 0x78
};

// A.2.11 Tamil National Language Single Shift Table
extern const SeptetTable tamil_single = {
    U'@',     U'\u00A3', U'$',     U'\u00A5', U'\u00BF', U'"',     U'\u00A4', U'%', // 0x00
    U'&',     U'\'',    U'\f',    U'*',     U'+',     none,     U'-',     U'/', // 0x08
    U'<',     U'=',     U'>',     U'\u00A1', U'^',     U'\u00A1', U'_',     U'#', // 0x10
    U'*',     U'\u0964', U'\u0965', none,     U'\u0BE6', U'\u0BE7', U'\u0BE8', U'\u0BE9', // 0x18
    U'\u0BEA', U'\u0BEB', U'\u0BEC', U'\u0BED', U'\u0BEE', U'\u0BEF', U'\u0BF3', U'\u0BF4', // 0x20
    U'{',     U'}',     U'\u0BF5', U'\u0BF6', U'\u0BF7', U'\u0BF8', U'\u0BFA', U'\\', // 0x28
    none,     none,     none,     none,     none,     none,     none,     none, // 0x30
    none,     none,     none,     none,     U'[',     U'~',     U']',     none, // 0x38
    U'|',     U'A',     U'B',     U'C',     U'D',     U'E',     U'F',     U'G', // 0x40
    U'H',     U'I',     U'J',     U'K',     U'L',     U'M',     U'N',     U'O', // 0x48
    U'P',     U'Q',     U'R',     U'S',     U'T',     U'U',     U'V',     U'W', // 0x50
    U'X',     U'Y',     U'Z',     none,     none,     none,     none,     none, // 0x58
    none,     none,     none,     none,     none,     U'\u20AC', none,     none, // 0x60
    none,     none,     none,     none,     none,     none,     none,     none, // 0x68
    none,     none,     none,     none,     none,     none,     none,     none, // 0x70
    none,     none,     none,     none,     none,     none,     none,     none, // 0x78
};

// A.3.12 Telugu National Language Locking Shift Table
extern const SeptetTable telugu_locking = {
    U'\u0C01', U'\u0C02', U'\u0C03', U'\u0C05', U'\u0C06', U'\u0C07', U'\u0C08', U'\u0C09', // 0x00
    U'\u0C0A', U'\u0C0B', U'\n',    U'\u0C0C', none,     U'\r',    U'\u0C0E', U'\u0C0F', // 0x08
    U'\u0C10', none,     U'\u0C12', U'\u0C13', U'\u0C14', U'\u0C15', U'\u0C16', U'\u0C17', // 0x10
    U'\u0C18', U'\u0C19', U'\u0C1A', none,     U'\u0C1B', U'\u0C1C', U'\u0C1D', U'\u0C1E', // 0x18
    U' ',     U'!',     U'\u0C1F', U'\u0C20', U'\u0C21', U'\u0C22', U'\u0C23', U'\u0C24', // 0x20
    U')',     U'(',     U'\u0C25', U'\u0C26', U',',     U'\u0C27', U'.',     U'\u0C28', // 0x28
    U'0',     U'1',     U'2',     U'3',     U'4',     U'5',     U'6',     U'7', // 0x30
    U'8',     U'9',     U':',     U';',     none,     U'\u0C2A', U'\u0C2B', U'?', // 0x38
    U'\u0C2C', U'\u0C2D', U'\u0C2E', U'\u0C2F', U'\u0C30', U'\u0C31', U'\u0C32', U'\u0C33', // 0x40
    none,     U'\u0C35', U'\u0C36', U'\u0C37', U'\u0C38', U'\u0C39', none,     U'\u0C3D', // 0x48
    U'\u0C3E', U'\u0C3F', U'\u0C40', U'\u0C41', U'\u0C42', U'\u0C43', U'\u0C44', none, // 0x50
    U'\u0C46', U'\u0C47', U'\u0C48', none,     U'\u0C4A', U'\u0C4B', U'\u0C4C', U'\u0C4D', // 0x58
    U'\u0C55', U'a',     U'b',     U'c',     U'd',     U'e',     U'f',     U'g', // 0x60
    U'h',     U'i',     U'j',     U'k',     U'l',     U'm',     U'n',     U'o', // 0x68
    U'p',     U'q',     U'r',     U's',     U't',     U'u',     U'v',     U'w', // 0x70
    U'x',     U'y',     U'z',     U'\u0C56', U'\u0C60', U'\u0C61', U'\u0C62', U'\u0C63', // 0x78
};

// A.2.12 Telugu National Language Single Shift Table
extern const SeptetTable telugu_single = {
    U'@',     U'\u00A3', U'$',     U'\u00A5', U'\u00BF', U'"',     U'\u00A4', U'%', // 0x00
    U'&',     U'\'',    U'\f',    U'*',     U'+',     none,     U'-',     U'/', // 0x08
    U'<',     U'=',     U'>',     U'\u00A1', U'^',     U'\u00A1', U'_',     U'#', // 0x10
    U'*',     none,     none,     none,     U'\u0C66', U'\u0C67', U'\u0C68', U'\u0C69', // 0x18
    U'\u0C6A', U'\u0C6B', U'\u0C6C', U'\u0C6D', U'\u0C6E', U'\u0C6F', U'\u0C58', U'\u0C59', // 0x20
    U'{',     U'}',     U'\u0C78', U'\u0C79', U'\u0C7A', U'\u0C7B', U'\u0C7C', U'\\', // 0x28
    U'\u0C7D', U'\u0C7E', U'\u0C7F', none,     none,     none,     none,     none, // 0x30
    none,     none,     none,     none,     U'[',     U'~',     U']',     none, // 0x38
    U'|',     U'A',     U'B',     U'C',     U'D',     U'E',     U'F',     U'G', // 0x40
    U'H',     U'I',     U'J',     U'K',     U'L',     U'M',     U'N',     U'O', // 0x48
    U'P',     U'Q',     U'R',     U'S',     U'T',     U'U',     U'V',     U'W', // 0x50
    U'X',     U'Y',     U'Z',     none,     none,     none,     none,     none, // 0x58
    none,     none,     none,     none,     none,     none,     none,     none, // 0x60
    none,     none,     none,     none,     none,     none,     none,     none, // 0x68
    none,     none,     none,     none,     none,     none,     none,     none, // 0x70
    none,     none,     none,     none,     none,     none,     none,     none, // 0x78
};

// A.3.13 Urdu National Language Locking Shift Table
extern const SeptetTable urdu_locking = {
    U'\u0627', U'\u0622', U'\u0628', U'\u067B', U'\u0680', U'\u067E', U'\u06A6', U'\u062A', // 0x00
    U'\u06C2', U'\u067F', U'\n',    U'\u0679', U'\u067D', U'\r',    U'\u067A', U'\u067C', // 0x08
    U'\u062B', U'\u062C', U'\u0681', U'\u0684', U'\u0683', U'\u0685', U'\u0686', U'\u0687', // 0x10
    U'\u062D', U'\u062E', U'\u062F', none,     U'\u068C', U'\u0688', U'\u0689', U'\u068A', // 0x18
    U' ',     U'!',     U'\u068F', U'\u068D', U'\u0630', U'\u0631', U'\u0691', U'\u0693', // 0x20
    U')',     U'(',     U'\u0699', U'\u0632', U',',     U'\u0696', U'.',     U'\u0698', // 0x28
    U'0',     U'1',     U'2',     U'3',     U'4',     U'5',     U'6',     U'7', // 0x30
    U'8',     U'9',     U':',     U';',     U'\u069A', U'\u0633', U'\u0634', U'?', // 0x38
    U'\u0635', U'\u0636', U'\u0637', U'\u0638', U'\u0639', U'\u0641', U'\u0642', U'\u06A9', // 0x40
    U'\u06AA', U'\u06AB', U'\u06AF', U'\u06B3', U'\u06B1', U'\u0644', U'\u0645', U'\u0646', // 0x48
    U'\u06BA', U'\u06BB', U'\u06BC', U'\u0648', U'\u06C4', U'\u06D5', U'\u06C1', U'\u06BE', // 0x50
    U'\u0621', U'\u06CC', U'\u06D0', U'\u06D2', U'\u064D', U'\u0650', U'\u064F', U'\u0657', // 0x58
    U'\u0654', U'a',     U'b',     U'c',     U'd',     U'e',     U'f',     U'g', // 0x60
    U'h',     U'i',     U'j',     U'k',     U'l',     U'm',     U'n',     U'o', // 0x68
    U'p',     U'q',     U'r',     U's',     U't',     U'u',     U'v',     U'w', // 0x70
    U'x',     U'y',     U'z',     U'\u0655', U'\u0651', U'\u0653', U'\u0656', U'\u0670', // 0x78
};

// A.2.13 Urdu National Language Single Shift Table
extern const SeptetTable urdu_single = {
    U'@',     U'\u00A3', U'$',     U'\u00A5', U'\u00BF', U'"',     U'\u00A4', U'%', // 0x00
    U'&',     U'\'',    U'\f',    U'*',     U'+',     none,     U'-',     U'/', // 0x08
    U'<',     U'=',     U'>',     U'\u00A1', U'^',     U'\u00A1', U'_',     U'#', // 0x10
    U'*',     U'\u0600', U'\u0601', none,     U'\u06F0', U'\u06F1', U'\u06F2', U'\u06F3', // 0x18
    U'\u06F4', U'\u06F5', U'\u06F6', U'\u06F7', U'\u06F8', U'\u06F9', U'\u060C', U'\u060D', // 0x20
    U'{',     U'}',     U'\u060E', U'\u060F', U'\u0610', U'\u0611', U'\u0612', U'\\', // 0x28
    U'\u0613', U'\u0614', U'\u061B', U'\u061F', U'\u0640', U'\u0652', U'\u0658', U'\u066B', // 0x30
    U'\u066C', U'\u0672', U'\u0673', U'\u06CD', U'[',     U'~',     U']',     U'\u06D4', // 0x38
    U'|',     U'A',     U'B',     U'C',     U'D',     U'E',     U'F',     U'G', // 0x40
    U'H',     U'I',     U'J',     U'K',     U'L',     U'M',     U'N',     U'O', // 0x48
    U'P',     U'Q',     U'R',     U'S',     U'T',     U'U',     U'V',     U'W', // 0x50
    U'X',     U'Y',     U'Z',     none,     none,     none,     none,     none, // 0x58
    none,     none,     none,     none,     none,     U'\u20AC', none,     none, // 0x60
    none,     none,     none,     none,     none,     none,     none,     none, // 0x68
    none,     none,     none,     none,     none,     none,     none,     none, // 0x70
    none,     none,     none,     none,     none,     none,     none,     none, // 0x78
};

} // namespace smsgate::sms::indic
