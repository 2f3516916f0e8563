import ArgumentParser
import Foundation
import PolicySearch

struct CodeCommand: Subcommand {
    static let configuration = CommandConfiguration(
        commandName: "code",
        abstract: "Code documents with a codebook: themes and their terms, as a document × theme matrix with its evidence.",
        discussion: """
            CODEBOOK is a YAML file of themes, each with a name, terms (queries in the search syntax) \
            and optionally a group, exclusions and a unit (passage, sentence or document); see the \
            README and Corpus/codebook.yaml. A document is coded for a theme when one of its passages \
            matches a term and no exclusion. The documents are the whole index, or those that pass \
            the filters, or those listed in --documents.

            Printed: per theme, the documents coded and their share, passages, occurrences and the \
            terms that matched most; with --by, the share per group; the documents coded for both \
            of each pair of themes. --format csv|json for scripts; -o FILE.xlsx writes one workbook \
            (summary, matrix, co-occurrence and every coded passage as evidence).

            Examples:
              policy-search code Corpus/codebook.yaml
              policy-search code Corpus/codebook.yaml --by region
              policy-search code themes.yaml --type 规划 --year 2014..2017 -o coding.xlsx
              policy-search code themes.yaml --documents plans.txt --format json
              policy-search code themes.yaml --table evidence --format csv > evidence.csv
            """
    )

    @Argument(help: ArgumentHelp("The codebook (YAML).", valueName: "codebook"))
    var codebook: String

    @Option(name: .long, help: ArgumentHelp("Only the documents listed in this file, one corpus path a line.", valueName: "file"))
    var documents: String?

    @Option(name: .long, help: "Group the matrix's rows: region, year, type, issuer or level.")
    var by: Grouping?

    @Option(name: .long, help: "text, csv or json.")
    var format: Format = .text

    @Option(name: .long, help: "With text or csv: summary, matrix, cooccurrence or evidence (text: summary, groups and co-occurrence; csv: matrix).")
    var table: Table?

