import Foundation
import PolicyAnalysis

/// The commit point of an index (`manifest.json`): which segment is in force,
/// which corpus it was built from, and with which analysis.
public struct IndexManifest: Codable, Sendable, Equatable {
    /// ``IndexFormat/version`` of the segment files.
    public var format: UInt32
    /// Counts the builds of this index folder.
    public var generation: Int
    /// The segments in force, oldest first: each a file of the index folder and
    /// the documents of it that later builds deleted or replaced.
    public var segments: [SegmentEntry]
    /// When the segment was built (ISO 8601).
    public var created: String
    /// The corpus folder, absolute.
    public var corpus: String
    /// The analysis the terms came from; another analysis means another index.
    public var analysis: AnalysisIdentity
    /// How many documents are live.
    public var documents: Int
    /// How many passages are live.
    public var passages: Int
    /// Files of the corpus that could not be indexed, so that a search does
    /// not take them for new files.
    public var skipped: [SkippedFile]
    /// ``CorpusScanner/fingerprint(of:)`` of the corpus files when it was built.
    public var corpusFingerprint: String
    /// Files whose size or time changed since they were indexed but whose
    /// content did not: they count as current, and are not indexed again.
    public var refreshed: [CorpusFile] {
        get { refreshedFiles.elements }
        set { refreshedFiles = EncodedList(newValue) }
    }
    /// ``refreshed`` as the manifest keeps it: decoded only when asked for.
    public private(set) var refreshedFiles = EncodedList<CorpusFile>([])
    /// The corpus's folders when it was built, with their times
    /// (``CorpusListing/folders``); empty in manifests written before.
    public var folders: [CorpusFile] {
        get { folderTimes?.elements ?? [] }
        set { folderTimes = EncodedList(newValue) }
    }
    /// ``folders`` as the manifest keeps it.
    public private(set) var folderTimes: EncodedList<CorpusFile>?
    /// The folders' metadata tables (`metadata.csv`) the documents' fields came from.
    public var metadataTables: [CorpusFile] = []
    /// Groups of live documents that are copies of one text
    /// (``DuplicateDocuments``), found at commit; nil in older manifests.
    public var duplicateDocuments: [[String]]? {
        get { duplicateGroups?.elements }
        set { duplicateGroups = newValue.map { EncodedList($0) } }
    }
    /// ``duplicateDocuments`` as the manifest keeps it (on 4 copies of
    /// ../shared/corpus, 3,869 groups of 4 paths: a tenth of a search process
    /// when decoded at every open).
    public private(set) var duplicateGroups: EncodedList<[String]>?
    /// How long the build took, in seconds.
    public var buildSeconds: Double
    /// How many bytes of corpus files it read.
    public var corpusBytes: Int64

    enum CodingKeys: String, CodingKey {
        case format, generation, segments, created, corpus, analysis, documents, passages, skipped, corpusFingerprint
        case refreshedFiles = "refreshed"
        case folderTimes = "folders"
        case duplicateGroups = "duplicateDocuments"
        case metadataTables, buildSeconds, corpusBytes
    }

    /// A manifest of the given fields.
    public init(format: UInt32 = IndexFormat.version, generation: Int, segments: [SegmentEntry], created: String, corpus: String,
                analysis: AnalysisIdentity, documents: Int, passages: Int, skipped: [SkippedFile] = [],
                corpusFingerprint: String = "", buildSeconds: Double = 0, corpusBytes: Int64 = 0) {
        self.corpusFingerprint = corpusFingerprint
        self.buildSeconds = buildSeconds
        self.corpusBytes = corpusBytes
        self.skipped = skipped
        self.format = format
        self.generation = generation
        self.segments = segments
        self.created = created
        self.corpus = corpus
        self.analysis = analysis
        self.documents = documents
        self.passages = passages
    }
}

