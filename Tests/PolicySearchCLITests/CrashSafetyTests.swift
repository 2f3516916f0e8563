import Foundation
import TestSupport
import Testing

/// A build that dies at any point leaves the previous index answering.
@Suite struct CrashSafetyTests {
    let folder = TemporaryFolder()

    func corpus(_ version: Int) throws {
        try? FileManager.default.removeItem(atPath: folder.file("corpus"))
        for n in 0..<40 {
            folder.write("corpus/doc\(n).md", "# 文件\(n)\n\n版本\(version)：数据交易规则第\(n)条。\n" + String(repeating: "推进数据共享开放。\n", count: 50))
        }
    }

    func hits(_ cli: CommandRunner, _ query: String) throws -> String {
        let output = try cli.run(["search", query, "--all", "--format", "json", "--index", "idx"])
        return output.stdout
    }

    @Test(arguments: ["after-analysis", "during-segment-write", "before-segment-rename", "before-manifest-rename"])
    func aBuildKilledBeforeItsCommitLeavesTheOldIndex(fault: String) throws {
        var cli = CommandRunner(workingDirectory: folder.path)
        try corpus(1)
        #expect(try cli.run(["index", "corpus", "--index", "idx", "--quiet"]).status == 0)
        let before = try hits(cli, "版本1")
        #expect(!before.isEmpty)
        try corpus(2)
        cli.environment["POLICY_SEARCH_FAULT"] = fault
        #expect(try cli.run(["index", "corpus", "--index", "idx", "--quiet"]).status == 86)
        cli.environment = [:]
        #expect(try hits(cli, "版本1") == before)
        // The next build commits and leaves no stray files.
        #expect(try cli.run(["index", "corpus", "--index", "idx", "--quiet"]).status == 0)
        #expect(try hits(cli, "版本1").isEmpty)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.file("idx"))
        #expect(files.filter { $0.hasSuffix(".tmp") }.isEmpty)
        #expect(files.filter { $0.hasSuffix(".psi") }.count == 1)
    }

    @Test func aBuildKilledAfterItsCommitHasTheNewIndex() throws {
        var cli = CommandRunner(workingDirectory: folder.path)
        try corpus(1)
        #expect(try cli.run(["index", "corpus", "--index", "idx", "--quiet"]).status == 0)
        try corpus(2)
        cli.environment["POLICY_SEARCH_FAULT"] = "before-cleanup"
        #expect(try cli.run(["index", "corpus", "--index", "idx", "--quiet"]).status == 86)
        cli.environment = [:]
        #expect(!(try hits(cli, "版本2")).isEmpty)
    }

    /// A full disk: the build fails with one line naming the file and the
    /// reason, removes what it wrote, and the previous index answers.
    @Test func aFullDiskLeavesTheOldIndex() throws {
        var cli = CommandRunner(workingDirectory: folder.path)
        try corpus(1)
        #expect(try cli.run(["index", "corpus", "--index", "idx", "--quiet"]).status == 0)
        let before = try hits(cli, "版本1")
        try corpus(2)
        cli.environment["POLICY_SEARCH_FAULT"] = "disk-full"
        let failed = try cli.run(["index", "corpus", "--index", "idx", "--quiet"])
        cli.environment = [:]
        #expect(failed.status == 2)
        #expect(failed.stderr.contains("No space left on device"))
        #expect(failed.stderr.contains(".psi"))
        #expect(failed.stderr.split(separator: "\n").count == 1)
        #expect(try hits(cli, "版本1") == before)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.file("idx"))
        #expect(files.filter { $0.hasSuffix(".tmp") }.isEmpty)
        #expect(files.filter { $0.hasSuffix(".psi") }.count == 1)
    }

    /// Kill `index` with SIGKILL at random moments: the index always answers
    /// exactly as before or exactly as after.
    @Test func randomKillsNeverLeaveABrokenIndex() throws {
        let cli = CommandRunner(workingDirectory: folder.path)
        try corpus(1)
        #expect(try cli.run(["index", "corpus", "--index", "idx", "--quiet"]).status == 0)
        let before = try hits(cli, "数据交易")
        try corpus(2)
        let after = before.replacingOccurrences(of: "版本1", with: "版本2")
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<8 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: CommandRunner.binary)
            process.arguments = ["index", "corpus", "--index", "idx", "--quiet"]
            process.currentDirectoryURL = URL(fileURLWithPath: folder.path)
            try process.run()
            usleep(UInt32.random(in: 0..<150_000, using: &generator))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let now = try hits(cli, "数据交易")
            #expect(now == before || now == after)
        }
    }
}
