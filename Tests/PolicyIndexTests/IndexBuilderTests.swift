import Foundation
import TestSupport
import Testing

@testable import PolicyAnalysis
@testable import PolicyIndex

@Suite struct IndexBuilderTests {
    /// GB18030 bytes of "数据交易平台\n".
    static let gb18030Line: [UInt8] = [0xCA, 0xFD, 0xBE, 0xDD, 0xBD, 0xBB, 0xD2, 0xD7, 0xC6, 0xBD, 0xCC, 0xA8, 0x0A]

    @Test func badFilesAreSkippedByNameAndTheRestIndexed() throws {
        let folder = TemporaryFolder()
        folder.write("corpus/good.md", "# 规划\n\n数据交易\n")
        folder.write("corpus/empty.txt", "")
        folder.write("corpus/gbk.txt", bytes: Self.gb18030Line)
        folder.write("corpus/binary.txt", bytes: [0x00, 0xFF, 0xFE, 0x00] + [UInt8](repeating: 0xFF, count: 64))
        folder.write("corpus/notes.pdf", "text with a PDF's name")
        folder.write("corpus/picture.png", "not a document")
        let directory = IndexDirectory(path: folder.file("index"))
        let report = try IndexBuilder(corpus: folder.file("corpus"), directory: directory).build()
        #expect(report.documents == 3)
        #expect(report.skipped.map(\.file.path) == ["binary.txt", "notes.pdf"])
        #expect(report.skipped.first?.reason.contains("binary") == true)
        #expect(report.skipped.last?.reason == "is not a PDF (it starts with \"text wit\"): a wrong extension or a damaged file")

        let reader = try IndexReader(directory: directory)
        let paths = try (0..<reader.segments[0].documentCount).map { try reader.segments[0].document($0).path }
        #expect(paths == ["empty.txt", "gbk.txt", "good.md"])
        let gbk = try reader.segments[0].document(1)
        #expect(gbk.encoding == "GB18030")
        #expect(try reader.segments[0].passage(reader.segments[0].passages(ofDocument: 1).lowerBound).text == "数据交易平台")
        #expect(reader.segments[0].passages(ofDocument: 0).isEmpty)
        // The skipped file is remembered, so the corpus does not look changed.
        #expect(try reader.corpusChanges() == nil)
    }

    @Test func aRebuildReplacesTheIndexAndRemovesTheOldSegment() throws {
        let folder = TemporaryFolder()
        folder.write("corpus/a.md", "数据交易\n")
        let directory = IndexDirectory(path: folder.file("index"))
        var builder = IndexBuilder(corpus: folder.file("corpus"), directory: directory)
        builder.rebuild = true
        let first = try builder.build()
        folder.write("corpus/b.md", "工业大数据\n")
        let reader = try IndexReader(directory: directory)
        #expect(try reader.corpusChanges()?.added == ["b.md"])
        let second = try builder.build()
        #expect(second.manifest!.generation == first.manifest!.generation + 1)
        #expect(second.manifest!.segments[0].name != first.manifest!.segments[0].name)
        #expect(!FileManager.default.fileExists(atPath: directory.file(first.manifest!.segments[0].name)))
        // A reader opened before the rebuild still reads its (now unlinked) segment.
        #expect(reader.segments[0].passageCount == 1)
        #expect(try IndexReader(directory: directory).segments[0].passageCount == 2)
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(names == ["manifest.json", second.manifest!.segments[0].name, "write.lock", "written.journal"].sorted())
    }

    @Test func changedAndRemovedFilesAreNoticed() throws {
        let folder = TemporaryFolder()
        folder.write("corpus/a.md", "数据交易\n")
        folder.write("corpus/b.md", "数据\n")
        let directory = IndexDirectory(path: folder.file("index"))
        _ = try IndexBuilder(corpus: folder.file("corpus"), directory: directory).build()
        folder.write("corpus/a.md", "数据交易所\n")
        try FileManager.default.removeItem(atPath: folder.file("corpus/b.md"))
        let changes = try #require(try IndexReader(directory: directory).corpusChanges())
        #expect(changes.changed == ["a.md"])
        #expect(changes.removed == ["b.md"])
        #expect(changes.summary == "1 changed, 1 removed")
    }

    @Test func oneWriterAtATime() throws {
        let folder = TemporaryFolder()
        folder.write("corpus/a.md", "数据交易\n")
        let directory = IndexDirectory(path: folder.file("index"))
        try directory.create()
        let lock = try directory.lockForWriting()
        do {
            _ = try IndexBuilder(corpus: folder.file("corpus"), directory: directory).build()
            Issue.record("a second writer got the lock")
        } catch let error as IndexError {
            #expect(error.description.contains("write.lock"))
            #expect(error.description.contains("process \(getpid())"))
        }
        lock.release()
        _ = try IndexBuilder(corpus: folder.file("corpus"), directory: directory).build()
    }

    /// The segment is the same byte for byte (but for its random id) whatever
    /// the number of threads.
    @Test func theIndexIsTheSameForAnyNumberOfThreads() throws {
        let folder = TemporaryFolder()
        for n in 0..<30 {
            folder.write("corpus/d\(n % 4)/doc\(n).md", "# 文件\(n)\n\n" + String(repeating: "第\(n)条　推进数据交易和数据共享开放。\n", count: n + 1))
        }
        var segments: [Data] = []
        for threads in [1, 2, 5] {
            var builder = IndexBuilder(corpus: folder.file("corpus"), directory: IndexDirectory(path: folder.file("i\(threads)")))
            builder.threads = threads
            let report = try builder.build()
            let data = try #require(FileManager.default.contents(atPath: folder.file("i\(threads)/" + report.manifest!.segments[0].name)))
            segments.append(data.dropFirst(IndexFormat.headerLength))
        }
        #expect(segments[0] == segments[1])
        #expect(segments[0] == segments[2])
    }

    @Test func anEmptyOrMissingCorpusIsAnError() throws {
        let folder = TemporaryFolder()
        try FileManager.default.createDirectory(atPath: folder.file("corpus"), withIntermediateDirectories: true)
        #expect(throws: IndexError.self) {
            _ = try IndexBuilder(corpus: folder.file("corpus"), directory: IndexDirectory(path: folder.file("i"))).build()
        }
        #expect(throws: CorpusError.self) {
            _ = try IndexBuilder(corpus: folder.file("absent"), directory: IndexDirectory(path: folder.file("i"))).build()
        }
    }
}
