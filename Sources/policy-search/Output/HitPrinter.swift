import ArgumentParser
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
                object.field("page", hit.page)
                object.field("title", hit.document.title)
                object.field("section", hit.passage.section)
                object.field("text", hit.passage.text)
                object.field("matches", hit.matchedStrings)
                object.field("path", hit.document.path)
                for name in MetadataExtractor.fieldNames { object.field(name, hit.document.fields[name] ?? "") }
                try output.write(object.line)
                try output.write("\n")
            }
        case .text:
            guard result.total > 0 else { break }
            let first = result.offset + 1
            let last = result.offset + result.ranked.count
            let shown = result.ranked.isEmpty ? "none shown" : "showing \(first)–\(last)"
            try output.write("\(result.total) passage\(result.total == 1 ? "" : "s") in \(result.documents) document\(result.documents == 1 ? "" : "s") match \(result.query) (\(shown))\n".bold)
            for hit in hits {
                let hit = try hit.get()
                try output.write("\n")
                try output.write("\(String(format: "%3d", hit.rank)). ".bold + hit.document.title.bold + "  " + String(format: "%.3f", hit.score).dim + "\n")
                let facts = ["issuer", "date", "number"].compactMap { hit.document.fields[$0] }.filter { !$0.isEmpty }
                if !facts.isEmpty { try output.write("     " + facts.joined(separator: " · ").dim + "\n") }
                var location = "\(displayPath(hit.document.path)):\(hit.passage.line)"
                if let page = hit.page { location += " (p. \(page))" }
                location = location.cyan
                if !hit.passage.section.isEmpty { location += " · " + hit.passage.section.green }
                try output.write("     " + location + "\n")
                let snippet = Snippet(passage: hit.passage.text, highlights: hit.highlights)
                try output.write("     " + highlighted(snippet) + "\n")
            }
        }
        try output.flush()
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

/// Collects output and writes it to a file descriptor (standard output by
/// default) in large pieces.
///
/// A reader that goes away (`| head`) ends the writing quietly; any other
/// failure, such as a full disk, is an error that names the destination.
struct BufferedOutput {
    private let fd: Int32
    private let name: String
    private var buffer: [UInt8] = []
    private var closedByReader = false

    init(fd: Int32 = STDOUT_FILENO, name: String = "standard output") {
        self.fd = fd
        self.name = name
    }

    mutating func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count > 1 << 16 { try flush() }
    }

    mutating func flush() throws {
        defer { buffer.removeAll(keepingCapacity: true) }
        guard !buffer.isEmpty, !closedByReader else { return }
        try buffer.withUnsafeBytes { raw in
            var done = 0
            while done < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + done, raw.count - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    if errno == EPIPE {
                        closedByReader = true
                        return
                    }
                    throw ValidationError("cannot write \(name): \(String(cString: strerror(errno)))")
                }
                done += n
            }
        }
    }
}
