#include "CICU.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>
#include <unicode/ucsdet.h>
#include <unicode/uclean.h>
#include <unicode/unorm2.h>
#include <unicode/utrans.h>
#include <unicode/uversion.h>
#include <unicode/ustring.h>

void cicu_version(char *buffer, int32_t capacity) {
    UVersionInfo info;
    char text[U_MAX_VERSION_STRING_LENGTH];
    u_getVersion(info);
    u_versionToString(info, text);
    if (capacity <= 0) return;
    strncpy(buffer, text, (size_t)capacity - 1);
    buffer[capacity - 1] = '\0';
}

const char *cicu_error_name(int status) { return u_errorName((UErrorCode)status); }

// MARK: Words

struct cicu_words {
    UBreakIterator *iterator;
};

cicu_words *cicu_words_open(const char *locale, int *status) {
    UErrorCode error = U_ZERO_ERROR;
    UBreakIterator *iterator = ubrk_open(UBRK_WORD, locale, NULL, 0, &error);
    *status = (int)error;
    if (U_FAILURE(error)) return NULL;
    cicu_words *words = malloc(sizeof(cicu_words));
    if (words == NULL) {
        ubrk_close(iterator);
        *status = (int)U_MEMORY_ALLOCATION_ERROR;
        return NULL;
    }
    words->iterator = iterator;
    *status = 0;
    return words;
}

void cicu_words_close(cicu_words *words) {
    if (words == NULL) return;
    ubrk_close(words->iterator);
    free(words);
}

int32_t cicu_words_segment(cicu_words *words, const uint16_t *text, int32_t length,
                           int32_t *ends, int32_t *kinds, int32_t capacity, int *status) {
    UErrorCode error = U_ZERO_ERROR;
    ubrk_setText(words->iterator, (const UChar *)text, length, &error);
    *status = (int)error;
    if (U_FAILURE(error)) return 0;
    int32_t count = 0;
    ubrk_first(words->iterator);
    for (int32_t end = ubrk_next(words->iterator); end != UBRK_DONE; end = ubrk_next(words->iterator)) {
        if (count < capacity) {
            ends[count] = end;
            kinds[count] = ubrk_getRuleStatus(words->iterator);
        }
        count++;
    }
    return count;
}

int32_t cicu_words_count(cicu_words *words, const uint16_t *text, int32_t length, int *status) {
    UErrorCode error = U_ZERO_ERROR;
    ubrk_setText(words->iterator, (const UChar *)text, length, &error);
    *status = (int)error;
    if (U_FAILURE(error)) return 0;
    int32_t count = 0;
    ubrk_first(words->iterator);
    while (ubrk_next(words->iterator) != UBRK_DONE) {
        if (ubrk_getRuleStatus(words->iterator) >= UBRK_WORD_NONE_LIMIT) count++;
    }
    return count;
}

void cicu_word_character_classes(uint8_t *table) {
    for (UChar32 c = 0; c < 0x10000; c++) {
        UErrorCode error = U_ZERO_ERROR;
        UScriptCode script = uscript_getScript(c, &error);
        int wordBreak = u_getIntPropertyValue(c, UCHAR_WORD_BREAK);
        if (U16_IS_SURROGATE(c) || c == 0xFDD0 || wordBreak == U_WB_EXTEND || wordBreak == U_WB_FORMAT
            || wordBreak == U_WB_ZWJ || wordBreak == U_WB_KATAKANA || script == USCRIPT_HIRAGANA
            || script == USCRIPT_KATAKANA || u_getIntPropertyValue(c, UCHAR_LINE_BREAK) == U_LB_COMPLEX_CONTEXT) {
            table[c] = 2;
        } else if (U_SUCCESS(error) && script == USCRIPT_HAN) {
            table[c] = 1;
        } else {
            table[c] = 0;
        }
    }
}

// MARK: Normalization

static const UNormalizer2 *nfkc_casefold(UErrorCode *error) {
    return unorm2_getNFKCCasefoldInstance(error);
}

int32_t cicu_nfkc_casefold(const uint16_t *source, int32_t length,
                           uint16_t *destination, int32_t capacity, int *status) {
    UErrorCode error = U_ZERO_ERROR;
    const UNormalizer2 *normalizer = nfkc_casefold(&error);
    if (U_FAILURE(error)) {
        *status = (int)error;
        return 0;
    }
    int32_t needed = unorm2_normalize(normalizer, (const UChar *)source, length,
                                      (UChar *)destination, capacity, &error);
    *status = error == U_BUFFER_OVERFLOW_ERROR ? 0 : (int)error;
    return needed;
}

