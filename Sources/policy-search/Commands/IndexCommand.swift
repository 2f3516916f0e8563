import ArgumentParser
import Foundation
import PolicyIndex
import PolicySearch

struct IndexCommand: Subcommand {
    static let configuration = CommandConfiguration(
        commandName: "index",
        abstract: "Build or update the index of a corpus folder (text, Markdown, PDF, Word, HTML).",
        discussion: """
            Reads .txt and .md (UTF-8, UTF-16, GB18030, Big5), .pdf (pdftotext), .docx, .html, and \
            .doc/.wps through LibreOffice when it is installed; a file that cannot be read is named \
            with its reason and skipped. Only added, changed (by content) and removed files are \
            indexed again; --rebuild starts \
            from scratch, and so does another dictionary than the index's. Words come from ICU, \
            overridden by the built-in policy terms, the corpus's dictionary.txt (which is not \
            indexed as a document) and --dictionary files. The new index replaces the old one atomically: a build that fails or is \
            killed leaves the previous index searchable.

            Examples:
              policy-search index                                  # Corpus/ → Index/
              policy-search index ../shared/corpus/plans --index /tmp/plans
            """
    )

    @Argument(help: ArgumentHelp("The corpus folder.", valueName: "corpus"))
    var corpus: String = "Corpus"

    @OptionGroup var location: IndexLocation

    @OptionGroup(title: "Dictionaries") var dictionaries: DictionaryOptions

    @Flag(name: .long, help: "Build from scratch instead of updating the index in force.")
    var rebuild = false

    @Flag(name: .shortAndLong, help: "Print nothing but errors.")
    var quiet = false

    @Option(name: .long, help: "Threads that read and analyze documents (default: every core).")
    var threads: Int?

    func validate() throws {
        if corpus.isEmpty { throw ValidationError("the corpus folder is an empty path: name a folder") }
        if let threads {
            let most = 8 * ProcessInfo.processInfo.activeProcessorCount
            if !(1...most).contains(threads) {
                throw ValidationError("--threads must be between 1 and \(most) (8 a core), not \(threads)")
            }
        }
    }

    func execute() throws {
        let configuration = SearchIndex.Configuration(index: location.index, corpus: corpus,
                                                      dictionaries: dictionaries.selection, threads: threads)
        let bar = !quiet && ProgressBar.isAvailable ? ProgressBar() : nil
        let report: BuildReport
        do {
            report = try SearchIndex.build(configuration: configuration, corpus: corpus, rebuild: rebuild) { bar?.update($0) }
            bar?.finish()
        } catch {
            bar?.finish()
            throw error
        }
        IndexRun.reportSkipped(report, corpus: corpus)
        if !quiet {
            for warning in report.warnings { note("policy-search: warning: \(corpus)/\(warning.path): \(warning.message)") }
            try say(IndexRun.summary(report, index: location.index))
        }
    }
}

/// How a build is told on the command line, by `index` and the first `search`.
enum IndexRun {
    static func reportSkipped(_ report: BuildReport, corpus: String) {
        for skipped in report.skipped {
            note("policy-search: skipped \(corpus)/\(skipped.file.path): \(skipped.reason)")
        }
    }

    /// One line: what changed, what was read, how long it took, what the index is now.
    static func summary(_ report: BuildReport, index: String) -> String {
        let seconds = String(format: "%.2f", report.seconds)
        var files = "\(report.added) added, \(report.changed) changed, \(report.removed) removed, \(report.skipped.count) skipped"
        if report.unchanged > 0 { files += ", \(report.unchanged) unchanged" }
        if report.merged { files += "; segments merged" }
        let segments = report.manifest?.segments.count ?? 1
        let folder = " → \(index)/ (\(segments) segment\(segments == 1 ? "" : "s"), \(size(Int64(report.indexBytes))))"
        // Nothing read this time: say the index is current, not "indexed 0".
        if report.documents == 0 && report.added + report.changed == 0 && report.unchanged > 0 {
            return "index up to date (\(files))" + folder
        }
        return "indexed \(report.documents) document\(report.documents == 1 ? "" : "s") (\(files)): \(report.passages) passages, "
            + "\(size(report.bytes)) in \(seconds) s" + folder
    }

    /// A byte count for people: KB below a megabyte, else MB.
    static func size(_ bytes: Int64) -> String {
        bytes < 1_000_000 ? String(format: "%.1f KB", Double(bytes) / 1e3) : String(format: "%.1f MB", Double(bytes) / 1e6)
    }
}
