import Foundation
import TestSupport
import Testing

@testable import PolicyIndex
@testable import PolicySearch

/// Copies of one text found when the index is committed, and counted once
/// where asked.
@Suite struct DuplicateDocumentsTests {
    let folder = TemporaryFolder()

    static let body = (1...20).map { "第\($0)条 推进工业大数据在第\($0)类场景中的应用，完善相应的数据标准和安全保障措施。" }.joined(separator: "\n")

    func build() throws -> SearchIndex {
        folder.write("corpus/central/037.md", "---\nregion: 全国\n---\n# 关于工业大数据发展的指导意见\n\n" + Self.body + "\n")
        // The same body under an English header and another region.
        folder.write("corpus/shandong/033.md", "---\nregion: 山东\n---\n# Guiding Opinions on Industrial Big Data\n\n" + Self.body + "\n")
        // Two clauses of twenty changed, and another title: a near copy, below the threshold.
        folder.write("corpus/other.md", "---\nregion: 全国\n---\n# 其他\n\n" + Self.body.replacingOccurrences(of: "第1类", with: "第一类")
            .replacingOccurrences(of: "第2类", with: "第二类") + "\n")
        folder.write("corpus/own.md", "---\nregion: 山东\n---\n# 独立文件\n\n加快工业大数据与制造业融合，培育工业大数据服务商和解决方案提供商。\n")
        return try SearchIndex.open(.init(index: folder.file("index"), corpus: folder.file("corpus")))
    }

    @Test func copiesAreGroupedAndNearCopiesBelowTheThresholdAreNot() throws {
        let index = try build()
        // The copies share 20 of their 21 passages (the titles differ): 20 / 22 ≥ 0.9;
        // other.md shares 18 with each: 18 / 24 < 0.9.
        #expect(index.reader.manifest.duplicateDocuments == [["central/037.md", "shandong/033.md"]])
    }

    @Test func aTallyCountsCopiesOnceWhenAsked() throws {
        let index = try build()
        let query = try QueryParser.parse("工业大数据")
        let plain = try index.tally([query], by: .region)
        let once = try index.tally([query], by: .region, countsCopiesOnce: true)
        #expect(plain.total.cells[0].documents == 4 && plain.total.documents == 4)
        #expect(once.total.cells[0].documents == 3 && once.total.documents == 3)
        // Each copy stays in its own region: a region counts it once, as before.
        #expect(once.rows.map(\.cells) == plain.rows.map(\.cells))
        #expect(once.total.cells[0].passages == plain.total.cells[0].passages)
        let byDocument = try index.tally([query], by: .document, countsCopiesOnce: true)
        #expect(byDocument.rows.map(\.group) == ["central/037.md", "other.md", "own.md"])
        // Both copies' clauses and 037's title, under the first copy's row.
        #expect(byDocument.rows[0].cells[0].passages == 41)
        #expect(once.json.contains("\"copiesCountedOnce\":true"))
    }

    @Test func anUpdateThatRemovesACopyDissolvesItsGroup() throws {
        _ = try build()
        try FileManager.default.removeItem(atPath: folder.file("corpus/shandong/033.md"))
        let index = try SearchIndex.open(.init(index: folder.file("index"), corpus: folder.file("corpus")))
        _ = try SearchIndex.build(configuration: index.configuration, corpus: folder.file("corpus"))
        _ = try index.reloadIfCommitted()
        #expect(index.reader.manifest.duplicateDocuments == [])
    }
}
