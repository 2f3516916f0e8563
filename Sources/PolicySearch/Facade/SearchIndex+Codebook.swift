import Foundation
import PolicyIndex

extension SearchIndex {
    /// Codes the documents of `set` with the themes of `codebook`: the
    /// summary, the document × theme matrix and the co-occurrence of ``Coding``.
    public func code(_ codebook: Codebook, in set: DocumentSet = DocumentSet()) throws -> Coding {
        try withSearcher { try CodebookCoder(searcher: $0, documents: set).code(codebook) }
    }

    /// The evidence of a coding, one coded unit at a time, theme by theme:
    /// of the themes named in `themes` (nil: all), in the documents of
    /// `documents` (corpus paths; nil: the whole set).
    public func forEachEvidence(_ codebook: Codebook, in set: DocumentSet = DocumentSet(), themes: Set<String>? = nil,
                                documents: Set<String>? = nil, _ body: (Evidence) throws -> Void) throws {
        try withSearcher { searcher in
            var evidence = try CodebookCoder(searcher: searcher, documents: set).evidence(codebook, themes: themes, paths: documents)
            while let next = try evidence.next() { try body(next) }
        }
    }

    /// Writes a coding to `path` as one Excel workbook, atomically: sheets
    /// summary, matrix (and groups, with a grouping), co-occurrence, and the
    /// evidence — every coded unit, its matches marked — streamed from the
    /// index. Returns the rows of the evidence sheet.
    @discardableResult
    public func writeWorkbook(_ coding: Coding, in set: DocumentSet = DocumentSet(), by grouping: Tally.Grouping? = nil,
                              paths: PathDisplay, to path: String) throws -> Int {
        try OutputFile.check(path)
        return try withSearcher { searcher in
            var evidence = try CodebookCoder(searcher: searcher, documents: set).evidence(coding.codebook)
            func rows(_ table: [[String]]) -> () throws -> [String]? {
                var iterator = table.makeIterator()
                return { iterator.next() }
            }
            var sheets = [
                XLSXSheet(name: "summary", columns: Coding.summaryColumns, rows: rows(coding.summaryRows)),
                XLSXSheet(name: "matrix", columns: coding.matrixColumns, rows: rows(coding.matrixRows(paths: paths))),
            ]
            if let grouping {
                sheets.append(XLSXSheet(name: "by \(grouping.rawValue)", columns: coding.groupColumns(by: grouping),
                                        rows: rows(coding.groupRows(by: grouping))))
            }
            sheets.append(XLSXSheet(name: "co-occurrence", columns: Coding.cooccurrenceColumns, rows: rows(coding.cooccurrenceRows)))
            let textColumn = Coding.evidenceTextColumn
            var shown = ShownPaths(paths: paths)
            sheets.append(XLSXSheet(name: "evidence", columns: Coding.evidenceColumns, markedRows: {
                try evidence.next().map { (Coding.evidenceRow($0, file: shown.show($0.hit.document.path)), [textColumn: $0.hit.highlights]) }
            }))
            return try TableWriter.writeWorkbook(sheets: sheets, to: path).last ?? 0
        }
    }

    /// Writes the evidence of a coding as a table in `format` to `path`
    /// ("-": standard output), atomically; returns the rows written.
    @discardableResult
    public func writeEvidence(_ codebook: Codebook, in set: DocumentSet = DocumentSet(), format: TableFormat,
                              paths: PathDisplay, to path: String) throws -> Int {
        try withSearcher { searcher in
            var evidence = try CodebookCoder(searcher: searcher, documents: set).evidence(codebook)
            var shown = ShownPaths(paths: paths)
            return try TableWriter.write(columns: Coding.evidenceColumns, rows: {
                try evidence.next().map { Coding.evidenceRow($0, file: shown.show($0.hit.document.path)) }
            }, format: format, to: path)
        }
    }

    /// The corpus paths of the documents that a list names, one a line:
    /// corpus-relative paths, or paths to the corpus's files from the working
    /// folder (blank lines and lines starting with `#` are skipped). A path
    /// that is no document of the index is an error naming the file and line.
    public func documentPaths(listedIn file: String) throws -> Set<String> {
        guard let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8) else {
            throw DocumentListError(file: file, line: nil,
                                    problem: FileManager.default.fileExists(atPath: file) ? "it cannot be read as UTF-8 text" : "no such file")
        }
        let known = Set(try documents().map(\.path))
        var paths = Set<String>()
        for (number, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines.union(CharacterSet(charactersIn: "\u{FEFF}")))
            if line.isEmpty || line.hasPrefix("#") { continue }
            if known.contains(line) {
                paths.insert(line)
                continue
            }
            if let relative = corpusPath(ofFile: line), known.contains(relative) {
                paths.insert(relative)
                continue
            }
            throw DocumentListError(file: file, line: number + 1, problem: "\"\(line)\" is no document of the index of \(reader.manifest.corpus)/")
        }
        return paths
    }
}

extension SearchIndex {
    /// The path inside the corpus of a file named from the working folder
    /// (symbolic links resolved), or nil when it is outside the corpus.
    func corpusPath(ofFile file: String) -> String? {
        func resolved(_ path: String) -> String {
            (URL(fileURLWithPath: path).standardizedFileURL.path as NSString).resolvingSymlinksInPath
        }
        let corpus = resolved(reader.manifest.corpus)
        let absolute = resolved(file)
        return absolute.hasPrefix(corpus + "/") ? String(absolute.dropFirst(corpus.count + 1)) : nil
    }
}

/// A list of documents (`code --documents FILE`) that names something else.
public struct DocumentListError: Error, CustomStringConvertible, Sendable, Equatable {
    public var file: String
    public var line: Int?
    public var problem: String

    public var description: String { "document list \(file)\(line.map { ":\($0)" } ?? ""): \(problem)" }
}

/// A document's path as shown, worked out once per run of rows of one
/// document (the evidence comes document by document).
struct ShownPaths {
    let paths: PathDisplay
    private var last: (path: String, shown: String)?

    init(paths: PathDisplay) { self.paths = paths }

    mutating func show(_ path: String) -> String {
        if let last, last.path == path { return last.shown }
        let shown = paths.show(path)
        last = (path, shown)
        return shown
    }
}
