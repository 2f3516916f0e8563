import Foundation
import PolicyAnalysis

/// How far a build has got, for a progress display.
public struct BuildProgress: Sendable {
    /// Files read so far.
    public var filesDone: Int
    /// Files to read.
    public var filesTotal: Int
    /// Bytes of the files read so far.
    public var bytesDone: Int64
    /// Bytes of the files to read.
    public var bytesTotal: Int64
}

/// What a build did.
public struct BuildReport: Sendable {
    /// Documents indexed by this build.
    public var documents = 0
    /// Their passages.
    public var passages = 0
    /// Their files' bytes.
    public var bytes: Int64 = 0
    /// The size of the index's segment files after the build.
    public var indexBytes = 0
    /// How long the build took.
    public var seconds = 0.0
    /// Files that could not be indexed, with the reason.
    public var skipped: [SkippedFile] = []
    /// Files indexed with something to say, such as replaced bytes.
    public var warnings: [(path: String, message: String)] = []
    /// The manifest in force after the build.
    public var manifest: IndexManifest?
    /// Files added, changed, removed and unchanged since the index in force.
    public var added = 0
    /// (See ``added``.)
    public var changed = 0
    /// (See ``added``.)
    public var removed = 0
    /// (See ``added``.)
    public var unchanged = 0
    /// Whether the build merged every segment into one (a rebuild).
    public var merged = false
    /// How many segments the index has after the build.
    public var segments = 1
}

/// Builds or updates an index from a corpus folder and commits it atomically.
///
/// An update compares the corpus with the index in force: files are the same
/// when their size and time are, or else when their content hash is; added
/// and changed files are read, decoded, split into passages and analyzed into
/// one new segment, and the documents they replace, or whose files are gone,
/// are marked deleted in their segments. When that would make more than
/// ``maximumSegments`` segments or leave more than ``maximumDeletedShare`` of
/// the passages deleted, everything is merged by building one segment from
/// scratch, which reclaims the space. The new manifest then replaces the old
/// (see ``IndexDirectory`` for the commit protocol). One writer at a time: the
/// folder's write lock is held throughout.
public struct IndexBuilder {
    /// The corpus folder.
    public var corpus: String
    /// The index folder.
    public var directory: IndexDirectory
    /// How documents are cut into passages.
    public var splitter = PassageSplitter()
    /// Threads that read and analyze documents (the machine's cores by default).
    public var threads = ProcessInfo.processInfo.activeProcessorCount
    /// Build from scratch even when the index in force could be updated.
    public var rebuild = false
    /// An update that would make more segments than this merges them all (rebuilds).
    public var maximumSegments = 8
    /// An update that would leave more than this share of passages deleted rebuilds.
    public var maximumDeletedShare = 0.25
    /// The user dictionary whose words override ICU's (nil: ICU's words alone).
    /// Another dictionary than the index's means a rebuild.
    public var dictionary: UserDictionary?

    /// A builder of the index of `corpus` in `directory`, with the default settings.
    public init(corpus: String, directory: IndexDirectory) {
        self.corpus = corpus
        self.directory = directory
    }

    /// The analysis this build applies.
    public var analysisIdentity: AnalysisIdentity {
        AnalysisIdentity(normalizer: TextNormalizer.identity, icu: ICU.version, passageLimit: splitter.maximumLength,
                         dictionary: dictionary?.identity, structure: PassageSplitter.structureIdentity)
    }

    /// A document read and analyzed, or why it was not.
    enum AnalyzedDocument {
        case indexed(DocumentEntry, [AnalyzedPassage], warnings: [String])
        case skipped(String)
    }

