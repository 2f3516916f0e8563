#include "CInflate.h"

#include <limits.h>
#include <string.h>

#include <zlib.h>

int cinflate_raw(const uint8_t *source, size_t sourceLength, uint8_t *destination, size_t capacity, size_t *written) {
    *written = 0;
    // zlib counts in uInt: larger inputs are no Word parts (the caller caps them far lower).
    if (sourceLength > UINT_MAX || capacity > UINT_MAX) return CINFLATE_TOO_LARGE;
    z_stream stream;
    memset(&stream, 0, sizeof stream);
    if (inflateInit2(&stream, -MAX_WBITS) != Z_OK) return CINFLATE_NO_MEMORY;
    stream.next_in = (Bytef *)source;
    stream.avail_in = (uInt)sourceLength;
    stream.next_out = destination;
    stream.avail_out = (uInt)capacity;
    int result = inflate(&stream, Z_FINISH);
    int status;
    switch (result) {
    case Z_STREAM_END: status = CINFLATE_OK; break;
    case Z_NEED_DICT: case Z_DATA_ERROR: status = CINFLATE_DAMAGED; break;
    case Z_MEM_ERROR: status = CINFLATE_NO_MEMORY; break;
    default:
        // Z_BUF_ERROR or Z_OK with Z_FINISH: out of room, or out of input.
        status = stream.avail_out == 0 ? CINFLATE_TOO_LARGE : CINFLATE_TRUNCATED;
        break;
    }
    *written = stream.total_out;
    inflateEnd(&stream);
    return status;
}

uint32_t cinflate_crc32(const uint8_t *bytes, size_t length) {
    return cinflate_crc32_update(0, bytes, length);
}

uint32_t cinflate_crc32_update(uint32_t previous, const uint8_t *bytes, size_t length) {
    uLong crc = previous;
    while (length > 0) {
        uInt piece = length > (1u << 30) ? (1u << 30) : (uInt)length;
        crc = crc32(crc, bytes, piece);
        bytes += piece;
        length -= piece;
    }
    return (uint32_t)crc;
}
