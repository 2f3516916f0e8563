// CICU: a tiny C shim over the system ICU (libicuuc, libicui18n).
//
// Why C: importing ICU's own headers into a Swift module that also imports
// Foundation clashes with the ICU copy that Foundation bundles. This header
// therefore exposes only plain C types, every symbol is prefixed `cicu_`, and
// only PolicyAnalysis/ICU.swift calls it.
//
// Text is UTF-16 (uint16_t) throughout, as ICU wants it. Every function that can
// fail takes an `int *status` that is 0 on success and an ICU error code (> 0)
// otherwise; `cicu_error_name` turns it into a readable name.
#ifndef CICU_H
#define CICU_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// The ICU version in use, such as "72.1", written NUL-terminated into `buffer`.
void cicu_version(char *buffer, int32_t capacity);

/// The symbolic name of an ICU error code, such as "U_INVALID_CHAR_FOUND".
const char *cicu_error_name(int status);

// MARK: Word segmentation (ubrk, UBRK_WORD)

typedef struct cicu_words cicu_words;

/// Opens a word break iterator for `locale` (for example "zh").
cicu_words *cicu_words_open(const char *locale, int *status);
void cicu_words_close(cicu_words *words);

/// Segments `text` and writes, for each segment, its end offset (UTF-16 units)
/// into `ends` and its ICU rule status into `kinds`: 0 for spaces and
/// punctuation, 100..199 numbers, 200..299 letters, 300..399 kana, 400..499
/// ideographs. Returns the number of segments (possibly more than `capacity`,
/// in which case only the first `capacity` are written).
int32_t cicu_words_segment(cicu_words *words, const uint16_t *text, int32_t length,
                           int32_t *ends, int32_t *kinds, int32_t capacity, int *status);

/// Counts the segments of `text` that are words (rule status >= 100).
int32_t cicu_words_count(cicu_words *words, const uint16_t *text, int32_t length, int *status);

/// Fills `table` (65,536 bytes, one per BMP code point) with how the
/// dictionary segmenter may treat each character: 1 for Han (ICU hands runs of
/// them to its dictionary break engine), 2 for characters after which ICU's
/// segmentation is not a plain function of rule-based segments and separate
/// Han runs (kana, complex-context scripts, Extend/Format/ZWJ, surrogates,
/// U+FDD0, which stands in for Han characters), else 0.
void cicu_word_character_classes(uint8_t *table);

// MARK: Normalization (unorm2, NFKC_Casefold)

/// Normalizes `source` to NFKC with case folding into `destination`; returns the
/// length needed (which may exceed `capacity`).
int32_t cicu_nfkc_casefold(const uint16_t *source, int32_t length,
                           uint16_t *destination, int32_t capacity, int *status);

/// Whether NFKC_Casefold has a boundary before `codePoint`, so that text can be
/// normalized piecewise at that point.
int cicu_nfkc_casefold_boundary_before(uint32_t codePoint);

// MARK: Transliteration (utrans)

typedef struct cicu_transliterator cicu_transliterator;

/// Opens a transliterator by ICU id, such as "Traditional-Simplified".
cicu_transliterator *cicu_transliterator_open(const char *identifier, int *status);
void cicu_transliterator_close(cicu_transliterator *transliterator);

/// Transliterates `text` in place; returns the new length (which may exceed
/// `capacity`, in which case the text is not complete).
int32_t cicu_transliterate(cicu_transliterator *transliterator, uint16_t *text, int32_t length,
                           int32_t capacity, int *status);

// MARK: Character sets (ucnv, ucsdet)

/// Converts `source` from `charset` to UTF-16, stopping with an error at the
/// first byte sequence that is not valid in that charset. Returns the length
/// needed (which may exceed `capacity`). On an illegal sequence, `*errorOffset`
/// is the byte offset where conversion stopped.
int32_t cicu_decode(const char *charset, const char *source, int32_t length,
                    uint16_t *destination, int32_t capacity, int32_t *errorOffset, int *status);

/// Guesses the charset of `source`; writes its ICU name into `name` and returns
/// the detector's confidence (0..100), or -1 when nothing matched.
int32_t cicu_detect_charset(const char *source, int32_t length, char *name, int32_t capacity,
                            int *status);

#ifdef __cplusplus
}
#endif

#endif