    @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("Write to this file: .xlsx (every table in one workbook), .csv or .json.", valueName: "file"))
    var output: String?

    @OptionGroup var source: SearchIndexOptions

    @OptionGroup(title: "Filters") var filters: FilterOptions

    enum Grouping: String, ExpressibleByArgument, CaseIterable {
        case region, year, type, issuer, level
    }

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, csv, json
    }

    enum Table: String, ExpressibleByArgument, CaseIterable {
        case summary, matrix, cooccurrence, evidence
    }

    func validate() throws {
        if let output {
            if output.isEmpty { throw ValidationError("-o needs a file name") }
            guard ["xlsx", "csv", "json"].contains((output as NSString).pathExtension.lowercased()) else {
                throw ValidationError("-o \(output): write a coding to a .xlsx, .csv or .json file")
            }
            try OutputFile.check(output)
        }
        if table != nil, format == .json { throw ValidationError("--table picks one table of text or csv output; json holds them all") }
    }

    func execute() throws {
        let book = try Codebook.read(path: codebook)
        let index = try source.open()
        var set = DocumentSet(filters: filters.filters)
        if let documents { set.paths = try index.documentPaths(listedIn: documents) }
        let paths = PathDisplay(corpus: index.reader.manifest.corpus)
        let grouping = by.map { Tally.Grouping(rawValue: $0.rawValue)! }
        let outputExtension = output.map { ($0 as NSString).pathExtension.lowercased() }

        if outputExtension == "xlsx", let output {
            let coding = try index.code(book, in: set)
            let rows = try index.writeWorkbook(coding, in: set, by: grouping, paths: paths, to: output)
            note("policy-search: wrote \(output): \(coding.themes.count) themes over \(coding.documents.count) documents, \(rows) evidence rows")
            return
        }
        let csv = outputExtension == "csv" || (outputExtension == nil && format == .csv)
        if csv, table == .evidence {
            let rows = try index.writeEvidence(book, in: set, format: .csv, paths: paths, to: output ?? "-")
            if let output { note("policy-search: wrote \(rows) evidence rows to \(output)") }
            return
        }
        let coding = try index.code(book, in: set)
        if csv {
            let (columns, rows) = Self.table(table ?? .matrix, of: coding, by: grouping, paths: paths)
            var iterator = rows.makeIterator()
            let count = try TableWriter.write(columns: columns, rows: { iterator.next() }, format: .csv, to: output ?? "-")
            if let output { note("policy-search: wrote \(count) rows to \(output)") }
            return
        }
        if outputExtension == "json" || format == .json {
            let json = coding.json(paths: paths, by: grouping) + "\n"
            if let output {
                var file = try OutputFile(path: output)
                do {
                    try file.write(json)
                    try file.commit()
                } catch {
                    file.discard()
                    throw error
                }
                note("policy-search: wrote the coding of \(coding.documents.count) documents to \(output)")
            } else {
                var out = BufferedOutput()
                try out.write(json)
                try out.flush()
            }
            return
        }
        var out = BufferedOutput()
        if table == .evidence {
            try index.forEachEvidence(book, in: set) { evidence in
                let hit = evidence.hit
                try out.write("\(evidence.theme)  \(paths.show(hit.document.path)):\(hit.passage.line)  \(hit.document.title)  [\(evidence.terms.joined(separator: "; "))]\n  \(TerminalText.visible(hit.passage.text))\n")
            }
        } else {
            try out.write(TerminalText.visible(Self.text(coding, table: table, by: grouping, paths: paths)))
        }
        try out.flush()
    }

    /// One of the coding's tables: columns and rows.
    static func table(_ table: Table, of coding: Coding, by grouping: Tally.Grouping?, paths: PathDisplay) -> ([String], [[String]]) {
        switch table {
        case .summary: (Coding.summaryColumns, coding.summaryRows)
        case .matrix:
            if let grouping { (coding.groupColumns(by: grouping), coding.groupRows(by: grouping)) }
            else { (coding.matrixColumns, coding.matrixRows(paths: paths)) }
        case .cooccurrence: (Coding.cooccurrenceColumns, coding.cooccurrenceRows)
        case .evidence: ([], [])
        }
    }

    /// The coding for a terminal: the report's sentence per theme, then the
    /// grouped shares (with --by), the matrix (asked for), the co-occurrence.
    static func text(_ coding: Coding, table: Table?, by grouping: Tally.Grouping?, paths: PathDisplay) -> String {
        let total = coding.documents.count
        var text = "\(coding.codebook.name): \(coding.themes.count) themes over \(total) document\(total == 1 ? "" : "s")\n\n"
        if table == nil || table == .summary {
            var summary = AlignedTable(leftAligned: [0, 5], header: ["theme", "documents", "share", "passages", "occurrences", "terms that matched most"])
            for theme in coding.themes {
                summary.append([theme.name, "\(theme.documents) of \(total)", String(format: "%.0f %%", 100 * coding.share(theme)),
                                String(theme.passages), String(theme.occurrences),
                                theme.terms.filter { $0.passages > 0 }.sorted { $0.passages > $1.passages }.prefix(3)
                                    .map { "\($0.term) (\($0.passages))" }.joined(separator: ", ")])
            }
            text += summary.text + "\n"
        }
        if let grouping, table == nil || table == .matrix {
            var groups = AlignedTable(leftAligned: [0], header: [grouping.rawValue, "documents"] + coding.themes.map(\.name))
            for row in coding.groups(by: grouping) {
                groups.append([row.group.isEmpty ? "(unknown)" : row.group, String(row.documents)] + row.coded.map { "\($0)/\(row.documents)" })
            }
            text += groups.text + "\n"
        } else if table == .matrix {
            var matrix = AlignedTable(leftAligned: [0], header: ["file"] + coding.themes.map(\.name))
            for (document, cells) in zip(coding.documents, coding.cells) {
                matrix.append([paths.show(document.path)] + cells.map { $0.passages == 0 ? "·" : String($0.passages) })
            }
            text += matrix.text + "\n"
        }
        if (table == nil || table == .cooccurrence), coding.themes.count > 1 {
            var pairs = AlignedTable(leftAligned: [0], header: [""] + coding.themes.map(\.name))
            for (a, theme) in coding.themes.enumerated() {
                pairs.append([theme.name] + coding.themes.indices.map { b in b == a ? "(\(coding.cooccurrence[a][a]))" : String(coding.cooccurrence[a][b]) })
            }
            text += "documents coded for both themes (the diagonal: for the theme)\n" + pairs.text
        }
        return text
    }
}
