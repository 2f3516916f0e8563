import CInflate
import Foundation
import ZIPFoundation

/// Reads a Word document (.docx: a zip of XML parts) directly: the paragraphs
/// of `word/document.xml` in order, one a line, with the numbers Word
/// generates for numbered paragraphs (`第一条`, `一、`, `（一）` kept in
/// `word/numbering.xml`) written out.
///
/// Heading styles give section paths: a paragraph in the Title style becomes a
/// Markdown `#` line, and one in Heading N (`heading 1`, `标题 1`, or a style
/// or paragraph with outline level N − 1) a line of N + 1 `#`, which the
/// passage splitter reads as headings (a numbered one by its numbering, its
/// marks closing the headings without numbering at its level). A first heading
/// that is the document's title is written as a `#` line too (``TitleHeading``).
/// Deleted revisions, field codes and the fallback copies of text boxes are left out.
public enum DOCXExtractor {
    /// The largest XML part read (a zip can claim anything).
    static let maximumPartSize = 256 << 20

    public static func extract(_ bytes: [UInt8]) throws -> ExtractedDocument {
        let archive = try openArchive(bytes)
        let part = { (path: String) in try Self.part(path, of: archive, in: bytes) }
        guard let document = try part("word/document.xml") else {
            let odf = archive["content.xml"] != nil
            let excel = archive["xl/workbook.xml"] != nil
            let kind = odf ? "an OpenDocument file (.odt?)" : excel ? "an Excel workbook" : "a zip archive"
            throw ExtractionError("is \(kind) without word/document.xml, not a Word document")
        }
        let styles = try part("word/styles.xml").map(StyleTable.init) ?? StyleTable()
        let numbering = try part("word/numbering.xml").map(Numbering.init) ?? Numbering()
        let text = render(document, styles: styles, numbering: numbering)
        return ExtractedDocument(text: text, encoding: "DOCX")
    }

    /// The archive of `bytes`, read from a temporary file (removed at once; the
    /// archive keeps it open). Not ZIPFoundation's in-memory archive: its reads
    /// trap (a range with its bounds reversed) when a damaged central directory
    /// points past the end of the bytes, where reads of a file just find its end.
    static func openArchive(_ bytes: [UInt8]) throws -> Archive {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("policy-search-docx-\(UUID().uuidString).zip")
        guard FileManager.default.createFile(atPath: file.path, contents: Data(bytes)) else {
            throw ExtractionError("cannot be unpacked: no temporary file could be written in \(file.deletingLastPathComponent().path)")
        }
        defer { unlink(file.path) }
        do {
            return try Archive(url: file, accessMode: .read)
        } catch {
            throw ExtractionError("is a damaged zip archive, not a readable Word document (\(error))")
        }
    }

    /// A part's text, or nil when the archive has none of that name.
    ///
    /// ZIPFoundation finds the part (its central directory entry); its bytes
    /// are read here, from the local header that names it: ZIPFoundation's
    /// Linux reading asks for more input for as long as a damaged stream has
    /// not ended, and spins forever at the end of the file (the DOCX fuzzer's
    /// hang; weichsel/ZIPFoundation#389). A stored part is its bytes; a
    /// deflated one is inflated in one call, bounded by the size the archive
    /// records; either must match the recorded CRC-32.
    static func part(_ path: String, of archive: Archive, in bytes: [UInt8]) throws -> String? {
        guard let entry = archive[path] else { return nil }
        func damaged(_ problem: String) -> ExtractionError {
            ExtractionError("is a damaged Word document: its \(path) \(problem)")
        }
        guard entry.uncompressedSize <= UInt64(maximumPartSize) else {
            throw ExtractionError("its \(path) is larger than \(maximumPartSize >> 20) MiB")
        }
        guard let start = dataOffset(of: path, in: bytes),
              entry.compressedSize <= UInt64(bytes.count - start) else { throw damaged("lies beyond the end of the archive") }
        let stored = bytes[start..<(start + Int(entry.compressedSize))]
        var content: [UInt8]
        if entry.isCompressed {
            let size = Int(entry.uncompressedSize)
            content = [UInt8](repeating: 0, count: size)
            var written = 0
            let status = stored.withUnsafeBufferPointer { source in
                content.withUnsafeMutableBufferPointer { destination in
                    Int(cinflate_raw(source.baseAddress, source.count, destination.baseAddress, destination.count, &written))
                }
            }
            switch status {
            case Int(CINFLATE_OK) where written == size: break
            case Int(CINFLATE_OK), Int(CINFLATE_TOO_LARGE): throw damaged("is not the \(size) bytes its archive records")
            case Int(CINFLATE_TRUNCATED): throw damaged("is cut short")
            case Int(CINFLATE_NO_MEMORY): throw ExtractionError("cannot be unpacked: out of memory")
            default: throw damaged("cannot be unpacked (no deflate stream)")
            }
        } else {
            content = Array(stored)
        }
        let crc = content.withUnsafeBufferPointer { cinflate_crc32($0.baseAddress, $0.count) }
        guard crc == entry.checksum else { throw damaged("fails its checksum") }
        return String(decoding: content, as: UTF8.self)
    }

