import Foundation
import TestSupport
import Testing
@testable import PolicyAnalysis

#if canImport(Glibc)
import Glibc
#endif

/// Raw-byte file system helpers: names that are not UTF-8 cannot go through
/// a Swift `String` path.
private enum RawPath {
    static func withCString<R>(_ bytes: [UInt8], _ body: (UnsafePointer<CChar>) -> R) -> R {
        (bytes + [0]).withUnsafeBufferPointer { body(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self)) }
    }

    static func write(_ path: [UInt8], _ text: String) {
        let fd = withCString(path) { open($0, O_WRONLY | O_CREAT | O_TRUNC, 0o644) }
        precondition(fd >= 0, "cannot create a test file: \(String(cString: strerror(errno)))")
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        close(fd)
    }

    static func makeFolder(_ path: [UInt8]) {
        precondition(withCString(path) { mkdir($0, 0o755) } == 0)
    }
}

/// Runs `body` on a thread of its own whose file system user is `nobody`, so
/// that permissions hold even when the tests run as root (`setfsuid` changes
/// the calling thread only, and leaving root drops the capability to override
/// them). Returns nil, saying why, where that cannot be done.
private func asNobody<R>(_ body: @escaping @Sendable () throws -> R) throws -> R? {
    #if os(Linux)
    // setfsuid is in <sys/fsuid.h>, which the Glibc module does not export.
    typealias SetFSUID = @convention(c) (UInt32) -> Int32
    guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "setfsuid") else { return nil }
    let setfsuid = unsafeBitCast(symbol, to: SetFSUID.self)
    nonisolated(unsafe) var result: Result<R, any Error>?
    let done = DispatchSemaphore(value: 0)
    let thread = Thread {
        let previous = geteuid() == 0 ? setfsuid(65534) : -1
        defer { if previous >= 0 { _ = setfsuid(UInt32(previous)) } }
        result = Result { try body() }
        done.signal()
    }
    thread.start()
    done.wait()
    return try result!.get()
    #else
    return nil
    #endif
}

@Suite("Corpus inputs: names, folders, links and files that are not regular")
struct CorpusInputTests {
    static let gbkName: [UInt8] = [0xB9, 0xD8, 0xD3, 0xDA, 0xB4, 0xD9, 0xBD, 0xF8, 0xB4, 0xF3, 0xCA, 0xFD, 0xBE, 0xDD,
                                   0xB7, 0xA2, 0xD5, 0xB9, 0xB5, 0xC4, 0xCD, 0xA8, 0xD6, 0xAA] + Array(".txt".utf8)
    /// 政策, in GBK.
    static let gbkFolder: [UInt8] = [0xD5, 0xFE, 0xB2, 0xDF]

    @Test func aFileNamedInGBKIsReadByItsBytesAndShownAsGB18030() throws {
        let folder = TemporaryFolder()
        let root = Array(folder.path.utf8)
        RawPath.makeFolder(root + [0x2F] + Self.gbkFolder)
        RawPath.write(root + [0x2F] + Self.gbkFolder + [0x2F] + Self.gbkName, "国务院关于促进大数据发展的通知\n")
        folder.write("a.md", "# 甲\n")
        let listing = try CorpusScanner.listing(of: folder.path)
        #expect(listing.skipped.isEmpty)
        #expect(listing.files.map(\.path) == ["a.md", "政策/关于促进大数据发展的通知.txt"])
        let file = listing.files[1]
        #expect(file.pathBytes == Self.gbkFolder + [0x2F] + Self.gbkName)
        #expect(listing.files[0].pathBytes == nil)
        let bytes = try FileReader.bytes(of: file, in: folder.path)
        #expect(String(decoding: bytes, as: UTF8.self) == "国务院关于促进大数据发展的通知\n")
        let extracted = try DocumentExtractor.extract(bytes, of: file, in: folder.path)
        #expect(extracted.text == "国务院关于促进大数据发展的通知\n")
        // The path on disk survives the manifest (JSON) round trip.
        let again = try JSONDecoder().decode(CorpusFile.self, from: JSONEncoder().encode(file))
        #expect(again == file)
    }

    @Test func aNameThatIsNeitherUTF8NorGB18030IsShownWithEscapes() throws {
        #expect(FileName.display(Array("数据.md".utf8)) == "数据.md")
        #expect(FileName.display(Self.gbkFolder) == "政策")
        #expect(FileName.display([0x61, 0xFF, 0xFE, 0x2E, 0x74, 0x78, 0x74]) == "a\\xFF\\xFE.txt")
        // A UTF-8 character cut short keeps what precedes it.
        #expect(FileName.display(Array("政策".utf8).dropLast() + Array(".md".utf8)) == "政\\xE7\\xAD.md")
        let folder = TemporaryFolder()
        RawPath.write(Array(folder.path.utf8) + [0x2F, 0x61, 0xFF, 0x2E, 0x6D, 0x64], "数据\n")
        let file = try #require(try CorpusScanner.scan(folder.path).first)
        #expect(file.path == "a\\xFF.md")
        #expect(try FileReader.bytes(of: file, in: folder.path) == Array("数据\n".utf8))
    }

