// The system zlib, as a SwiftPM system library (pkg-config `zlib`, Debian
// zlib1g-dev). Only CInflate includes it.
#include <zlib.h>
