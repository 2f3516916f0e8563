import Foundation
import PolicyAnalysis
import PolicySearch
import Rainbow

/// Writes hits to standard output: for people (with colour on a terminal,
/// `«…»` markers in a pipe) or as JSON Lines for programs.
struct HitPrinter {
    var format: OutputFormat
    var colored: Bool
    /// The corpus folder (absolute), to show file paths relative to here.
    var corpus: String

    func print(_ result: SearchResult, hits: some Sequence<Result<Hit, Error>>) throws {
        Rainbow.enabled = colored
        var output = BufferedOutput()
        switch format {
        case .json:
            // One object per hit, its fields in a fixed order (README: "JSON output").
            for hit in hits {
                let hit = try hit.get()
                var object = JSONLine()
                object.field("rank", hit.rank)
                object.field("score", hit.score)
                object.field("file", displayPath(hit.document.path))
                object.field("line", hit.passage.line)
                object.field("endLine", hit.passage.line)
                object.field("title", hit.document.title)
                object.field("section", hit.passage.section)
                object.field("text", hit.passage.text)
                object.field("matches", hit.matchedStrings)
                object.field("path", hit.document.path)
                for name in MetadataExtractor.fieldNames { object.field(name, hit.document.fields[name] ?? "") }
                output.write(object.line)
                output.write("\n")
            }
        case .text:
            guard result.total > 0 else { break }
            let first = result.offset + 1
            let last = result.offset + result.ranked.count
            let shown = result.ranked.isEmpty ? "none shown" : "showing \(first)–\(last)"
            output.write("\(result.total) passage\(result.total == 1 ? "" : "s") in \(result.documents) document\(result.documents == 1 ? "" : "s") match \(result.query) (\(shown))\n".bold)
            for hit in hits {
                let hit = try hit.get()
                output.write("\n")
                output.write("\(String(format: "%3d", hit.rank)). ".bold + hit.document.title.bold + "  " + String(format: "%.3f", hit.score).dim + "\n")
                let facts = ["issuer", "date", "number"].compactMap { hit.document.fields[$0] }.filter { !$0.isEmpty }
                if !facts.isEmpty { output.write("     " + facts.joined(separator: " · ").dim + "\n") }
                var location = "\(displayPath(hit.document.path)):\(hit.passage.line)"
                location = location.cyan
                if !hit.passage.section.isEmpty { location += " · " + hit.passage.section.green }
                output.write("     " + location + "\n")
                let snippet = Snippet(passage: hit.passage.text, highlights: hit.highlights)
                output.write("     " + highlighted(snippet) + "\n")
            }
        }
        output.flush()
    }

    func printNoHits(_ query: Query, suggestion: (query: Query, total: Int)?) {
        var message = "no passages match \(query)"
        if let suggestion {
            message += "; try: \(suggestion.query) (\(suggestion.total) passage\(suggestion.total == 1 ? "" : "s"))"
        }
        if format == .text {
            Swift.print(message)
        } else {
            note("policy-search: \(message)")
        }
    }

    private func highlighted(_ snippet: Snippet) -> String {
        let scalars = Array(snippet.text.unicodeScalars)
        var result = ""
        var cursor = 0
        func text(_ range: Range<Int>) -> String { String(String.UnicodeScalarView(scalars[range])) }
        for range in snippet.highlights where range.lowerBound >= cursor && range.upperBound <= scalars.count {
            result += text(cursor..<range.lowerBound)
            result += colored ? text(range).red.bold : "«" + text(range) + "»"
            cursor = range.upperBound
        }
        result += text(cursor..<scalars.count)
        return result
    }

    /// The file's path relative to the working folder when it is below it, else absolute.
    /// The file's path relative to the working folder when that takes at most
    /// two `..`, else absolute: short, and it opens from here.
    func displayPath(_ relative: String) -> String {
        let absolute = corpus + "/" + relative
        let target = absolute.split(separator: "/")
        let here = FileManager.default.currentDirectoryPath.split(separator: "/")
        var common = 0
        while common < min(target.count, here.count), target[common] == here[common] { common += 1 }
        let ups = here.count - common
        guard ups <= 2 else { return absolute }
        return (Array(repeating: "..", count: ups) + target[common...].map(String.init)).joined(separator: "/")
    }
}

/// Collects output and writes it to standard output in large pieces.
struct BufferedOutput {
    private var buffer: [UInt8] = []

    mutating func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count > 1 << 16 { flush() }
    }

    mutating func flush() {
        guard !buffer.isEmpty else { return }
        buffer.withUnsafeBytes { raw in
            var done = 0
            while done < raw.count {
                let n = Glibc.write(STDOUT_FILENO, raw.baseAddress! + done, raw.count - done)
                if n <= 0 { if errno == EINTR { continue }; break }
                done += n
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
