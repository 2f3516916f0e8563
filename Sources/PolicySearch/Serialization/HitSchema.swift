import Foundation
import PolicyAnalysis

/// How file paths are shown: relative to a working folder when that takes at
/// most two `..`, else absolute — short, and it opens from there.
public struct PathDisplay: Sendable {
    /// The corpus folder (absolute), which documents' paths are relative to.
    public var corpus: String { didSet { prefix = Self.prefix(corpus: corpus, workingFolder: workingFolder) } }
    /// The folder paths are shown from.
    public var workingFolder: String { didSet { prefix = Self.prefix(corpus: corpus, workingFolder: workingFolder) } }
    /// What every shown path starts with when the working folder is not
    /// inside the corpus (then the path shown is this and the relative one):
    /// computed once, not for each of a page's or an export's rows.
    private var prefix: String?

    public init(corpus: String, workingFolder: String = FileManager.default.currentDirectoryPath) {
        self.corpus = corpus
        self.workingFolder = workingFolder
        prefix = Self.prefix(corpus: corpus, workingFolder: workingFolder)
    }

    static func prefix(corpus: String, workingFolder: String) -> String? {
        let target = corpus.split(separator: "/")
        let here = workingFolder.split(separator: "/")
        var common = 0
        while common < min(target.count, here.count), target[common] == here[common] { common += 1 }
        guard common < target.count else { return nil }
        let ups = here.count - common
        guard ups <= 2 else { return corpus + "/" }
        return (Array(repeating: "..", count: ups) + target[common...].map(String.init)).joined(separator: "/") + "/"
    }

    /// A document's path (relative to the corpus) as shown.
    public func show(_ relative: String) -> String {
        if let prefix, !relative.hasPrefix("/"), !relative.isEmpty { return prefix + relative }
        return general(relative)
    }

    /// The path shown, worked out from the components (the working folder may be inside the corpus).
    func general(_ relative: String) -> String {
        let absolute = corpus + "/" + relative
        let target = absolute.split(separator: "/")
        let here = workingFolder.split(separator: "/")
        var common = 0
        while common < min(target.count, here.count), target[common] == here[common] { common += 1 }
        let ups = here.count - common
        guard ups <= 2 else { return absolute }
        return (Array(repeating: "..", count: ups) + target[common...].map(String.init)).joined(separator: "/")
    }
}

/// The JSON of a hit (`search --format json`, the web app's API) and its row
/// in exports: one schema, written in one place (README: "JSON output").
extension Hit {
    /// The fields of `--format json`, in order: rank, score, file, line,
    /// endLine, page, title, section, text, matches, path, then the metadata
    /// fields; `extra` fields (such as the web app's document id) follow.
    public func jsonLine(paths: PathDisplay, extra: [(String, String)] = []) -> String {
        var object = JSONLine()
        object.field("rank", rank)
        object.field("score", score)
        object.field("file", paths.show(document.path))
        object.field("line", passage.line)
        object.field("endLine", endLine)
        object.field("page", page)
        object.field("title", document.title)
        object.field("section", passage.section)
        object.field("text", passage.text)
        object.field("matches", matchedStrings)
        object.field("path", document.path)
        for name in MetadataExtractor.fieldNames { object.field(name, document.fields[name] ?? "") }
        if !identical.isEmpty {
            // The other passages of the same text, which the page collapsed into this one.
            let places = identical.map { place -> String in
                var item = JSONLine()
                item.field("file", paths.show(place.path))
                item.field("line", place.line)
                item.field("title", place.title)
                item.field("path", place.path)
                return item.line
            }
            object.field("identical", json: "[" + places.joined(separator: ",") + "]")
        }
        if let opening = opensSection {
            // A heading's hit: the section it opens.
            var item = JSONLine()
            item.field("passages", opening.passages)
            item.field("endLine", opening.endLine)
            item.field("first", opening.first)
            object.field("opens", json: item.line)
        }
        for (name, value) in extra { object.field(name, value) }
        return object.line
    }

    /// The columns of `export`, in order: `same_as` is the rank of the first
    /// row of the same text, empty on a text's first row.
    public static let exportColumns = ["rank", "score", "title", "issuer", "region", "date", "number", "type", "section",
                                       "file", "line", "page", "text", "matches", "same_as"]

    /// The hit's row under ``exportColumns``; `sameAs`, the rank of the first
    /// hit of the same text (``ExportRows`` keeps track).
    public func exportRow(paths: PathDisplay, sameAs: Int? = nil) -> [String] {
        let fields = document.fields
        return [String(rank), FixedDecimal.string(score, digits: 6), document.title, fields["issuer"] ?? "",
                fields["region"] ?? "", fields["date"] ?? "", fields["number"] ?? "", fields["type"] ?? "",
                passage.section, paths.show(document.path), String(passage.line),
                page.map(String.init) ?? "", passage.text, matchedStrings.joined(separator: "; "), sameAs.map(String.init) ?? ""]
    }
}

/// The rows of `export` for hits in rank order: every hit has its row (a
/// spreadsheet counts them all), and a row whose text an earlier row already
/// had names that row's rank in `same_as`. Identical texts score alike, so
/// only texts of one score are compared: memory grows with the texts of one
/// score, not with the export.
public struct ExportRows {
    public let paths: PathDisplay
    private var score = Double.nan
    private var firstRanks: [TextBytes: Int] = [:]

    public init(paths: PathDisplay) { self.paths = paths }

    /// Calls `body` with the rows of every hit of `result` in rank order (nil
    /// after the last): what `export` and the web app's downloads write.
    public static func withRows<R>(of result: SearchResult, searcher: Searcher, paths: PathDisplay,
                                   _ body: (_ next: () throws -> [String]?) throws -> R) throws -> R {
        try HitLoader.withHits(of: result, searcher: searcher) { next in
            var rows = ExportRows(paths: paths)
            return try withoutActuallyEscaping(next) { next in try body { try next().map { rows.row($0) } } }
        }
    }

    public mutating func row(_ hit: Hit) -> [String] {
        if hit.score != score {
            score = hit.score
            firstRanks.removeAll(keepingCapacity: true)
        }
        let key = TextBytes(hit.passage.text)
        let first = firstRanks[key]
        if first == nil { firstRanks[key] = hit.rank }
        return hit.exportRow(paths: paths, sameAs: first)
    }

    /// A text compared and hashed by its UTF-8 bytes: a stored passage is
    /// written as its file had it, and String's own hash normalizes every
    /// character first (a seventh of an export's time for 的).
    struct TextBytes: Hashable {
        let text: String

        init(_ text: String) {
            var text = text
            text.makeContiguousUTF8()
            self.text = text
        }

        static func == (a: TextBytes, b: TextBytes) -> Bool { a.text.utf8.elementsEqual(b.text.utf8) }

        func hash(into hasher: inout Hasher) {
            _ = text.utf8.withContiguousStorageIfAvailable { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        }
    }
}

extension ConcordanceLine {
    /// The columns of `kwic -o`, in order.
    public static let exportColumns = ["rank", "file", "line", "page", "title", "section", "left", "match", "right"]

    /// The line's row under ``exportColumns``.
    public func exportRow(paths: PathDisplay) -> [String] {
        [String(rank), paths.show(hit.document.path), String(hit.passage.line), hit.page.map(String.init) ?? "",
         hit.document.title, hit.passage.section, left, match, right]
    }
}