    /// Where the data of the part named `path` starts: after the first local
    /// file header (`PK\3\4`) that names it, its name and its extra field.
    static func dataOffset(of path: String, in bytes: [UInt8]) -> Int? {
        let name = Array(path.utf8)
        func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        var i = 0
        while i + 30 <= bytes.count {
            if bytes[i] == 0x50, bytes[i + 1] == 0x4B, bytes[i + 2] == 0x03, bytes[i + 3] == 0x04 {
                let nameLength = u16(i + 26), extraLength = u16(i + 28)
                let nameStart = i + 30
                if nameLength == name.count, nameStart + nameLength <= bytes.count,
                   bytes[nameStart..<(nameStart + nameLength)].elementsEqual(name) {
                    let start = nameStart + nameLength + extraLength
                    return start <= bytes.count ? start : nil
                }
            }
            i += 1
        }
        return nil
    }

    /// The lines of the document body.
    static func render(_ xml: String, styles: StyleTable, numbering: Numbering) -> String {
        var numbering = numbering
        var scanner = MarkupScanner(xml, caseSensitive: true)
        struct Paragraph {
            var text = String.UnicodeScalarView()
            var style: String?
            var outlineLevel: Int?
            var numID: String?
            var numLevel = 0
        }
        var stack: [Paragraph] = []
        var lines: [String] = []
        var inText = false
        var skipDepth = 0  // inside mc:Fallback, w:del … : ignored
        let skipped: Set<String> = ["mc:Fallback", "w:del", "w:instrText", "w:delText", "w:commentReference", "w:footnoteReference"]
        while let token = scanner.next() {
            switch token {
            case .start(let name, let attributes, let selfClosing):
                if skipDepth > 0 {
                    if !selfClosing, skipped.contains(name) { skipDepth += 1 }
                    continue
                }
                if skipped.contains(name) {
                    if !selfClosing { skipDepth = 1 }
                    continue
                }
                switch name {
                case "w:p":
                    if selfClosing { lines.append("") } else { stack.append(Paragraph()) }
                case "w:pStyle": stack.indices.last.map { stack[$0].style = attributes["w:val"] }
                case "w:outlineLvl": stack.indices.last.map { stack[$0].outlineLevel = attributes["w:val"].flatMap { Int($0) } }
                case "w:numId": stack.indices.last.map { stack[$0].numID = attributes["w:val"] }
                case "w:ilvl": stack.indices.last.map { stack[$0].numLevel = attributes["w:val"].flatMap { Int($0) } ?? 0 }
                case "w:t": inText = !selfClosing
                case "w:tab", "w:ptab": stack.indices.last.map { stack[$0].text.append("\t") }
                case "w:br", "w:cr": stack.indices.last.map { stack[$0].text.append("\n") }
                case "w:noBreakHyphen": stack.indices.last.map { stack[$0].text.append("-") }
                default: break
                }
            case .end(let name):
                if skipDepth > 0 {
                    if skipped.contains(name) { skipDepth -= 1 }
                    continue
                }
                if name == "w:t" { inText = false }
                if name == "w:p", let paragraph = stack.popLast() {
                    let style = paragraph.style.flatMap { styles.styles[$0] }
                    var prefix = ""
                    let numID = paragraph.numID ?? style.flatMap { styles.numbering(of: $0) }?.id
                    let numLevel = paragraph.numID != nil ? paragraph.numLevel : (style.flatMap { styles.numbering(of: $0) }?.level ?? 0)
                    if let numID, numID != "0" { prefix = numbering.next(numID, level: numLevel) }
                    let body = prefix + String(paragraph.text)
                    let level = paragraph.outlineLevel ?? style.flatMap { styles.headingLevel(of: $0) }
                    lines.append(contentsOf: headingLines(body, level: level, isTitle: style.map { styles.isTitle($0) } ?? false))
                }
            case .text(let text):
                if skipDepth == 0, inText, !stack.isEmpty {
                    stack[stack.count - 1].text.append(contentsOf: MarkupScanner.decodeEntities(text).unicodeScalars)
                }
            }
        }
        TitleHeading.mark(in: &lines)
        // Lines trimmed at the end; empty paragraphs kept as blank lines (they separate, as in the file).
        var text = lines.map { line in
            var scalars = line.unicodeScalars
            while let last = scalars.last, CharacterClasses.isWhitespace(last.value), last != "\n" { scalars.removeLast() }
            return String(scalars)
        }.joined(separator: "\n")
        if !text.isEmpty { text += "\n" }
        return text
    }

