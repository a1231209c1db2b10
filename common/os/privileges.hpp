// privileges.hpp - a daemon started as root gives its rights up for those
// of the user it is configured to run as, once it has opened what only root
// may open. smsgated and smsgate-milter both do it through this one call.
#pragma once

#include "util/result.hpp"

#include <string>

namespace smsgate::os {

// Becomes user: its primary group (setgid), its supplementary groups from
// the group database (initgroups: dialout for the serial devices comes
// along), then its uid (setuid, which as root sets the real, effective and
// saved ids). Afterwards it checks that every id is the user's and that
// root cannot be had back; if not, the error says what was left.
//
// An empty user, or the user the process already is: nothing changes. The
// error's field is "user"; its message names the user ("no user smsgate",
// "cannot become smsgate: Operation not permitted").
Status become_user(const std::string& user);

// Gives a file made as root to user (and its primary group) before the
// change, so that the next start as that user can open it. A path that is
// not there is left alone; a symbolic link or anything but a regular file
// is refused, never followed. An empty user, root, or not being root:
// nothing changes.
Status hand_over(const std::string& path, const std::string& user);

} // namespace smsgate::os
