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
            """
    )

    @OptionGroup var location: IndexLocation

    @Option(name: .long, help: "text, or json (one object per document and line).")
    var format: OutputFormat = .text

    func execute() throws {
        let index = try SearchIndex.open(.init(index: location.index, buildsIfMissing: false))
        var output = BufferedOutput()
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
