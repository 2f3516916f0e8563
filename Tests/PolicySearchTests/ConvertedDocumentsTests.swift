import Foundation
import TestSupport
import Testing

@testable import PolicyAnalysis
@testable import PolicyIndex
@testable import PolicySearch

/// Real plans and laws converted by LibreOffice to PDF, Word and HTML, indexed,
/// and searched: the same queries must find the same passages (same document,
/// same section path, same text but for white space) as in the original text.
@Suite(.enabled(if: SharedCorpus.isAvailable, "../shared/corpus is absent: skipped"),
       .enabled(if: LegacyOfficeConverter.soffice != nil, "LibreOffice (soffice) is not installed: skipped"),
       .enabled(if: PDFExtractor.isAvailable, "pdftotext (poppler-utils) is not installed: skipped"))
struct ConvertedDocumentsTests {
    /// A few laws (chapters and articles) and plans (一、 （一） 1.), small enough to convert quickly.
    static func sample() throws -> [String] {
        var picked: [String] = []
        for (folder, count) in [("laws/行政法规", 3), ("plans/govcn-state-council", 3), ("plans/data-policies-pkulaw", 1)] {
            let root = SharedCorpus.root + "/" + folder
            let names = try FileManager.default.contentsOfDirectory(atPath: root).sorted()
            let small = names.filter {
                let size = (try? FileManager.default.attributesOfItem(atPath: root + "/" + $0)[.size] as? Int) ?? 0
                return size > 4000 && size < 24000
            }
            picked += small.prefix(count).map { root + "/" + $0 }
        }
        return picked
    }