    /// A paragraph's line: as it is, or as a Markdown heading when a heading
    /// style marks it (numbered or not: the marks keep its level against the
    /// headings without numbering).
    private static func headingLines(_ text: String, level: Int?, isTitle: Bool) -> [String] {
        let trimmed = text.trimmingWhitespace()
        guard !trimmed.isEmpty, !trimmed.contains("\n"), isTitle || (level.map { $0 >= 0 && $0 < 9 } ?? false)
        else { return [text] }
        let marks = isTitle ? 1 : min(6, level! + 2)
        return [String(repeating: "#", count: marks) + " " + trimmed]
    }

    // MARK: Styles

    /// The paragraph styles of `word/styles.xml`: names, outline levels,
    /// numbering and what each is based on.
    struct StyleTable {
        struct Style {
            var name = ""
            var basedOn: String?
            var outlineLevel: Int?
            var numID: String?
            var numLevel: Int?
        }

        var styles: [String: Style] = [:]

        init() {}

        init(_ xml: String) {
            var scanner = MarkupScanner(xml, caseSensitive: true)
            var current: (id: String, style: Style)?
            while let token = scanner.next() {
                switch token {
                case .start(let name, let attributes, let selfClosing):
                    switch name {
                    case "w:style" where !selfClosing:
                        current = attributes["w:type"] == "paragraph" || attributes["w:type"] == nil
                            ? (attributes["w:styleId"] ?? "", Style()) : nil
                    case "w:name": current?.style.name = attributes["w:val"] ?? ""
                    case "w:basedOn": current?.style.basedOn = attributes["w:val"]
                    case "w:outlineLvl": current?.style.outlineLevel = attributes["w:val"].flatMap { Int($0) }
                    case "w:numId": current?.style.numID = attributes["w:val"]
                    case "w:ilvl": current?.style.numLevel = attributes["w:val"].flatMap { Int($0) }
                    default: break
                    }
                case .end("w:style"):
                    if let current { styles[current.id] = current.style }
                    current = nil
                default: break
                }
            }
        }

        /// The style and those it is based on, nearest first.
        private func chain(_ style: Style) -> [Style] {
            var result = [style]
            var next = style.basedOn
            while let id = next, result.count < 16, let parent = styles[id] {
                result.append(parent)
                next = parent.basedOn
            }
            return result
        }

        /// The 0-based heading level a style gives (9 is body text), by outline
        /// level or by name: `heading 1`, `Heading 1`, `标题 1`, `标题1`.
        func headingLevel(of style: Style) -> Int? {
            for link in chain(style) {
                if let level = link.outlineLevel { return level < 9 ? level : nil }
                let name = link.name.lowercased()
                for prefix in ["heading", "标题"] where name.hasPrefix(prefix) {
                    if let number = Int(name.dropFirst(prefix.count).trimmingWhitespace()), (1...9).contains(number) {
                        return number - 1
                    }
                }
            }
            return nil
        }

        func isTitle(_ style: Style) -> Bool {
            let name = style.name.lowercased()
            return name == "title" || name == "标题"
        }

        func numbering(of style: Style) -> (id: String, level: Int)? {
            for link in chain(style) {
                if let id = link.numID { return (id, link.numLevel ?? 0) }
            }
            return nil
        }
    }

    // MARK: Numbering

    /// Word's list numbering (`word/numbering.xml`): for each list, its levels'
    /// start, format and text (`第%1条`, `%1、`, `（%1）`), and the counters as the
    /// document is read.
    struct Numbering {
        struct Level {
            var start = 1
            var format = "decimal"
            var text = ""
        }

        var abstract: [String: [Int: Level]] = [:]
        var lists: [String: String] = [:]  // numId → abstractNumId
        var counters: [String: [Int: Int]] = [:]

        init() {}

