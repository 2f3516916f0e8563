import Foundation
import Testing

@testable import PolicyAnalysis
@testable import PolicyIndex
@testable import PolicySearch

/// `cited-by` over the real plans of `../shared/corpus` (skipped, saying so,
/// when it is absent) against an independent scan: a regular expression over
/// each file's text, folded as the index folds it (NFKC, Simplified), finds
/// the document numbers and 《》 titles (a title cut by a line break joined);
/// each one found in two files or more
/// must be cited by exactly the files the scan finds it in (less the file
/// whose own number it is, printed alone on a line of its opening).
@Suite(.enabled(if: SharedCorpus.isAvailable, "../shared/corpus is absent: skipped"))
struct CitationRealCorpusTests {
    static let number = try! NSRegularExpression(pattern: #"(国发|国办发|国办函|国函|法释|财税|人社部发|发改高技|工信部信软|工信部规|国科发)\s*[〔\[(【]\s*((?:19|20)\d\d)\s*[〕\])】]\s*第?\s*0*(\d{1,6})\s*号"#)
    /// A title in 《》, which a line break of the source may cut once.
    static let title = try! NSRegularExpression(pattern: #"《([^《》〈〉\n]{1,60}\n?[^《》〈〉\n]{0,60})》"#)

    @Test func citedByAgreesWithAScanForNumbersAndTitles() throws {
        let folder = try #require(RealCorpusSearchTests.indexFolder)
        let index = try SearchIndex.open(.init(index: folder, corpus: SharedCorpus.root + "/plans", buildsIfMissing: false))
        let normalizer = try TextNormalizer()
        var numbers: [String: Set<String>] = [:]
        var own: [String: Set<String>] = [:]
        var titles: [String: Set<String>] = [:]
        for (path, lines) in RealCorpusSearchTests.lines {
            // Line by line: normalizing folds line ends into spaces.
            let text = lines.map { normalizer.normalize($0).string }.joined(separator: "\n")
                .replacingOccurrences(of: "﹝", with: "〔").replacingOccurrences(of: "﹞", with: "〕")
            let whole = NSRange(text.startIndex..., in: text)
            for match in Self.number.matches(in: text, range: whole) {
                let part = { (i: Int) in String(text[Range(match.range(at: i), in: text)!]) }
                numbers["\(part(1))〔\(part(2))〕\(Int(part(3))!)号", default: []].insert(path)
            }
            for line in lines.prefix(40) {
                let trimmed = normalizer.normalize(line).string.trimmingCharacters(in: CharacterSet(charactersIn: " ()[]〔〕-"))
                let range = NSRange(trimmed.startIndex..., in: trimmed)
                if let match = Self.number.firstMatch(in: trimmed, range: range), match.range == range {
                    let part = { (i: Int) in String(trimmed[Range(match.range(at: i), in: trimmed)!]) }
                    own[path, default: []].insert("\(part(1))〔\(part(2))〕\(Int(part(3))!)号")
                }
            }
            for match in Self.title.matches(in: text, range: whole) {
                let title = text[Range(match.range(at: 1), in: text)!].replacingOccurrences(of: "\n", with: "")
                if title.count >= 4 { titles[title, default: []].insert(path) }
            }
        }
        var agreed = 0, onlyCitedBy = 0, onlyScan = 0
        var targets = 0
        func compare(_ target: String, _ expected: Set<String>) throws {
            let found = Set(try index.citedBy(try index.citationTarget(target)).map(\.document.path))
            agreed += found.intersection(expected).count
            onlyCitedBy += found.subtracting(expected).count
            onlyScan += expected.subtracting(found).count
            targets += 1
            if found != expected { print("cited-by \(target): only cited-by \(found.subtracting(expected).sorted()), only the scan \(expected.subtracting(found).sorted())") }
        }
        for (number, files) in numbers where files.count >= 2 {
            try compare(number, files.filter { !(own[$0]?.contains(number) ?? false) })
        }
        // Titles by their key, as cited-by takes them: every form of one title together.
        var byKey: [String: (title: String, files: Set<String>)] = [:]
        for (title, files) in titles {
            let key = TitleKey.key(title)
            byKey[key] = (byKey[key]?.title ?? title, (byKey[key]?.files ?? []).union(files))
        }
        for (_, entry) in byKey where entry.files.count >= 3 { try compare("《\(entry.title)》", entry.files) }
        let precision = Double(agreed) / Double(max(1, agreed + onlyCitedBy))
        let recall = Double(agreed) / Double(max(1, agreed + onlyScan))
        print("cited-by over \(targets) targets of ../shared/corpus/plans: precision \(precision), recall \(recall) (\(agreed) files agreed)")
        #expect(targets >= 20)
        #expect(precision >= 0.98 && recall >= 0.98, "precision \(precision), recall \(recall)")
    }
}
