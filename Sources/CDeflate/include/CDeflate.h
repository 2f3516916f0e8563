// CDeflate: a two-function C shim over the system zlib, used to compress the
// stored passage text of an index in blocks. Plain C types only; every symbol
// is prefixed `cdeflate_`; only PolicyIndex/Format/Deflate.swift calls it.
#ifndef CDEFLATE_H
#define CDEFLATE_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// The largest compressed size of `length` bytes.
int64_t cdeflate_bound(int64_t length);

/// Compresses `source` into `destination` (zlib format) at `level` (0-9);
/// returns the compressed length, or -1 on failure.
int64_t cdeflate_compress(const uint8_t *source, int64_t length, uint8_t *destination, int64_t capacity, int level);

/// Decompresses `source` into `destination`; returns the decompressed length,
/// or -1 when the data is damaged or does not fit.
int64_t cdeflate_uncompress(const uint8_t *source, int64_t length, uint8_t *destination, int64_t capacity);

/// The zlib version in use, such as "1.2.13".
const char *cdeflate_version(void);

#ifdef __cplusplus
}
#endif

#endif
