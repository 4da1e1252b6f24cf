// The user's and the system's git config files, as far as the process can read them.
#pragma once

#include <string>
#include <vector>

namespace faaslint::git {

// Leaves out of libgit2's config search every system, XDG or global config file that
// exists but cannot be read, and returns a note for each ("/root/.gitconfig: cannot
// read: Permission denied"). git warns about such a file and goes on without it
// ("warning: unable to access '/root/.gitconfig'"); libgit2 1.5 refuses to open any
// repository instead ("failed to stat '/root/.gitconfig'"). A CI container job run as
// a non-root user with HOME=/root meets exactly this. Call with libgit2 initialised.
std::vector<std::string> LeaveOutUnreadableConfigFiles();

}  // namespace faaslint::git
