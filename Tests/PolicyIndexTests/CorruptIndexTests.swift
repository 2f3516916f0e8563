import Foundation
import TestSupport
import Testing

@testable import PolicyAnalysis
@testable import PolicyIndex

/// A damaged index gives a clear error naming the file, never a crash.
@Suite struct CorruptIndexTests {
    let folder = TemporaryFolder()

    /// Builds a small index and returns its folder and segment path.
    func buildIndex() throws -> (TemporaryFolder, IndexDirectory, String) {
        folder.write("corpus/a.md", "# 数据交易管理办法\n\n第一条　为了规范数据交易，制定本办法。\n\n第二条　数据交易所应当依法运营。\n")
        folder.write("corpus/b.txt", "大数据发展规划\n一、总体要求\n推进工业大数据和数据交易。\n")
        let directory = IndexDirectory(path: folder.file("index"))
        let report = try IndexBuilder(corpus: folder.file("corpus"), directory: directory).build()
        return (folder, directory, directory.file(report.manifest!.segments[0].name))
    }

    func corrupt(_ path: String, at offset: Int, with byte: UInt8) throws {
        let handle = try #require(FileHandle(forUpdatingAtPath: path))
        try handle.seek(toOffset: UInt64(offset))
        try handle.write(contentsOf: Data([byte]))
        try handle.close()
    }

