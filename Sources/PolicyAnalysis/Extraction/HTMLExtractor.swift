/// Reduces a web page (as government websites publish policies) to its main
/// text.
///
/// - **Charset**: a byte order mark, else the `<meta charset>` or
///   `http-equiv` declaration (or an XML declaration), else detected as plain
///   text is (``TextDecoder``). GB2312 and GBK are read as GB18030, their superset.
/// - **Boilerplate**: scripts, styles, the head, navigation, headers,
///   footers, side bars, forms and elements whose id or class says so
///   (`nav`, `menu`, `footer`, `breadcrumb`, `share` …) are dropped.
/// - **Main text**: from the body, the scanner walks down into the child that
///   holds most (70 %) of the text that is not link text, as long as there is
///   one: the smallest element that holds the article. Link lists inside it
///   (most of their text in links) are dropped too.
/// - **Text**: block elements (`p`, `div`, `li`, `tr`, `h1`…, `br`) end lines,
///   table cells are separated by tabs, entities are decoded, white space
///   collapses as a browser does it, except that a line break between two
///   Chinese characters disappears (a browser would show a space there).
///   Headings become Markdown headings (`h1` `#`, `h2` `##` …), which give
///   section paths; a first heading that is the page's title is written as a
///   `#` line (``TitleHeading``), whatever its element.
public enum HTMLExtractor {
    public static func extract(_ bytes: [UInt8]) throws -> ExtractedDocument {
        let (text, encoding, warning) = try decode(bytes)
        let page = Page(parsing: text)
        let body = page.body ?? 0
        page.markBoilerplate()
        let main = page.mainElement(from: body)
        var lines = page.render(main)
        if lines.allSatisfy({ $0.isEmpty }) && main != body { lines = page.render(body) }
        // The article's heading often sits above the element that holds its text.
        if let heading = page.elements.indices.first(where: { page.elements[$0].name == "h1" && !page.isDropped($0) }),
            !page.isInside(heading, main)
        {
            lines = page.render(heading) + lines
        }
        TitleHeading.mark(in: &lines)
        var output = lines.joined(separator: "\n")
        if !output.isEmpty { output += "\n" }
        return ExtractedDocument(text: output, encoding: "HTML (\(encoding))", title: page.title.flatMap(cleanTitle),
                                 warnings: warning.map { [$0] } ?? [])
    }

    /// Whether bytes start like a web page (after a byte order mark and white space).
    static func looksLikeHTML(_ bytes: [UInt8]) -> Bool {
        var head = bytes.prefix(1024)
        if head.starts(with: [0xEF, 0xBB, 0xBF]) { head = head.dropFirst(3) }
        head = head.drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        let text = String(decoding: head, as: UTF8.self).lowercased()
        for opening in ["<!doctype html", "<html", "<head", "<meta ", "<title>"] where text.hasPrefix(opening) { return true }
        return text.hasPrefix("<?xml") && text.contains("<html")
    }

    // MARK: Charset