        init(_ xml: String) {
            var scanner = MarkupScanner(xml, caseSensitive: true)
            var abstractID: String?
            var level: Int?
            var numID: String?
            while let token = scanner.next() {
                switch token {
                case .start(let name, let attributes, let selfClosing):
                    switch name {
                    case "w:abstractNum" where !selfClosing: abstractID = attributes["w:abstractNumId"]
                    case "w:lvl" where abstractID != nil:
                        level = attributes["w:ilvl"].flatMap { Int($0) }
                        if let abstractID, let level { abstract[abstractID, default: [:]][level] = Level() }
                    case "w:start": set { $0.start = attributes["w:val"].flatMap { Int($0) } ?? 1 }
                    case "w:numFmt": set { $0.format = attributes["w:val"] ?? "decimal" }
                    case "w:lvlText": set { $0.text = attributes["w:val"] ?? "" }
                    case "w:num" where !selfClosing: numID = attributes["w:numId"]
                    case "w:abstractNumId": if let numID, let value = attributes["w:val"] { lists[numID] = value }
                    default: break
                    }
                case .end(let name):
                    if name == "w:abstractNum" { abstractID = nil }
                    if name == "w:lvl" { level = nil }
                    if name == "w:num" { numID = nil }
                default: break
                }
            }
            func set(_ change: (inout Level) -> Void) {
                guard let abstractID, let level, abstract[abstractID]?[level] != nil else { return }
                change(&abstract[abstractID]![level]!)
            }
        }

        /// The number text of the next paragraph of list `numID` at `level`.
        mutating func next(_ numID: String, level: Int) -> String {
            guard let abstractID = lists[numID], let levels = abstract[abstractID], let format = levels[level] else { return "" }
            var counts = counters[numID] ?? [:]
            counts[level] = (counts[level] ?? (format.start - 1)) + 1
            for deeper in counts.keys where deeper > level { counts[deeper] = nil }
            counters[numID] = counts
            if format.format == "bullet" || format.format == "none" { return "" }
            var text = format.text
            for (lvl, spec) in levels {
                let placeholder = "%\(lvl + 1)"
                guard text.contains(placeholder) else { continue }
                let value = counts[lvl] ?? spec.start
                text = text.replacingOccurrences(of: placeholder, with: Self.render(value, format: lvl == level ? format.format : spec.format))
            }
            // Word puts a tab after the number by default; a Chinese number such as 一、 needs none.
            if let last = text.unicodeScalars.last, PDFTextRepair.isWide(last) { return text }
            return text.isEmpty ? "" : text + " "
        }

        static func render(_ value: Int, format: String) -> String {
            switch format {
            case "chineseCounting", "chineseCountingThousand", "chineseLegalSimplified", "ideographDigital",
                "japaneseCounting", "taiwaneseCounting", "taiwaneseCountingThousand":
                return chinese(value)
            case "decimalFullWidth", "decimalFullWidth2":
                return String(String(value).unicodeScalars.map { Character(Unicode.Scalar($0.value - 0x30 + 0xFF10)!) })
            case "ideographTraditional":
                let stems = Array("甲乙丙丁戊己庚辛壬癸")
                return value >= 1 && value <= 10 ? String(stems[value - 1]) : String(value)
            case "decimalEnclosedCircle", "decimalEnclosedCircleChinese":
                return value >= 1 && value <= 20 ? String(Character(Unicode.Scalar(0x2460 + UInt32(value - 1))!)) : String(value)
            case "lowerLetter", "upperLetter":
                guard value >= 1 else { return String(value) }
                let letter = Character(Unicode.Scalar(UInt8(0x61 + (value - 1) % 26)))
                let text = String(repeating: letter, count: (value - 1) / 26 + 1)
                return format == "upperLetter" ? text.uppercased() : text
            case "lowerRoman", "upperRoman":
                let text = roman(value)
                return format == "upperRoman" ? text.uppercased() : text
            default:
                return String(value)
            }
        }

        /// 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五.
        static func chinese(_ value: Int) -> String {
            let digits = Array("零一二三四五六七八九")
            guard value > 0, value < 10000 else { return String(value) }
            if value < 10 { return String(digits[value]) }
            if value < 20 { return "十" + (value % 10 == 0 ? "" : String(digits[value % 10])) }
            if value < 100 { return String(digits[value / 10]) + "十" + (value % 10 == 0 ? "" : String(digits[value % 10])) }
            if value < 1000 {
                let rest = value % 100
                let tail = rest == 0 ? "" : rest < 10 ? "零" + String(digits[rest]) : (rest < 20 ? "一" : "") + chinese(rest)
                return String(digits[value / 100]) + "百" + tail
            }
            let rest = value % 1000
            let tail = rest == 0 ? "" : rest < 100 ? "零" + chinese(rest) : chinese(rest)
            return String(digits[value / 1000]) + "千" + tail
        }

        static func roman(_ value: Int) -> String {
            guard value > 0, value < 4000 else { return String(value) }
            let table: [(Int, String)] = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                                          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
            var rest = value
            var text = ""
            for (amount, letters) in table {
                while rest >= amount {
                    text += letters
                    rest -= amount
                }
            }
            return text
        }
    }
}
