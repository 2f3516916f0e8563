import PolicySearch

/// HTML text: every string from a document, its metadata, a query or a file
/// name goes through ``escape(_:)``.
enum HTML {
    /// Escapes the five characters that mean something in HTML text or a
    /// quoted attribute and drops control characters other than tab and
    /// newline (C0, DEL, C1). Works on UTF-8 bytes: every page escapes every
    /// passage, title and field it shows, so this is on the path of each request.
    static func escape(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes in
            // Most texts need nothing: give them back as they are.
            guard bytes.contains(where: needsWork) else { return String(decoding: bytes, as: UTF8.self) }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 16)
            appendEscaped(bytes[...], to: &out)
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// Appends `bytes` (whole UTF-8 scalars) to `out`, escaped as ``escape(_:)`` does.
    private static func appendEscaped(_ bytes: Slice<UnsafeBufferPointer<UInt8>>, to out: inout [UInt8]) {
        var i = bytes.startIndex
        var run = i  // the start of the bytes copied as they are
        while i < bytes.endIndex {
            let byte = bytes[i]
            guard needsWork(byte) else { i += 1; continue }
            let replacement: StaticString
            var skipped = 1
            switch byte {
            case UInt8(ascii: "&"): replacement = "&amp;"
            case UInt8(ascii: "<"): replacement = "&lt;"
            case UInt8(ascii: ">"): replacement = "&gt;"
            case UInt8(ascii: "\""): replacement = "&quot;"
            case UInt8(ascii: "'"): replacement = "&#39;"
            // C1 controls (U+0080...U+009F) are 0xC2 0x80...0x9F in UTF-8.
            case 0xC2:
                guard i + 1 < bytes.endIndex, (0x80...0x9F).contains(bytes[i + 1]) else { i += 1; continue }
                replacement = ""
                skipped = 2
            default: replacement = ""  // C0 controls but tab and newline, and DEL
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<i]))
            out.append(contentsOf: UnsafeBufferPointer(start: replacement.utf8Start, count: replacement.utf8CodeUnitCount))
            i += skipped
            run = i
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<bytes.endIndex]))
    }

    /// Whether a byte may need escaping or dropping (0xC2 may lead a C1 control).
    private static func needsWork(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'"), 0x7F, 0xC2: true
        case 0..<0x20: byte != UInt8(ascii: "\t") && byte != UInt8(ascii: "\n")
        default: false
        }
    }

    /// A text with the scalar ranges `marks` (increasing, not overlapping) in
    /// `<mark>`, all escaped. On the UTF-8 bytes: each passage of a page goes
    /// through it.
    static func marked(_ text: String, _ marks: [Range<Int>]) -> String {
        guard !marks.isEmpty else { return escape(text) }
        var text = text
        return text.withUTF8 { bytes in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + marks.count * 13 + 16)
            // The byte offset of each scalar boundary met, walking forward.
            var byte = 0, scalar = 0
            func offset(ofScalar target: Int) -> Int {
                while scalar < target, byte < bytes.count {
                    byte += 1
                    while byte < bytes.count, bytes[byte] & 0xC0 == 0x80 { byte += 1 }
                    scalar += 1
                }
                return byte
            }
            var position = 0  // a byte offset
            for mark in marks {
                let lower = max(position, offset(ofScalar: mark.lowerBound))
                let upper = max(lower, offset(ofScalar: mark.upperBound))
                appendEscaped(bytes[position..<lower], to: &out)
                out.append(contentsOf: "<mark>".utf8)
                appendEscaped(bytes[lower..<upper], to: &out)
                out.append(contentsOf: "</mark>".utf8)
                position = upper
            }
            appendEscaped(bytes[position..<bytes.count], to: &out)
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// Hidden form fields that carry `pairs` (a form's filters) to its next request.
    static func hiddenInputs(_ pairs: [(String, String)]) -> String {
        pairs.map { "<input type=\"hidden\" name=\"\(escape($0.0))\" value=\"\(escape($0.1))\">" }.joined()
    }

    /// A whole page: the shared head, the CSS and JS files, a header with the
    /// query box.
    static func page(title: String, query: String = "", hidden: [(String, String)] = [], body: String,
                     bodyClass: String = "") -> String {
        let inputs = hiddenInputs(hidden)
        return """
            <!DOCTYPE html>
            <html lang="zh-CN">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(title))</title>
            <link rel="stylesheet" href="/static/app.css">
            <script src="/static/app.js" defer></script>
            </head>
            <body class="\(escape(bodyClass))">
            <header class="top">
            <a class="brand" href="/">政策检索</a>
            <form class="search" action="/search" method="get" role="search">
            <input id="q" type="search" name="q" value="\(escape(query))" placeholder="输入检索式，如：数据交易 region:贵州" aria-label="检索式" maxlength="1000" autocomplete="off">\(inputs)
            <button type="submit">搜索</button>
            </form>
            <nav class="tools"><a href="/tally">统计</a><a href="/code">编码表</a></nav>
            </header>
            <main>
            \(body)
            </main>
            <footer class="keys">快捷键：<kbd>/</kbd> 检索框 · <kbd>j</kbd>/<kbd>k</kbd> 上下移动 · <kbd>Enter</kbd> 打开 · <kbd>n</kbd>/<kbd>p</kbd> 下一处/上一处命中 · <kbd>u</kbd> 返回结果</footer>
            </body>
            </html>

            """
    }
}