    static func decode(_ bytes: [UInt8]) throws -> (text: String, encoding: String, warning: String?) {
        let hasBOM = bytes.starts(with: [0xEF, 0xBB, 0xBF]) || bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF])
        if !hasBOM, let declared = declaredCharset(bytes) {
            let charset = canonical(declared)
            if charset == "UTF-8" {
                if let text = String(validating: bytes, as: UTF8.self) { return (text, "UTF-8", nil) }
            } else if let text = TextDecoder.decode(bytes, charset: charset), !text.contains("\u{FFFD}") {
                return (text, charset, nil)
            }
            // The declaration is wrong (a page saved again in another encoding): detect.
            let decoded = try detect(bytes)
            return (decoded.text, decoded.encoding,
                    "the page declares charset \(declared) but is not valid \(charset): read as \(decoded.encoding)")
        }
        let decoded = try detect(bytes)
        return (decoded.text, decoded.encoding, decoded.warning)
    }

    private static func detect(_ bytes: [UInt8]) throws -> DecodedText {
        do {
            return try TextDecoder.decode(bytes)
        } catch let error as TextDecodingError {
            throw ExtractionError("is an HTML page whose text cannot be decoded: \(error.reason)")
        }
    }

    /// The charset a page declares in its first 4 KiB: `<meta charset="gbk">`,
    /// `<meta http-equiv="Content-Type" content="text/html; charset=gb2312">`,
    /// `<?xml version="1.0" encoding="GB2312"?>`.
    static func declaredCharset(_ bytes: [UInt8]) -> String? {
        let head = String(decoding: bytes.prefix(4096).map { $0 < 0x80 ? $0 : 0x20 }, as: UTF8.self).lowercased()
        for marker in ["charset=", "encoding="] {
            var searchStart = head.startIndex
            while let range = head.range(of: marker, range: searchStart..<head.endIndex) {
                searchStart = range.upperBound
                // Only inside a tag (not the text of the page).
                let before = head[..<range.lowerBound]
                guard let open = before.lastIndex(of: "<"), before.lastIndex(of: ">").map({ $0 < open }) ?? true else { continue }
                let value = head[range.upperBound...].drop { $0 == "\"" || $0 == "'" || $0 == " " }
                    .prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
                if !value.isEmpty { return String(value) }
            }
        }
        return nil
    }

    /// The name ICU knows a charset by; GB2312 and GBK as their superset GB18030.
    static func canonical(_ charset: String) -> String {
        switch charset.lowercased() {
        case "utf-8", "utf8": "UTF-8"
        case "gb2312", "gbk", "gb18030", "x-gbk", "cp936", "gb_2312-80", "euc-cn", "hz-gb-2312": "GB18030"
        case "big5", "big5-hkscs", "x-x-big5", "cp950": "Big5"
        default: charset
        }
    }

    /// A page title without the site's name after it (`…的通知_政府信息公开专栏`).
    static func cleanTitle(_ title: String) -> String? {
        let separators: Set<Character> = ["_", "|", "｜", "－"]
        let parts = title.split(whereSeparator: { separators.contains($0) }).map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
        let best = parts.max { $0.count < $1.count }
        return best.flatMap { $0.isEmpty ? nil : $0 }
    }

    // MARK: The page as a tree

    final class Page {
        struct Element {
            var name: String
            var attributes: [String: String]
            var parent: Int
            /// Children: element numbers (>= 0) or ~text number (< 0).
            var children: [Int] = []
            var dropped = false
        }

        var elements: [Element] = [Element(name: "#root", attributes: [:], parent: -1)]
        var texts: [String] = []
        var title: String?

        static let void: Set<String> = ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
                                        "source", "track", "wbr", "keygen"]
        static let closesParagraph: Set<String> = ["p", "div", "table", "ul", "ol", "dl", "h1", "h2", "h3", "h4", "h5", "h6",
                                                   "pre", "blockquote", "section", "article", "header", "footer", "nav",
                                                   "aside", "form", "hr", "address", "figure", "main", "center"]
        static let block: Set<String> = closesParagraph.union(["li", "tr", "dt", "dd", "br", "caption", "tbody",
                                                               "thead", "tfoot", "title", "option", "body", "html", "figcaption",
                                                               "details", "summary", "fieldset", "legend"])
        static let droppedElements: Set<String> = ["script", "style", "noscript", "template", "svg", "head", "nav", "header",
                                                   "footer", "aside", "form", "iframe", "select", "button", "input",
                                                   "textarea", "object", "canvas", "map", "menu", "frameset", "frame",
                                                   "embed", "audio", "video", "math"]
        static let boilerplateWords = ["nav", "menu", "footer", "foot", "breadcrumb", "crumb", "sidebar", "share", "copyright",
                                       "toolbar", "topbar", "login", "search", "banner", "advert", "qrcode", "erweima",
                                       "skip", "related", "xgwz", "xglj", "friendlink", "dibu", "daohang"]
        static let boilerplateTokens: Set<String> = ["header", "head", "top", "bottom", "links", "ad", "ads", "fx", "bq"]

        init(parsing html: String) {
            var scanner = MarkupScanner(html, caseSensitive: false)
            scanner.rawTextElements = ["script", "style", "textarea", "title", "xmp"]
            var stack = [0]
            var inTitle = false
            var titleText = ""
            func close(where matches: (String) -> Bool, stoppingAt barriers: Set<String> = []) {
                guard let position = stack.lastIndex(where: { matches(elements[$0].name) || barriers.contains(elements[$0].name) }),
                    position > 0, matches(elements[stack[position]].name)
                else { return }
                stack.removeSubrange(position...)
            }
            while let token = scanner.next() {
                switch token {
                case .start(let name, let attributes, let selfClosing):
                    if name == "title" { inTitle = true }
                    let top = elements[stack.last!].name
                    if top == "p", Self.closesParagraph.contains(name) { stack.removeLast() }
                    switch name {
                    case "li": close(where: { $0 == "li" }, stoppingAt: ["ul", "ol"])
                    case "td", "th": close(where: { $0 == "td" || $0 == "th" }, stoppingAt: ["tr", "table"])
                    case "tr": close(where: { $0 == "tr" }, stoppingAt: ["table"])
                    case "dt", "dd": close(where: { $0 == "dt" || $0 == "dd" }, stoppingAt: ["dl"])
                    case "option": close(where: { $0 == "option" }, stoppingAt: ["select"])
                    default: break
                    }
                    let number = elements.count
                    elements.append(Element(name: name, attributes: attributes, parent: stack.last!))
                    elements[stack.last!].children.append(number)
                    if !selfClosing, !Self.void.contains(name) { stack.append(number) }
                case .end(let name):
                    if name == "title" {
                        inTitle = false
                        if title == nil { title = MarkupScanner.decodeEntities(titleText.unicodeScalars).trimmingWhitespace() }
                    }
                    if name == "br" {  // </br> as <br>
                        elements.append(Element(name: "br", attributes: [:], parent: stack.last!))
                        elements[stack.last!].children.append(elements.count - 1)
                        continue
                    }
                    close(where: { $0 == name }, stoppingAt: name == "p" ? [] : [])
                case .text(let text):
                    if inTitle { titleText += String(text); continue }
                    texts.append(String(text))
                    elements[stack.last!].children.append(~(texts.count - 1))
                }
            }
            if let title, title.isEmpty { self.title = nil }
        }

        var body: Int? { elements.indices.first { elements[$0].name == "body" } }

        /// Whether an element or one of its ancestors is dropped.
        func isDropped(_ element: Int) -> Bool {
            var current = element
            while current >= 0 {
                if elements[current].dropped { return true }
                current = elements[current].parent
            }
            return false
        }

        /// Whether `element` is `ancestor` or inside it.
        func isInside(_ element: Int, _ ancestor: Int) -> Bool {
            var current = element
            while current >= 0 {
                if current == ancestor { return true }
                current = elements[current].parent
            }
            return false
        }

        /// Marks navigation, scripts and the like as dropped.
        func markBoilerplate() {
            let all = measure(0).text
            for index in elements.indices.dropFirst() {
                let element = elements[index]
                if Self.droppedElements.contains(element.name) {
                    elements[index].dropped = true
                    continue
                }
                let words = ((element.attributes["id"] ?? "") + " " + (element.attributes["class"] ?? "")).lowercased()
                if words.trimmingWhitespace().isEmpty { continue }
                let tokens = words.split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "_" }).map(String.init)
                if tokens.contains(where: Self.boilerplateTokens.contains)
                    || Self.boilerplateWords.contains(where: { words.contains($0) })
                {
                    // Never the whole page (a body or wrapper named "main-nav-page" …): only if it holds little text.
                    elements[index].dropped = measure(index).text * 2 < all
                }
                if element.attributes["style"].map({ $0.lowercased().replacingOccurrences(of: " ", with: "").contains("display:none") }) ?? false {
                    elements[index].dropped = true
                }
            }
        }

        /// Characters of text (not white space) in an element, and how many of them are in links.
        func measure(_ index: Int) -> (text: Int, links: Int) {
            var text = 0
            var links = 0
            func walk(_ element: Int, inLink: Bool) {
                guard !elements[element].dropped else { return }
                let link = inLink || elements[element].name == "a"
                for child in elements[element].children {
                    if child >= 0 {
                        walk(child, inLink: link)
                    } else {
                        let count = texts[~child].unicodeScalars.reduce(0) { CharacterClasses.isWhitespace($1.value) ? $0 : $0 + 1 }
                        text += count
                        if link { links += count }
                    }
                }
            }
            walk(index, inLink: false)
            return (text, links)
        }

        /// The smallest element under `start` that holds most of its text.
        func mainElement(from start: Int) -> Int {
            var current = start
            while true {
                let total = measure(current)
                let own = total.text - total.links
                guard own > 0 else { return current }
                let best = elements[current].children.filter { $0 >= 0 && !elements[$0].dropped }
                    .map { ($0, measure($0)) }.max { ($0.1.text - $0.1.links) < ($1.1.text - $1.1.links) }
                guard let best, Double(best.1.text - best.1.links) >= 0.7 * Double(own) else { return current }
                current = best.0
            }
        }

        /// The lines of an element's text.
        func render(_ root: Int) -> [String] {
            var lines: [String] = []
            var line = String.UnicodeScalarView()
            /// White space seen but not written yet, and whether it held a line break.
            var pendingSpace = false
            var pendingBreak = false
            func endLine() {
                var text = line
                while let last = text.last, CharacterClasses.isWhitespace(last.value) { text.removeLast() }
                if !text.isEmpty { lines.append(String(text)) }
                line = String.UnicodeScalarView()
                pendingSpace = false
                pendingBreak = false
            }
            func write(_ scalar: Unicode.Scalar) {
                if pendingSpace {
                    let before = line.last
                    let chineseBoth = before.map(PDFTextRepair.isWide) ?? false && PDFTextRepair.isWide(scalar)
                    if !line.isEmpty, !(pendingBreak && chineseBoth) { line.append(" ") }
                    pendingSpace = false
                    pendingBreak = false
                }
                line.append(scalar)
            }
            func walk(_ element: Int, preformatted: Bool) {
                let node = elements[element]
                guard !node.dropped else { return }
                if node.name == "a" || node.name == "ul" || node.name == "ol" || node.name == "table" || node.name == "div",
                    node.children.count > 1, element != root
                {
                    // A list of links (related articles, pages): dropped.
                    let size = measure(element)
                    let anchors = countLinks(element)
                    if anchors >= 3, size.links * 10 >= size.text * 7 { return }
                }
                let isBlock = Self.block.contains(node.name)
                if isBlock { endLine() }
                if node.name == "br" { return }
                let pre = preformatted || node.name == "pre" || node.name == "textarea" || node.name == "xmp"
                let headingLevel: Int? = node.name.count == 2 && node.name.hasPrefix("h") ? Int(node.name.dropFirst()) : nil
                let lineStart = lines.count
                for child in node.children {
                    if child >= 0 {
                        walk(child, preformatted: pre)
                        if elements[child].name == "td" || elements[child].name == "th" { write("\t") }
                        continue
                    }
                    let text = MarkupScanner.decodeEntities(texts[~child].unicodeScalars)
                    for scalar in text.unicodeScalars {
                        if pre {
                            if scalar == "\n" { endLine() } else if scalar != "\r" { line.append(scalar) }
                        } else if scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" || scalar == "\u{0C}" {
                            pendingSpace = true
                            if scalar == "\n" || scalar == "\r" { pendingBreak = true }
                        } else {
                            write(scalar)
                        }
                    }
                }
                if isBlock { endLine() }
                if let headingLevel, (1...6).contains(headingLevel) {
                    // A heading's lines: one line, marked as a Markdown heading (numbered or not:
                    // the marks keep its level against the headings without numbering).
                    let content = lines[lineStart...].filter { !$0.isEmpty }
                    if content.count == 1, let only = content.first {
                        lines.removeSubrange(lineStart...)
                        lines.append(String(repeating: "#", count: headingLevel) + " " + only.trimmingWhitespace())
                    }
                }
            }
            walk(root, preformatted: false)
            endLine()
            return lines.map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
        }

        private func countLinks(_ element: Int) -> Int {
            var count = elements[element].name == "a" ? 1 : 0
            for child in elements[element].children where child >= 0 && !elements[child].dropped { count += countLinks(child) }
            return count
        }
    }
}
