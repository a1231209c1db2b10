// Every tests/transcripts/*.txt but CMakeLists.txt: its settings applied, its jobs submitted,
// played to its end against a Modem with a real Store, then its "!" lines
// checked against what is read back. One SUBCASE per file; CTest runs each
// file as "transcript: FILE" (CMakeLists.txt), naming it in
// SMSGATE_TRANSCRIPT. No file needs C++ of its own.
#include "expectations.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>

using namespace smsgate;
using namespace smsgate::transcript;
namespace fs = std::filesystem;

namespace {

std::vector<std::string> transcript_files()
{
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(SMSGATE_TRANSCRIPT_DIR))
        if (entry.is_regular_file() && entry.path().extension() == ".txt" &&
            entry.path().filename() != "CMakeLists.txt")
            names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

void check_file(const std::string& name)
{
    auto t = load_transcript(std::string(SMSGATE_TRANSCRIPT_DIR) + "/" + name);
    REQUIRE_MESSAGE(t.ok(), (t.ok() ? "" : t.error().what()));
    REQUIRE_MESSAGE(!t->expectations.empty(),
                    name << ": no expectation line (\"! ...\"): a transcript must say what comes of it");
    Harness h;
    for (const auto& s : t->settings) {
        auto set = h.set(s.key, s.value);
        REQUIRE_MESSAGE(set.ok(), location(name, s.line, s.from) << ": @set " << (set.ok() ? "" : set.error().what()));
    }
    std::vector<store::Id> jobs;
    for (const auto& s : t->submissions)
        jobs.push_back(s.number.empty() ? h.submit(s.text) : h.submit(s.text, s.number));
    auto failure = h.play_transcript(*t);
    REQUIRE_MESSAGE(failure.empty(), failure);
    INFO(name << " played in " << h.took.count() << " ms");
    CHECK(h.took < longest_run);
    for (const auto& why : check_expectations(*t, h, jobs))
        FAIL_CHECK(why);
}

} // namespace

TEST_CASE("transcript files")
{
    const char* only = std::getenv("SMSGATE_TRANSCRIPT");
    auto names = transcript_files();
    if (only) {
        // A file CTest names must be there: a vanished one fails, not passes.
        REQUIRE_MESSAGE(std::find(names.begin(), names.end(), only) != names.end(), only << " is not in the folder");
        names = {only};
    }
    CHECK(!names.empty());
    for (const auto& name : names) {
        SUBCASE(name.c_str())
        {
            check_file(name);
        }
    }
}
