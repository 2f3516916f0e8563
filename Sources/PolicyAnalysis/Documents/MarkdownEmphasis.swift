/// Bold emphasis as Markdown writes it (`**…**`, `__…__`) and as converted
/// documents keep it (`<b>…</b>`, `<strong>…</strong>`).
///
/// Emphasis is how a heading looks, not what it says: `### **(3) 追赶型发展规划**`
/// is the heading `(3) 追赶型发展规划`, numbered, and its label carries no marks.
enum MarkdownEmphasis {
    private static let tags: [[Unicode.Scalar]] = ["<b>", "</b>", "<strong>", "</strong>"].map { Array($0.unicodeScalars) }

    /// Whether `scalar` can start an emphasis mark: `*`, `_` or `<`.
    static func canStartMark(_ scalar: UInt32) -> Bool {
        scalar == 0x2A || scalar == 0x5F || scalar == 0x3C
    }

    /// `text` without its bold marks (runs of two or three `*` or `_`, bold
    /// or bold italic); single marks (italics, bullets) and longer runs (the
    /// blank of `一式____份`, a rule) stay.
    static func removing(from text: [Unicode.Scalar]) -> [Unicode.Scalar] {
        guard text.contains(where: { canStartMark($0.value) }) else { return text }
        var result: [Unicode.Scalar] = []
        result.reserveCapacity(text.count)
        var i = 0
        while i < text.count {
            let scalar = text[i]
            if scalar == "*" || scalar == "_" {
                var end = i
                while end < text.count, text[end] == scalar { end += 1 }
                if !(2...3).contains(end - i) { result.append(contentsOf: text[i..<end]) }
                i = end
                continue
            }
            if scalar == "<", let tag = tags.first(where: { matches($0, text, at: i) }) {
                i += tag.count
                continue
            }
            result.append(scalar)
            i += 1
        }
        return result
    }

    /// Whether `tag` is at `position` of `text`, in any case.
    private static func matches(_ tag: [Unicode.Scalar], _ text: [Unicode.Scalar], at position: Int) -> Bool {
        guard position + tag.count <= text.count else { return false }
        for (offset, scalar) in tag.enumerated() {
            let found = text[position + offset]
            let lowered = ("A"..."Z").contains(found) ? Unicode.Scalar(found.value + 0x20)! : found
            if lowered != scalar { return false }
        }
        return true
    }
}