    @Test func anUnreadableSubfolderIsSkippedByNameWithItsReason() throws {
        let folder = TemporaryFolder()
        folder.write("a.md", "# 甲\n")
        folder.write("locked/b.md", "乙\n")
        folder.write("open/c.md", "丙\n")
        #expect(chmod(folder.file("locked"), 0) == 0)
        defer { chmod(folder.file("locked"), 0o755) }
        let path = folder.path
        let listing = try #require(try asNobody { () -> CorpusListing? in
            // Root (a test run in a container) reads any folder: the thread must not.
            guard opendir(path + "/locked") == nil else { return nil }
            return try CorpusScanner.listing(of: path)
        }, "this platform cannot drop the permission to read any folder")
        let found = try #require(listing, "the folder stayed readable: file system capabilities were not dropped")
        #expect(found.files.map(\.path) == ["a.md", "open/c.md"])
        #expect(found.skipped == [CorpusListing.Skipped(path: "locked", reason: "a folder that cannot be read: Permission denied")])
    }

    @Test func anEmptyCorpusPathIsAnErrorNotTheCurrentFolder() {
        #expect(throws: CorpusError.self) { try CorpusScanner.scan("") }
        #expect(CorpusError.emptyPath.description == "the corpus folder is an empty path: name a folder")
        do {
            _ = try CorpusScanner.listing(of: "")
        } catch {
            #expect("\(error)" == "the corpus folder is an empty path: name a folder")
        }
    }

    @Test func aFIFONamedLikeADocumentIsSkippedByNameNotOpened() throws {
        let folder = TemporaryFolder()
        folder.write("a.md", "# 甲\n")
        #expect(mkfifo(folder.file("管道.txt"), 0o644) == 0)
        #expect(mkfifo(folder.file("pipe"), 0o644) == 0)
        let listing = try CorpusScanner.listing(of: folder.path)
        #expect(listing.files.map(\.path) == ["a.md"])
        // Only the one named like a document is worth a word.
        #expect(listing.skipped == [CorpusListing.Skipped(path: "管道.txt", reason: "it is a FIFO, not a regular file")])
    }

    @Test func linksInsideTheCorpusAreFollowedAndOthersNamedWithTheReason() throws {
        let outside = TemporaryFolder()
        outside.write("外部.md", "外\n")
        let folder = TemporaryFolder()
        folder.write("a.md", "# 甲\n")
        folder.write("notes/README", "说明\n")
        folder.write("sub/b.txt", "乙\n")
        let links: [(String, String)] = [
            ("readme.md", "notes/README"),        // a file not named as a document: read under the link's name
            ("alias.md", "a.md"),                 // read already as a.md
            ("current", "sub"),                   // a folder read already as sub
            ("sub/up", ".."),                     // a loop back to the corpus
            ("archive", outside.path),            // out of the corpus
            ("outside.md", outside.file("外部.md")),
            ("gone.md", "missing.md"),            // to nothing
            ("x.md", "y.md"), ("y.md", "x.md"),   // a loop of links
            ("image", "nowhere.png"),             // to nothing, and no document: not worth a word
        ]
        for (name, target) in links {
            try FileManager.default.createSymbolicLink(atPath: folder.file(name), withDestinationPath: target)
        }
        let listing = try CorpusScanner.listing(of: folder.path)
        #expect(listing.files.map(\.path) == ["a.md", "readme.md", "sub/b.txt"])
        let readme = try #require(listing.files.first { $0.path == "readme.md" })
        #expect(try FileReader.bytes(of: readme, in: folder.path) == Array("说明\n".utf8))
        let real = URL(fileURLWithPath: outside.path).resolvingSymlinksInPath().path
        let loop = String(cString: strerror(ELOOP))
        #expect(listing.skipped == [
            .init(path: "alias.md", reason: "a symbolic link to a.md, read already"),
            .init(path: "archive", reason: "a symbolic link to \(real), outside the corpus"),
            .init(path: "current", reason: "a symbolic link to the folder sub, read already"),
            .init(path: "gone.md", reason: "a symbolic link to nothing: No such file or directory"),
            .init(path: "outside.md", reason: "a symbolic link to \(real)/外部.md, outside the corpus"),
            .init(path: "sub/up", reason: "a symbolic link to the folder of the corpus, read already"),
            .init(path: "x.md", reason: "a symbolic link to nothing: \(loop)"),
            .init(path: "y.md", reason: "a symbolic link to nothing: \(loop)"),
        ])
    }

    @Test func aCorpusNamedThroughALinkJudgesLinksByItsRealPath() throws {
        let folder = TemporaryFolder()
        folder.write("corpus/a.md", "# 甲\n")
        folder.write("corpus/notes/README", "说明\n")
        try FileManager.default.createSymbolicLink(atPath: folder.file("corpus/readme.md"),
                                                   withDestinationPath: folder.file("corpus/notes/README"))
        try FileManager.default.createSymbolicLink(atPath: folder.file("link"), withDestinationPath: "corpus")
        let listing = try CorpusScanner.listing(of: folder.file("link"))
        #expect(listing.files.map(\.path) == ["a.md", "readme.md"])
        #expect(listing.skipped.isEmpty)
    }
}
