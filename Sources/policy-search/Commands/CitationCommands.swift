import ArgumentParser
import Foundation
import PolicySearch

/// `-o FILE` and `--format` of the citation commands: a table export in the
/// format the extension names, or text or JSON lines on standard output.
struct CitationOutputOptions: ParsableArguments {
    @Option(name: .long, help: "text, or json (one object a line).")
    var format: Format = .text

    @Option(name: [.customShort("o"), .customLong("output")],
            help: ArgumentHelp("Write every row to this file: .csv, .tsv, .jsonl, .md or .xlsx.", valueName: "file"))
    var output: String?

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    func validate() throws {
        if let output {
            guard TableFormat(path: output) != nil else {
                throw ValidationError("-o \(output): name a .csv, .tsv, .jsonl, .md or .xlsx file")
            }
            try OutputFile.check(output)
        }
    }

    /// Writes the table to the -o file and says so; false when there is none.
    func export(columns: [String], rows: [[String]]) throws -> Bool {
        guard let output, let format = TableFormat(path: output) else { return false }
        var iterator = rows.makeIterator()
        let count = try TableWriter.write(columns: columns, rows: { iterator.next() }, format: format, to: output)
        note("policy-search: wrote \(count) rows to \(output)")
        return true
    }
}

struct CitedByCommand: Subcommand {
    static let configuration = CommandConfiguration(
        commandName: "cited-by",
        abstract: "The documents that cite a document number, a title or a corpus file, newest first.",
        discussion: """
            TARGET is a document number (国发〔2015〕50号, in any brackets), a title with or without 《》 \
            (with or without 中华人民共和国, its issuer, （试行） or its years), or a file of the corpus. \
            A title names every version of a law the corpus holds. Citations are found when the index \
            is built (README: Citations).

            Examples:
              policy-search cited-by 国发〔2015〕50号
              policy-search cited-by 《网络安全法》 --format json
              policy-search cited-by 中华人民共和国治安管理处罚法 --region 北京 -o cited.xlsx
            """
    )

    @Argument(help: ArgumentHelp("A document number, a title or a corpus file.", valueName: "target"))
    var target: String

    @OptionGroup var out: CitationOutputOptions
    @OptionGroup var source: SearchIndexOptions
    @OptionGroup(title: "Filters") var filters: FilterOptions

    func execute() throws {
        let index = try source.open()
        let documents = try index.citedBy(try index.citationTarget(target), in: DocumentSet(filters: filters.filters))
        let paths = PathDisplay(corpus: index.reader.manifest.corpus)
        if try out.export(columns: CitationSchema.citedByColumns, rows: CitationSchema.citedByRows(documents, paths: paths)) {
            return
        }
        var output = BufferedOutput()
        if out.format == .json {
            for document in documents { try output.write(CitationSchema.json(document, paths: paths) + "\n") }
        } else {
            let passages = documents.reduce(0) { $0 + $1.passages.count }
            try output.write("\(target): cited by \(documents.count) document\(documents.count == 1 ? "" : "s") in \(passages) passage\(passages == 1 ? "" : "s")\n")
            for document in documents {
                let node = document.document
                let facts = [node.date, node.fields["issuer"] ?? "", node.fields["region"] ?? ""].filter { !$0.isEmpty }
                try output.write(TerminalText.visible("\n\(node.title)  \(facts.joined(separator: " · "))\n  \(paths.show(node.path))\n"))
                for passage in document.passages {
                    let place = ":\(passage.line)" + (passage.page.map { " p.\($0)" } ?? "")
                        + (passage.section.isEmpty ? "" : "  \(passage.section)")
                    try output.write(TerminalText.visible("  \(place)  \(Self.excerpt(passage))\n"))
                }
            }
        }
        try output.flush()
    }

    /// The citation in its passage, cut to about 60 characters on each side.
    static func excerpt(_ passage: CitationPassage) -> String {
        let text = passage.text
        guard text.count > 140 else { return text }
        let needle = passage.kind == .title ? String(passage.cited.prefix(6)) : String(passage.cited.prefix(3))
        guard let range = text.range(of: needle) else { return String(text.prefix(140)) + "…" }
        let start = text.index(range.lowerBound, offsetBy: -60, limitedBy: text.startIndex) ?? text.startIndex
        let end = text.index(range.lowerBound, offsetBy: 80, limitedBy: text.endIndex) ?? text.endIndex
        return (start == text.startIndex ? "" : "…") + text[start..<end] + (end == text.endIndex ? "" : "…")
    }
}

struct CitesCommand: Subcommand {
    static let configuration = CommandConfiguration(
        commandName: "cites",
        abstract: "What a document cites: titles and numbers, resolved to the corpus's documents or not.",
        discussion: """
            TARGET is a corpus file, or a number or title that names documents of the corpus.

            Examples:
              policy-search cites ../shared/corpus/plans/govcn-state-council/某文件.md
              policy-search cites 国发〔2016〕73号 --format json
            """
    )

    @Argument(help: ArgumentHelp("A corpus file, or the number or title of a document of the corpus.", valueName: "target"))
    var target: String

