import ArgumentParser
import Foundation
import PolicyAnalysis
import PolicyIndex

struct StatsCommand: Subcommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Show what the index holds: documents, passages, terms, size."
    )

    @OptionGroup var location: IndexLocation

    @Option(name: .long, help: "text or json.")
    var format: OutputFormat = .text

    struct Statistics: Encodable {
        var index: String
        var corpus: String
        var created: String
        var documents: Int
        var passages: Int
        var averagePassageWords: Double
        var terms: Int
        var segments: Int
        var indexBytes: Int
        var skippedFiles: Int
        var formatVersion: UInt32
        var icu: String
    }

    func execute() throws {
        let reader = try IndexReader(directory: location.directory)
        let statistics = Statistics(
            index: location.index, corpus: reader.manifest.corpus, created: reader.manifest.created,
            documents: reader.documentCount, passages: reader.passageCount,
            averagePassageWords: (reader.averageLength * 100).rounded() / 100,
            terms: reader.segments.map(\.termCount).max() ?? 0, segments: reader.segments.count,
            indexBytes: reader.byteCount, skippedFiles: reader.manifest.skipped.count,
            formatVersion: reader.manifest.format, icu: reader.manifest.analysis.icu)
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .withoutEscapingSlashes]
            try say(String(decoding: try encoder.encode(statistics), as: UTF8.self))
        case .text:
            try say("""
                index:      \(statistics.index) (format \(statistics.formatVersion), built \(statistics.created))
                corpus:     \(statistics.corpus)
                documents:  \(statistics.documents)\(statistics.skippedFiles > 0 ? " (\(statistics.skippedFiles) files skipped)" : "")
                passages:   \(statistics.passages), \(String(format: "%.1f", statistics.averagePassageWords)) words on average (ICU \(statistics.icu))
                terms:      \(statistics.terms) (pairs of adjacent characters\(statistics.segments > 1 ? ", in the largest of \(statistics.segments) segments" : ""))
                index size: \(String(format: "%.1f", Double(statistics.indexBytes) / 1e6)) MB
                """)
        }
    }
}
