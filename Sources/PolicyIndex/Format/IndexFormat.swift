/// The on-disk format of a policy-search index, version 7: the one place it is
/// specified.
///
/// ## Files
///
/// An index is a folder (`Index/` by default) holding:
///
/// | file | what it is |
/// |---|---|
/// | `manifest.json` | the commit point: names the segments in force and the documents deleted from each, the corpus and the analysis (JSON, see ``IndexManifest``) |
/// | `seg-<generation>-<random>.psi` | one segment: everything needed to answer queries about its documents, in one file |
/// | `write.lock` | held (with `flock`) by the one process that writes the index |
/// | `written.journal` | the names of the files builds made in the folder, each recorded (and synced) before its file is made |
/// | `*.tmp` | files being written; never read; removed by the next writer |
///
/// A build writes a new segment file under a name never used before, syncs
/// it, then writes `manifest.json.tmp`, syncs it and renames it over
/// `manifest.json` (an atomic replace), then syncs the folder. Only then are
/// segment files that the manifest no longer names removed. A reader reads the
/// manifest, then opens the segments it names; so a build killed at any point
/// leaves the previous manifest and segments in force. The protocol is
/// ``IndexDirectory``'s, in `Store/IndexCommit.swift`.
///
/// An index never overwrites or removes a file it did not make. A build
/// records each name it will create (`seg-…psi`, `manifest.json.tmp`) in
/// `written.journal` and syncs it before creating the file; it removes only
/// files that the journal or the replaced manifest names (so a segment left
/// by a build killed before its commit is still removed by the next). Before
/// writing anything, a build stops with an ``IndexError/foreign(file:problem:)``
/// naming the file at a `manifest.json` that is not a policy-search manifest,
/// or at a `seg-*.psi`, `seg-*.psi.tmp` or `manifest.json.tmp` that neither
/// names. Files of other names (a `README.md`) are left alone.
///
/// An update adds one segment holding the added and changed documents, and
/// lists in the manifest, per older segment, the numbers of its documents
/// that were changed or removed (`deletedDocuments`): readers leave their
/// passages out, of results and of the corpus statistics. Segment files never
/// change once written. When a build would leave more than 8 segments or more
/// than a quarter of the passages deleted, it writes one segment of every
/// document instead (a merge), and the old files are removed.
///
/// ## Segment file
///
/// All integers are little-endian. `varint` is an unsigned LEB128 integer (7
/// bits a byte, low bits first, high bit set on all but the last byte).
///
/// ```
/// Segment      --> Header, Section^SectionCount, Directory, Footer
/// Header       --> Magic "PSIX" (4 bytes), FormatVersion u32, SegmentID (16 bytes), padding to 32
/// Directory    --> SectionCount u32, <SectionID u32, Offset u64, Length u64, CRC32 u32>^SectionCount
/// Footer       --> DirectoryOffset u64, DirectoryLength u64, DirectoryCRC32 u32, Magic "XISP" (4 bytes)
/// ```
///
/// Each section starts at a multiple of 8. CRC-32 is the IEEE polynomial
/// (zlib's). `SegmentID` is 16 random bytes, recorded (as 32 hex digits) in
/// the manifest's entry of the segment and checked on open: the file of that
/// name must be the one the build wrote.
///
/// Every byte that a read decodes is checked first, so damage gives the same
/// answer or an error naming the file, never another answer:
///
/// - on open: the header, footer and directory, and the CRCs of the sections
///   that locate everything else or are read a value at a time
///   (``Section/isVerifiedOnOpen``: statistics, lengths, passageInfo,
///   textIndex, textAlphabet, documentIndex, documentRecords, termIndex), and
///   every section's size against the statistics;
/// - a term block, against `BlockCRC32` in its `termIndex` entry, whenever it
///   is scanned; the postings of its terms without a skip table (at most 128
///   passages), together, against `PostingsCRC32`, when a term of the block
///   is looked up (``Segment/term(_:)``, ``Segment/terms(in:)``);
/// - a skip table against its `TableCRC32`, and each block of 128 passages of
///   a doc or position stream against its own CRC in the table, when decoded;
/// - the table of `headings` against its `TableCRC32` on open;
/// - stored text and headings: every Zstandard frame carries the checksum
///   of its content (`ZSTD_c_checksumFlag`), which decompression verifies.
///
/// Each term block, short-list group, skip table and postings block is
/// hashed the first time it is decoded in the life of an open segment, and
/// trusted after (``VerificationLedger``): a segment file never changes once
/// written, and hashing a whole block for the few positions a phrase reads
/// of it at every search would cost more than decoding. `policy-search
/// check` verifies every section's CRC (``Segment/verify()``). Decoding is
/// bounds-checked as well, so nothing damaged traps.
///
/// Sections (``Section``):
///
/// ```
/// statistics      --> PassageCount u32, DocumentCount u32, TotalWords u64, TermCount u64,
///                     TermBlockCount u32, BlockSize u32, TextBlockSize u32,
///                     LineBits u8, SectionBits u8, CharacterBits u8, LengthBits u8
/// lengths         --> Packed(Words << 1 | ContinuesLine, LengthBits)   (Words: ICU words, capped at 32767;
///                                                    ContinuesLine: 1 when the passage continues the previous one's line)
/// passageInfo     --> Packed(Line, LineBits), Packed(SectionNumber, SectionBits),
///                     Packed(Characters, CharacterBits)          (each ^PassageCount)
/// textIndex       --> <FirstPassage u32, TextLength u32, Offset u64>^(TextBlockCount+1)
/// textAlphabet    --> UnitCount u32, Unit u16^UnitCount   (the stored text's UTF-16 units, most frequent first)
/// textBlocks      --> <ZstdFrame>^TextBlockCount  (each decompresses to <CodeBytes varint>^(its passages),
///                                                  then <Code^(its units)>^(its passages))
/// documentIndex   --> <FirstPassage u32, RecordOffset u32>^(DocumentCount+1)
/// documentRecords --> <Path, Title, Encoding: String, Size varint, Modified varint, ContentHash u64,
///                      LineCount varint, FieldCount varint, <Key, Value: String>^FieldCount,
///                      PageCount varint, <PageStartDelta varint>^PageCount>^DocumentCount
/// headings        --> TableCRC32 u32, BatchCount u32, <FirstDocument u32, BatchLength u32, Offset u64>^(BatchCount+1),
///                     <ZstdFrame>^BatchCount   (each decompresses to <Length varint, HeadingList?>^(its documents);
///                                               TableCRC32 covers BatchCount and the table)
/// HeadingList     --> SectionCount varint, Up varint^SectionCount, <Label utf8, 0xFF>^SectionCount
/// citations       --> the layout of headings, each document's piece a CitationList (Length 0: none)
/// CitationList    --> VersionDate: String, NumberCount varint, Number: String^NumberCount, CitationCount varint,
///                     <Flags u8, PassageDelta varint, Target: String, Article: String>^CitationCount
/// termIndex       --> <FirstKey u64, BlockOffset u32, BlockCRC32 u32, PostingsOffset u64,
///                      PostingsCRC32 u32, Reserved u32>^TermBlockCount
/// termBlocks      --> <KeyDelta varint, DocumentFrequency varint, DocBytes varint, PositionBytes varint>^TermCount
/// postings        --> <DocStream, PositionStream>^TermCount
/// String          --> Length varint, Bytes utf8
/// Packed(V, W)    --> V^PassageCount in W bits each, least significant bit first, padded to a byte
/// ```
///
/// - Passages are numbered from 0 in document order, and documents in corpus
///   order (by relative path). A passage's document is found by binary search
///   in `documentIndex`. A document's sections are its headings as a tree
///   (``SectionTree``): `Up` is 0 for a top-level heading, else the
///   heading's index minus its parent's (a parent comes before its
///   headings); a label ends at the byte 0xFF, which UTF-8 never uses; a
///   section path is the labels from the root down.
///   `SectionNumber` is 0 for no section, else 1 + the index of its heading.
///   `Line` is 1-based. `Characters` is the length of the passage's normalized
///   text, which bounds its positions. `Modified` is nanoseconds since 1970.
///   `ContentHash` is FNV-1a 64 of the file's bytes. `Encoding` names what the
///   text was read from ("UTF-8", "GB18030", "PDF", "DOCX", "HTML (GB18030)" …).
/// - Headings: the heading lists of consecutive documents are compressed
///   together, in batches of at most 128 KiB (``documentBatchSize``; a batch
///   is cut before the document whose list would take it past that size,
///   and one longer list makes a batch of its own), each batch one Zstandard
///   frame (with the checksum of its content, ``BlockCompression``). In a batch, each of its
///   documents in turn has `Length`, the length of its `HeadingList`, then
///   the list; a document without headings has `Length` 0 and no list. The
///   table gives each batch's first document, its uncompressed length and
///   its offset from the first frame; a last entry holds DocumentCount, 0
///   and the frames' total length. Reading a document's headings
///   decompresses its batch (found by binary search) and skips the lists of
///   the documents before it there; the rest of its record needs no
///   decompressing.
/// - Pages: for a paged document (a PDF), the line of its extracted text on
///   which each page starts, page 1 first, each as the difference to the
///   previous page's line (the first: to 0); `PageCount` is 0 for a document
///   without pages. A passage is on the last page that starts on or before its
///   `Line`.
/// - Citations (``CitationList``, ``PolicyAnalysis/CitationExtractor``): per
///   document, in batches compressed as the headings are (the same table and
///   frames), the date of its version (YYYY-MM-DD or ""), its own document
///   numbers (normalized, ``PolicyAnalysis/DocumentNumber``), and the
///   references it makes in text order: `Flags` is the kind (1 a title in
///   《》, 2 a document or order number) with the bit 0x80 set for an
///   alias's use; `PassageDelta` the passage (counted in the document, from
///   0) minus the previous citation's (the first: minus 0); `Target` the
///   normalized title or number; `Article` the cited article (`第二十一条`)
///   or "". A document with no date, number or citation stores nothing.
///   Resolution to documents is not stored: it depends on the whole corpus,
///   which later updates change, so the search layer resolves when it reads.
/// - Stored text: the original text of the passages as UTF-16 units, each
///   coded by its rank in `textAlphabet` (``TextCode``: `Code --> Rank u8`
///   below 224 `| 0xE0 + (Rank - 224) >> 8 u8, (Rank - 224) & 0xFF u8` below
///   8160 `| 0xFF, Unit u16` for a unit not in the alphabet), in passage
///   order, cut into blocks whose UTF-16 with a 4-byte length a passage would
///   take at most `TextBlockSize` (1 MiB; a block is longer only when one
///   passage is). A block lists its passages' code lengths in bytes, then
///   their codes, and is compressed as one Zstandard frame (with its content's checksum, a window of
///   1 MiB, ``BlockCompression``). `textIndex` gives each
///   block's first passage, its uncompressed length and its offset in
///   `textBlocks`; a last entry holds PassageCount and the section's length.
///   Reading a passage's text decompresses one block; its line and section
///   need no decompressing.
/// - Terms are the normalized text's pairs of adjacent indexed characters
///   (``GramKey``): a pair `a b` has key `a << 21 | b`; an indexed character
///   `c` that ends a passage or comes before one that is not indexed makes the
///   pair `c, 0x1FFFFF` (no character), so each indexed character starts
///   exactly one pair. White space and the punctuation that
///   ``GramKey/isIndexed(_:)`` lists are not indexed: they start no pair and
///   end none (but count in positions). Terms are sorted by key and grouped
///   in blocks of `BlockSize` (64). `termIndex` holds each block's first key, the offset of
///   its entries in `termBlocks` and the offset in `postings` of its first
///   term's postings; a term's postings follow its predecessor's. `KeyDelta`
///   is the difference to the previous key in the block (0 for the first).
///   `BlockCRC32` is the CRC of the block's entries (to the next block's
///   `BlockOffset`, the last to the section's end); `PostingsCRC32` the CRC
///   of the postings (doc stream, then position stream) of the block's terms
///   whose `DocumentFrequency` is at most 128, one after the other in key
///   order; `Reserved` is 0.
/// - `DocStream --> SkipTable?, PackedBlock^(DocumentFrequency / 128),
///   <Code varint, Frequency varint?>^(DocumentFrequency % 128)`
///   (``DocStreamCodec``).
///   When a term is in more than 128 passages, its passages come in blocks of
///   128 and the stream opens with a skip table, so that a search can decode
///   only the blocks it needs: `SkipTable --> TableCRC32 u32, TableLength
///   varint, <LastPassage, DocEnd, PositionEnd: varint, DocCRC32 u32,
///   PositionCRC32 u32>^BlockCount`; the three varints are each the difference
///   to the previous block's (the first: to 0); `DocEnd` and `PositionEnd` are
///   the block's end in the doc stream (after the table) and position stream,
///   and `DocCRC32` and `PositionCRC32` the CRCs of the block's bytes there.
///   `TableLength` counts the entries; `TableCRC32` covers `TableLength` and
///   the entries. `DocBytes` in the dictionary counts the table.
/// - The doc stream lists the passages that contain the term in increasing
///   order. Each full block of 128 is packed: `PackedBlock --> Passages,
///   Frequencies`, `Passages --> GapBits u8 (below 0x40), Gap^128 in GapBits
///   bits (padded to a byte)`, or `0x40 | GapBits u8, the same, PatchCount
///   u8, <Place u8, High varint>^PatchCount`. `Gap` is a passage minus the
///   one before it minus 1 (before the first of a block: the last of the
///   previous block, or -1 for the first block of a list); the packed array
///   holds its low `GapBits` bits, and a patch adds `High << GapBits` to the
///   gap at `Place` (0-127, increasing; 32 patches at most). The writer
///   patches where that saves 2 bits a passage, with the width that makes the
///   block smallest. `Frequencies --> 0 u8` when every passage holds the
///   term once; `Width + 1 u8, Map (16 bytes), (Frequency - 2)^k in Width
///   bits (padded to a byte)` where bit `i` of `Map` is set for the `k`
///   passages (24 at most) whose frequency is above 1, in order; or, where
///   that is shorter, `0x40 | Width + 1 u8, k u8, Place^k in 7 bits (padded
///   to a byte), (Frequency - 2)^k in Width bits (padded to a byte)`; or `0x80 |
///   Width u8, (Frequency - 1)^128 in Width bits (padded to a byte)`. Bit
///   arrays are least significant bit first. The passages after
///   the last full block are codes: `Code` is the passage number's difference
///   to the previous one (the first of a list: the number itself) shifted left
///   by one, with the low bit set when the frequency is 1 (and then omitted).
/// - A pair with the end has an empty `PositionStream` (`PositionBytes` 0):
///   no longer part is matched through it, as nothing follows its character.
///   Otherwise `PositionStream` gives, for each passage of the DocStream in turn, its
///   `Frequency` positions in increasing order, each in the bits that the
///   passage's `Characters` needs (`b` bits where 2^b >= Characters; 0 bits for
///   a one-character passage), least significant bit first. The stream is
///   padded to a whole byte at the end of each block of 128 passages and at
///   its end, so each block of a skip table starts on a byte. A position
///   counts normalized characters from the passage start.
///
/// Worked example: a corpus whose only passage is `数据交易` (passage 0)
/// has the terms 数据, 据交, 交易 and 易$ (the end pair; `数据，交易` would have
/// 数据, 据$, 交易, 易$ at 0, 1, 3, 4); 交易 has the key
/// 0x4EA4 << 21 | 0x6613, DocStream `01` (passage 0, frequency 1) and
/// PositionStream `02` (at character 2, in the 2 bits a 4-character passage
/// needs).
///
/// ## History
///
/// - 1: first version.
/// - 2: positions bit-packed by passage length instead of varints, the passage
///   table bit-packed with the passages' lengths, stored text as UTF-16 in
///   64 KiB blocks, a document's headings after its fields and
///   pages and compressed, full blocks of doc streams bit-packed (on
///   ../shared/corpus: 96.7 → 81.5 MB); document records hold the pages of
///   the document (`PageCount`, `PageStartDelta`).
/// - 3: stored text and headings compressed with Zstandard instead of zlib,
///   text in blocks of at most 1 MiB instead of about 64 KiB (stored text
///   of ../shared/corpus 19.4 → 14.4 MB); full blocks of doc streams in
///   Elias-Fano form where that saved 4 bits a passage, their frequencies as
///   exceptions when few are above 1 (on ../shared/corpus: 81.5 → 75.5 MB).
/// - 4: no Elias-Fano blocks; gap blocks with the widest gaps patched where
///   that saves 2 bits a passage (on ../shared/corpus: 75.5 → 74.1 MB).
/// - 5: punctuation and white space not indexed, pairs with the end without
///   positions, stored text coded by rank in the segment's alphabet, the
///   places of a block's few frequencies above 1 listed, passage lengths
///   bit-packed, headings compressed across documents in batches of about
///   128 KiB in a section of their own instead of one frame a document in
///   its record (on ../shared/corpus: 74.1 → 63.6 MB).
/// - 6: nothing damaged is decoded unverified: a CRC-32 of each term block
///   and of the postings of a term block's terms without a skip table in
///   `termIndex` (in its reserved word and 8 more bytes an entry), a CRC-32
///   of each skip table and of each block of 128 passages of the doc and
///   position streams in the skip table, a CRC-32 of the heading table,
///   Zstandard frames with the checksum of their content, the lengths,
///   passage table and document records verified on open, the `SegmentID`
///   recorded in the manifest and checked (on ../shared/corpus: 63.6 → 64.7 MB).
/// - 7: the `citations` section (the references each document makes, its own
///   numbers and the date of its version); the heading batches' layout shared
///   by both sections.
///
/// ## Compatibility
///
/// A reader opens only indexes of its own format: a manifest or segment of
/// another one is an ``IndexError/incompatible(file:found:)``, and the search
/// layer rebuilds such an index from the corpus its manifest names
/// (``IndexDirectory/recordedCorpus()``); a build over it removes the old
/// files. `Tests/Fixtures/` keeps a small index of each format since 5,
/// `golden-v<N>`, built from the repository's `Corpus/`: the one of this
/// format must open and answer exactly as a fresh build does, the older ones
/// must be refused as incompatible (`Tests/PolicySearchTests/GoldenIndexTests.swift`). A change of the
/// format bumps ``version``, adds its line to the history above, and adds the
/// next golden index: `swift build && .build/debug/policy-search index Corpus
/// --index Tests/Fixtures/golden-v<N>` (then delete its `write.lock`), and a
/// case for it in `GoldenIndexTests`; the previous golden index stays.
///
/// Within a format, the manifest's analysis identity records the rules that
/// made the contents (``AnalysisIdentity``): an index whose titles and
/// sections came from other document-structure rules
/// (``AnalysisIdentity/structureMismatch``) is rebuilt by the search layer on
/// open and by `index` in full; a change of those rules rewrites the golden
/// index of the format in force, with the same command.
public enum IndexFormat {
    /// The format this build reads and writes.
    public static let version: UInt32 = 7
    static let headerMagic: [UInt8] = Array("PSIX".utf8)
    static let footerMagic: [UInt8] = Array("XISP".utf8)
    static let headerLength = 32
    /// The bytes of a segment's identity (``SegmentEntry/id``) in its header:
    /// its 32 hex digits as 16 bytes.
    static func segmentIDBytes(_ id: String) -> [UInt8] {
        let digits = Array(id.utf8)
        return (0..<16).map { i in
            guard 2 * i + 1 < digits.count else { return 0 }
            return UInt8(String(decoding: digits[(2 * i)...(2 * i + 1)], as: UTF8.self), radix: 16) ?? 0
        }
    }