/// A list that the manifest holds as one string, the Base64 of the list's
/// JSON, decoded only when it is asked for. Every search opens the manifest,
/// but few need its long lists, which grow with the corpus: the files whose
/// times changed (all of a corpus copied or checked out again), the copies
/// of one text. Decoded at every open, 3,869 refreshed files of
/// ../shared/corpus took 40 ms, half of a whole search process; as the JSON
/// text in a string, 18 ms (its escaped quotes); as Base64, a copy.
/// Manifests written before hold the lists as arrays, read as well.
public struct EncodedList<Element: Codable & Sendable & Equatable>: Codable, Sendable, Equatable {
    /// The Base64 of the array's JSON (empty: no elements).
    private var encoded: String

    /// The list of `elements`.
    public init(_ elements: [Element]) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoded = elements.isEmpty ? "" : ((try? encoder.encode(elements)) ?? Data()).base64EncodedString()
    }

    /// The elements. A text that does not decode (damage) reads as none: the
    /// lists are what a build can find again (files compared by content,
    /// copies found anew).
    public var elements: [Element] {
        guard !encoded.isEmpty, let data = Data(base64Encoded: encoded) else { return [] }
        return (try? JSONDecoder().decode([Element].self, from: data)) ?? []
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            encoded = text
        } else {
            self = EncodedList(try container.decode([Element].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(encoded)
    }
}

/// What produced an index's terms and lengths: if any of it changes, queries
/// would stop matching what the index holds, so a reader compares it.
public struct AnalysisIdentity: Codable, Sendable, Equatable {
    /// The normalizer's rules (``TextNormalizer/identity``).
    public var normalizer: String
    /// The ICU version whose word segmentation gave the passage lengths.
    public var icu: String
    /// The passage rules: maximum passage length in characters.
    public var passageLimit: Int
    /// ``UserDictionary/identity`` of the user dictionary whose words gave the
    /// passage lengths; nil when the words were ICU's alone (and in indexes
    /// written before dictionaries existed).
    public var dictionary: String?
    /// ``PassageSplitter/structureIdentity`` of the rules that gave the titles
    /// and section paths; nil in indexes written before it was recorded.
    public var structure: String?

    /// An analysis identity of the given parts.
    public init(normalizer: String, icu: String, passageLimit: Int, dictionary: String? = nil, structure: String? = nil) {
        self.normalizer = normalizer
        self.icu = icu
        self.passageLimit = passageLimit
        self.dictionary = dictionary
        self.structure = structure
    }

    /// Why the titles and section paths of an index with this identity came
    /// from other rules than this build's (``PassageSplitter/structureIdentity``),
    /// or nil: such an index would name sections this build would not find.
    public var structureMismatch: String? {
        guard structure != PassageSplitter.structureIdentity else { return nil }
        return "the index was built with the document-structure rules \(structure ?? "sections/v1"), this policy-search applies \(PassageSplitter.structureIdentity)"
    }
}

/// A corpus file that a build could not index, and why.
public struct SkippedFile: Codable, Sendable, Equatable {
    /// The file, as the corpus scan found it.
    public var file: CorpusFile
    /// Why it could not be indexed.
    public var reason: String

    /// A skipped file and the reason.
    public init(file: CorpusFile, reason: String) {
        self.file = file
        self.reason = reason
    }
}

/// A segment in force, and which of its documents no longer count.
public struct SegmentEntry: Codable, Sendable, Equatable {
    /// The segment file, relative to the index folder.
    public var name: String
    /// Numbers of its documents that were removed or replaced since, sorted.
    public var deletedDocuments: [Int]
    /// The identity in the segment's header (32 hex digits), checked when the
    /// segment is opened: the file of that name must be the one the build
    /// wrote. Nil only in manifests written by hand (tests).
    public var id: String?

    /// An entry for the segment file `name`, of identity `id`.
    public init(name: String, deletedDocuments: [Int] = [], id: String? = nil) {
        self.name = name
        self.deletedDocuments = deletedDocuments
        self.id = id
    }
}
