/// A forgiving scanner of tags and text, for XML (a Word document's parts) and
/// for HTML as web pages write it: unquoted attributes, unclosed tags, stray
/// `<` and `&`, comments, CDATA, doctype and processing instructions. It never
/// fails: what is not a tag is text.
///
/// Names are lower-cased for HTML (``caseSensitive`` false) and kept for XML.
struct MarkupScanner {
    enum Token {
        /// A start tag: its name, its attributes (names as the scanner's case
        /// rule gives them, values with entities decoded), and whether it ends in `/>`.
        case start(name: String, attributes: [String: String], selfClosing: Bool)
        case end(name: String)
        /// Text, with entities not yet decoded (``MarkupScanner/decodeEntities(_:)``).
        case text(Substring.UnicodeScalarView)
    }

    private let scalars: String.UnicodeScalarView
    private var index: String.UnicodeScalarView.Index
    var caseSensitive: Bool
    /// Inside these elements (HTML's `script` and `style`) everything up to the
    /// matching end tag is text.
    var rawTextElements: Set<String> = []
    private var rawUntil: String?

    init(_ text: String, caseSensitive: Bool) {
        scalars = text.unicodeScalars
        index = scalars.startIndex
        self.caseSensitive = caseSensitive
    }

    mutating func next() -> Token? {
        guard index < scalars.endIndex else { return nil }
        if let raw = rawUntil {
            rawUntil = nil
            let start = index
            let closing = Array(("</" + raw).unicodeScalars)
            while index < scalars.endIndex {
                if scalars[index] == "<", matches(closing, at: index, ignoringCase: true) { break }
                index = scalars.index(after: index)
            }
            if start < index { return .text(scalars[start..<index]) }
            return next()
        }
        if scalars[index] != "<" {
            let start = index
            while index < scalars.endIndex, scalars[index] != "<" { index = scalars.index(after: index) }
            return .text(scalars[start..<index])
        }
        // A tag, a comment, a declaration, or a stray "<".
        let start = index
        let after = scalars.index(after: index)
        guard after < scalars.endIndex else {
            index = after
            return .text(scalars[start..<after])
        }
        let c = scalars[after]
        if c == "!" {
            if matches(Array("<!--".unicodeScalars), at: start, ignoringCase: false) {
                skip(past: Array("-->".unicodeScalars))
                return next()
            }
            if matches(Array("<![CDATA[".unicodeScalars), at: start, ignoringCase: false) {
                let textStart = scalars.index(start, offsetBy: 9)
                index = textStart
                let end = Array("]]>".unicodeScalars)
                while index < scalars.endIndex, !matches(end, at: index, ignoringCase: false) { index = scalars.index(after: index) }
                let text = scalars[textStart..<index]
                if index < scalars.endIndex { index = scalars.index(index, offsetBy: 3) }
                return .text(text)
            }
            skip(past: [">"])
            return next()
        }
        if c == "?" {
            skip(past: Array("?>".unicodeScalars))
            return next()
        }
        if c == "/" {
            index = scalars.index(after: after)
            let name = readName()
            skip(past: [">"])
            if name.isEmpty { return next() }
            return .end(name: name)
        }
        guard isNameStart(c) else {
            index = after
            return .text(scalars[start..<after])
        }
        index = after
        let name = readName()
        var attributes: [String: String] = [:]
        var selfClosing = false
        while index < scalars.endIndex {
            skipSpace()
            guard index < scalars.endIndex else { break }
            let s = scalars[index]
            if s == ">" {
                index = scalars.index(after: index)
                break
            }
            if s == "/" {
                index = scalars.index(after: index)
                if index < scalars.endIndex, scalars[index] == ">" {
                    selfClosing = true
                    index = scalars.index(after: index)
                    break
                }
                continue
            }
            let attribute = readName()
            if attribute.isEmpty {
                index = scalars.index(after: index)
                continue
            }
            skipSpace()
            var value = ""
            if index < scalars.endIndex, scalars[index] == "=" {
                index = scalars.index(after: index)
                skipSpace()
                value = Self.decodeEntities(readValue().unicodeScalars)
            }
            if attributes[attribute] == nil { attributes[attribute] = value }
        }
        if !selfClosing, rawTextElements.contains(name) { rawUntil = name }
        return .start(name: name, attributes: attributes, selfClosing: selfClosing)
    }

    private func isNameStart(_ c: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(c) || ("A"..."Z").contains(c) || c == "_" || c == ":" || c.value >= 0x80
    }

    private mutating func readName() -> String {
        var name = String.UnicodeScalarView()
        while index < scalars.endIndex {
            let c = scalars[index]
            if CharacterClasses.isWhitespace(c.value) || c == ">" || c == "/" || c == "=" || c == "<" { break }
            name.append(c)
            index = scalars.index(after: index)
        }
        let text = String(name)
        return caseSensitive ? text : text.lowercased()
    }

    private mutating func readValue() -> String {
        guard index < scalars.endIndex else { return "" }
        let quote = scalars[index]
        var value = String.UnicodeScalarView()
        if quote == "\"" || quote == "'" {
            index = scalars.index(after: index)
            while index < scalars.endIndex, scalars[index] != quote {
                value.append(scalars[index])
                index = scalars.index(after: index)
            }
            if index < scalars.endIndex { index = scalars.index(after: index) }
        } else {
            while index < scalars.endIndex, !CharacterClasses.isWhitespace(scalars[index].value), scalars[index] != ">" {
                value.append(scalars[index])
                index = scalars.index(after: index)
            }
        }
        return String(value)
    }