    @OptionGroup var out: CitationOutputOptions
    @OptionGroup var source: SearchIndexOptions

    func execute() throws {
        let index = try source.open()
        let documents = try index.cites(try index.citationTarget(target))
        guard !documents.isEmpty else {
            throw CitationTargetError(target: target, problem: "no document of the index has this path, number or title")
        }
        let paths = PathDisplay(corpus: index.reader.manifest.corpus)
        if try out.export(columns: CitationSchema.citesColumns, rows: CitationSchema.citesRows(documents, paths: paths)) {
            return
        }
        var output = BufferedOutput()
        if out.format == .json {
            for document in documents { try output.write(CitationSchema.json(document, paths: paths) + "\n") }
        } else {
            for document in documents {
                let resolved = Set(document.passages.filter { $0.target.kind == .document }.map(\.target.path)).count
                try output.write(TerminalText.visible("\(document.document.title)  \(paths.show(document.document.path))\n"))
                try output.write("  \(document.passages.count) citations, \(resolved) documents of the corpus among them\n")
                for passage in document.passages {
                    let cited = (passage.kind == .title ? "《\(passage.cited)》" : passage.cited) + passage.article
                    let target = passage.target.kind == .document ? "→ \(paths.show(passage.target.path))  (\(passage.resolution))" : "(not in the corpus)"
                    try output.write(TerminalText.visible("  :\(passage.line)  \(cited)  \(target)\n"))
                }
            }
        }
        try output.flush()
    }
}

struct CitationsCommand: Subcommand {
    static let configuration = CommandConfiguration(
        commandName: "citations",
        abstract: "The most cited documents, titles and numbers, by the documents that cite them.",
        discussion: """
            Examples:
              policy-search citations --top 20
              policy-search citations --top 50 --level 省级 -o cited.csv
            """
    )

    @Option(name: .long, help: "How many to list.")
    var top: Int = 20

    @OptionGroup var out: CitationOutputOptions
    @OptionGroup var source: SearchIndexOptions
    @OptionGroup(title: "Filters") var filters: FilterOptions

    func validate() throws {
        if top < 1 { throw ValidationError("--top \(top): list one at least") }
    }

    func execute() throws {
        let index = try source.open()
        let nodes = try index.mostCited(top: top, in: DocumentSet(filters: filters.filters))
        let paths = PathDisplay(corpus: index.reader.manifest.corpus)
        if try out.export(columns: CitationSchema.mostCitedColumns, rows: CitationSchema.mostCitedRows(nodes, paths: paths)) {
            return
        }
        var output = BufferedOutput()
        if out.format == .json {
            for (rank, node) in nodes.enumerated() { try output.write(CitationSchema.json(node, rank: rank + 1, paths: paths) + "\n") }
        } else {
            var table = AlignedTable(leftAligned: [1, 2, 3], header: ["rank", "cited", "in the corpus", "documents", "citations"])
            for (rank, cited) in nodes.enumerated() {
                table.append([String(rank + 1), cited.node.kind == .document || cited.node.citedAs == .number ? cited.node.title : "《\(cited.node.title)》",
                              cited.node.kind == .document ? paths.show(cited.node.path) : "-", String(cited.citingDocuments),
                              String(cited.references)])
            }
            try output.write(TerminalText.visible(table.text))
        }
        try output.flush()
    }
}

struct GraphCommand: Subcommand {
    static let configuration = CommandConfiguration(
        commandName: "graph",
        abstract: "Export the citation network: GEXF (Gephi, with dates for its timeline), GraphML, or a CSV of edges.",
        discussion: """
            Nodes are the documents of the corpus that cite or are cited, and the titles and numbers \
            they cite that the corpus does not hold; an edge goes from a citing document to what it \
            cites, with the number of citations and the first citing passage. The filters select the \
            citing documents; --min-citations leaves out what fewer documents cite.

            Examples:
              policy-search graph -o citations.gexf
              policy-search graph -o laws.graphml --min-citations 5
              policy-search graph -o edges.csv --level 省级 --year 2014..2017
            """
    )

    @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("The file: .gexf, .graphml or .csv.", valueName: "file"))
    var output: String

    @Option(name: .long, help: "Leave out the nodes cited by fewer documents than this.")
    var minCitations: Int = 1

    @OptionGroup var source: SearchIndexOptions
    @OptionGroup(title: "Filters") var filters: FilterOptions

    func validate() throws {
        guard GraphWriter.Format(path: output) != nil else {
            throw ValidationError("-o \(output): name a .gexf, .graphml or .csv file")
        }
        if minCitations < 1 { throw ValidationError("--min-citations \(minCitations): one at least") }
        try OutputFile.check(output)
    }

    func execute() throws {
        let index = try source.open()
        let graph = try index.citationGraph(in: DocumentSet(filters: filters.filters), minimumCitations: minCitations)
        try GraphWriter.write(graph, format: GraphWriter.Format(path: output)!, paths: PathDisplay(corpus: index.reader.manifest.corpus),
                              to: output)
        note("policy-search: wrote \(output): \(graph.nodes.count) nodes, \(graph.edges.count) edges")
    }
}
