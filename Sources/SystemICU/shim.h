// The system ICU (libicu), as a SwiftPM system library: declared with
// pkg-config and the Debian package that provides it, so that a machine
// without it is told what to install. Only CICU includes it.
#include <unicode/ubrk.h>
