#ifndef CINFLATE_H
#define CINFLATE_H

#include <stddef.h>
#include <stdint.h>

/// What `cinflate_raw` found.
enum {
    /// The stream ended; `*written` bytes of output.
    CINFLATE_OK = 0,
    /// The bytes are not a deflate stream.
    CINFLATE_DAMAGED = 1,
    /// The input ended before the stream did.
    CINFLATE_TRUNCATED = 2,
    /// The output would be longer than `capacity`.
    CINFLATE_TOO_LARGE = 3,
    /// zlib could not allocate its state.
    CINFLATE_NO_MEMORY = 4,
};

/// Inflates the raw deflate stream of a zip entry (no zlib header) in one
/// call: `source` holds the whole stream, `destination` room for `capacity`
/// bytes. Never loops on damaged input: a stream that does not end within
/// `source` is CINFLATE_TRUNCATED.
int cinflate_raw(const uint8_t *source, size_t sourceLength, uint8_t *destination, size_t capacity, size_t *written);

/// The CRC-32 of zip entries (zlib's).
uint32_t cinflate_crc32(const uint8_t *bytes, size_t length);

/// The CRC-32 of the bytes seen before (whose CRC is `previous`, 0 for
/// none) followed by `bytes` (zlib's `crc32`).
uint32_t cinflate_crc32_update(uint32_t previous, const uint8_t *bytes, size_t length);

#endif
