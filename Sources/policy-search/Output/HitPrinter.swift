import Foundation
import PolicySearch
import Rainbow

/// Writes hits to standard output: for people (with colour on a terminal,
/// `«…»` markers in a pipe, control characters made visible) or as JSON Lines
/// for programs (the library's schema, ``Hit/jsonLine(paths:extra:)``).
struct HitPrinter {
    var format: OutputFormat
    var colored: Bool
    var paths: PathDisplay
    private var output = BufferedOutput()

    init(format: OutputFormat, colored: Bool, paths: PathDisplay) {
        self.format = format
        self.colored = colored
        self.paths = paths
        Rainbow.enabled = colored
    }

    /// The line that heads a page of hits.
    mutating func header(_ page: SearchPage, shown: Int) throws {
        guard format == .text, page.total > 0 else { return }
        let range = shown == 0 ? "none shown" : "showing \(page.offset + 1)–\(page.offset + shown)"
        let query = TerminalText.visible(page.query.description)
        let distinct = page.distinctTexts.flatMap { $0 < page.total ? " (\($0) distinct)" : nil } ?? ""
        try output.write("\(page.total) passage\(page.total == 1 ? "" : "s")\(distinct) in \(page.documents) document\(page.documents == 1 ? "" : "s") match \(query) (\(range))\n".bold)
    }

    mutating func print(_ hit: Hit) throws {
        switch format {
        case .json:
            try output.write(hit.jsonLine(paths: paths) + "\n")
        case .text:
            func visible(_ text: String) -> String { TerminalText.visible(text) }
            try output.write("\n")
            try output.write("\(String(format: "%3d", hit.rank)). ".bold + visible(hit.document.title).bold + "  "
                + String(format: "%.3f", hit.score).dim + "\n")
            let facts = ["issuer", "date", "number"].compactMap { hit.document.fields[$0] }.filter { !$0.isEmpty }
            if !facts.isEmpty { try output.write("     " + visible(facts.joined(separator: " · ")).dim + "\n") }
            var location = "\(visible(paths.show(hit.document.path))):\(hit.passage.line)"
            if let page = hit.page { location += " (p. \(page))" }
            location = location.cyan
            if !hit.passage.section.isEmpty { location += " · " + visible(hit.passage.section).green }
            try output.write("     " + location + "\n")
            let snippet = Snippet(passage: hit.passage.text, highlights: hit.highlights)
            try output.write("     " + highlighted(snippet) + "\n")
            if !hit.identical.isEmpty {
                let shown = hit.identical.prefix(3).map { visible(paths.show($0.path)) + ":\($0.line)" }
                let more = hit.identical.count > 3 ? ", …" : ""
                let count = hit.identical.count
                try output.write("     " + "and \(count) more identical passage\(count == 1 ? "" : "s"): \(shown.joined(separator: ", "))\(more)".dim + "\n")
            }
        }
    }

    mutating func finish() throws { try output.flush() }

    /// Says that nothing matched, with a looser query that finds something.
    mutating func noHits(_ page: SearchPage) throws {
        var message = "no passages match \(page.query)"
        if let suggestion = page.suggestion {
            message += "; try: \(suggestion.query) (\(suggestion.total) passage\(suggestion.total == 1 ? "" : "s"))"
        }
        if format == .text {
            try output.write(TerminalText.visible(message) + "\n")
            try output.flush()
        } else {
            note("policy-search: \(message)")
        }
    }

    private func highlighted(_ snippet: Snippet) -> String {
        let scalars = Array(snippet.text.unicodeScalars)
        var result = ""
        var cursor = 0
        func text(_ range: Range<Int>) -> String { TerminalText.visible(String(String.UnicodeScalarView(scalars[range]))) }
        for range in snippet.highlights where range.lowerBound >= cursor && range.upperBound <= scalars.count {
            result += text(cursor..<range.lowerBound)
            result += colored ? text(range).red.bold : "«" + text(range) + "»"
            cursor = range.upperBound
        }
        result += text(cursor..<scalars.count)
        return result
    }
}
