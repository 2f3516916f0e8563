import PolicyAnalysis

/// A document's citations as stored (`CitationList` in ``IndexFormat``): the
/// date of its version, its own numbers, then each citation with its kind,
/// passage (as the difference to the previous citation's, in text order),
/// target and article. A document with none of these stores nothing.
enum CitationList {
    /// The stored bytes of `citations` (empty when there is nothing to store).
    static func encode(_ citations: DocumentCitations) -> [UInt8] {
        guard !citations.citations.isEmpty || !citations.numbers.isEmpty || !citations.versionDate.isEmpty else { return [] }
        var writer = ByteWriter()
        writer.writeString(citations.versionDate)
        writer.writeVarint(citations.numbers.count)
        for number in citations.numbers { writer.writeString(number) }
        writer.writeVarint(citations.citations.count)
        var previous = 0
        for citation in citations.citations {
            writer.write(citation.kind.rawValue | (citation.isAlias ? 0x80 : 0))
            writer.writeVarint(max(0, citation.passage - previous))
            previous = max(previous, citation.passage)
            writer.writeString(citation.target)
            writer.writeString(citation.article)
        }
        return writer.bytes
    }

    /// Decodes a list that fills `bytes` exactly; nil when it is damaged.
    static func decode(_ bytes: UnsafeRawBufferPointer) -> DocumentCitations? {
        guard !bytes.isEmpty else { return DocumentCitations() }
        var cursor = ByteCursor(bytes)
        var result = DocumentCitations()
        result.versionDate = cursor.readString()
        let numbers = cursor.readVarint32()
        // Each number takes a byte at least, each citation four.
        guard numbers <= bytes.count else { return nil }
        for _ in 0..<numbers { result.numbers.append(cursor.readString()) }
        let count = cursor.readVarint32()
        guard !cursor.overrun, count <= bytes.count / 4 else { return nil }
        result.citations.reserveCapacity(count)
        var passage = 0
        for _ in 0..<count {
            let flags = cursor.read(UInt8.self)
            guard let kind = Citation.Kind(rawValue: flags & 0x7F) else { return nil }
            passage += Int(clamping: cursor.readVarint())
            let target = cursor.readString()
            let article = cursor.readString()
            result.citations.append(Citation(kind: kind, target: target, passage: passage, article: article,
                                             isAlias: flags & 0x80 != 0))
        }
        return cursor.overrun || cursor.offset != bytes.count ? nil : result
    }
}
