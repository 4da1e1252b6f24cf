// SHA-1 (FIPS 180-4, section 6.1), for the one place faaslint needs it: the checksum git
// stores at the end of its index file (see git/index_file.h). Not for security.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace faaslint {

using Sha1Digest = std::array<uint8_t, 20>;

Sha1Digest Sha1(std::string_view data);

}  // namespace faaslint
