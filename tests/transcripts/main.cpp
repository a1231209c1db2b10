// The transcript tests' entry point: doctest's main, with the worker's log
// (and its trace of every line to and from the modem) in a file of its own,
// quoted by a failing test and removed at the end.
#define DOCTEST_CONFIG_IMPLEMENT
#include "harness.hpp"

#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <unistd.h>

int main(int argc, char** argv)
{
    auto log = std::filesystem::temp_directory_path() / ("transcript_tests." + std::to_string(getpid()) + ".log");
    smsgate::transcript::use_log_file(log.string());
    ::setenv("SMSGATE_TRACE", "1", 1);
    doctest::Context context(argc, argv);
    int status = context.run();
    std::remove(log.c_str());
    return status;
}
