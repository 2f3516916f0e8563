import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// What `index` makes of awkward corpus inputs: names that are not UTF-8,
/// folders it cannot read, FIFOs, links out of the corpus, an empty path.
@Suite("Corpus input handling (CLI)")
struct InputHandlingTests {
    let folder = TemporaryFolder()
    var cli: CommandRunner { CommandRunner(workingDirectory: folder.path) }

    /// 关于促进大数据发展的通知.txt in GBK, as an archive made on Chinese Windows unpacks it.
    static let gbkName: [UInt8] = [0xB9, 0xD8, 0xD3, 0xDA, 0xB4, 0xD9, 0xBD, 0xF8, 0xB4, 0xF3, 0xCA, 0xFD, 0xBE, 0xDD,
                                   0xB7, 0xA2, 0xD5, 0xB9, 0xB5, 0xC4, 0xCD, 0xA8, 0xD6, 0xAA] + Array(".txt".utf8)

    @Test func aFileNamedInGBKIsIndexedAndFoundUnderItsDecodedName() throws {
        folder.write("corpus/a.md", "# 甲\n推进政府数据开放。\n")
        let path = Array(folder.file("corpus").utf8) + [0x2F] + Self.gbkName + [0]
        let fd = path.withUnsafeBufferPointer { open(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), O_WRONLY | O_CREAT, 0o644) }
        #expect(fd >= 0)
        let text = Array("国务院关于促进大数据发展的通知\n澜沧江流域数据资源共享。\n".utf8)
        _ = text.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
        let index = try cli.run(["index", "corpus", "--index", "idx"])
        #expect(index.status == 0, "\(index.stderr)")
        #expect(!index.stderr.contains("skipped"), "\(index.stderr)")
        #expect(index.stdout.contains("indexed 2 documents"), "\(index.stdout)")
        let search = try cli.run(["search", "澜沧江", "--index", "idx"])
        #expect(search.status == 0, "\(search.stderr)")
        #expect(search.stdout.contains("关于促进大数据发展的通知.txt"), "\(search.stdout)")
    }

    /// Run as `nobody` (through setpriv) when the tests run as root, who can
    /// read any folder.
    @Test(.enabled(if: geteuid() != 0 || FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv"),
                   "running as root without setpriv: a folder cannot be made unreadable; skipped"))
    func anUnreadableSubfolderIsSkippedByNameAndTheBuildGoesOn() throws {
        folder.write("corpus/a.md", "# 甲\n推进政府数据开放。\n")
        folder.write("corpus/locked/b.md", "# 乙\n数据\n")
        #expect(chmod(folder.file("corpus/locked"), 0) == 0)
        defer { chmod(folder.file("corpus/locked"), 0o755) }
        try FileManager.default.createDirectory(atPath: folder.file("idx"), withIntermediateDirectories: true)
        #expect(chmod(folder.file("idx"), 0o777) == 0)
        let arguments = ["index", "corpus", "--index", "idx"]
        let output = geteuid() == 0
            ? try cli.run(["--reuid=65534", "--regid=65534", "--clear-groups", CommandRunner.binary] + arguments,
                          executable: "/usr/bin/setpriv")
            : try cli.run(arguments)
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stderr.contains("policy-search: skipped corpus/locked: a folder that cannot be read: Permission denied\n"),
                "\(output.stderr)")
        #expect(output.stdout.contains("indexed 1 document"), "\(output.stdout)")
    }

    @Test func aFIFOAndALinkOutOfTheCorpusAreSkippedByName() throws {
        folder.write("corpus/a.md", "# 甲\n推进政府数据开放。\n")
        folder.write("elsewhere/b.md", "# 乙\n")
        #expect(mkfifo(folder.file("corpus/管道.txt"), 0o644) == 0)
        try FileManager.default.createSymbolicLink(atPath: folder.file("corpus/b.md"), withDestinationPath: "../elsewhere/b.md")
        let output = try cli.run(["index", "corpus", "--index", "idx"])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stderr.contains("policy-search: skipped corpus/管道.txt: it is a FIFO, not a regular file\n"), "\(output.stderr)")
        #expect(output.stderr.contains("policy-search: skipped corpus/b.md: a symbolic link to "), "\(output.stderr)")
        #expect(output.stdout.contains("2 skipped"), "\(output.stdout)")
        // An update reports them again and still finds the index up to date.
        let again = try cli.run(["index", "corpus", "--index", "idx"])
        #expect(again.stdout.hasPrefix("index up to date"), "\(again.stdout)")
        #expect(again.stderr.contains("corpus/管道.txt"), "\(again.stderr)")
    }

    @Test func anEmptyCorpusPathIsAnError() throws {
        folder.write("a.md", "# 甲\n")
        let output = try cli.run(["index", "", "--index", "idx"])
        #expect(output.status != 0)
        #expect(output.stderr.contains("the corpus folder is an empty path"), "\(output.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.file("idx/manifest.json")))
    }

    @Test func aCorpusWithoutDocumentsNamesEveryKindItReads() throws {
        folder.write("corpus/picture.png", "PNG")
        let output = try cli.run(["index", "corpus", "--index", "idx"])
        #expect(output.status != 0)
        #expect(output.stderr.contains("no documents (text, Markdown, PDF, Word, HTML) found in corpus"), "\(output.stderr)")
        #expect(!output.stderr.contains(".txt or .md"))
    }
}