    /// Where a section of a segment file is, from its directory.
    func range(of section: IndexFormat.Section, in segment: String) throws -> Range<Int> {
        let bytes = try #require(FileManager.default.contents(atPath: segment))
        return try bytes.withUnsafeBytes { raw in
            let tableOffset = Int(raw.loadUnaligned(fromByteOffset: raw.count - 24, as: UInt64.self))
            let count = Int(raw.loadUnaligned(fromByteOffset: tableOffset, as: UInt32.self))
            let entry = try #require((0..<count).map { tableOffset + 4 + $0 * 24 }.first {
                raw.loadUnaligned(fromByteOffset: $0, as: UInt32.self) == section.rawValue
            })
            let offset = Int(raw.loadUnaligned(fromByteOffset: entry + 4, as: UInt64.self))
            return offset..<(offset + Int(raw.loadUnaligned(fromByteOffset: entry + 12, as: UInt64.self)))
        }
    }

    func expectCorrupt(_ body: () throws -> Void, naming file: String, mentioning words: [String] = [],
                       sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            try body()
            Issue.record("expected an error", sourceLocation: sourceLocation)
        } catch let error as IndexError {
            #expect(error.description.contains(file), sourceLocation: sourceLocation)
            #expect(!error.description.contains("\n"), sourceLocation: sourceLocation)
            for word in words { #expect(error.description.contains(word), sourceLocation: sourceLocation) }
        } catch {
            Issue.record("unexpected error \(error)", sourceLocation: sourceLocation)
        }
    }

    @Test func truncatedSegmentIsReported() throws {
        let (_, directory, segment) = try buildIndex()
        let size = try FileManager.default.attributesOfItem(atPath: segment)[.size] as! Int
        truncate(segment, off_t(size - 10))
        expectCorrupt({ _ = try IndexReader(directory: directory) }, naming: segment)
        truncate(segment, 5)
        expectCorrupt({ _ = try IndexReader(directory: directory) }, naming: segment)
    }

    @Test func badHeaderAndVersionAreReported() throws {
        let (_, directory, segment) = try buildIndex()
        try corrupt(segment, at: 0, with: 0x41)
        expectCorrupt({ _ = try IndexReader(directory: directory) }, naming: segment)
        try corrupt(segment, at: 0, with: Array("P".utf8)[0])
        try corrupt(segment, at: 4, with: 99)
        do {
            _ = try IndexReader(directory: directory)
            Issue.record("a segment of another version opened")
        } catch IndexError.incompatible(let file, let found) {
            #expect(file == segment)
            #expect(found == 99)
        }
    }

    @Test func damagedPostingsAreFoundByVerify() throws {
        let (_, directory, segment) = try buildIndex()
        // Damage the first byte of the postings.
        let bytes = try #require(FileManager.default.contents(atPath: segment))
        let postingsOffset = try range(of: .postings, in: segment).lowerBound
        try corrupt(segment, at: postingsOffset, with: bytes[postingsOffset] ^ 0xFF)
        let damaged = try IndexReader(directory: directory)
        expectCorrupt({ try damaged.segments[0].verify() }, naming: segment, mentioning: ["postings"])
    }

    /// A damaged batch of heading lists: reading a document's headings (or a
    /// passage's section path) names the batch and the document; the rest of
    /// its record still reads.
    @Test func damagedHeadingBatchNamesTheDocument() throws {
        let (_, directory, segment) = try buildIndex()
        let bytes = try #require(FileManager.default.contents(atPath: segment))
        // The first byte of the batch's Zstandard frame (its magic number).
        let section = try range(of: .headings, in: segment)
        // The table's checksum, the batch count, then the table.
        let tableLength = 8 + 16 * (1 + bytes.withUnsafeBytes { Int($0.loadUnaligned(fromByteOffset: section.lowerBound + 4, as: UInt32.self)) })
        let batch = section.lowerBound + tableLength
        try corrupt(segment, at: batch, with: bytes[batch] ^ 0xFF)
        let damaged = try IndexReader(directory: directory).segments[0]
        #expect(try damaged.document(0, withSections: false).path == "a.md")
        expectCorrupt({ _ = try damaged.document(0) }, naming: segment, mentioning: ["batch 0 of section headings", "document 0"])
        expectCorrupt({ _ = try damaged.document(1) }, naming: segment, mentioning: ["batch 0 of section headings", "document 1"])
        let inSection = try #require((0..<damaged.passageCount).first { damaged.sectionNumber(ofPassage: $0) > 0 })
        expectCorrupt({ _ = try damaged.passage(inSection) }, naming: segment, mentioning: ["heading"])
        expectCorrupt({ try damaged.verify() }, naming: segment, mentioning: ["headings"])
    }

    @Test func damagedManifestIsReported() throws {
        let (_, directory, _) = try buildIndex()
        try Data("{ not json".utf8).write(to: URL(fileURLWithPath: directory.manifestPath))
        expectCorrupt({ _ = try IndexReader(directory: directory) }, naming: "manifest.json")
    }

    @Test func manifestNamingAMissingSegmentIsReported() throws {
        let (_, directory, segment) = try buildIndex()
        try FileManager.default.removeItem(atPath: segment)
        expectCorrupt({ _ = try IndexReader(directory: directory) }, naming: "manifest.json")
    }

    /// The library names the folder and names no command: the front end
    /// (the CLI, the web app) adds its own advice.
    @Test func missingIndexNamesTheFolderAndNoCommand() throws {
        let folder = TemporaryFolder()
        do {
            _ = try IndexReader(directory: IndexDirectory(path: folder.file("nothing")))
            Issue.record("opened a missing index")
        } catch let error as IndexError {
            #expect(error.description == "no index in \(folder.file("nothing"))")
        }
    }

    /// Random damage anywhere in the segment: opening and reading either works
    /// or throws an IndexError; it never crashes.
    @Test func randomDamageNeverCrashes() throws {
        let (_, directory, segment) = try buildIndex()
        let original = try #require(FileManager.default.contents(atPath: segment))
        var generator = SplitMix64(seed: 2024)
        var errors = 0
        for _ in 0..<300 {
            var bytes = [UInt8](original)
            for _ in 0..<Int(generator.next() % 4 + 1) {
                let at = Int(generator.next() % UInt64(bytes.count))
                bytes[at] = UInt8(truncatingIfNeeded: generator.next())
            }
            try Data(bytes).write(to: URL(fileURLWithPath: segment))
            do {
                let reader = try IndexReader(directory: directory)
                let s = reader.segments[0]
                for passage in 0..<s.passageCount { _ = try? s.passage(passage) }
                for document in 0..<s.documentCount { _ = try? s.document(document) }
                try? s.forEachTerm { key, _ in
                    if let term = try? s.term(key) { _ = try? s.decode(term, withPositions: true) }
                }
            } catch is IndexError {
                errors += 1
            }
        }
        #expect(errors > 0)
    }

    /// A flip of any bit of the stored text or the headings gives the same
    /// text and sections or an IndexError — never other text (every Zstandard
    /// frame carries the checksum of its content, verified as it is inflated).
    @Test func aFlippedBitInStoredTextOrHeadingsIsAnErrorNotOtherText() throws {
        let (_, directory, path) = try buildIndex()
        let original = try #require(FileManager.default.contents(atPath: path))
        func everything() throws -> [String] {
            let segment = try IndexReader(directory: directory).segments[0]
            let passages = try (0..<segment.passageCount).map { try segment.passage($0) }.map { "\($0.line) \($0.section) \($0.text)" }
            let documents = try (0..<segment.documentCount).map { try segment.document($0) }.map { "\($0.path) \($0.title) \($0.sections)" }
            return passages + documents
        }
        let expected = try everything()
        let segment = try IndexReader(directory: directory).segments[0]
        var generator = SplitMix64(seed: 77)
        var errors = 0
        var flips = 0
        for section in [IndexFormat.Section.textBlocks, .headings] {
            let range = try #require(segment.sections[section]).range
            for _ in 0..<120 {
                let at = try BitFlip.write(original, flippingOneBitIn: range, to: path, using: &generator)
                flips += 1
                do {
                    let got = try everything()
                    #expect(got == expected, "a flip at \(at) in \(section) changed the text")
                } catch is IndexError {
                    errors += 1
                }
            }
        }
        #expect(flips == 240 && errors > 200, "\(errors) errors of \(flips) flips")
    }

    /// The term blocks are not checksummed on open: varints damaged there
    /// (too long, pointing past the postings) are an error in every scan of
    /// the dictionary, never a trap.
    @Test(arguments: [UInt8(0xFF), 0x7F, 0x80]) func damagedTermVarintsAreAnError(fill: UInt8) throws {
        let (_, directory, path) = try buildIndex()
        let range = try #require(try IndexReader(directory: directory).segments[0].sections[.termBlocks]).range
        var bytes = [UInt8](try #require(FileManager.default.contents(atPath: path)))
        for at in range { bytes[at] = fill }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let segment = try IndexReader(directory: directory).segments[0]
        #expect(throws: IndexError.self) { try segment.forEachTerm { _, _ in } }
        #expect(throws: IndexError.self) { _ = try segment.terms(in: 0...UInt64.max) }
        let scalars = "数据".unicodeScalars.map(\.value)
        let key = try #require(scalars.withUnsafeBufferPointer { GramKey.term(at: 0, of: $0) })
        do {
            _ = try segment.term(key)
        } catch is IndexError {}
    }
}

