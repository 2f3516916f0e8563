import ArgumentParser
import Foundation
import PolicyIndex
import PolicySearch

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write every hit of a query to a file, for a spreadsheet or a paper.",
        discussion: """
            Every hit, in the order `search --all` gives, one row each: rank, score, title, issuer, \
            region, date, document number, type, section, file, line, page (of a PDF), passage text and the matched \
            strings. The format comes from the file's extension or --format: csv (UTF-8 with a byte \
            order mark and RFC 4180 quoting, so that Excel and LibreOffice open the Chinese intact), \
            xlsx (an Excel workbook), tsv, jsonl or md (a Markdown table).

            Examples:
              policy-search export 数据交易 -o hits.csv
              policy-search export 工业大数据 -o hits.md
              policy-search export "数据 安全" --format tsv -o -      # to standard output
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case csv, tsv, jsonl, md, xlsx
    }

    // `.allUnrecognized` so that an exclusion such as -试点 is part of the query.
    @Argument(parsing: .allUnrecognized, help: ArgumentHelp("The query.", valueName: "query"))
    var query: [String]

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("The file to write (- for standard output).", valueName: "file"))
    var output: String

    @Option(name: .long, help: "csv, tsv, jsonl or md (default: from the file's extension).")
    var format: Format?

    @OptionGroup var location: IndexLocation

    @OptionGroup(title: "Filters") var filters: FilterOptions

    @Option(name: .long, help: ArgumentHelp("The corpus to index on first use.", valueName: "dir"))
    var corpus: String = "Corpus"

    @OptionGroup(title: "Dictionaries") var dictionaries: DictionaryOptions

    func validate() throws {
        try rejectMistypedOptions(in: query)
        if format == nil && Format(rawValue: (output as NSString).pathExtension.lowercased()) == nil {
            throw fail(ValidationError("cannot tell the format of \(output) from its extension: give --format csv, tsv, jsonl or md"))
        }
    }

    /// The columns, in order.
    static let columns = ["rank", "score", "title", "issuer", "region", "date", "number", "type", "section", "file",
                          "line", "page", "text", "matches"]

    func run() throws {
        let format = self.format ?? Format(rawValue: (output as NSString).pathExtension.lowercased())!
        do {
            let parsed = try filters.query(query.joined(separator: " "))
            let searcher = try SearchCommand.openSearcher(location: location, corpus: corpus, dictionaries: dictionaries)
            let reader = searcher.reader
            let result = try searcher.search(parsed, options: SearchOptions(limit: nil))
            let printer = HitPrinter(format: .json, colored: false, corpus: reader.manifest.corpus)
            // Hits are loaded one at a time as they are written.
            var hits = HitLoader(searcher: searcher).hits(of: result).makeIterator()
            let count = try Self.write(header: Self.columns, rows: {
                guard let next = hits.next() else { return nil }
                let hit = try next.get()
                let fields = hit.document.fields
                return [String(hit.rank), String(format: "%.6f", hit.score), hit.document.title, fields["issuer"] ?? "",
                        fields["region"] ?? "", fields["date"] ?? "", fields["number"] ?? "", fields["type"] ?? "",
                        hit.passage.section, printer.displayPath(hit.document.path), String(hit.passage.line),
                        hit.page.map(String.init) ?? "", hit.passage.text, hit.matchedStrings.joined(separator: "; ")]
            }, format: format, to: output)
            if output != "-" { note("policy-search: wrote \(count) hit\(count == 1 ? "" : "s") to \(output)") }
        } catch {
            throw fail(error)
        }
    }

    /// Writes `header`, then the rows that `nextRow` gives until nil, in a
    /// format; returns the number of rows. Columns named rank and line are
    /// numbers in JSON, score a decimal.
    static func write(header columns: [String], rows nextRow: () throws -> [String]?, format: Format, to path: String) throws -> Int {
        // Open (create) the file first, so that a bad path is one clear error before any work.
        let fd = path == "-" ? STDOUT_FILENO : open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw ValidationError("cannot write \(path): \(String(cString: strerror(errno)))") }
        defer { if fd != STDOUT_FILENO { close(fd) } }
        if format == .xlsx {
            guard path != "-" else { throw ValidationError("an xlsx workbook cannot go to standard output: give a file") }
            let numeric = Set(columns.indices.filter { ["rank", "line", "page", "score"].contains(columns[$0]) })
            let workbook = try XLSXWriter(path: path, numericColumns: numeric)
            try workbook.append(columns)
            var count = 0
            while let row = try nextRow() {
                try workbook.append(row)
                count += 1
            }
            try workbook.finish()
            return count
        }
        var output = BufferedOutput(fd: fd, name: path == "-" ? "standard output" : path)
        var count = 0
        switch format {
        case .csv, .tsv:
            // A byte order mark, so that Excel reads the file as UTF-8.
            if format == .csv { try output.write("\u{FEFF}") }
            let writer = DelimitedWriter(delimiter: format == .csv ? 0x2C : 0x09)
            try output.write(writer.line(columns))
            while let row = try nextRow() {
                try output.write(writer.line(row))
                count += 1
            }
        case .jsonl:
            while let row = try nextRow() {
                var object = JSONLine()
                for (column, value) in zip(columns, row) {
                    if column == "rank" || column == "line" { object.field(column, Int(value) ?? 0) }
                    else if column == "page" { object.field(column, Int(value)) }
                    else if column == "score" { object.field(column, Double(value) ?? 0) }
                    else { object.field(column, value) }
                }
                try output.write(object.line + "\n")
                count += 1
            }
        case .md:
            try output.write("| " + columns.joined(separator: " | ") + " |\n")
            try output.write("|" + columns.map { _ in "---" }.joined(separator: "|") + "|\n")
            while let row = try nextRow() {
                let cells = row.map { $0.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ") }
                try output.write("| " + cells.joined(separator: " | ") + " |\n")
                count += 1
            }
        case .xlsx:
            break  // written above
        }
        try output.flush()
        return count
    }
}
