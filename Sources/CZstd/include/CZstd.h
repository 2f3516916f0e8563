// CZstd: a small C shim over the system Zstandard library (libzstd), used to
// compress the stored passage text and the heading lists of an index in
// blocks. Plain C types only; every symbol is prefixed `czstd_`; only
// PolicyIndex/Format/BlockCompression.swift calls it.
#ifndef CZSTD_H
#define CZSTD_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// The largest compressed size of `length` bytes.
int64_t czstd_bound(int64_t length);

/// Compresses `source` into `destination` as one Zstandard frame at `level`
/// (1-19), without a checksum (the index checksums its sections); returns the
/// compressed length, or -1 on failure.
int64_t czstd_compress(const uint8_t *source, int64_t length, uint8_t *destination, int64_t capacity, int level);

/// Decompresses one frame into `destination`; returns the decompressed length,
/// or -1 when the data is damaged or does not fit.
int64_t czstd_decompress(const uint8_t *source, int64_t length, uint8_t *destination, int64_t capacity);

/// The libzstd version in use, such as "1.5.4".
const char *czstd_version(void);

#ifdef __cplusplus
}
#endif

#endif
