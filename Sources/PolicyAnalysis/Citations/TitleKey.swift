/// The forms of a title that are compared to find the document it names.
///
/// A title is cited in many ways: with or without 中华人民共和国, with or
/// without its issuer (国务院关于… ↔ 关于…), as the thing a notice issues
/// (关于印发《X》的通知 ↔ X), with or without (试行), (暂行) or its years
/// (（2016—2020年）), in full- or half-width brackets and quotes. A key is the
/// normalized title with what does not tell documents apart taken out:
/// white space, brackets and quotes, 中华人民共和国, and trailing qualifiers in
/// parentheses that hold 试行, 暂行, 修订, 修正, 草案, 征求意见稿 or a year.
public enum TitleKey {
    /// The key of a title (normalized text, as the index normalizes it).
    /// With `keepingQualifiers`, the trailing qualifiers stay: the key that
    /// tells a document from another version of it (a document does not cite
    /// itself, but may cite its edition of 2015).
    public static func key(_ title: String, keepingQualifiers: Bool = false) -> String {
        ScalarText.string(key(scalars: title.unicodeScalars.map(\.value), keepingQualifiers: keepingQualifiers))
    }

    static func key(scalars title: [UInt32], keepingQualifiers: Bool = false) -> [UInt32] {
        var scalars = title
        // Trailing qualifiers first, while their parentheses are still there.
        while !keepingQualifiers, let last = scalars.last, last == 0x29 || last == 0xFF09 {  // ) ）
            guard let open = scalars.lastIndex(where: { $0 == 0x28 || $0 == 0xFF08 }), open > 0,
                isQualifier(scalars[(open + 1)..<(scalars.count - 1)])
            else { break }
            scalars.removeSubrange(open...)
        }
        scalars.removeAll(where: isDropped)
        while let at = find(prc, in: scalars, from: 0) { scalars.removeSubrange(at..<(at + prc.count)) }
        return scalars
    }

    /// How a key was made from a title.
    public enum Form: Sendable, Equatable {
        /// The whole title.
        case whole
        /// The title from 关于 on, without the issuer before it.
        case withoutIssuer
        /// The title of the document that a notice issues (关于印发X的通知 → X).
        case issued
    }

    /// The keys a title is known by, the most specific first: the title's
    /// own; without the issuer before 关于; and, for a notice that issues or
    /// forwards a document (关于印发X的通知), the keys of X.
    public static func keys(_ title: String, keepingQualifiers: Bool = false) -> [String] {
        forms(scalars: title.unicodeScalars.map(\.value), keepingQualifiers: keepingQualifiers).map { ScalarText.string($0.key) }
    }

    /// The same keys, each with how it was made.
    public static func forms(_ title: String) -> [(key: String, form: Form)] {
        forms(scalars: title.unicodeScalars.map(\.value)).map { (ScalarText.string($0.key), $0.form) }
    }

    static func forms(scalars title: [UInt32], keepingQualifiers: Bool = false) -> [(key: [UInt32], form: Form)] {
        var keys: [(key: [UInt32], form: Form)] = []
        func add(_ key: [UInt32], _ form: Form) {
            if key.count >= 2, !keys.contains(where: { $0.key == key }) { keys.append((key, form)) }
        }
        let own = key(scalars: title, keepingQualifiers: keepingQualifiers)
        add(own, .whole)
        if let about = find(guanyu, in: own, from: 0), about > 0 { add(Array(own[about...]), .withoutIssuer) }
        if let issued = issuedTitle(scalars: title) {
            for (key, _) in forms(scalars: issued, keepingQualifiers: keepingQualifiers) { add(key, .issued) }
        }
        return keys
    }

    /// X in 关于印发X的通知 (关于 and 印发, 转发, 发布, 颁布 or 公布; 通知,
    /// 决定, 命令, 公告 or 函), or nil.
    public static func issuedTitle(in title: String) -> String? {
        issuedTitle(scalars: title.unicodeScalars.map(\.value)).map(ScalarText.string)
    }

    static func issuedTitle(scalars title: [UInt32]) -> [UInt32]? {
        for verb in verbs {
            guard let start = find(verb, in: title, from: 0) else { continue }
            let from = start + verb.count
            for ending in endings {
                guard let at = findLast(ending, in: title), at >= from + 2,
                    title[(at + ending.count)...].allSatisfy({ [0x20, 0x28, 0x29, 0xFF08, 0xFF09].contains($0) })
                else { continue }
                return Array(title[from..<at])
            }
        }
        return nil
    }

    static let prc = scalars("中华人民共和国")
    static let guanyu = scalars("关于")
    static let verbs = ["关于印发", "关于转发", "关于发布", "关于颁布", "关于公布", "印发"].map(scalars)
    static let endings = ["的通知", "的决定", "的命令", "的公告", "的函"].map(scalars)
    static let qualifiers = ["试行", "暂行", "修订", "修正", "草案", "征求意见稿", "送审稿"].map(scalars)

    static func scalars(_ text: String) -> [UInt32] { text.unicodeScalars.map(\.value) }

    /// The first place of `needle` in `haystack` at or after `from`.
    static func find<C: RandomAccessCollection>(_ needle: [UInt32], in haystack: C, from: Int) -> Int?
    where C.Element == UInt32, C.Index == Int {
        guard !needle.isEmpty, haystack.count >= needle.count else { return nil }
        var i = max(from, haystack.startIndex)
        let last = haystack.endIndex - needle.count
        while i <= last {
            if haystack[i] == needle[0], haystack[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }

    /// The last place of `needle` in `haystack`.
    static func findLast(_ needle: [UInt32], in haystack: [UInt32]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for i in stride(from: haystack.count - needle.count, through: 0, by: -1)
        where haystack[i..<(i + needle.count)].elementsEqual(needle) {
            return i
        }
        return nil
    }

    /// Whether the text in a title's last parentheses only qualifies it.
    static func isQualifier(_ text: ArraySlice<UInt32>) -> Bool {
        if qualifiers.contains(where: { find($0, in: text, from: text.startIndex) != nil }) { return true }
        var digits = 0
        for c in text {
            digits = c &- 0x30 < 10 || c &- 0xFF10 < 10 ? digits + 1 : 0
            if digits == 4 { return true }
        }
        return false
    }

    /// White space, brackets and quotes, which keys leave out.
    static func isDropped(_ c: UInt32) -> Bool {
        switch c {
        case 0x20, 0x3000, 0x09, 0xA0, 0x300A, 0x300B, 0x3008, 0x3009, 0x3C, 0x3E, 0x201C, 0x201D, 0x22, 0x2018, 0x2019,
             0x27, 0x300C, 0x300D, 0x300E, 0x300F, 0xFE41, 0xFE42, 0xAB, 0xBB:
            return true
        default:
            return false
        }
    }
}
