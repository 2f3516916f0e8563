import Foundation
import PolicyAnalysis
import PolicyIndex
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
                + FixedDecimal.string(hit.score, digits: 3).dim + "\n")
            let facts = ["issuer", "date", "number"].compactMap { hit.document.fields[$0] }.filter { !$0.isEmpty }
            if !facts.isEmpty { try output.write("     " + visible(facts.joined(separator: " · ")).dim + "\n") }
            var location = "\(visible(paths.show(hit.document.path))):\(hit.passage.line)"
            if let page = hit.page { location += " (p. \(page))" }
            location = location.cyan
            if !hit.passage.section.isEmpty { location += " · " + visible(hit.passage.section).green }
            try output.write("     " + location + "\n")
            let snippet = Snippet(passage: hit.passage.text, highlights: hit.highlights)
            try output.write("     " + highlighted(snippet) + "\n")
            if let opening = hit.opensSection {
                let first = String(opening.first.prefix(40)) + (opening.first.count > 40 ? "…" : "")
                try output.write("     " + "opens a section of \(opening.passages) passage\(opening.passages == 1 ? "" : "s") (to line \(opening.endLine)): \(visible(first))".dim + "\n")
            }
            if !hit.identical.isEmpty {
                let shown = hit.identical.prefix(3).map { visible(paths.show($0.path)) + ":\($0.line)" }
                let more = hit.identical.count > 3 ? ", …" : ""
                let count = hit.identical.count
                try output.write("     " + "and \(count) more identical passage\(count == 1 ? "" : "s"): \(shown.joined(separator: ", "))\(more)".dim + "\n")
            }
        }
    }

    /// Documents with hits, one row each (`search --by-document`): for
    /// people, the title, hit count and best passages; as JSON, one object
    /// per document with its `hits` and its `best` hits' JSON.
    mutating func documents(_ found: (total: Int, documents: Int, rows: [(document: DocumentEntry, hitCount: Int, best: [Hit])]),
                            query: Query, offset: Int) throws {
        func visible(_ text: String) -> String { TerminalText.visible(text) }
        if format == .text, found.total > 0 {
            let shown = found.rows.isEmpty ? "none shown" : "showing \(offset + 1)–\(offset + found.rows.count)"
            try output.write("\(found.total) passage\(found.total == 1 ? "" : "s") in \(found.documents) document\(found.documents == 1 ? "" : "s") match \(visible(query.description)) (documents \(shown))\n".bold)
        }
        for (n, row) in found.rows.enumerated() {
            switch format {
            case .json:
                var object = JSONLine()
                object.field("rank", offset + n + 1)
                object.field("file", paths.show(row.document.path))
                object.field("path", row.document.path)
                object.field("title", row.document.title)
                object.field("hits", row.hitCount)
                for name in MetadataExtractor.fieldNames { object.field(name, row.document.fields[name] ?? "") }
                object.field("best", json: "[" + row.best.map { $0.jsonLine(paths: paths) }.joined(separator: ",") + "]")
                try output.write(object.line + "\n")
            case .text:
                try output.write("\n" + String(format: "%3d", offset + n + 1).bold + ". " + visible(row.document.title).bold
                    + "  " + "\(row.hitCount) hit\(row.hitCount == 1 ? "" : "s")".dim + "\n")
                try output.write("     " + visible(paths.show(row.document.path)).cyan + "\n")
                for hit in row.best {
                    let snippet = Snippet(passage: hit.passage.text, highlights: hit.highlights)
                    try output.write("     " + "\(hit.passage.line):".cyan + " " + highlighted(snippet) + "\n")
                }
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