    /// One folder per form: `text` (the originals, as .txt), `pdf`, `docx`, `html`.
    static let corpora: (folder: TemporaryFolder, originals: [String])? = {
        guard let files = try? sample(), !files.isEmpty, let soffice = LegacyOfficeConverter.soffice else { return nil }
        let folder = TemporaryFolder.removedAtExit("policy-search-converted")
        var originals: [String] = []
        for (index, file) in files.enumerated() {
            // LibreOffice reads .txt as text; the index reads the same bytes.
            let name = String(format: "doc%02d.txt", index)
            folder.write("text/" + name, bytes: (try? FileReader.bytes(atPath: file)) ?? [])
            originals.append(folder.file("text/" + name))
        }
        for format in ["pdf", "docx", "html"] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: soffice)
            process.arguments = ["-env:UserInstallation=file://" + folder.path + "/profile", "--headless", "--convert-to", format,
                                 "--outdir", folder.file(format)] + originals
            process.environment = ["HOME": folder.path, "PATH": "/usr/bin:/bin"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            guard (try? process.run()) != nil else { return nil }
            process.waitUntilExit()
        }
        for form in ["text", "pdf", "docx", "html"] {
            guard (try? IndexBuilder(corpus: folder.file(form), directory: IndexDirectory(path: folder.file("index-" + form))).build()) != nil
            else { return nil }
        }
        return (folder, originals)
    }()

    /// A passage as the comparison sees it: document (without extension), section path (white space as
    /// one space), text without white space.
    struct Found: Hashable {
        var document: String
        var section: String
        var text: String
    }

    static func search(_ form: String, _ text: String) throws -> (found: Set<Found>, pages: [Int?]) {
        let corpora = try #require(corpora)
        let searcher = try Searcher(reader: IndexReader(directory: IndexDirectory(path: corpora.folder.file("index-" + form))))
        let result = try searcher.search(try QueryParser.parse(text), options: SearchOptions(limit: nil))
        var found = Set<Found>()
        var pages: [Int?] = []
        for hit in HitLoader(searcher: searcher).hits(of: result) {
            let hit = try hit.get()
            let document = (hit.document.path as NSString).deletingPathExtension
            // White space compared as one space: a PDF gives 第一章 总则 for 第一章　总则 (an ideographic space).
            let section = hit.passage.section.split(whereSeparator: { $0.unicodeScalars.allSatisfy { CharacterClasses.isWhitespace($0.value) } })
                .joined(separator: " ")
            found.insert(Found(document: document, section: section,
                               text: String(hit.passage.text.unicodeScalars.filter { !CharacterClasses.isWhitespace($0.value) })))
            pages.append(hit.page)
        }
        return (found, pages)
    }

    /// Queries from the originals: a run of up to 8 Chinese characters from the
    /// middle of every fifth passage (a phrase that PDF lines often wrap), and common words.
    static func queries() throws -> [String] {
        let corpora = try #require(corpora)
        var queries = ["数据", "管理", "应当", "国务院", "第十条", "（二）", "发展"]
        let splitter = PassageSplitter()
        for path in corpora.originals {
            let document = splitter.parse(try TextDecoder.decode(try FileReader.bytes(atPath: path)).text, fallbackTitle: "")
            for (index, passage) in document.passages.enumerated() where index % 5 == 2 {
                let scalars = Array(document.text(of: passage).unicodeScalars)
                guard scalars.count >= 16 else { continue }
                let middle = scalars[(scalars.count / 2)...].prefix(8)
                let run = middle.prefix { (0x4E00...0x9FFF).contains($0.value) }
                if run.count >= 4 { queries.append(String(String.UnicodeScalarView(run))) }
            }
        }
        return queries
    }

    @Test("PDF, DOCX and HTML conversions find the same passages with the same sections as the text", arguments: ["pdf", "docx", "html"])
    func sameQueriesSamePassages(form: String) throws {
        _ = try #require(Self.corpora, "the conversion or indexing failed")
        var total = 0
        var matching = 0
        var misses: [String] = []
        for query in try Self.queries() {
            let original = try Self.search("text", query).found
            let converted = try Self.search(form, query)
            total += original.count
            matching += original.intersection(converted.found).count
            for missing in original.subtracting(converted.found).prefix(1) { misses.append("\(query): \(missing.section) | \(missing.text.prefix(40))") }
            if form == "pdf" { #expect(converted.pages.allSatisfy { $0 != nil }) } else { #expect(converted.pages.allSatisfy { $0 == nil }) }
        }
        let rate = Double(matching) / Double(max(total, 1))
        print("round trip \(form): \(matching) of \(total) passages found the same (\(String(format: "%.1f", rate * 100)) %)")
        #expect(total > 100)
        #expect(rate >= (form == "pdf" ? 0.9 : 0.99), "\(misses.prefix(10))")
    }

    @Test("in a PDF, a phrase that a line wrap splits is found")
    func phraseAcrossAWrap() throws {
        let corpora = try #require(Self.corpora)
        // A plan: long paragraphs (doc03, the first State Council plan).
        let pdf = corpora.folder.file("pdf/doc03.pdf")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(ExternalProcess.find("pdftotext")))
        process.arguments = ["-enc", "UTF-8", pdf, corpora.folder.file("doc03.raw.txt")]
        try process.run()
        process.waitUntilExit()
        let raw = try String(contentsOfFile: corpora.folder.file("doc03.raw.txt"), encoding: .utf8)
        let lines = raw.split(separator: "\n").map { Array($0.unicodeScalars) }
        // A line that ends in Chinese characters and a next line that starts with them: a wrapped phrase.
        func isHan(_ scalar: Unicode.Scalar) -> Bool { (0x4E00...0x9FFF).contains(scalar.value) }
        let wrap = try #require(zip(lines, lines.dropFirst()).first { a, b in
            a.count > 30 && a.suffix(3).allSatisfy(isHan) && b.prefix(3).allSatisfy(isHan)
        })
        let phrase = String(String.UnicodeScalarView(wrap.0.suffix(3) + wrap.1.prefix(3)))
        let found = try Self.search("pdf", phrase).found
        #expect(found.contains { $0.document == "doc03" && $0.text.contains(phrase) }, "\(phrase)")
    }
}