int cicu_nfkc_casefold_boundary_before(uint32_t codePoint) {
    UErrorCode error = U_ZERO_ERROR;
    const UNormalizer2 *normalizer = nfkc_casefold(&error);
    if (U_FAILURE(error)) return 1;
    return unorm2_hasBoundaryBefore(normalizer, (UChar32)codePoint) ? 1 : 0;
}

// MARK: Transliteration

struct cicu_transliterator {
    UTransliterator *transliterator;
};

cicu_transliterator *cicu_transliterator_open(const char *identifier, int *status) {
    UErrorCode error = U_ZERO_ERROR;
    UChar id[128];
    u_uastrncpy(id, identifier, 127);
    id[127] = 0;
    UTransliterator *handle = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, NULL, &error);
    *status = (int)error;
    if (U_FAILURE(error)) return NULL;
    cicu_transliterator *result = malloc(sizeof(cicu_transliterator));
    if (result == NULL) {
        utrans_close(handle);
        *status = (int)U_MEMORY_ALLOCATION_ERROR;
        return NULL;
    }
    result->transliterator = handle;
    *status = 0;
    return result;
}

void cicu_transliterator_close(cicu_transliterator *transliterator) {
    if (transliterator == NULL) return;
    utrans_close(transliterator->transliterator);
    free(transliterator);
}

int32_t cicu_transliterate(cicu_transliterator *transliterator, uint16_t *text, int32_t length,
                           int32_t capacity, int *status) {
    UErrorCode error = U_ZERO_ERROR;
    int32_t textLength = length;
    int32_t limit = length;
    utrans_transUChars(transliterator->transliterator, (UChar *)text, &textLength, capacity, 0,
                       &limit, &error);
    *status = error == U_BUFFER_OVERFLOW_ERROR ? 0 : (int)error;
    return textLength;
}

// MARK: Character sets

int32_t cicu_decode(const char *charset, const char *source, int32_t length,
                    uint16_t *destination, int32_t capacity, int32_t *errorOffset, int *status) {
    UErrorCode error = U_ZERO_ERROR;
    *errorOffset = -1;
    UConverter *converter = ucnv_open(charset, &error);
    if (U_FAILURE(error)) {
        *status = (int)error;
        return 0;
    }
    ucnv_setToUCallBack(converter, UCNV_TO_U_CALLBACK_STOP, NULL, NULL, NULL, &error);
    UChar *target = (UChar *)destination;
    UChar *targetLimit = target + capacity;
    const char *input = source;
    const char *inputLimit = source + length;
    int32_t produced = 0;
    // Convert in a loop so that an undersized destination still reports the full length.
    UChar scratch[1024];
    for (;;) {
        UChar *chunkStart = target < targetLimit ? target : scratch;
        UChar *chunkLimit = target < targetLimit ? targetLimit : scratch + 1024;
        UChar *cursor = chunkStart;
        error = U_ZERO_ERROR;
        ucnv_toUnicode(converter, &cursor, chunkLimit, &input, inputLimit, NULL, 1, &error);
        produced += (int32_t)(cursor - chunkStart);
        if (chunkStart == target) target = cursor;
        if (error == U_BUFFER_OVERFLOW_ERROR) continue;
        break;
    }
    if (U_FAILURE(error)) {
        *errorOffset = (int32_t)(input - source);
    }
    ucnv_close(converter);
    *status = (int)error;
    return produced;
}

int32_t cicu_detect_charset(const char *source, int32_t length, char *name, int32_t capacity,
                            int *status) {
    UErrorCode error = U_ZERO_ERROR;
    UCharsetDetector *detector = ucsdet_open(&error);
    if (U_FAILURE(error)) {
        *status = (int)error;
        return -1;
    }
    ucsdet_setText(detector, source, length, &error);
    const UCharsetMatch *match = ucsdet_detect(detector, &error);
    int32_t confidence = -1;
    if (U_SUCCESS(error) && match != NULL) {
        const char *found = ucsdet_getName(match, &error);
        confidence = ucsdet_getConfidence(match, &error);
        if (U_SUCCESS(error) && found != NULL && capacity > 0) {
            strncpy(name, found, (size_t)capacity - 1);
            name[capacity - 1] = '\0';
        }
    }
    ucsdet_close(detector);
    *status = U_FAILURE(error) ? (int)error : 0;
    return confidence;
}
