/// Document numbers as Chinese administrative documents write them, found in
/// text and put in one form so that every way of writing one number compares
/// equal.
///
/// Two shapes:
/// - an issuer's abbreviation, the year in brackets and a serial: 国发〔2015〕50号,
///   黔府发[2016]8号, 国办函﹝2005﹞57号, 法释〔2015〕5号, with any of the brackets
///   〔〕 ﹝﹞ [] ［］ () （） 【】 (mixed, as typists mix them), full-width digits,
///   spaces, and 第 before the serial;
/// - an order: 国务院令第735号, 中华人民共和国主席令第六十四号, with the serial in
///   Arabic or Chinese numerals.
///
/// The normal form is the abbreviation, the year in 〔〕, the serial in Arabic
/// digits without leading zeros and 号 (`国发〔2015〕50号`), or for an order the
/// issuer without 中华人民共和国, 令第, the serial and 号 (`主席令第64号`).
public enum DocumentNumber {
    /// A number found in a text: where it is (scalar offsets) and its normal form.
    public struct Match: Equatable, Sendable {
        public var range: Range<Int>
        public var normalized: String
    }

    /// The longest issuer abbreviation taken before a bracket or 令.
    static let maximumPrefix = 12

    /// Words that end the text before an abbreviation, in
    /// `根据国发〔2015〕50号` or `按照国办发…`: what comes before them is no part
    /// of the issuer's abbreviation.
    static let leadingWords: [[UInt32]] = ["印发", "转发", "通知", "文件", "根据", "按照", "依据", "参照", "依照", "贯彻",
                                           "落实", "执行", "以及", "见", "的", "和", "及", "与", "或", "等", "以", "即", "经",
                                           "对", "将", "在", "由", "是", "为", "了"]
        .map { $0.unicodeScalars.map(\.value) }

    /// Every number in `scalars`, in order, not overlapping.
    public static func matches(in scalars: [UInt32]) -> [Match] {
        var found: [Match] = []
        var i = 0
        while i < scalars.count {
            let c = fold(scalars[i])
            if isOpening(c), let match = bracketed(in: scalars, at: i) {
                found.append(match)
                i = match.range.upperBound
            } else if c == 0x4EE4, let match = order(in: scalars, at: i) {  // 令
                found.append(match)
                i = match.range.upperBound
            } else {
                i += 1
            }
        }
        return found
    }

    /// A number in a line of its own (brackets and spaces around it allowed),
    /// as documents print their own number under the title; nil otherwise.
    public static func standingAlone(in scalars: [UInt32]) -> Match? {
        let found = matches(in: scalars)
        guard found.count == 1, let match = found.first else { return nil }
        let rest = scalars[..<match.range.lowerBound] + scalars[match.range.upperBound...]
        return rest.allSatisfy { isSpace($0) || isOpening(fold($0)) || isClosing(fold($0)) || $0 == 0x2D || $0 == 0x2014 }
            ? match : nil
    }

    /// The normal form of a number written alone (`国发[2015]050号`), or nil
    /// when the text is not one number.
    public static func normalized(_ text: String) -> String? {
        let scalars = text.unicodeScalars.map(\.value)
        let found = matches(in: scalars)
        guard found.count == 1, let match = found.first,
            scalars[..<match.range.lowerBound].allSatisfy(isSpace), scalars[match.range.upperBound...].allSatisfy(isSpace)
        else { return nil }
        return match.normalized
    }

    // MARK: The two shapes

    /// 国发〔2015〕50号 with its bracket at `open`.
    static func bracketed(in s: [UInt32], at open: Int) -> Match? {
        var j = skipSpaces(s, open + 1)
        let (year, digits) = digitRun(s, &j, atMost: 4)
        guard digits == 4, (1949...2100).contains(year) else { return nil }
        j = skipSpaces(s, j)
        guard j < s.count, isClosing(fold(s[j])) else { return nil }
        j = skipSpaces(s, j + 1)
        if j < s.count, s[j] == 0x7B2C { j = skipSpaces(s, j + 1) }  // 第
        let (serial, serialDigits) = digitRun(s, &j, atMost: 6)
        guard serialDigits > 0 else { return nil }
        j = skipSpaces(s, j)
        guard j < s.count, s[j] == 0x53F7 else { return nil }  // 号
        guard let prefix = abbreviation(before: open, in: s) else { return nil }
        let text = ScalarText.string(s[prefix]) + "〔\(year)〕\(serial)号"
        return Match(range: prefix.lowerBound..<(j + 1), normalized: text)
    }

    /// The value and length of the run of at most `limit` digits (half- or
    /// full-width) at `j`, which moves past it.
    static func digitRun(_ s: [UInt32], _ j: inout Int, atMost limit: Int) -> (value: Int, digits: Int) {
        var value = 0
        var digits = 0
        while j < s.count, digits < limit, let digit = digitValue(fold(s[j])) {
            value = value * 10 + digit
            digits += 1
            j += 1
        }
        return (value, digits)
    }

