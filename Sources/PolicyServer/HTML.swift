import PolicySearch

/// HTML text: every string from a document, its metadata, a query or a file
/// name goes through ``escape(_:)``.
enum HTML {
    /// The characters that mean something in HTML text or in a quoted attribute.
    private static let entities: [Unicode.Scalar: String] = ["&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;"]

    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            if let entity = entities[scalar] {
                result += entity
            } else if isShown(scalar) {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Control characters other than tab and newline are dropped.
    private static func isShown(_ scalar: Unicode.Scalar) -> Bool {
        !(scalar.value < 0x20 && scalar != "\n" && scalar != "\t") && !(0x7F...0x9F).contains(scalar.value)
    }

    /// A text with the scalar ranges `marks` in `<mark>`, all escaped.
    static func marked(_ text: String, _ marks: [Range<Int>], firstMarkID: String? = nil) -> String {
        guard !marks.isEmpty else { return escape(text) }
        let scalars = Array(text.unicodeScalars)
        var result = ""
        var position = 0
        func piece(_ range: Range<Int>) -> String {
            escape(String(String.UnicodeScalarView(scalars[range])))
        }
        for mark in marks {
            let lower = max(position, min(mark.lowerBound, scalars.count))
            let upper = max(lower, min(mark.upperBound, scalars.count))
            result += piece(position..<lower)
            result += "<mark>" + piece(lower..<upper) + "</mark>"
            position = upper
        }
        return result + piece(position..<scalars.count)
    }

    /// A whole page: the shared head, the CSS and JS files, a header with the
    /// query box.
    static func page(title: String, query: String = "", hidden: [(String, String)] = [], body: String,
                     bodyClass: String = "") -> String {
        let inputs = hidden.map { "<input type=\"hidden\" name=\"\(escape($0.0))\" value=\"\(escape($0.1))\">" }.joined()
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
