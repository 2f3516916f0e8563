/// Finds the references a document makes (``Citation``), at index time, in
/// the normalized text of its passages.
///
/// - Titles: the text in 《…》 (or 〈…〉 where a text uses them alone), with any
///   title inside it as part of it: 《关于修改〈道路交通安全法〉等八部法律的决定》
///   cites the decision, not the law it names. Brackets that do not close
///   within the passage, or hold more than ``maximumTitleLength`` characters
///   or a sentence end, are no title.
/// - A title that a line break of the source cuts (`印发《数字` | `中国建设整体布局规划》`)
///   is joined across the two passages, and cited in the first.
/// - Aliases: `《X》（以下简称《Y》）` or `（…，以下简称“Y”）` makes each later `《Y》`
///   (and `“Y”`, when the alias was quoted) a citation of X.
/// - Articles: `第二十一条`, `第三十条第二款` right after a title are kept with it.
/// - Numbers: see ``DocumentNumber``.
///
/// A document does not cite itself: its own numbers (the ones its header
/// lines state alone, or its `number` field) and titles with one of its own
/// keys (``TitleKey/keys(_:)``: a notice that issues X does not cite X) are
/// left out.
public enum CitationExtractor {
    /// The longest text between 《 and 》 taken as a title.
    public static let maximumTitleLength = 100
    /// How many passages at a document's start can state its own number.
    static let headerPassages = 12

    /// The citations of a document.
    ///
    /// - Parameters:
    ///   - path: its path in the corpus (a date in parentheses at the end of
    ///     the file name dates its version).
    ///   - title: its title, normalized.
    ///   - fields: its metadata (`number`, `date`).
    ///   - passages: each passage's normalized text, in order.
    ///   - headerCount: how many passages come before the first heading.
    public static func extract(path: String, title: String, fields: [String: String], passages: [[UInt32]],
                               headerCount: Int) -> DocumentCitations {
        var own = Set<String>()
        if let number = fields["number"].flatMap(DocumentNumber.normalized) { own.insert(number) }
        let header = min(headerCount, headerPassages, passages.count)
        for passage in passages.prefix(header) {
            if let number = DocumentNumber.standingAlone(in: passage) { own.insert(number.normalized) }
        }
        // Its own title as written, qualifiers kept: a guide of 2021 cites the
        // guide of 2015 (《…建设指南（2015年版）》), not itself.
        let ownKeys = Set(TitleKey.keys(title, keepingQualifiers: true))

        var citations: [Citation] = []
        var aliases: [String: (title: String, quoted: Bool)] = [:]
        // The text after a 《 that a passage leaves open: a line break of the
        // source (a PDF's, a copied page's) inside a title.
        var openTitle: [UInt32]? = nil
        for (index, scalars) in passages.enumerated() {
            let carried = openTitle
            openTitle = nil
            guard carried != nil || scalars.contains(where: isCandidate) else { continue }
            var found: [(at: Int, citation: Citation)] = []
            if let carried, let close = scalars.firstIndex(where: { $0 == 0x300B || $0 == 0x300A }), scalars[close] == 0x300B,
                let text = titleText(carried + scalars[..<close], 0, carried.count + close)
            {
                found.append((-1, Citation(kind: .title, target: aliases[text]?.title ?? text, passage: index - 1,
                                           isAlias: aliases[text] != nil)))
            }
            var skipped = Set<Int>()  // the brackets of alias definitions
            // Titles, with nesting.
            var open: [Int] = []
            for (i, c) in scalars.enumerated() {
                if c == 0x300A || c == 0x3008 || c == 0xAB {  // 《 〈 «
                    open.append(i)
                } else if c == 0x300B || c == 0x3009 || c == 0xBB, let start = open.popLast() {  // 》 〉 »
                    // A title inside a title is part of its name, not a citation of
                    // its own: 《关于修改〈道路交通安全法〉等八部法律的决定》 cites the decision.
                    guard open.isEmpty, !skipped.contains(start), let text = titleText(scalars, start + 1, i),
                        c != 0x3009 || !closesEarlierTitle(scalars, after: i + 1)
                    else { continue }
                    if let alias = aliases[text] {
                        found.append((start, Citation(kind: .title, target: alias.title, passage: index, isAlias: true)))
                        continue
                    }
                    let article = self.article(scalars, after: i + 1)
                    found.append((start, Citation(kind: .title, target: text, passage: index, article: article)))
                    if let (alias, quoted, bracket) = aliasDefinition(scalars, after: i + 1) {
                        if aliases[alias] == nil, alias != text { aliases[alias] = (text, quoted) }
                        if let bracket { skipped.insert(bracket) }
                    }
                }
            }
            if let start = open.first, scalars.count - start - 1 < maximumTitleLength {
                openTitle = Array(scalars[(start + 1)...])
            }
            // Quoted uses of quoted aliases.
            if aliases.values.contains(where: \.quoted) {
                var i = 0
                while i < scalars.count {
                    if scalars[i] == 0x201C, let close = scalars[(i + 1)...].prefix(30).firstIndex(of: 0x201D) {
                        let text = ScalarText.string(scalars[(i + 1)..<close])
                        if let (target, quoted) = aliases[text], quoted, !isDefinition(scalars, quoteAt: i) {
                            found.append((i, Citation(kind: .title, target: target, passage: index, isAlias: true)))
                        }
                        i = close + 1
                    } else {
                        i += 1
                    }
                }
            }
            for match in DocumentNumber.matches(in: scalars) where !own.contains(match.normalized) {
                found.append((match.range.lowerBound, Citation(kind: .number, target: match.normalized, passage: index)))
            }
            found.sort { $0.at < $1.at }
            for (_, citation) in found {
                if citation.kind == .title, ownKeys.contains(TitleKey.key(citation.target, keepingQualifiers: true)) { continue }
                citations.append(citation)
            }
        }
        return DocumentCitations(numbers: own.sorted(), versionDate: versionDate(path: path, fields: fields,
                                                                              header: passages.prefix(header)),
                                 citations: citations)
    }

