import Foundation
import TestSupport
import Testing
import ZIPFoundation

/// `export`: every hit of `search --all`, in its order, in the formats a
/// researcher's tools read.
@Suite struct ExportCommandTests {
    let folder = TemporaryFolder()

    func corpus() -> CommandRunner {
        folder.write("Corpus/a.md", """
            ---
            title: 数据交易管理办法
            issuer: 贵阳市人民政府
            region: 贵州
            date: 2016-03-15
            number: 筑府发〔2016〕8号
            type: 管理办法
            ---
            # 数据交易管理办法

            第一条　为了规范数据交易, 制定本办法: "数据" 与 “交易”。
            第二条　数据交易所 | 数据交易中心
            """)
        folder.write("Corpus/b.txt", "关于数据交易的通知\n数据交易平台建设。\n")
        return CommandRunner(workingDirectory: folder.path)
    }

    /// The lines of `search --all --format json`, as (file, line, text).
    func searchAll(_ cli: CommandRunner, _ query: String) throws -> [[String]] {
        let output = try cli.run(["search", query, "--all", "--format", "json"])
        return try output.stdout.split(separator: "\n").map { line in
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            return [object["file"] as! String, String(object["line"] as! Int), object["text"] as! String]
        }
    }

    @Test func csvHasABomQuotesAndEveryHitInOrder() throws {
        let cli = corpus()
        let export = try cli.run(["export", "数据交易", "-o", "hits.csv"])
        #expect(export.status == 0)
        #expect(export.stderr.contains("wrote 5 hits to hits.csv"))
        let bytes = try #require(FileManager.default.contents(atPath: folder.file("hits.csv")))
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        let rows = Self.parseCSV(text, delimiter: ",")
        #expect(rows.first == ["rank", "score", "title", "issuer", "region", "date", "number", "type", "section", "file",
                               "line", "page", "text", "matches", "same_as"])
        let hits = Array(rows.dropFirst())
        #expect(hits.map { [$0[9], $0[10], $0[12]] } == (try searchAll(cli, "数据交易")))
        let clause = try #require(hits.first { $0[12].hasPrefix("第一条") })
        #expect(clause[12] == "第一条　为了规范数据交易, 制定本办法: \"数据\" 与 “交易”。")
        #expect(clause[3] == "贵阳市人民政府" && clause[4] == "贵州" && clause[5] == "2016-03-15" && clause[6] == "筑府发〔2016〕8号")
        #expect(clause[8] == "第一条")
        #expect(text.contains("\"第一条　为了规范数据交易, 制定本办法: \"\"数据\"\" 与 “交易”。\""))
    }

    @Test(arguments: ["tsv", "jsonl", "md"])
    func otherFormatsHoldTheSameHits(format: String) throws {
        let cli = corpus()
        let export = try cli.run(["export", "数据交易", "-o", "hits." + format])
        #expect(export.status == 0)
        let text = try String(contentsOfFile: folder.file("hits." + format), encoding: .utf8)
        let expected = try searchAll(cli, "数据交易")
        switch format {
        case "tsv":
            let rows = Self.parseCSV(text, delimiter: "\t").dropFirst()
            #expect(rows.map { [$0[9], $0[10], $0[12]] } == expected)
        case "jsonl":
            let rows = try text.split(separator: "\n").map {
                try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
            }
            #expect(rows.map { [$0["file"] as! String, String($0["line"] as! Int), $0["text"] as! String] } == expected)
            #expect(rows.first?["rank"] as? Int == 1)
        default:
            let lines = text.split(separator: "\n")
            #expect(lines.count == expected.count + 2)
            #expect(lines.contains { $0.contains("数据交易所 \\| 数据交易中心") })
        }
    }

    @Test func tallyInEveryFormat() throws {
        let cli = corpus()
        let text = try cli.run(["tally", "数据交易", "交易平台", "--by", "region"])
        #expect(text.status == 0)
        let lines = text.stdout.split(separator: "\n")
        #expect(lines.first?.hasPrefix("region") == true)
        #expect(lines.contains { $0.hasPrefix("贵州") && $0.contains("1 (100 %) 3p") })
        #expect(lines.last?.hasPrefix("all") == true)
        let json = try cli.run(["tally", "数据交易", "--by", "document", "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let total = try #require(object["total"] as? [String: Any])
        #expect(total["documents"] as? Int == 2)
        let counts = try #require(total["counts"] as? [[String: Any]])
        #expect(counts.first?["passages"] as? Int == 5)
        let csv = try cli.run(["tally", "数据交易", "--by", "year", "--format", "csv"])
        #expect(csv.stdout.hasPrefix("\u{FEFF}year,documents,数据交易 documents,数据交易 share,数据交易 passages"))
    }

    @Test func kwicAlignsAndExports() throws {
        let cli = corpus()
        let text = try cli.run(["kwic", "数据交易", "--width", "6"])
        #expect(text.status == 0)
        let lines = text.stdout.split(separator: "\n")
        #expect(lines.count == 6)
        #expect(lines.allSatisfy { $0.contains(" 数据交易 ") })
        let export = try cli.run(["kwic", "数据交易", "-o", "kwic.tsv"])
        #expect(export.stderr.contains("wrote 6 lines to kwic.tsv"))
        let rows = Self.parseCSV(try String(contentsOfFile: folder.file("kwic.tsv"), encoding: .utf8), delimiter: "\t")
        #expect(rows.first == ["rank", "file", "line", "page", "title", "section", "left", "match", "right"])
        #expect(rows.dropFirst().allSatisfy { $0[7] == "数据交易" && $0[3].isEmpty })
    }

    @Test func filterOptionsEqualFiltersInTheQuery() throws {
        let cli = corpus()
        let asOption = try cli.run(["search", "数据交易", "--region", "贵州", "--year", "2016", "--all", "--format", "json"])
        let inQuery = try cli.run(["search", "数据交易 region:贵州 year:2016", "--all", "--format", "json"])
        #expect(asOption.status == 0)
        #expect(asOption.stdout == inQuery.stdout)
        #expect(asOption.stdout.split(separator: "\n").count == 3)
        #expect(!asOption.stdout.contains("b.txt"))
        let badYear = try cli.run(["search", "数据交易", "--year", "去年"])
        #expect(badYear.status == 2)
        #expect(badYear.stderr.contains("--year 去年"))
    }

    /// The workbook's sheet holds the same cells as the CSV, numbers as numbers.
    @Test func xlsxHoldsTheSameCells() throws {
        let cli = corpus()
        #expect(try cli.run(["export", "数据交易", "-o", "hits.xlsx"]).status == 0)
        #expect(try cli.run(["export", "数据交易", "-o", "hits.csv"]).status == 0)
        let archive = try Archive(url: URL(fileURLWithPath: folder.file("hits.xlsx")), accessMode: .read)
        #expect(Set(archive.map(\.path)) == ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                                             "xl/worksheets/sheet1.xml"])
        var sheet = Data()
        _ = try archive.extract(try #require(archive["xl/worksheets/sheet1.xml"])) { sheet.append($0) }
        let xml = String(decoding: sheet, as: UTF8.self)
        let csv = Self.parseCSV(String(decoding: try #require(FileManager.default.contents(atPath: folder.file("hits.csv"))).dropFirst(3),
                                       as: UTF8.self), delimiter: ",")
        // Every cell of the CSV is in the sheet, escaped for XML.
        for row in csv {
            for cell in row where !cell.isEmpty {
                let escaped = cell.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                    .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
                #expect(xml.contains(">\(escaped)<"), "\(cell)")
            }
        }
        #expect(xml.contains("<c r=\"A2\"><v>1</v></c>"))
        #expect(xml.components(separatedBy: "<row ").count - 1 == csv.count)
    }

    /// LibreOffice (headless) opens the CSV and the workbook with every cell and
    /// the Chinese text intact: converted back to CSV, they hold the same cells.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/soffice"), "LibreOffice (soffice) is not installed: skipped"))
    func libreOfficeOpensTheCSVAndTheWorkbook() throws {
        let cli = corpus()
        #expect(try cli.run(["export", "数据交易", "-o", "hits.csv"]).status == 0)
        #expect(try cli.run(["export", "数据交易", "-o", "hits.xlsx"]).status == 0)
        let ours = Self.parseCSV(String(decoding: try #require(FileManager.default.contents(atPath: folder.file("hits.csv"))).dropFirst(3),
                                        as: UTF8.self), delimiter: ",")
        let office = CommandRunner(workingDirectory: folder.path, environment: ["HOME": folder.path])
        for (input, filter) in [("hits.xlsx", nil), ("hits.csv", "CSV:44,34,76")] as [(String, String?)] {
            let out = "lo-" + (input as NSString).pathExtension
            var arguments = ["--headless"]
            if let filter { arguments.append("--infilter=" + filter) }
            arguments += ["--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", out, input]
            let run = try office.run(arguments, executable: "/usr/bin/soffice")
            #expect(run.status == 0, "\(run.stderr)")
            let converted = Self.parseCSV(try String(contentsOfFile: folder.file(out + "/hits.csv"), encoding: .utf8), delimiter: ",")
            #expect(converted.count == ours.count)
            for (a, b) in zip(ours, converted) {
                #expect(a.count == b.count)
                for (x, y) in zip(a, b) where x != y {
                    // Numbers may lose trailing zeros (2.770310 → 2.77031); nothing else may differ.
                    #expect(Double(x) != nil && Double(x) == Double(y), "\(x) ≠ \(y)")
                }
            }
        }
    }

    @Test(arguments: ["csv", "xlsx", "jsonl"])
    func aFolderThatDoesNotExistIsOneLine(format: String) throws {
        let output = try corpus().run(["export", "数据交易", "-o", "missing/hits." + format])
        #expect(output.status == 2)
        #expect(output.stderr.hasSuffix("policy-search: error: cannot write missing/hits.\(format): No such file or directory\n"))
        #expect(output.stderr.split(separator: "\n").last?.hasPrefix("policy-search: error:") == true)
        #expect(!output.stderr.contains("CoreFoundation"))
    }

    @Test func anUnknownExtensionAsksForAFormat() throws {
        let output = try corpus().run(["export", "数据交易", "-o", "hits.xyz"])
        #expect(output.status == 2)
        #expect(output.stderr.contains("give --format"))
    }

    /// RFC 4180 as Excel writes it: quoted fields may hold delimiters, quotes ("") and line ends.
    static func parseCSV(_ text: String, delimiter: Character) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var chars = Array(text)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if quoted {
                if c == "\"" {
                    if i + 1 < chars.count, chars[i + 1] == "\"" { field.append("\""); i += 1 } else { quoted = false }
                } else {
                    field.append(c)
                }
            } else if c == "\"" {
                quoted = true
            } else if c == delimiter {
                row.append(field); field = ""
            } else if c == "\r\n" || c == "\n" {
                row.append(field); field = ""
                rows.append(row); row = []
            } else {
                field.append(c)
            }
            i += 1
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        chars.removeAll()
        return rows
    }
}
