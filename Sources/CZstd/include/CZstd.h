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

/// How to compress: a level (1-19), and the parameters that override what the
/// level sets for the input's size; 0 leaves a parameter to the level.
typedef struct {
    int level;
    int window_log;
    int chain_log;
    int hash_log;
    int search_log;
    int min_match;
    int target_length;
} czstd_parameters;

/// Compresses `source` into `destination` as one Zstandard frame, without a
/// checksum (the index checksums its sections); returns the compressed
/// length, or -1 on failure.
int64_t czstd_compress(const uint8_t *source, int64_t length, uint8_t *destination, int64_t capacity,
                       czstd_parameters parameters);

/// Decompresses one frame into `destination`; returns the decompressed length,
/// or -1 when the data is damaged or does not fit.
int64_t czstd_decompress(const uint8_t *source, int64_t length, uint8_t *destination, int64_t capacity);

/// The libzstd version in use, such as "1.5.4".
/// The content size a frame records: -1 when it records none, -2 when the
/// frame header is damaged.
int64_t czstd_content_size(const uint8_t *source, int64_t length);

const char *czstd_version(void);

#ifdef __cplusplus
}
#endif

#endif
