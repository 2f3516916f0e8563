// The system Zstandard library, as a SwiftPM system library: declared with
// pkg-config and the Debian package that provides it, so that a machine
// without it is told what to install. Only CZstd includes it.
#include <zstd.h>