    /// 国务院令第735号 with its 令 at `mark`.
    static func order(in s: [UInt32], at mark: Int) -> Match? {
        var j = skipSpaces(s, mark + 1)
        guard j < s.count, s[j] == 0x7B2C else { return nil }  // 第
        j = skipSpaces(s, j + 1)
        let start = j
        while j < s.count, digitValue(fold(s[j])) != nil || ChineseNumber.isNumeral(s[j]) { j += 1 }
        guard j > start, let serial = ChineseNumber.value(of: s[start..<j].map(fold)) else { return nil }
        j = skipSpaces(s, j)
        guard j < s.count, s[j] == 0x53F7 else { return nil }  // 号
        guard let prefix = abbreviation(before: mark, in: s), prefix.count >= 2 else { return nil }
        var issuer = ScalarText.string(s[prefix])
        if issuer.hasPrefix("中华人民共和国"), issuer.count > 7 { issuer.removeFirst(7) }
        return Match(range: prefix.lowerBound..<(j + 1), normalized: issuer + "令第\(serial)号")
    }

    /// The issuer's abbreviation right before `end` (spaces between allowed):
    /// Han characters, at most ``maximumPrefix``, cut after the last of
    /// ``leadingWords`` they hold; nil when there is none.
    static func abbreviation(before end: Int, in s: [UInt32]) -> Range<Int>? {
        var last = end
        while last > 0, isSpace(s[last - 1]) { last -= 1 }
        var start = last
        while start > 0, CharacterClasses.isHan(s[start - 1]), last - start < maximumPrefix { start -= 1 }
        guard start < last else { return nil }
        // Cut after the last leading word (`根据国发` → `国发`); 中华人民共和国
        // (in 中华人民共和国主席令) is a name, whose 和 is no such word.
        var cut = start
        var from = start
        if let name = TitleKey.find(TitleKey.prc, in: s[start..<last], from: start) {
            cut = name
            from = name + TitleKey.prc.count
        }
        for i in from..<last {
            for word in leadingWords where i + word.count < last && s[i..<(i + word.count)].elementsEqual(word) {
                cut = max(cut, i + word.count)
            }
        }
        return cut < last ? cut..<last : nil
    }

    // MARK: Characters

    /// Full-width digits and brackets as their half-width forms, ﹝﹞ as 〔〕.
    @inline(__always)
    static func fold(_ c: UInt32) -> UInt32 {
        switch c {
        case 0xFF10...0xFF19: c - 0xFEE0
        case 0xFF08: 0x28  // （
        case 0xFF09: 0x29  // ）
        case 0xFF3B: 0x5B  // ［
        case 0xFF3D: 0x5D  // ］
        case 0xFE5D: 0x3014  // ﹝
        case 0xFE5E: 0x3015  // ﹞
        default: c
        }
    }

    @inline(__always)
    static func digitValue(_ c: UInt32) -> Int? { c &- 0x30 < 10 ? Int(c - 0x30) : nil }

    /// 〔 [ ( 【, which open the year of a number.
    @inline(__always)
    static func isOpening(_ c: UInt32) -> Bool { c == 0x3014 || c == 0x5B || c == 0x28 || c == 0x3010 }

    /// 〕 ] ) 】, which close it.
    @inline(__always)
    static func isClosing(_ c: UInt32) -> Bool { c == 0x3015 || c == 0x5D || c == 0x29 || c == 0x3011 }

    @inline(__always)
    static func isSpace(_ c: UInt32) -> Bool { c == 0x20 || c == 0x3000 || c == 0x09 || c == 0xA0 }

    static func skipSpaces(_ s: [UInt32], _ from: Int) -> Int {
        var j = from
        while j < s.count, isSpace(s[j]) { j += 1 }
        return j
    }
}

/// Numbers written in Chinese numerals (六十四, 一百零五, 七三五) or digits.
enum ChineseNumber {
    static let digits: [UInt32: Int] = [0x3007: 0, 0x25CB: 0, 0x96F6: 0, 0x4E00: 1, 0x4E8C: 2, 0x4E24: 2, 0x4E09: 3,
                                        0x56DB: 4, 0x4E94: 5, 0x516D: 6, 0x4E03: 7, 0x516B: 8, 0x4E5D: 9]
    static let units: [UInt32: Int] = [0x5341: 10, 0x767E: 100, 0x5343: 1000]

    static func isNumeral(_ c: UInt32) -> Bool { digits[c] != nil || units[c] != nil }

    /// The value of a run of Arabic digits or Chinese numerals, or nil.
    static func value(of run: [UInt32]) -> Int? {
        guard !run.isEmpty, run.count <= 12 else { return nil }
        if run.allSatisfy({ $0 &- 0x30 < 10 }) { return run.reduce(0) { $0 * 10 + Int($1 - 0x30) } }
        if !run.contains(where: { units[$0] != nil }) {
            // Digit by digit: 七三五.
            var value = 0
            for c in run {
                guard let digit = digits[c] else { return nil }
                value = value * 10 + digit
            }
            return value
        }
        var total = 0
        var pending = 0
        for c in run {
            if let digit = digits[c] {
                pending = digit
            } else if let unit = units[c] {
                total += (pending == 0 ? 1 : pending) * unit
                pending = 0
            } else {
                return nil
            }
        }
        return total + pending
    }
}
