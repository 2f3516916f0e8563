import ArgumentParser
import Foundation
import PolicyAnalysis
import PolicySearch

struct DocumentsCommand: Subcommand {
    static let configuration = CommandConfiguration(
        commandName: "documents",
        abstract: "List the indexed documents with their metadata (title, issuer, region, date, number, type).",
        discussion: """
            Metadata comes from each document's front matter, else from its own text (document \
            number such as 国发〔2015〕50号, date of issue, issuing body, type from the title).

            Examples:
              policy-search documents
              policy-search documents --format json > documents.jsonl
              policy-search documents --duplicates

            --duplicates lists the groups of documents that are copies of one text \
            (the same body under another title line, header or file name), found \
            when the index was built: passage fingerprints, Jaccard similarity of \
            0.9 or more (README: Duplicate documents).
            """
    )

    @OptionGroup var location: IndexLocation

    @Option(name: .long, help: "text, or json (one object per document and line).")
    var format: OutputFormat = .text

    @Flag(name: .long, help: "List the groups of documents that are copies of one text instead.")
    var duplicates = false

    func execute() throws {
        let index = try SearchIndex.open(.init(index: location.index, buildsIfMissing: false))
        var output = BufferedOutput()
        if duplicates {
            guard let groups = index.reader.manifest.duplicateDocuments else {
                throw ValidationError("this index was built before copies were looked for: run policy-search index again")
            }
            for group in groups {
                switch format {
                case .json:
                    var object = JSONLine()
                    object.field("documents", group)
                    try output.write(object.line + "\n")
                case .text:
                    try output.write(TerminalText.visible(group.joined(separator: "\t")) + "\n")
                }
            }
            if format == .text {
                note("policy-search: \(groups.count) group\(groups.count == 1 ? "" : "s") of copies, \(groups.reduce(0) { $0 + $1.count }) documents")
            }
            try output.flush()
            return
        }
        for entry in try index.documents() {
            let fields = entry.fields
            switch format {
            case .json:
                var object = JSONLine()
                object.field("path", entry.path)
                object.field("title", entry.title)
                for name in MetadataExtractor.fieldNames { object.field(name, fields[name] ?? "") }
                object.field("encoding", entry.encoding)
                try output.write(object.line + "\n")
            case .text:
                let facts = MetadataExtractor.fieldNames.compactMap { fields[$0] }.filter { !$0.isEmpty }
                try output.write(TerminalText.visible("\(entry.path)\t\(entry.title)\t\(facts.joined(separator: " · "))") + "\n")
            }
        }
        try output.flush()
    }
}