    /// 《 〈 « 号: a passage without any cites nothing (an order number ends with 号 too).
    @inline(__always)
    static func isCandidate(_ c: UInt32) -> Bool { c == 0x300A || c == 0x3008 || c == 0xAB || c == 0x53F7 }

    /// Whether a 》 closes before any 《 opens after `start`: then the 〈…〉
    /// before it is inside a title that began on an earlier line.
    static func closesEarlierTitle(_ s: [UInt32], after start: Int) -> Bool {
        for c in s[start...] {
            if c == 0x300A { return false }
            if c == 0x300B { return true }
        }
        return false
    }

    /// The title between `start` and `end`, or nil when it is none.
    static func titleText(_ s: [UInt32], _ start: Int, _ end: Int) -> String? {
        guard end > start, end - start <= maximumTitleLength else { return nil }
        var han = false
        for c in s[start..<end] {
            switch c {
            case 0x3002, 0xFF1F, 0x3F, 0xFF01, 0x21, 0xFF1B, 0x3B:  // 。？?！!；;
                return nil
            default:
                if CharacterClasses.isHan(c) { han = true }
            }
        }
        guard han else { return nil }
        return ScalarText.string(s[start..<end]).trimmingWhitespace()
    }

    /// The article right after a title: 第 numerals 条, and 第…款, 第…项 after it.
    static func article(_ s: [UInt32], after start: Int) -> String {
        var j = start
        var end = start
        for unit: UInt32 in [0x6761, 0x6B3E, 0x9879] {  // 条 款 项
            guard j < s.count, s[j] == 0x7B2C else { break }  // 第
            var k = j + 1
            while k < s.count, ChineseNumber.isNumeral(s[k]) || s[k] &- 0x30 < 10 { k += 1 }
            guard k > j + 1, k < s.count, s[k] == unit else { break }
            j = k + 1
            end = j
        }
        return end > start ? ScalarText.string(s[start..<end]) : ""
    }

    /// An alias defined in the parentheses right after a title:
    /// `（以下简称《Y》）`, `（国发〔2015〕50号，以下简称“Y”）`; the alias, whether
    /// it was quoted, and where its own 《 is (not a citation of its own).
    static func aliasDefinition(_ s: [UInt32], after start: Int) -> (String, Bool, Int?)? {
        var j = start
        while j < s.count, DocumentNumber.isSpace(s[j]) { j += 1 }
        guard j < s.count, s[j] == 0x28 || s[j] == 0xFF08 else { return nil }  // (
        let limit = min(s.count, j + 60)
        guard let close = s[j..<limit].firstIndex(where: { $0 == 0x29 || $0 == 0xFF09 }) else { return nil }
        let inside = Array(s[(j + 1)..<close])
        let marker: [UInt32] = "以下简称".unicodeScalars.map(\.value)
        let short: [UInt32] = "下称".unicodeScalars.map(\.value)
        var at: Int?
        for word in [marker, short] where at == nil {
            if inside.count >= word.count {
                at = (0...(inside.count - word.count)).first { inside[$0..<($0 + word.count)].elementsEqual(word) }
                    .map { $0 + word.count }
            }
        }
        guard var k = at else { return nil }
        while k < inside.count, inside[k] == 0x3A || inside[k] == 0xFF1A || DocumentNumber.isSpace(inside[k]) { k += 1 }
        guard k < inside.count else { return nil }
        let closing: [UInt32: UInt32] = [0x300A: 0x300B, 0x201C: 0x201D, 0x22: 0x22, 0x300C: 0x300D]
        if let end = closing[inside[k]] {
            guard let stop = inside[(k + 1)...].firstIndex(of: end), stop > k + 1 else { return nil }
            let alias = ScalarText.string(inside[(k + 1)..<stop])
            return (alias, inside[k] != 0x300A, inside[k] == 0x300A ? j + 1 + k : nil)
        }
        return nil
    }

    /// Whether the quote at `quote` is an alias's own definition (after 简称).
    static func isDefinition(_ s: [UInt32], quoteAt quote: Int) -> Bool {
        var j = quote
        while j > 0, s[j - 1] == 0x3A || s[j - 1] == 0xFF1A || DocumentNumber.isSpace(s[j - 1]) { j -= 1 }
        return j >= 2 && s[j - 2] == 0x7B80 && s[j - 1] == 0x79F0  // 简称
            || j >= 2 && s[j - 2] == 0x4E0B && s[j - 1] == 0x79F0  // 下称
    }

    /// The date of the document's version (see ``DocumentCitations/versionDate``).
    static func versionDate(path: String, fields: [String: String], header: ArraySlice<[UInt32]>) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        if let open = name.lastIndex(of: "("), let close = name.lastIndex(of: ")"), open < close {
            let inside = name[name.index(after: open)..<close]
            if inside.count == 10, let date = MetadataExtractor.isoDate(String(inside)) { return date }
        }
        // Lines that open with a date (`2016年11月7日 …通过`, `根据2009年8月27日 …修正`),
        // as a law's header lists its adoption and amendments.
        let stated = header.compactMap { passage -> String? in
            var line = Substring(ScalarText.string(passage.prefix(16)))
            if line.hasPrefix("根据") { line = line.dropFirst(2) }
            return MetadataExtractor.isoDate(String(line))
        }
        return stated.max() ?? fields["date"] ?? ""
    }
}
