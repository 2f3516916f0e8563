import ArgumentParser
import Foundation
import PolicySearch
import PolicyAnalysis

struct SegmentCommand: Subcommand {
    static let configuration = CommandConfiguration(
        commandName: "segment",
        abstract: "Cut a UTF-8 text file into words, one output line per input line (for evaluation).",
        discussion: """
            Words are separated by two spaces and written with the input's own characters (the \
            engine segments the normalized text and maps each word back), punctuation included, \
            white space left out: the format of the SIGHAN bakeoff's gold files. On standard \
            error: the dictionary, its load time, and the throughput in MB/s of UTF-8 input over \
            normalization and segmentation (file reading and writing excluded; with --repeat N, \
            the median of N runs), as ../shared/bench's icu_seg prints it.

            Examples:
              policy-search segment --no-policy-dictionary --no-corpus-dictionary test.utf8      # ICU alone
              policy-search segment --dictionary training_words.utf8 --no-policy-dictionary test.utf8 out.txt
            """
    )

    @Argument(help: ArgumentHelp("The text file (UTF-8).", valueName: "input"))
    var input: String

    @Argument(help: ArgumentHelp("Where to write the words (default: standard output).", valueName: "output"))
    var output: String?

    @Option(name: .long, help: ArgumentHelp("The corpus whose dictionary.txt applies.", valueName: "dir"))
    var corpus: String = "Corpus"

    @Option(name: .customLong("repeat"), help: "Segment the text this many times and report the median time.")
    var repetitions: Int = 1

    @OptionGroup(title: "Dictionaries") var dictionaries: DictionaryOptions

    func validate() throws {
        if repetitions < 1 { throw ValidationError("--repeat must be 1 or more, not \(repetitions)") }
    }

    func execute() throws {
        let bytes = try FileReader.bytes(atPath: input)
        let loadStart = DispatchTime.now()
        let dictionary = try dictionaries.load(corpus: corpus)
        let loadSeconds = Double(DispatchTime.now().uptimeNanoseconds - loadStart.uptimeNanoseconds) / 1e9
        let analyzer = try Analyzer(dictionary: dictionary)
        // Lines end at LF; a CR before it is part of the line end (a Character "\r\n" would hide the LF).
        let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map { line in
            ScalarText.scalars(of: String(decoding: line.last == 0x0D ? line.dropLast() : line, as: UTF8.self))
        }
        var times: [Double] = []
        var text: [UInt8] = []
        var words = 0
        for _ in 0..<repetitions {
            let start = DispatchTime.now()
            (text, words) = Self.segment(lines, analyzer: analyzer)
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9)
        }
        let seconds = times.sorted()[times.count / 2]
        if let output {
            var file = try OutputFile(path: output)
            do {
                try file.write(String(decoding: text, as: UTF8.self) + "\n")
                try file.commit()
            } catch {
                file.discard()
                throw error
            }
        } else {
            var sink = BufferedOutput()
            try sink.write(String(decoding: text, as: UTF8.self) + "\n")
            try sink.flush()
        }
        let described = dictionary.map { "\($0.summary), \($0.wordCount) distinct words and number shapes, loaded in "
            + String(format: "%.3f s", loadSeconds) } ?? "none (ICU alone)"
        note("policy-search segment: ICU \(ICU.version), dictionary \(described)")
        note("policy-search segment: \(bytes.count) bytes, \(lines.count) lines, \(words) words, "
            + String(format: "%.4f s, %.2f MB/s", seconds, Double(bytes.count) / 1e6 / seconds))
    }

    /// The words of every line, as UTF-8 text, and how many there are.
    static func segment(_ lines: [[UInt32]], analyzer: Analyzer) -> (text: [UInt8], words: Int) {
        var text: [UInt8] = []
        text.reserveCapacity(lines.reduce(0) { $0 + $1.count } * 4)
        var words = 0
        var cuts: [Int] = []
        // Reused from line to line.
        var normalized = NormalizedText(scalars: [], origins: [], originEnds: [], sourceCount: 0)
        var spans: [TextSpan] = []
        // A line's output: at most 4 bytes a character and 2 a word, and the line feed.
        var lineBytes: [UInt8] = []
        for (number, line) in lines.enumerated() {
            analyzer.normalizer.normalize(line[...], into: &normalized)
            spans.removeAll(keepingCapacity: true)
            analyzer.segmenter.spans(of: normalized, into: &spans)
            // Where each span starts in the original; what normalization dropped
            // stays with the span before it, so that every character is written.
            cuts.removeAll(keepingCapacity: true)
            for span in spans where normalized.scalars[span.range.lowerBound] != 0x20 {
                cuts.append(cuts.isEmpty ? 0 : Int(normalized.origins[span.range.lowerBound]))
            }
            cuts.append(line.count)
            if lineBytes.count < line.count * 6 + 1 { lineBytes = [UInt8](repeating: 0, count: line.count * 6 + 1) }
            let count = lineBytes.withUnsafeMutableBufferPointer { buffer in
                let out = buffer.baseAddress!
                var written = 0
                if number > 0 {
                    out[0] = 0x0A
                    written = 1
                }
                var first = true
                for k in 0..<max(0, cuts.count - 1) {
                    // A piece between cuts may hold white space the normalizer collapsed: it separates words too.
                    var i = cuts[k]
                    let end = cuts[k + 1]
                    while i < end {
                        while i < end, CharacterClasses.isWhitespace(line[i]) { i += 1 }
                        guard i < end else { break }
                        var j = i
                        while j < end, !CharacterClasses.isWhitespace(line[j]) { j += 1 }
                        if !first {
                            out[written] = 0x20
                            out[written + 1] = 0x20
                            written += 2
                        }
                        first = false
                        for scalar in line[i..<j] { written += ScalarText.writeUTF8(scalar, to: out + written) }
                        words += 1
                        i = j
                    }
                }
                return written
            }
            text.append(contentsOf: lineBytes[..<count])
        }
        return (text, words)
    }
}
