import Foundation
import PolicyAnalysis

/// How far a build has got, for a progress display.
public struct BuildProgress: Sendable {
    public var filesDone: Int
    public var filesTotal: Int
    public var bytesDone: Int64
    public var bytesTotal: Int64
}

/// What a build did.
public struct BuildReport: Sendable {
    public var documents = 0
    public var passages = 0
    public var bytes: Int64 = 0
    public var indexBytes = 0
    public var seconds = 0.0
    /// Files that could not be indexed, with the reason.
    public var skipped: [SkippedFile] = []
    /// Files indexed with something to say, such as replaced bytes.
    public var warnings: [(path: String, message: String)] = []
    public var manifest: IndexManifest?
}

/// Builds an index from a corpus folder and commits it atomically.
///
/// Every document is read, decoded, split into passages and analyzed; the
/// passages go into one new segment, which then replaces the index in force
/// (see ``IndexDirectory`` for the commit protocol). One writer at a time: the
/// folder's write lock is held throughout.
public struct IndexBuilder {
    public var corpus: String
    public var directory: IndexDirectory
    public var splitter = PassageSplitter()
    /// Threads that read and analyze documents (the machine's cores by default).
    public var threads = ProcessInfo.processInfo.activeProcessorCount

    public init(corpus: String, directory: IndexDirectory) {
        self.corpus = corpus
        self.directory = directory
    }

    /// The analysis this build applies.
    public var analysisIdentity: AnalysisIdentity {
        AnalysisIdentity(normalizer: TextNormalizer.identity, icu: ICU.version, passageLimit: splitter.maximumLength)
    }

    /// A document read and analyzed, or why it was not.
    enum AnalyzedDocument {
        case indexed(DocumentEntry, [AnalyzedPassage], warnings: [String])
        case skipped(String)
    }

    /// Reads, decodes, splits and analyzes one file (on a worker thread).
    static func analyze(_ file: CorpusFile, root: String, splitter: PassageSplitter, analyzer: Analyzer) -> AnalyzedDocument {
        let bytes: [UInt8]
        let decoded: DecodedText
        do {
            bytes = try FileReader.bytes(atPath: root + "/" + file.path)
            decoded = try TextDecoder.decode(bytes)
        } catch let error as FileReadError {
            return .skipped(error.reason)
        } catch {
            return .skipped("\(error)")
        }
        let name = file.path.split(separator: "/").last.map(String.init) ?? file.path
        let fallbackTitle = name.split(separator: ".").count > 1 ? String(name[..<name.lastIndex(of: ".")!]) : name
        let parsed = splitter.parse(decoded.text, fallbackTitle: fallbackTitle)
        var passages: [AnalyzedPassage] = []
        passages.reserveCapacity(parsed.passages.count)
        var previousLine = 0
        for passage in parsed.passages {
            let (normalized, words) = analyzer.analyze(parsed.scalars[passage.range])
            passages.append(AnalyzedPassage(line: passage.line, sectionNumber: Int(passage.section) + 1,
                                            text: parsed.text(of: passage), normalized: normalized.scalars,
                                            wordCount: words, continuesLine: passage.line == previousLine))
            previousLine = passage.line
        }
        let hash = bytes.withUnsafeBytes { FNV1a.hash($0) }
        let document = DocumentEntry(path: file.path, title: parsed.title, encoding: decoded.encoding, size: file.size,
                                     modified: file.modified, contentHash: hash, lineCount: parsed.lineCount,
                                     sections: parsed.sectionTree, fields: parsed.fields)
        return .indexed(document, passages, warnings: (decoded.warning.map { [$0] } ?? []) + parsed.warnings)
    }

    public func build(progress: ((BuildProgress) -> Void)? = nil) throws -> BuildReport {
        let started = Date()
        let corpusRoot = URL(fileURLWithPath: corpus).standardizedFileURL.path
        let files = try CorpusScanner.scan(corpusRoot)
        if files.isEmpty { throw IndexError.emptyCorpus(folder: corpus) }
        try directory.create()
        let lock = try directory.lockForWriting()
        defer { lock.release() }
        let previous = try? directory.readManifest()

        var report = BuildReport()
        var segment = SegmentBuilder()
        let bytesTotal = files.reduce(Int64(0)) { $0 + $1.size }
        var bytesDone: Int64 = 0
        // Documents are read and analyzed on every core; their passages go into
        // the segment in corpus order, so the index is the same for any number
        // of threads.
        let analyzers = try (0..<threads).map { _ in try Analyzer() }
        let pipeline = OrderedParallelMap<AnalyzedDocument>(count: files.count, threads: threads)
        let splitter = self.splitter
        nonisolated(unsafe) let workers = analyzers
        try pipeline.run(transform: { worker, item in
            Self.analyze(files[item], root: corpusRoot, splitter: splitter, analyzer: workers[worker])
        }, consume: { number, analyzed in
            let file = files[number]
            bytesDone += file.size
            defer {
                progress?(BuildProgress(filesDone: number + 1, filesTotal: files.count, bytesDone: bytesDone, bytesTotal: bytesTotal))
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
        try IndexFault.reach(.afterAnalysis)

        let generation = (previous?.generation ?? 0) + 1
        let name = directory.newSegmentName(generation: generation)
        let temporary = directory.file(name + IndexFormat.temporaryExtension)
        do {
            try segment.write(to: temporary)
        } catch {
            unlink(temporary)
            throw error
        }
        try IndexFault.reach(.beforeSegmentRename)
        guard rename(temporary, directory.file(name)) == 0 else {
            let reason = MappedFile.lastError
            unlink(temporary)
            throw IndexError.io(file: directory.file(name), operation: "rename", reason: reason)
        }
        let manifest = IndexManifest(generation: generation, segment: name,
                                     created: ISO8601DateFormatter().string(from: Date()), corpus: corpusRoot,
                                     analysis: analysisIdentity, documents: report.documents, passages: report.passages,
                                     skipped: report.skipped,
                                     corpusFingerprint: String(CorpusScanner.fingerprint(of: files), radix: 16),
                                     buildSeconds: (Date().timeIntervalSince(started) * 1000).rounded() / 1000,
                                     corpusBytes: report.bytes)
        do {
            try directory.commit(manifest)
        } catch {
            unlink(directory.file(name))
            throw error
        }
        try IndexFault.reach(.beforeCleanup)
        directory.removeUnreferenced(keeping: name)
        report.manifest = manifest
        report.indexBytes = (try? FileManager.default.attributesOfItem(atPath: directory.file(name))[.size] as? Int) ?? 0
        report.seconds = Date().timeIntervalSince(started)
        return report
    }
}
