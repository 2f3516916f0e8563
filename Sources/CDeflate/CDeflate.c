#include "CDeflate.h"

#include <zlib.h>

int64_t cdeflate_bound(int64_t length) { return (int64_t)compressBound((uLong)length); }

int64_t cdeflate_compress(const uint8_t *source, int64_t length, uint8_t *destination, int64_t capacity, int level) {
    uLongf size = (uLongf)capacity;
    if (compress2(destination, &size, source, (uLong)length, level) != Z_OK) return -1;
    return (int64_t)size;
}

int64_t cdeflate_uncompress(const uint8_t *source, int64_t length, uint8_t *destination, int64_t capacity) {
    uLongf size = (uLongf)capacity;
    if (uncompress(destination, &size, source, (uLong)length) != Z_OK) return -1;
    return (int64_t)size;
}

const char *cdeflate_version(void) { return zlibVersion(); }
