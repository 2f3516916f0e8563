#include "CZstd.h"

#include <zstd.h>

int64_t czstd_bound(int64_t length) { return (int64_t)ZSTD_compressBound((size_t)length); }

int64_t czstd_compress(const uint8_t *source, int64_t length, uint8_t *destination, int64_t capacity,
                       czstd_parameters parameters) {
    // One context per thread: creating one per block would cost more than
    // compressing a small block, and indexing compresses on several threads.
    static _Thread_local ZSTD_CCtx *context = NULL;
    if (context == NULL && (context = ZSTD_createCCtx()) == NULL) return -1;
    ZSTD_CCtx_reset(context, ZSTD_reset_session_and_parameters);
    ZSTD_CCtx_setParameter(context, ZSTD_c_compressionLevel, parameters.level);
    ZSTD_CCtx_setParameter(context, ZSTD_c_windowLog, parameters.window_log);
    ZSTD_CCtx_setParameter(context, ZSTD_c_chainLog, parameters.chain_log);
    ZSTD_CCtx_setParameter(context, ZSTD_c_hashLog, parameters.hash_log);
    ZSTD_CCtx_setParameter(context, ZSTD_c_searchLog, parameters.search_log);
    ZSTD_CCtx_setParameter(context, ZSTD_c_minMatch, parameters.min_match);
    ZSTD_CCtx_setParameter(context, ZSTD_c_targetLength, parameters.target_length);
    // A checksum of the content in every frame (4 bytes), verified by every
    // decompression: a damaged block is an error, never different text.
    ZSTD_CCtx_setParameter(context, ZSTD_c_checksumFlag, 1);
    size_t size = ZSTD_compress2(context, destination, (size_t)capacity, source, (size_t)length);
    return ZSTD_isError(size) ? -1 : (int64_t)size;
}

int64_t czstd_decompress(const uint8_t *source, int64_t length, uint8_t *destination, int64_t capacity) {
    static _Thread_local ZSTD_DCtx *context = NULL;
    if (context == NULL && (context = ZSTD_createDCtx()) == NULL) return -1;
    size_t size = ZSTD_decompressDCtx(context, destination, (size_t)capacity, source, (size_t)length);
    return ZSTD_isError(size) ? -1 : (int64_t)size;
}

int64_t czstd_content_size(const uint8_t *source, int64_t length) {
    unsigned long long size = ZSTD_getFrameContentSize(source, (size_t)length);
    if (size == ZSTD_CONTENTSIZE_ERROR) return -2;
    if (size == ZSTD_CONTENTSIZE_UNKNOWN) return -1;
    return size > (unsigned long long)INT64_MAX ? -2 : (int64_t)size;
}

const char *czstd_version(void) { return ZSTD_versionString(); }
