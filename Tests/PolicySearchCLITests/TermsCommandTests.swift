import Foundation
import TestSupport
import Testing

/// `policy-search terms` as a user runs it: the index built on first use, the
/// three formats, filters, and words to leave out.
@Suite struct TermsCommandTests {
    let folder = TemporaryFolder()

    /// A working folder with a corpus of documents in which a made-up term is planted.
    func plantedCorpus() -> CommandRunner {
        for (number, passages) in PlantedTermCorpus.documents().enumerated() {
            folder.write("corpus/plan-\(number).md", "---\ntitle: 规划\(number)\nregion: 甲省\n---\n" + passages.joined(separator: "\n"))
        }
        return CommandRunner(workingDirectory: folder.path)
    }

    let options = ["--corpus", "corpus", "--index", "index", "--min-count", "5", "--limit", "5"]

    @Test func textIsATableWithThePlantedTermFirst() throws {
        let output = try plantedCorpus().run(["terms"] + options)
        #expect(output.status == 0)
        #expect(output.stderr.contains("building it from corpus/"))
        let lines = output.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 6)
        #expect(lines[0].hasPrefix("rank  term"))
        #expect(lines[0].contains("cohesion") && lines[0].hasSuffix("ICU"))
        #expect(lines[1].hasPrefix("   1  澜沧智链枢"))
        #expect(lines[1].hasSuffix("澜|沧|智|链|枢"))
    }

    @Test func csvHasAHeader() throws {
        let output = try plantedCorpus().run(["terms", "--format", "csv"] + options)
        #expect(output.status == 0)
        let lines = output.stdout.components(separatedBy: "\r\n")
        #expect(lines[0] == "\u{FEFF}rank,term,count,documents,cohesion,left_entropy,right_entropy,score,icu")
        let first = lines[1].split(separator: ",").map(String.init)
        #expect(first.count == 9)
        #expect(first[0] == "1" && first[1] == "澜沧智链枢" && first[3] == "12" && first[8] == "澜|沧|智|链|枢")
        #expect(lines.count == 7 && lines[6].isEmpty)
    }

    @Test func jsonIsOneObjectPerTerm() throws {
        let output = try plantedCorpus().run(["terms", "--format", "json"] + options)
        #expect(output.status == 0)
        let objects = try output.stdout.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        #expect(objects.count == 5)
        #expect(objects[0]["rank"] as? Int == 1)
        #expect(objects[0]["term"] as? String == "澜沧智链枢")
        #expect(objects[0]["documents"] as? Int == 12)
        #expect(objects[0]["icu"] as? [String] == ["澜", "沧", "智", "链", "枢"])
        for key in ["count", "cohesion", "leftEntropy", "rightEntropy", "score"] { #expect(objects[0][key] is NSNumber, "\(key)") }
        #expect(output.stdout.hasPrefix("{\"rank\":1,\"term\":"))
    }

    @Test func filtersAndExclusions() throws {
        let cli = plantedCorpus()
        let other = try cli.run(["terms", "--region", "乙"] + options)
        #expect(other.status == 0)
        #expect(other.stdout.isEmpty)
        #expect(other.stderr.contains("no terms found in 0 documents"))
        folder.write("known.txt", "澜沧智链枢 100\n\n")
        let excluded = try cli.run(["terms", "--exclude", "known.txt", "--format", "csv"] + options)
        #expect(excluded.status == 0)
        #expect(!excluded.stdout.contains("澜沧智链枢"))
        let missing = try cli.run(["terms", "--exclude", "absent.txt"] + options)
        #expect(missing.status == 2)
        #expect(missing.stderr == "policy-search: error: cannot read --exclude absent.txt\n")
    }
}
