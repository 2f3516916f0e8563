import Foundation
import TestSupport
import Testing

@testable import PolicyAnalysis
@testable import PolicyIndex

@Suite struct MetadataTableTests {
    let folder = TemporaryFolder()

    @Test func aTableGivesFieldsUnderFrontMatterAndOverTheText() throws {
        folder.write("corpus/plans/metadata.csv", "\u{FEFF}file,title,issuer,region,date\r\n"
            + "a.txt,贵州省大数据行动计划,贵州省人民政府,贵州,2016-03-15\r\n"
            + "b.md,表中的标题,表中的机关,,2017-01-01\r\n")
        folder.write("corpus/plans/a.txt", "国务院关于数据交易的通知\n国发〔2015〕50号\n数据交易。\n")
        folder.write("corpus/plans/b.md", "---\nissuer: 前言中的机关\n---\n# 文中标题\n\n数据交易。\n")
        folder.write("corpus/c.md", "# 其他\n\n数据交易。\n")
        let directory = IndexDirectory(path: folder.file("index"))
        let builder = IndexBuilder(corpus: folder.file("corpus"), directory: directory)
        let report = try builder.build()
        #expect(report.documents == 3)
        let reader = try IndexReader(directory: directory)
        let documents = try (0..<reader.segments[0].documentCount).map { try reader.segments[0].document($0) }
        let a = try #require(documents.first { $0.path == "plans/a.txt" })
        #expect(a.title == "贵州省大数据行动计划")
        #expect(a.fields["issuer"] == "贵州省人民政府")  // the table, over 国务院 from the number
        #expect(a.fields["number"] == "国发〔2015〕50号")  // the text, where the table says nothing
        let b = try #require(documents.first { $0.path == "plans/b.md" })
        #expect(b.fields["issuer"] == "前言中的机关")  // front matter, over the table
        #expect(b.title == "表中的标题")
        #expect(b.fields["date"] == "2017-01-01")
        #expect(try reader.corpusChanges() == nil)

        // A changed table is noticed, and the next build takes it.
        folder.write("corpus/plans/metadata.csv", "file,region\na.txt,江苏\n")
        #expect(try reader.corpusChanges()?.changed == ["plans/metadata.csv"])
        _ = try builder.build()
        let updated = try IndexReader(directory: directory)
        let live = try updated.liveDocuments().map { try updated.segments[$0.segment].document($0.document) }
        #expect(live.first { $0.path == "plans/a.txt" }?.fields["region"] == "江苏")
    }

    @Test func aTableWithoutAFileColumnIsReportedByName() throws {
        folder.write("corpus/metadata.csv", "name,region\na.md,贵州\n")
        folder.write("corpus/a.md", "数据交易\n")
        let report = try IndexBuilder(corpus: folder.file("corpus"), directory: IndexDirectory(path: folder.file("index"))).build()
        #expect(report.documents == 1)
        #expect(report.warnings.contains { $0.path == "metadata.csv" && $0.message.contains("line 1") && $0.message.contains("file") })
    }
}