    /// The identity in a segment's header, as 32 hex digits.
    static func segmentID(_ bytes: UnsafeRawBufferPointer) -> String {
        bytes.map { String(repeating: "0", count: $0 < 16 ? 1 : 0) + String($0, radix: 16) }.joined()
    }
    static let footerLength = 24
    static let termBlockSize = 64
    /// Postings come in blocks of this many passages, with a skip table.
    public static let postingsBlockSize = 128
    /// Stored text is compressed in blocks of at most this many bytes (one
    /// passage longer than that makes a block of its own).
    static let textBlockSize = 1 << 20
    /// Heading and citation lists are compressed in batches of consecutive
    /// documents' lists of at most this many bytes (one list longer than that
    /// makes a batch of its own).
    static let documentBatchSize = 128 << 10
    /// The largest word count a passage's length records.
    public static let maximumPassageWords: UInt16 = 0x7FFF
    /// The commit point's file name.
    public static let manifestName = "manifest.json"
    /// The writer's lock file name.
    public static let lockName = "write.lock"
    /// The journal: the names of the files a build made in the folder (segments,
    /// the unfinished manifest), each written and synced before its file is
    /// made. A build removes only files the journal or the replaced manifest
    /// names, and stops, naming it, at a `manifest.json` that is not a
    /// policy-search manifest or a `seg-*.psi` that neither names: an index
    /// never overwrites or deletes a file it did not write.
    static let journalName = "written.journal"
    static let segmentExtension = ".psi"
    static let temporaryExtension = ".tmp"

    /// The sections of a segment file.
    public enum Section: UInt32, CaseIterable, Sendable {
        case statistics = 1
        case lengths = 2
        case passageInfo = 3
        case textIndex = 4
        case documentIndex = 5
        case documentRecords = 6
        case termIndex = 7
        case termBlocks = 8
        case postings = 9
        case textBlocks = 10
        case headings = 11
        case textAlphabet = 12
        case citations = 13

        /// Whether opening a segment verifies this section's checksum: the
        /// ones that locate everything else, and those read a value at a time
        /// (passages' lengths and lines, documents' records). The others are
        /// verified a block at a time as they are decoded (``Segment``), and
        /// whole by ``Segment/verify()``.
        var isVerifiedOnOpen: Bool {
            switch self {
            case .statistics, .lengths, .passageInfo, .documentIndex, .documentRecords, .termIndex, .textIndex,
                 .textAlphabet: true
            case .termBlocks, .postings, .textBlocks, .headings, .citations: false
            }
        }
    }
}
