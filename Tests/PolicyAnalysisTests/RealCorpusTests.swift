import Foundation
import Testing
@testable import PolicyAnalysis

/// The shared reference corpus, ../shared/corpus next to the package.
enum SharedCorpus {
    /// The package root: three levels up from this file
    /// (Tests/PolicyAnalysisTests/RealCorpusTests.swift).
    static let packageRoot: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    static let path: String = URL(fileURLWithPath: packageRoot + "/../shared/corpus").standardizedFileURL.path

    static var isAvailable: Bool {
        var isFolder: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) && isFolder.boolValue
    }

    static func folder(_ relative: String) -> String { path + "/" + relative }

    /// The folder of the seed report, ../shared/seed next to the package.
    static let seedPath: String = URL(fileURLWithPath: packageRoot + "/../shared/seed").standardizedFileURL.path

    /// The seed report (a report on local big-data plans converted to Markdown,
    /// in a .txt or .md file of ../shared/seed), or nil when it is absent.
    static let seedReport: (path: String, text: String)? = {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: seedPath) else { return nil }
        for name in names.sorted() where name.hasSuffix(".txt") || name.hasSuffix(".md") {
            let file = seedPath + "/" + name
            if let text = try? Self.text(at: file), text.contains("人才政策方面") { return (file, text) }
        }
        return nil
    }()

    /// The documents of a folder of the corpus, with their full paths.
    static func documents(in relative: String) throws -> [String] {
        try CorpusScanner.scan(folder(relative)).map { folder(relative) + "/" + $0.path }
    }

    static func text(at path: String) throws -> String {
        try TextDecoder.decode(FileReader.bytes(atPath: path)).text
    }

    /// The first law (in byte order of its path) whose 第一章 heading comes before its
    /// first line starting with 第一条, with the index of that line.
    static func lawWithChapters() throws -> (path: String, text: String, firstArticleLine: Int)? {
        for path in try documents(in: "laws") {
            let text = try Self.text(at: path)
            let lines = grepLines(text).map { $0.trimmingWhitespace() }
            guard let chapter = lines.firstIndex(where: { $0.drop(while: { $0 == "#" }).trimmingWhitespace().hasPrefix("第一章") }),
                let article = lines.firstIndex(where: { $0.hasPrefix("第一条") }),
                chapter < article
            else { continue }
            return (path, text, article)
        }
        return nil
    }
}

@Suite("Real corpus", .enabled(if: SharedCorpus.isAvailable, "../shared/corpus is absent: skipped"))
struct RealCorpusTests {
    let splitter = PassageSplitter()

    @Test("every State Council plan parses, and every passage is on its line")
    func stateCouncilPlans() throws {
        let paths = try SharedCorpus.documents(in: "plans/govcn-state-council")
        #expect(paths.count >= 10)
        #expect(paths.allSatisfy { $0.hasSuffix(".md") })
        for path in paths {
            let bytes = try FileReader.bytes(atPath: path)
            let decoded = try TextDecoder.decode(bytes)
            #expect(decoded.encoding == "UTF-8", "\(path)")
            #expect(decoded.warning == nil, "\(path)")
            let name = (path as NSString).lastPathComponent
            let document = splitter.parse(decoded.text, fallbackTitle: name)
            #expect(document.warnings.isEmpty, "\(name)")
            #expect(!document.passages.isEmpty, "\(name)")
            #expect(!document.title.isEmpty && document.title != name, "\(name)")

            let lines = grepLines(decoded.text)
            #expect(document.lineCount == lines.count - (lines.last == "" ? 1 : 0), "\(name)")
            for passage in document.passages {
                let text = document.text(of: passage)
                #expect(!text.isEmpty)
                #expect(text.unicodeScalars.count <= splitter.maximumLength)
                #expect(passage.line >= 1 && passage.line <= lines.count)
                #expect(lines[passage.line - 1].trimmingWhitespace().contains(text), "\(name):\(passage.line)")
                #expect(passage.line == grepLine(of: passage.range.lowerBound, in: document.scalars))
            }
            // Passages are in document order.
            #expect(zip(document.passages, document.passages.dropFirst()).allSatisfy { $0.range.upperBound <= $1.range.lowerBound })
        }
    }

    @Test("the first State Council plan's title is its first # line")
    func firstPlanTitle() throws {
        let path = try #require(try SharedCorpus.documents(in: "plans/govcn-state-council").first)
        let text = try SharedCorpus.text(at: path)
        let heading = try #require(grepLines(text).first { $0.hasPrefix("# ") })
        let document = splitter.parse(text, fallbackTitle: "fallback")
        #expect(document.title == String(heading.dropFirst(2)).trimmingWhitespace())
        // The title line opens no section.
        #expect(!document.sections.contains { $0.contains(document.title) })
    }

