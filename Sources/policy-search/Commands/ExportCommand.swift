import ArgumentParser
import Foundation
import PolicySearch

struct ExportCommand: Subcommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write every hit of a query to a file, for a spreadsheet or a paper.",
        discussion: """
            Every hit, in the order `search --all` gives, one row each: rank, score, title, issuer, \
            region, date, document number, type, section, file, line, page (of a PDF), passage text and the matched \
            strings. The format comes from the file's extension or --format: csv (UTF-8 with a byte \
            order mark and RFC 4180 quoting, so that Excel and LibreOffice open the Chinese intact), \
            xlsx (an Excel workbook), tsv, jsonl or md (a Markdown table). The file is written \
            to a temporary name and renamed into place when complete: a failed export leaves the \
            previous file as it was. Cells that a spreadsheet would evaluate (=, +, -, @ first) \
            get a leading ' in csv and tsv.

            Examples:
              policy-search export 数据交易 -o hits.csv
              policy-search export 工业大数据 -o hits.xlsx
              policy-search export "数据 安全" --format tsv -o -      # to standard output
            """
    )

    // `.allUnrecognized` so that an exclusion such as -试点 is part of the query.
    @Argument(parsing: .allUnrecognized, help: ArgumentHelp("The query.", valueName: "query"))
    var query: [String]

    @OptionGroup var output: OutputOptions

    @OptionGroup var source: SearchIndexOptions

    @OptionGroup(title: "Filters") var filters: FilterOptions

    func execute() throws {
        let parsed = try filters.query(try queryText(query))
        let format = try output.tableFormat()
        let index = try source.open()
        let paths = PathDisplay(corpus: index.reader.manifest.corpus)
        // Hits are read a few batches ahead as the rows are written.
        let count = try index.withSearcher { searcher in
            let result = try searcher.search(parsed, options: SearchOptions(limit: nil))
            return try ExportRows.withRows(of: result, searcher: searcher, paths: paths) { rows in
                try TableWriter.write(columns: Hit.exportColumns, rows: rows, format: format, to: output.file)
            }
        }
        output.sayWritten(count, "hit")
    }
}

/// Where a table goes: `-o FILE` (or - for standard output) and its format.
struct OutputOptions: ParsableArguments {
    @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("The file to write (- for standard output).", valueName: "file"))
    var file: String

    @Option(name: .long, help: "csv, tsv, jsonl, md or xlsx (default: from the file's extension).")
    var format: TableFormatArgument?

    /// The format asked for, or the one the file's extension names.
    func tableFormat() throws -> TableFormat {
        if let format { return format.value }
        guard let format = TableFormat(path: file) else {
            throw ValidationError("cannot tell the format of \(file) from its extension: give --format \(TableFormat.names)")
        }
        return format
    }

    func validate() throws {
        if file.isEmpty { throw ValidationError("-o needs a file name (or - for standard output)") }
        _ = try tableFormat()
        try OutputFile.check(file)
    }

    /// Says on standard error how many rows went to the file.
    func sayWritten(_ count: Int, _ noun: String) {
        if file != "-" { note("policy-search: wrote \(count) \(noun)\(count == 1 ? "" : "s") to \(file)") }
    }
}

struct TableFormatArgument: ExpressibleByArgument {
    var value: TableFormat

    init?(argument: String) {
        guard let format = TableFormat(rawValue: argument.lowercased()) else { return nil }
        value = format
    }

    static var allValueStrings: [String] { TableFormat.allCases.map(\.rawValue) }
}
