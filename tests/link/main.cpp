// The link tests' entry point: doctest's own main.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

// With SMSGATE_SANITIZE, ASan insists on being the first library loaded; the
// pty interposer is preloaded before it. The interposer intercepts nothing
// ASan needs, so the check is switched off. Unused without ASan.
extern "C" const char* __asan_default_options()
{
    return "verify_asan_link_order=0";
}
