import ArgumentParser
import Foundation
import PolicyAnalysis

struct ExtractCommand: Subcommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Print the clean text of a document as the index sees it (PDF, Word, HTML, text).",
        discussion: """
            The text that `index` would split into passages: a PDF's text layer with wrapped lines \
            joined and page headers, footers and numbers dropped; a Word document's paragraphs \
            with its heading styles as Markdown headings; a web page's main text; a text file \
            decoded. Line numbers are those that search results give. Warnings (a damaged file, \
            a wrong extension) go to standard error.

            Examples:
              policy-search extract 规划.pdf
              policy-search extract 通知.docx --numbers | less
            """
    )

    @Argument(help: ArgumentHelp("The document.", valueName: "file"))
    var file: String

    @Flag(name: .long, help: "Start each line with its number (and its page, for a PDF), as search results give them.")
    var numbers = false

    func execute() throws {
        let bytes = try FileReader.bytes(atPath: file)
        let extracted: ExtractedDocument
        do {
            extracted = try DocumentExtractor.extract(bytes, path: file)
        } catch let error as ExtractionError {
            throw ValidationError("\(file) \(error.reason)")
        }
        for warning in extracted.warnings { note("policy-search: \(file): \(warning)") }
        var output = BufferedOutput()
        if numbers {
            let document = (pageStarts: extracted.pageStarts, lines: extracted.text.split(separator: "\n", omittingEmptySubsequences: false))
            let lines = document.lines.last == "" ? document.lines.dropLast() : document.lines[...]
            var page = 0
            for (index, line) in lines.enumerated() {
                let number = index + 1
                while page < document.pageStarts.count, document.pageStarts[page] <= number { page += 1 }
                let label = document.pageStarts.isEmpty ? "\(number)" : "p\(page):\(number)"
                try output.write(label + "\t" + line + "\n")
            }
        } else {
            try output.write(extracted.text)
        }
        try output.flush()
    }
}
