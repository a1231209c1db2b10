// access_probe.hpp - tries a program's needs (file_access.hpp) with the
// rights of the user it runs as: a child process drops to that user
// (initgroups, setgid, setuid) and asks access(2) for each file, so that
// groups, modes, ACLs and every directory on the way count as they will
// for the program.
#pragma once

#include "file_access.hpp"

#include "util/result.hpp"

#include <pwd.h>
#include <string>
#include <vector>

namespace smsgate::ctl {

struct Outcome {
    int error = 0;     // errno of access(2); 0: allowed
    std::string path;  // where it was refused: the file, or a directory on the way
    Access access = Access::read; // what was refused there
};

// One outcome per need, in order. user null: as the caller, without a
// child. The child takes the user's supplementary groups too unless
// primary_group_only (as Postfix starts its daemons and pipe(8) commands).
// An error, with the call that failed, when the child cannot become the user.
Result<std::vector<Outcome>> probe(const passwd* user, const std::vector<Need>& needs, bool primary_group_only = false);

} // namespace smsgate::ctl
