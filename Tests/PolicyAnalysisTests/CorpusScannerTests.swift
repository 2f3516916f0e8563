import Foundation
import TestSupport
import Testing
@testable import PolicyAnalysis

@Suite("CorpusScanner")
struct CorpusScannerTests {
    /// a.md, B.TXT, c.png, C.PDF, .hidden.md, sub/d.txt, link.md → a.md, a folder named
    /// folder.md, and a link to the folder sub.
    private func makeCorpus() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try folder.write("a.md", "# 甲\n")
        try folder.write("B.TXT", "乙\n")
        try folder.write("c.png", "PNG\n")
        try folder.write("C.PDF", "%PDF-1.4\n")
        try folder.write(".hidden.md", "丙\n")
        try folder.write("sub/d.txt", "丁\n")
        try folder.write("folder.md/e.md", "戊\n")
        try FileManager.default.createSymbolicLink(atPath: folder.file("link.md"), withDestinationPath: "a.md")
        try FileManager.default.createSymbolicLink(atPath: folder.file("linked"), withDestinationPath: folder.file("sub"))
        return folder
    }

    @Test("scan lists documents (.md, .txt, .pdf …) in any case, recursively, sorted by UTF-8 bytes, without links")
    func scan() throws {
        let folder = try makeCorpus()
        let files = try CorpusScanner.scan(folder.path)
        #expect(files.map(\.path) == [".hidden.md", "B.TXT", "C.PDF", "a.md", "folder.md/e.md", "sub/d.txt"])
        #expect(!files.contains { $0.path == "c.png" })
        #expect(!files.contains { $0.path == "link.md" || $0.path.hasPrefix("linked") })
        #expect(!files.contains { $0.path == "folder.md" })
        let a = try #require(files.first { $0.path == "a.md" })
        #expect(a.size == Int64("# 甲\n".utf8.count))
        #expect(a.modified > 0)
    }

    @Test("the corpus's dictionary.txt is words, not a document; one in a subfolder is a document")
    func dictionaryIsNotADocument() throws {
        let folder = TemporaryFolder()
        folder.write("a.md", "# 甲\n")
        folder.write(CorpusScanner.dictionaryName, "大数据\n放管服\n")
        folder.write("sub/dictionary.txt", "丁\n")
        folder.write("Dictionary.TXT", "乙\n")
        let files = try CorpusScanner.scan(folder.path).map(\.path)
        #expect(files == ["Dictionary.TXT", "a.md", "sub/dictionary.txt"])
        #expect(try CorpusScanner.scan(folder.path, sorted: false).count == 3)
    }

    @Test("unsorted scan lists the same files")
    func unsorted() throws {
        let folder = try makeCorpus()
        let sorted = try CorpusScanner.scan(folder.path)
        let unsorted = try CorpusScanner.scan(folder.path, sorted: false)
        #expect(Set(unsorted) == Set(sorted))
        #expect(unsorted.count == sorted.count)
    }

    @Test("paths sort by UTF-8 bytes, not by locale or by character")
    func byteOrder() throws {
        let folder = try TemporaryFolder()
        for name in ["数据.md", "z.md", "Z.md", "a b.md", "a-b.md", "ab/c.md", "é.txt", "中.txt"] {
            try folder.write(name, "x")
        }
        let paths = try CorpusScanner.scan(folder.path).map(\.path)
        #expect(paths == paths.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        #expect(paths == ["Z.md", "a b.md", "a-b.md", "ab/c.md", "z.md", "é.txt", "中.txt", "数据.md"])
    }

    @Test("isDocument: .md, .txt, .pdf, .docx, .html, .htm, .doc and .wps in any case")
    func isDocument() {
        #expect(CorpusScanner.isDocument("a.md"))
        #expect(CorpusScanner.isDocument("B.TXT"))
        #expect(CorpusScanner.isDocument("政策.Md"))
        for name in ["c.pdf", "D.DOCX", "e.html", "f.htm", "g.doc", "h.WPS"] { #expect(CorpusScanner.isDocument(name)) }
        #expect(!CorpusScanner.isDocument("c.png"))
        #expect(!CorpusScanner.isDocument("c.pdf.part"))
        #expect(!CorpusScanner.isDocument("md"))
        #expect(!CorpusScanner.isDocument("notes.markdown"))
        #expect(!CorpusScanner.isDocument("a.md.bak"))
    }

    @Test("the modification time is read in nanoseconds")
    func modificationTime() throws {
        let folder = try TemporaryFolder()
        try folder.write("a.md", "x")
        try folder.setModified("a.md", secondsSince1970: 1_600_000_000)
        let file = try #require(try CorpusScanner.scan(folder.path).first)
        #expect(file.modified == 1_600_000_000 * 1_000_000_000)
    }

    @Test("the fingerprint changes with a file's size or modification time, not with the order")
    func fingerprint() throws {
        let folder = try makeCorpus()
        for name in ["a.md", "B.TXT", ".hidden.md", "sub/d.txt", "folder.md/e.md"] {
            try folder.setModified(name, secondsSince1970: 1_700_000_000)
        }
        let files = try CorpusScanner.scan(folder.path)
        let original = CorpusScanner.fingerprint(of: files)
        #expect(CorpusScanner.fingerprint(of: files.reversed()) == original)
        #expect(CorpusScanner.fingerprint(of: files.shuffled()) == original)
        #expect(CorpusScanner.fingerprint(of: try CorpusScanner.scan(folder.path, sorted: false)) == original)
        #expect(CorpusScanner.fingerprint(of: try CorpusScanner.scan(folder.path)) == original)

        // Same modification time, new size.
        try folder.write("sub/d.txt", "丁丁\n")
        try folder.setModified("sub/d.txt", secondsSince1970: 1_700_000_000)
        let resized = try CorpusScanner.scan(folder.path)
        #expect(resized.first { $0.path == "sub/d.txt" }?.size == Int64("丁丁\n".utf8.count))
        let resizedFingerprint = CorpusScanner.fingerprint(of: resized)
        #expect(resizedFingerprint != original)

        // Same size, new modification time.
        try folder.setModified("a.md", secondsSince1970: 1_700_000_001)
        let touched = CorpusScanner.fingerprint(of: try CorpusScanner.scan(folder.path))
        #expect(touched != resizedFingerprint)

        // A file added or removed.
        try folder.write("new.md", "新\n")
        let added = CorpusScanner.fingerprint(of: try CorpusScanner.scan(folder.path))
        #expect(added != touched)
        try FileManager.default.removeItem(atPath: folder.file("new.md"))
        #expect(CorpusScanner.fingerprint(of: try CorpusScanner.scan(folder.path)) == touched)
    }

    @Test("the fingerprint tells apart a renamed file and swapped sizes")
    func fingerprintFields() {
        let a = CorpusFile(path: "a.md", size: 10, modified: 5)
        let b = CorpusFile(path: "b.md", size: 20, modified: 6)
        let base = CorpusScanner.fingerprint(of: [a, b])
        #expect(CorpusScanner.fingerprint(of: [CorpusFile(path: "c.md", size: 10, modified: 5), b]) != base)
        #expect(CorpusScanner.fingerprint(of: [CorpusFile(path: "a.md", size: 20, modified: 5),
                                               CorpusFile(path: "b.md", size: 10, modified: 6)]) != base)
        #expect(CorpusScanner.fingerprint(of: [a]) != base)
        #expect(CorpusScanner.fingerprint(of: []) == 0)
    }

    @Test("scanning a missing folder throws a CorpusError naming the folder")
    func missingFolder() throws {
        let folder = try TemporaryFolder()
        let missing = folder.file("does-not-exist")
        do {
            _ = try CorpusScanner.scan(missing)
            Issue.record("scanning a missing folder succeeded")
        } catch let error as CorpusError {
            #expect(error.description.contains(missing))
        }
    }

    @Test("scanning a file throws a CorpusError saying it is not a folder")
    func notAFolder() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("a.md", "x")
        do {
            _ = try CorpusScanner.scan(file)
            Issue.record("scanning a file succeeded")
        } catch let error as CorpusError {
            #expect(error.description.contains(file))
            #expect(error.description.contains("not a folder"))
        }
    }

    @Test("an empty folder has no documents")
    func emptyFolder() throws {
        let folder = try TemporaryFolder()
        #expect(try CorpusScanner.scan(folder.path).isEmpty)
    }
}
