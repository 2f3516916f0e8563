import Testing

@testable import PolicyAnalysis
@testable import PolicyIndex

/// A document's citations as the index stores them: read back as written,
/// and damage is an error, not another list.
@Suite struct CitationListTests {
    static let sample = DocumentCitations(
        numbers: ["国发〔2015〕50号"], versionDate: "2016-11-07",
        citations: [Citation(kind: .title, target: "中华人民共和国网络安全法", passage: 3, article: "第二十一条第二款"),
                    Citation(kind: .number, target: "国务院令第735号", passage: 3),
                    Citation(kind: .title, target: "促进大数据发展行动纲要", passage: 170, isAlias: true)])

    static func decode(_ bytes: [UInt8]) -> DocumentCitations? { bytes.withUnsafeBytes { CitationList.decode($0) } }

    @Test func aListReadsBackAsWritten() {
        let bytes = CitationList.encode(Self.sample)
        #expect(Self.decode(bytes) == Self.sample)
        #expect(CitationList.encode(DocumentCitations()).isEmpty, "a document without citations stores nothing")
        #expect(Self.decode([]) == DocumentCitations())
    }

    @Test func aCutOrLengthenedListIsDamage() {
        let bytes = CitationList.encode(Self.sample)
        for length in 1..<bytes.count { #expect(Self.decode(Array(bytes.prefix(length))) == nil, "cut at \(length)") }
        #expect(Self.decode(bytes + [0]) == nil)
        var badKind = bytes
        // The first citation's flags follow the date, the numbers and the count.
        let flags = 1 + 10 + 1 + 1 + "国发〔2015〕50号".utf8.count + 1
        badKind[flags] = 0x07
        #expect(Self.decode(badKind) == nil)
    }
}
