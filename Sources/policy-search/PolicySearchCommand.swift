import ArgumentParser
import PolicyAnalysis
import Foundation
import PolicyIndex

/// The `policy-search` command: configuration only; each subcommand is a type
/// of its own, and the work is done by the library.
@main
struct PolicySearchCommand: ParsableCommand {
    static let toolVersion = "0.1.0"
    /// What `--version` prints: the tool's version and the libraries' in use,
    /// ICU (segmentation, normalization) and Zstandard (stored text).
    static let versionLine = "policy-search \(toolVersion) (ICU \(ICU.version), zstd \(IndexLibraries.zstdVersion))"

    static let configuration = CommandConfiguration(
        commandName: "policy-search",
        abstract: "Full-text search over Chinese public-policy documents: plans, opinions, laws and regulations.",
        discussion: """
            Every query part is matched literally (like Ctrl-F), after folding full-width to half-width, \
            case and Traditional to Simplified characters: 交易 finds 交易所, 數據 finds 数据. \
            Hits are passages (paragraphs), ranked by BM25.

            Examples:
              policy-search 数据交易                 # top 10, Index/ built on first use
              policy-search search 工业大数据 --limit 20
              policy-search search 数据 安全 -试点     # both words, not 试点
              policy-search search '"大数据 交易所"'   # an exact phrase
              policy-search search 数据交易 region:贵州 year:2016..2017
              policy-search export 数据交易 -o hits.csv    # every hit, for Excel
              policy-search kwic 工业大数据 --sort left
              policy-search tally 工业大数据 数据交易 --by region
              policy-search code Corpus/codebook.yaml --by region   # themes × documents
              policy-search kwic 交易 --words       # in what words 交易 is used
              policy-search terms --limit 50        # words for Corpus/dictionary.txt
              policy-search extract plan.pdf        # the text the index sees
              policy-search index ../shared/corpus --index /tmp/idx
            """,
        version: versionLine,
        subcommands: [SearchCommand.self, IndexCommand.self, ExportCommand.self, KWICCommand.self, TallyCommand.self,
                      TermsCommand.self, DocumentsCommand.self, ExtractCommand.self, AnalyzeCommand.self,
                      CodeCommand.self, CitedByCommand.self, CitesCommand.self, CitationsCommand.self, GraphCommand.self, SegmentCommand.self, StatsCommand.self, CheckCommand.self, BenchCommand.self, ServeCommand.self],
        defaultSubcommand: SearchCommand.self
    )

    /// Runs the command line. Every error ends as one line on standard error
    /// and exit status 2 (argument-parser's own usage errors included, which
    /// would otherwise print usage and exit 64); help and --version exit 0.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if let code = error as? ExitCode { Foundation.exit(code.rawValue) }
            if exitCode(for: error) == .success { exit(withError: error) }
            let text = message(for: error).split(separator: "\n").first.map(String.init) ?? "invalid arguments"
            let line = text.hasPrefix("Error: ") ? String(text.dropFirst(7)) : text
            note("policy-search: error: \(line)")
            Foundation.exit(2)
        }
    }
}