    @Test("in a law, the passage of the line starting with 第一条 is in 第一章 > 第一条")
    func lawFirstArticle() throws {
        let law = try #require(try SharedCorpus.lawWithChapters(), "no law under laws/ has 第一章 before 第一条")
        let document = splitter.parse(law.text, fallbackTitle: "fallback")
        let passage = try #require(document.passages.first { $0.line == law.firstArticleLine + 1 })
        #expect(document.text(of: passage).hasPrefix("第一条"))
        let section = document.section(of: passage)
        #expect(section.hasSuffix("第一条"), "\(law.path): \(section)")
        #expect(section.contains("第一章"), "\(law.path): \(section)")
        // Every piece of that line is in the same section.
        #expect(document.passages.filter { $0.line == passage.line }.allSatisfy { $0.section == passage.section })
    }

    @Test("in the laws of one folder, every passage of a 第X条 line has a path ending with that 条")
    func lawArticlesInFolder() throws {
        let paths = try SharedCorpus.documents(in: "laws/宪法相关法")
        try #require(!paths.isEmpty)
        var checked = 0
        for path in paths {
            let document = splitter.parse(try SharedCorpus.text(at: path), fallbackTitle: "fallback")
            for passage in document.passages {
                let text = document.text(of: passage)
                guard text.hasPrefix("第"), let heading = SectionHeading.recognize(Substring(text)), heading.rank == 18 else { continue }
                #expect(document.section(of: passage).hasSuffix(heading.label), "\(path):\(passage.line)")
                checked += 1
            }
        }
        #expect(checked > 100)
    }

    @Test("no PKU Law export takes its 【法宝引证码】 or link line as its title")
    func pkulawTitles() throws {
        let paths = try SharedCorpus.documents(in: "plans/data-policies-pkulaw")
        #expect(!paths.isEmpty)
        for path in paths {
            let text = try SharedCorpus.text(at: path)
            let first = try #require(grepLines(text).first { !$0.trimmingWhitespace().isEmpty })
            let document = splitter.parse(text, fallbackTitle: "fallback")
            #expect(!document.title.contains("法宝引证码"), "\(path)")
            #expect(document.title != first.trimmingWhitespace(), "\(path)")
            #expect(!document.title.contains("://"), "\(path)")
            #expect(document.title != "fallback", "\(path)")
        }
    }

    @Test("a law's passages in Traditional characters normalize to the same text as the Simplified original")
    func traditionalFolding() throws {
        let law = try #require(try SharedCorpus.lawWithChapters())
        let document = splitter.parse(law.text, fallbackTitle: "fallback")
        let normalizer = try TextNormalizer()
        let toTraditional = try ICUTransliterator("Simplified-Traditional")
        var differing = 0
        for passage in document.passages.prefix(200) {
            let simplified = document.text(of: passage)
            let traditional = String(decoding: try toTraditional.transliterate(Array(simplified.utf16)), as: UTF16.self)
            if traditional != simplified { differing += 1 }
            #expect(normalizer.normalize(traditional).string == normalizer.normalize(simplified).string, "\(law.path):\(passage.line)")
        }
        // The check is not vacuous: the Traditional text differs.
        #expect(differing > 0)
    }

    @Test("a law's words: counts agree with tokens, and each token's source normalizes to it")
    func lawSegmentation() throws {
        let law = try #require(try SharedCorpus.lawWithChapters())
        let document = splitter.parse(law.text, fallbackTitle: "fallback")
        let analyzer = try Analyzer()
        var words = 0
        for passage in document.passages {
            let text = document.text(of: passage)
            let (normalized, count) = analyzer.analyze(document.scalars[passage.range])
            let (_, tokens) = analyzer.tokens(of: text)
            #expect(count == tokens.count)
            #expect(normalized == analyzer.normalizer.normalize(text))
            for token in tokens {
                #expect(token.sourceRange.upperBound <= passage.range.count)
                #expect(analyzer.normalizer.normalize(scalarText(text, token.sourceRange)).string == token.text, "\(token.text)")
            }
            words += count
        }
        #expect(words > 100)
    }

    @Test("a law converted to GB18030 decodes to the same text", .enabled(if: Iconv.isAvailable, "iconv is not installed: skipped"))
    func lawInGB18030() throws {
        let law = try #require(try SharedCorpus.lawWithChapters())
        let bytes = try Iconv.convert(law.text, to: "GB18030")
        let decoded = try TextDecoder.decode(bytes)
        #expect(decoded.encoding == "GB18030")
        #expect(decoded.text == law.text)
    }

    @Test("a law converted to Traditional characters in Big5 decodes as Big5", .enabled(if: Iconv.isAvailable, "iconv is not installed: skipped"))
    func lawInBig5() throws {
        let law = try #require(try SharedCorpus.lawWithChapters())
        let toTraditional = try ICUTransliterator("Simplified-Traditional")
        let traditional = String(decoding: try toTraditional.transliterate(Array(law.text.utf16)), as: UTF16.self)
        // Characters Big5 cannot hold are left out (-c); compare with what iconv reads back.
        let bytes = try Iconv.convert(Array(traditional.utf8), from: "UTF-8", to: "BIG5", omitInvalid: true)
        let expected = String(decoding: try Iconv.convert(bytes, from: "BIG5", to: "UTF-8"), as: UTF8.self)
        #expect(expected.unicodeScalars.count > traditional.unicodeScalars.count * 9 / 10)
        let decoded = try TextDecoder.decode(bytes)
        #expect(decoded.encoding == "Big5")
        #expect(decoded.text == expected)
    }
}
