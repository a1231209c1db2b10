// smsgate-transport - the pipe(8) delivery agent of smsgate; see
// smsgate-transport(8).
#include "pipe/run.hpp"

#include <csignal>
#include <iostream>
#include <unistd.h>

int main(int argc, char** argv)
{
    std::signal(SIGPIPE, SIG_IGN);
    return smsgate::transport::run({argv + 1, argv + argc}, STDIN_FILENO, std::cout);
}