    /// Reads, extracts (decodes plain text; see ``DocumentExtractor``), splits and
    /// analyzes one file (on a worker thread).
    static func analyze(_ file: CorpusFile, root: String, splitter: PassageSplitter, analyzer: Analyzer,
                        tables: [String: MetadataTable]) -> AnalyzedDocument {
        let bytes: [UInt8]
        let decoded: ExtractedDocument
        do {
            bytes = try FileReader.bytes(of: file, in: root)
            decoded = try DocumentExtractor.extract(bytes, of: file, in: root)
        } catch let error as FileReadError {
            return .skipped(error.reason)
        } catch {
            return .skipped("\(error)")
        }
        let name = file.path.split(separator: "/").last.map(String.init) ?? file.path
        let fallbackTitle = decoded.title ?? (name.split(separator: ".").count > 1 ? String(name[..<name.lastIndex(of: ".")!]) : name)
        let folder = file.path.contains("/") ? String(file.path[..<file.path.lastIndex(of: "/")!]) : ""
        let tableFields = tables[folder]?.fields(of: name) ?? [:]
        let parsed = splitter.parse(decoded.text, fallbackTitle: fallbackTitle, tableFields: tableFields)
        var passages: [AnalyzedPassage] = []
        passages.reserveCapacity(parsed.passages.count)
        var previousLine = 0
        for passage in parsed.passages {
            let (normalized, words) = analyzer.analyze(parsed.scalars[passage.range])
            passages.append(AnalyzedPassage(line: passage.line, sectionNumber: Int(passage.section) + 1,
                                            utf16: ScalarText.utf16(parsed.scalars[passage.range]), normalized: normalized.scalars,
                                            wordCount: words, continuesLine: passage.line == previousLine))
            previousLine = passage.line
        }
        let hash = bytes.withUnsafeBytes { FNV1a.hash($0) }
        let headerCount = parsed.passages.firstIndex { $0.section >= 0 } ?? parsed.passages.count
        let citations = CitationExtractor.extract(path: file.path, title: analyzer.normalizer.normalize(parsed.title).string,
                                                  fields: parsed.fields, passages: passages.map(\.normalized),
                                                  headerCount: headerCount)
        let document = DocumentEntry(path: file.path, title: parsed.title, encoding: decoded.encoding, size: file.size,
                                     modified: file.modified, contentHash: hash, lineCount: parsed.lineCount,
                                     sections: parsed.sectionTree, fields: parsed.fields, pageStarts: decoded.pageStarts,
                                     citations: citations)
        return .indexed(document, passages, warnings: decoded.warnings + parsed.warnings)
    }

