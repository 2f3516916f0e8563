import Foundation
import TestSupport
import Testing

@testable import PolicyIndex

/// A build never overwrites or removes a file of the index folder that it did
/// not write; its own leftovers (a killed build's segment) it does remove.
@Suite struct IndexOwnershipTests {
    let folder = TemporaryFolder()

    func build() throws -> BuildReport {
        try IndexBuilder(corpus: folder.file("corpus"), directory: IndexDirectory(path: folder.file("index"))).build()
    }

    init() {
        folder.write("corpus/a.md", "# 数据交易\n\n推进数据交易市场建设。\n")
    }

    @Test func aManifestThatIsNotAnIndexsStopsTheBuildAndStays() throws {
        let foreign = #"{"name": "my project", "version": 3}"#
        folder.write("index/manifest.json", foreign)
        #expect {
            try build()
        } throws: { error in
            "\(error)".hasPrefix("\(folder.file("index/manifest.json")) is in the way: it is not a policy-search manifest")
        }
        #expect(String(decoding: FileManager.default.contents(atPath: folder.file("index/manifest.json"))!, as: UTF8.self) == foreign)
    }

    @Test(arguments: ["seg-1-mine.psi", "seg-9-x.psi.tmp", "manifest.json.tmp"])
    func filesNamedLikeTheIndexsButNotItsStay(name: String) throws {
        _ = try build()
        folder.write("index/\(name)", "someone else's bytes")
        folder.write("index/README.md", "notes")
        #expect(throws: IndexError.self) { try build() }
        #expect(FileManager.default.contents(atPath: folder.file("index/\(name)")) == Data("someone else's bytes".utf8))
        #expect(FileManager.default.fileExists(atPath: folder.file("index/README.md")))
    }

    @Test func theIndexsOwnLeftoversAreRemovedAndOldSegmentsToo() throws {
        _ = try build()
        let directory = IndexDirectory(path: folder.file("index"))
        // A killed build's unfinished segment, recorded before it was made.
        let leftover = try directory.newSegmentName(generation: 7)
        folder.write("index/\(leftover).tmp", "half a segment")
        folder.write("index/README.md", "notes")
        folder.write("corpus/b.md", "# 新\n\n数据开放。\n")
        _ = try IndexBuilder(corpus: folder.file("corpus"), directory: directory).build()
        var rebuild = IndexBuilder(corpus: folder.file("corpus"), directory: directory)
        rebuild.rebuild = true
        _ = try rebuild.build()
        let manifest = try #require(try directory.readManifest())
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.file("index")).filter { $0.hasPrefix("seg-") }
        #expect(Set(names) == Set(manifest.segments.map(\.name)))
        #expect(FileManager.default.fileExists(atPath: folder.file("index/README.md")))
        #expect(directory.journal() == Set(manifest.segments.map(\.name)))
    }
}