    private mutating func skipSpace() {
        while index < scalars.endIndex, CharacterClasses.isWhitespace(scalars[index].value) { index = scalars.index(after: index) }
    }

    private mutating func skip(past end: [Unicode.Scalar]) {
        while index < scalars.endIndex {
            if matches(end, at: index, ignoringCase: false) {
                index = scalars.index(index, offsetBy: end.count)
                return
            }
            index = scalars.index(after: index)
        }
    }

    private func matches(_ pattern: [Unicode.Scalar], at position: String.UnicodeScalarView.Index, ignoringCase: Bool) -> Bool {
        var i = position
        for expected in pattern {
            guard i < scalars.endIndex else { return false }
            var actual = scalars[i]
            if ignoringCase, ("A"..."Z").contains(actual) { actual = Unicode.Scalar(actual.value | 0x20)! }
            if actual != expected { return false }
            i = scalars.index(after: i)
        }
        return true
    }

    // MARK: Entities

    /// Decodes character references: `&#20013;`, `&#x4E2D;` and the named
    /// entities that Chinese web pages use; an unknown one is left as written.
    static func decodeEntities<S: Sequence<Unicode.Scalar>>(_ text: S) -> String {
        var output = String.UnicodeScalarView()
        let scalars = Array(text)
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            guard c == "&" else {
                output.append(c)
                i += 1
                continue
            }
            var j = i + 1
            while j < scalars.count, j - i <= 32, scalars[j] != ";", scalars[j] != "&", !CharacterClasses.isWhitespace(scalars[j].value) {
                j += 1
            }
            let name = String(String.UnicodeScalarView(scalars[(i + 1)..<min(j, scalars.count)]))
            let terminated = j < scalars.count && scalars[j] == ";"
            if let decoded = decodeReference(name), terminated || name.hasPrefix("#") || ["nbsp", "amp", "lt", "gt", "quot"].contains(name) {
                output.append(contentsOf: decoded.unicodeScalars)
                i = terminated ? j + 1 : j
            } else {
                output.append(c)
                i += 1
            }
        }
        return String(output)
    }

    private static func decodeReference(_ name: String) -> String? {
        if name.hasPrefix("#") {
            let digits = name.dropFirst()
            let value: UInt32?
            if digits.first == "x" || digits.first == "X" {
                value = UInt32(digits.dropFirst(), radix: 16)
            } else {
                value = UInt32(digits)
            }
            guard let value, value != 0, let scalar = Unicode.Scalar(value) else { return value == nil ? nil : "\u{FFFD}" }
            return String(Character(scalar))
        }
        return namedEntities[name]
    }

    /// Named entities: XML's five and the HTML ones found in Chinese web pages.
    static let namedEntities: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{00A0}",
        "ensp": "\u{2002}", "emsp": "\u{2003}", "thinsp": "\u{2009}", "zwsp": "\u{200B}", "zwnj": "\u{200C}", "zwj": "\u{200D}",
        "ldquo": "\u{201C}", "rdquo": "\u{201D}", "lsquo": "\u{2018}", "rsquo": "\u{2019}", "sbquo": "\u{201A}",
        "bdquo": "\u{201E}", "laquo": "\u{00AB}", "raquo": "\u{00BB}", "lsaquo": "\u{2039}", "rsaquo": "\u{203A}",
        "mdash": "\u{2014}", "ndash": "\u{2013}", "hellip": "\u{2026}", "middot": "\u{00B7}", "bull": "\u{2022}",
        "copy": "\u{00A9}", "reg": "\u{00AE}", "trade": "\u{2122}", "times": "\u{00D7}", "divide": "\u{00F7}",
        "yen": "\u{00A5}", "cent": "\u{00A2}", "pound": "\u{00A3}", "euro": "\u{20AC}", "deg": "\u{00B0}",
        "plusmn": "\u{00B1}", "sect": "\u{00A7}", "para": "\u{00B6}", "permil": "\u{2030}", "prime": "\u{2032}",
        "le": "\u{2264}", "ge": "\u{2265}", "ne": "\u{2260}", "asymp": "\u{2248}", "minus": "\u{2212}",
        "larr": "\u{2190}", "rarr": "\u{2192}", "uarr": "\u{2191}", "darr": "\u{2193}", "shy": "\u{00AD}",
        "iexcl": "\u{00A1}", "iquest": "\u{00BF}", "frac12": "\u{00BD}", "frac14": "\u{00BC}", "frac34": "\u{00BE}",
        "sup1": "\u{00B9}", "sup2": "\u{00B2}", "sup3": "\u{00B3}", "micro": "\u{00B5}", "alpha": "\u{03B1}",
        "beta": "\u{03B2}", "mu": "\u{03BC}", "pi": "\u{03C0}", "sigma": "\u{03C3}", "omega": "\u{03C9}",
        "hearts": "\u{2665}", "star": "\u{2606}", "check": "\u{2713}", "infin": "\u{221E}",
    ]
}