    /// Builds or updates the index and commits it; `progress` is called as files are read.
    public func build(progress: ((BuildProgress) -> Void)? = nil) throws -> BuildReport {
        let started = Date()
        // Checked before the path is made absolute, which makes "" the current folder.
        if corpus.isEmpty { throw CorpusError.emptyPath }
        let corpusRoot = URL(fileURLWithPath: corpus).standardizedFileURL.path
        let listing = try CorpusScanner.listing(of: corpusRoot)
        let scanned = listing.files
        // What the scan passed over is reported by every build, not kept in the
        // manifest (it names no file that an update could compare).
        let passedOver = listing.skipped.map { SkippedFile(file: CorpusFile(path: $0.path, size: 0, modified: 0), reason: $0.reason) }
        let files = scanned.filter { !CorpusScanner.isMetadataTable($0) }
        let tableFiles = scanned.filter(CorpusScanner.isMetadataTable)
        if files.isEmpty { throw IndexError.emptyCorpus(folder: corpus) }
        try directory.create()
        let lock = try directory.lockForWriting()
        defer { lock.release() }
        try directory.checkOwnership()
        let previousSegments = directory.recordedSegments()

        var report = BuildReport()
        // Folders' metadata tables, by folder; a table that cannot be read is reported and ignored.
        var tables: [String: MetadataTable] = [:]
        for table in tableFiles {
            let folder = table.path.contains("/") ? String(table.path[..<table.path.lastIndex(of: "/")!]) : ""
            do {
                let bytes = try FileReader.bytes(of: table, in: corpusRoot)
                tables[folder] = try MetadataTable(csv: String(decoding: bytes, as: UTF8.self), path: table.path)
            } catch {
                report.warnings.append((table.path, "\(error)"))
            }
        }
        // Another metadata table changes the fields of documents that did not change: build anew.
        let tablesChanged = (try? directory.readManifest())?.metadataTables != tableFiles
        var plan = try rebuild || tablesChanged ? nil : updatePlan(files: files, root: corpusRoot, report: &report)
        if let update = plan, update.wouldGrowTooMuch(maximumSegments: maximumSegments, maximumDeletedShare: maximumDeletedShare) {
            plan = nil
            report.merged = true
        }
        let update = plan ?? UpdatePlan(toIndex: files)
        if plan == nil {
            report.added = files.count
            report.changed = 0
            report.removed = 0
            report.unchanged = 0
        }
        let generation = (update.previous?.manifest.generation ?? (try? directory.readManifest())?.generation ?? 0) + 1

        // The new segment, when there is anything to index.
        var newSegment: String?
        var newSegmentID: String?
        var newPassages = 0
        var newDocuments = 0
        if !update.toIndex.isEmpty {
            let toIndex = update.toIndex
            var segment = SegmentBuilder()
            let bytesTotal = toIndex.reduce(Int64(0)) { $0 + $1.size }
            var bytesDone: Int64 = 0
            // Documents are read and analyzed on every core; their passages go into
            // the segment in corpus order, so the index is the same for any number
            // of threads.
            let dictionary = self.dictionary
            let analyzers = try (0..<threads).map { _ in try Analyzer(dictionary: dictionary) }
            let pipeline = OrderedParallelMap<AnalyzedDocument>(count: toIndex.count, threads: threads)
            let splitter = self.splitter
            nonisolated(unsafe) let workers = analyzers
            let tables = tables
            try pipeline.run(transform: { worker, item in
                Self.analyze(toIndex[item], root: corpusRoot, splitter: splitter, analyzer: workers[worker], tables: tables)
            }, consume: { number, analyzed in
                let file = toIndex[number]
                bytesDone += file.size
                defer {
                    progress?(BuildProgress(filesDone: number + 1, filesTotal: toIndex.count, bytesDone: bytesDone, bytesTotal: bytesTotal))
                }
                switch analyzed {
                case .skipped(let reason):
                    report.skipped.append(SkippedFile(file: file, reason: reason))
                case .indexed(let document, let passages, let warnings):
                    for warning in warnings { report.warnings.append((file.path, warning)) }
                    segment.add(document, passages: passages)
                    report.documents += 1
                    report.passages += passages.count
                    report.bytes += file.size
                }
            })
            newDocuments = segment.documentCount
            newPassages = segment.passageCount
            try IndexFault.reach(.afterAnalysis)

            let name = try directory.writeSegment(&segment, generation: generation)
            newSegmentID = segment.id
            newSegment = name
        } else if update.isUnchanged, update.previous?.manifest.folders == listing.folders {
            // Nothing added, changed or removed: the index in force stays.
            report.manifest = update.previous?.manifest
            report.indexBytes = update.previous?.byteCount ?? 0
            report.seconds = Date().timeIntervalSince(started)
            report.skipped = passedOver + report.skipped
            return report
        }

        var segments = update.keptSegments
        if let newSegment { segments.append(SegmentEntry(name: newSegment, id: newSegmentID)) }
        let manifest = IndexManifest(generation: generation, segments: segments,
                                     created: ISO8601DateFormatter().string(from: Date()), corpus: corpusRoot,
                                     analysis: analysisIdentity, documents: update.keptDocuments + newDocuments,
                                     passages: update.keptPassages + newPassages,
                                     skipped: (update.keptSkipped + report.skipped).sorted { $0.file.path < $1.file.path },
                                     corpusFingerprint: String(CorpusScanner.fingerprint(of: scanned), radix: 16),
                                     buildSeconds: (Date().timeIntervalSince(started) * 1000).rounded() / 1000,
                                     corpusBytes: files.reduce(0) { $0 + $1.size })
        var committed = manifest
        committed.refreshed = update.refreshed
        committed.metadataTables = tableFiles
        committed.folders = listing.folders
        // Copies of one text among the documents in force, for counts that
        // take each text once (on all of ../shared/corpus: well under a second).
        let opened = try segments.map { try Segment(path: directory.file($0.name), id: $0.id) }
        committed.duplicateDocuments = try DuplicateDocuments.find(in: opened, deleted: segments.map { Set($0.deletedDocuments) })
        do {
            try directory.commit(committed)
        } catch {
            if let newSegment { unlink(directory.file(newSegment)) }
            throw error
        }
        try IndexFault.reach(.beforeCleanup)
        directory.removeUnreferenced(keeping: Set(segments.map(\.name)), previous: previousSegments)
        report.manifest = committed
        report.indexBytes = segments.reduce(0) {
            $0 + ((try? FileManager.default.attributesOfItem(atPath: directory.file($1.name))[.size] as? Int) ?? 0)
        }
        report.segments = segments.count
        report.seconds = Date().timeIntervalSince(started)
        report.skipped = passedOver + report.skipped
        return report
    }

    /// What an update of the index in force must do, or nil when the index must
    /// be built from scratch (none yet, another corpus or another analysis).
    private func updatePlan(files: [CorpusFile], root: String, report: inout BuildReport) throws -> UpdatePlan? {
        guard let reader = try? IndexReader(directory: directory), reader.manifest.corpus == root,
            reader.manifest.analysis == analysisIdentity
        else { return nil }
        var known: [String: (segment: Int, document: Int, entry: DocumentEntry)] = [:]
        for (segment, document) in reader.liveDocuments() {
            let entry = try reader.segments[segment].document(document, withSections: false)
            known[entry.path] = (segment, document, entry)
        }
        let skipped = Dictionary(reader.manifest.skipped.map { ($0.file.path, $0) }, uniquingKeysWith: { $1 })
        let refreshedBefore = Dictionary(reader.manifest.refreshed.map { ($0.path, $0) }, uniquingKeysWith: { $1 })
        var plan = UpdatePlan(toIndex: [])
        plan.previous = reader
        var deletions = reader.manifest.segments.map { Set($0.deletedDocuments) }
        var present = Set<String>()
        for file in files {
            present.insert(file.path)
            if let old = known[file.path] {
                let stamped = (old.entry.size, old.entry.modified) == (file.size, file.modified)
                if stamped || refreshedBefore[file.path] == file {
                    if !stamped { plan.refreshed.append(file) }
                    report.unchanged += 1
                    continue
                }
                // The time changed: the content decides.
                if file.size == old.entry.size,
                    let bytes = try? FileReader.bytes(of: file, in: root),
                    bytes.withUnsafeBytes({ FNV1a.hash($0) }) == old.entry.contentHash
                {
                    plan.refreshed.append(file)
                    report.unchanged += 1
                    continue
                }
                deletions[old.segment].insert(old.document)
                plan.toIndex.append(file)
                report.changed += 1
            } else if let old = skipped[file.path], old.file == file {
                plan.keptSkipped.append(old)
                report.unchanged += 1
            } else {
                plan.toIndex.append(file)
                report.added += 1
            }
        }
        for (path, old) in known where !present.contains(path) {
            deletions[old.segment].insert(old.document)
            report.removed += 1
        }
        // Segments whose every document is gone are dropped.
        for (index, segment) in reader.segments.enumerated() where deletions[index].count < segment.documentCount {
            let kept = reader.manifest.segments[index]
            plan.keptSegments.append(SegmentEntry(name: kept.name, deletedDocuments: deletions[index].sorted(), id: kept.id))
            for document in 0..<segment.documentCount where !deletions[index].contains(document) {
                plan.keptDocuments += 1
                plan.keptPassages += segment.passages(ofDocument: document).count
            }
            for document in deletions[index] where document < segment.documentCount {
                plan.deletedPassages += segment.passages(ofDocument: document).count
            }
            plan.allPassages += segment.passageCount
        }
        plan.isUnchanged = plan.toIndex.isEmpty && report.removed == 0 && plan.refreshed == reader.manifest.refreshed
            && plan.keptSkipped.count == reader.manifest.skipped.count
        return plan
    }
}

/// What an update changes: the files to index into a new segment, the
/// segments kept (with their deletions), and what stays as it was.
struct UpdatePlan {
    var toIndex: [CorpusFile]
    var previous: IndexReader?
    var keptSegments: [SegmentEntry] = []
    var keptSkipped: [SkippedFile] = []
    var refreshed: [CorpusFile] = []
    var keptDocuments = 0
    var keptPassages = 0
    var deletedPassages = 0
    var allPassages = 0
    var isUnchanged = false

    /// Whether the update would leave too many segments or too much deleted
    /// text, so that merging everything (a rebuild) is better.
    func wouldGrowTooMuch(maximumSegments: Int, maximumDeletedShare: Double) -> Bool {
        let segments = keptSegments.count + (toIndex.isEmpty ? 0 : 1)
        let share = allPassages == 0 ? 0 : Double(deletedPassages) / Double(allPassages)
        return segments > maximumSegments || share > maximumDeletedShare
    }
}
