import Foundation
import Hummingbird
import PolicyIndex
import PolicySearch

/// `/code`: a codebook applied to the corpus, as `policy-search code` does —
/// a codebook file of the corpus chosen from a list, or one pasted; the
/// summary per theme ("23 / 37 个文件"); the matrix as a heat map (documents,
/// or groups of them, × themes), each cell listing its evidence passages on
/// a click; the co-occurrence of themes; downloads of the workbook, the
/// matrix and the JSON. Everything is in the URL, so a coding is a link.
enum CodebookPage {
    /// The longest pasted codebook, in characters.
    static let maximumLength = 20_000
    /// The most rows the heat map draws (the downloads hold every document).
    static let maximumRows = 80
    /// The heat map's shades, `h1` … `h8` in the style sheet.
    static let shades = 8

    /// The style sheet's rules for the shades, from the page's accent colour.
    static var shadeRules: String {
        (1...shades).map { "table.heat-table td.h\($0) { background: \(TallyChart.shade(0.12 + 0.88 * Double($0) / Double(shades))); }" }
            .joined(separator: "\n")
    }

    struct Request: Sendable {
        /// A codebook file of the corpus (relative path), or nil.
        var book: String?
        /// A pasted codebook, or "".
        var yaml: String
        var grouping: Tally.Grouping?
        var filters: [(field: String, value: String)]
        /// The cell whose evidence is listed: a theme, and a document path or a group.
        var theme: String?
        var row: String?

        init(_ parameters: QueryParameters) throws {
            book = parameters["book"].flatMap { $0.isEmpty ? nil : $0 }
            yaml = parameters["yaml"] ?? ""
            guard yaml.count <= CodebookPage.maximumLength else {
                throw ServerError(400, "the codebook is longer than \(CodebookPage.maximumLength) characters")
            }
            if let by = parameters["by"], !by.isEmpty {
                guard let grouping = Tally.Grouping(rawValue: by), grouping != .document else {
                    throw ServerError(400, "by must be one of region, year, type, issuer, level")
                }
                self.grouping = grouping
            }
            filters = SearchRequest.filterFields.compactMap { field in
                guard let value = parameters[field]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
                return (field, value)
            }
            theme = parameters["theme"]
            row = parameters["row"]
        }

        /// The parameters that define the coding (no cell, no format).
        var parameters: QueryParameters {
            var pairs: [(String, String)] = []
            if let book { pairs.append(("book", book)) } else if !yaml.isEmpty { pairs.append(("yaml", yaml)) }
            if let grouping { pairs.append(("by", grouping.rawValue)) }
            return QueryParameters(pairs: pairs + filters.map { ($0.field, $0.value) })
        }

        var documentSet: DocumentSet {
            get throws {
                DocumentSet(filters: try filters.map { field, value in
                    let filter = Query.Filter(field: field, value: value, isWhole: true)
                    if field == "year", filter.years == nil {
                        throw ServerError(400, "year \(value) is not a year or a range of years such as 2016..2017")
                    }
                    return filter
                })
            }
        }
    }

    /// The codebook files of a corpus: `.yaml` and `.yml` files in it and its
    /// subfolders (not documents: the index skips them), by path.
    static func codebooks(in corpus: String) -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: corpus) else { return [] }
        var found: [String] = []
        while let path = walker.nextObject() as? String {
            let lower = path.lowercased()
            if lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") { found.append(path) }
            if found.count >= 200 { break }
        }
        return found.sorted()
    }

    static func response(_ request: Hummingbird.Request, service: SearchService) throws -> Response {
        let parameters = QueryParameters(request.uri.query)
        let view = try Request(parameters)
        let corpus = service.index.reader.manifest.corpus
        let available = codebooks(in: corpus)
        let codebook: Codebook
        if let book = view.book {
            guard available.contains(book) else { throw ServerError(404, "no codebook \(book) in the corpus") }
            do { codebook = try Codebook.read(path: corpus + "/" + book) } catch let error as CodebookError {
                throw ServerError(400, CodebookError(file: book, line: error.line, problem: error.problem).description)
            }
        } else if !view.yaml.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            do { codebook = try Codebook.parse(view.yaml, file: "（粘贴的编码表）") } catch let error as CodebookError {
                throw ServerError(400, error.description)
            }
        } else {
            if parameters["format"] != nil { throw ServerError(400, "choose a codebook: ?book=… or ?yaml=…") }
            return PolicyServer.html(page(view, available: available, coding: nil, evidence: nil, paths: nil, catalog: nil))
        }
        let set = try view.documentSet
        let index = service.index
        let coding = try index.code(codebook, in: set)
        let paths = service.paths(index.snapshot)
        if let name = parameters["format"] {
            return try download(name, coding: coding, set: set, view: view, index: index, paths: paths)
        }
        var evidence: [Evidence]?
        if let theme = view.theme, let row = view.row {
            guard codebook.themes.contains(where: { $0.name == theme }) else { throw ServerError(400, "no theme \(theme) in the codebook") }
            let documents: Set<String>
            if let grouping = view.grouping {
                documents = Set(coding.documents.filter { grouping.group(of: $0) == row }.map(\.path))
            } else {
                documents = [row]
            }
            var items: [Evidence] = []
            try index.forEachEvidence(codebook, in: set, themes: [theme], documents: documents) { items.append($0) }
            evidence = items
        }
        return PolicyServer.html(page(view, available: available, coding: coding, evidence: evidence, paths: paths,
                                      catalog: try service.catalog(index.snapshot)))
    }

    /// `format=xlsx` (the workbook of `code -o`), `csv` (the matrix) or `json`.
    static func download(_ name: String, coding: Coding, set: DocumentSet, view: Request, index: SearchIndex,
                         paths: PathDisplay) throws -> Response {
        switch name {
        case "json":
            var response = PolicyServer.json(coding.json(paths: paths, by: view.grouping) + "\n")
            response.headers[.contentDisposition] = PolicyServer.attachment("coding.json")
            return response
        case "csv":
            let (columns, rows) = view.grouping.map { (coding.groupColumns(by: $0), coding.groupRows(by: $0)) }
                ?? (coding.matrixColumns, coding.matrixRows(paths: paths))
            return Export.table(named: "coding", format: .csv) { sink in
                var iterator = rows.makeIterator()
                _ = try TableWriter.write(columns: columns, rows: { iterator.next() }, format: .csv, to: &sink)
            }
        case "xlsx":
            let grouping = view.grouping
            return Export.table(named: "coding", format: .xlsx) { sink in
                let path = NSTemporaryDirectory() + "/policy-search-coding-\(UUID().uuidString).xlsx"
                defer { unlink(path) }
                try index.writeWorkbook(coding, in: set, by: grouping, paths: paths, to: path)
                guard let data = FileManager.default.contents(atPath: path) else {
                    throw OutputError(file: "the workbook", reason: "it could not be read back")
                }
                try data.withUnsafeBytes { try sink.write($0) }
            }
        default:
            throw ServerError(400, "format must be xlsx, csv or json")
        }
    }

    static func page(_ view: Request, available: [String], coding: Coding?, evidence: [Evidence]?, paths: PathDisplay?,
                     catalog: DocumentCatalog?) -> String {
        var body = "<h1 class=\"page-title\">编码表分析</h1>"
        body += form(view, available: available)
        guard let coding, let paths else {
            body += "<p class=\"intro-line\">编码表（YAML）列出主题，每个主题由若干检索式识别。对所选文件逐一编码：多少个文件提及该主题（占比）、多少条段落、出现多少次；文件 × 主题矩阵以热图显示，点击任一格查看其依据段落。编码表的写法见 README 与语料中的 codebook.yaml。</p>"
            return HTML.page(title: "编码表 - 政策检索", body: body, bodyClass: "code-page")
        }
        let base = view.parameters
        body += "<div class=\"summary\"><p class=\"totals\"><strong>\(HTML.escape(coding.codebook.name))</strong>：<strong id=\"theme-count\">\(coding.themes.count)</strong> 个主题，<strong id=\"document-count\">\(coding.documents.count)</strong> 个文件</p>"
        for (format, label) in [("xlsx", "下载 Excel（含依据段落）"), ("csv", "下载矩阵 CSV"), ("json", "下载 JSON")] {
            body += "<a class=\"download\" href=\"/code\(base.setting("format", format).encoded)\">\(label)</a>"
        }
        body += "</div>"
        body += summary(coding)
        if let evidence, let theme = view.theme, let row = view.row {
            body += evidenceList(evidence, theme: theme, row: row, view: view, catalog: catalog)
        }
        body += "<h2>文件 × 主题</h2>"
        body += heatMap(coding, view: view, paths: paths, catalog: catalog)
        if coding.themes.count > 1 { body += cooccurrence(coding) }
        return HTML.page(title: "编码表 - 政策检索", body: body, bodyClass: "code-page")
    }

    static func form(_ view: Request, available: [String]) -> String {
        var html = "<form class=\"view-form code-form\" action=\"/code\" method=\"get\">"
        html += "<label>语料中的编码表 <select name=\"book\" id=\"code-book\"><option value=\"\">（粘贴于下方）</option>"
        for book in available {
            html += "<option value=\"\(HTML.escape(book))\"\(book == view.book ? " selected" : "")>\(HTML.escape(book))</option>"
        }
        html += "</select></label>"
        html += "<label class=\"wide\">或粘贴编码表（YAML）<textarea id=\"code-yaml\" name=\"yaml\" rows=\"6\" maxlength=\"\(maximumLength)\" placeholder=\"themes:&#10;  - name: 数据交易&#10;    terms: [数据交易, 交易所]\">\(HTML.escape(view.yaml))</textarea></label>"
        for field in SearchRequest.filterFields {
            let value = view.filters.first { $0.field == field }?.value ?? ""
            html += "<label>\(filterLabels[field] ?? field) <input name=\"\(field)\" value=\"\(HTML.escape(value))\" size=\"8\"></label>"
        }
        html += "<label>行 <select name=\"by\"><option value=\"\">文件</option>"
        for (grouping, label) in TallyPage.groupingLabels where grouping != .document {
            html += "<option value=\"\(grouping.rawValue)\"\(grouping == view.grouping ? " selected" : "")>按\(label)</option>"
        }
        html += "</select></label><button type=\"submit\">编码</button></form>"
        return html
    }

    static let filterLabels = ["region": "地区", "year": "年份", "type": "类型", "issuer": "发文机关", "level": "层级"]

    /// The report's sentence per theme: documents coded of all, share, passages, occurrences, terms.
    static func summary(_ coding: Coding) -> String {
        var html = "<div class=\"table-scroll\"><table class=\"tally\" id=\"code-summary\"><thead><tr><th>主题</th><th>分组</th><th class=\"num\">文件</th><th class=\"num\">比例</th><th class=\"num\">段落</th><th class=\"num\">出现次数</th><th>命中最多的检索式</th></tr></thead><tbody>"
        for theme in coding.themes {
            let terms = theme.terms.filter { $0.passages > 0 }.sorted { $0.passages > $1.passages }.prefix(3)
                .map { "\(HTML.escape($0.term))（\($0.passages)）" }.joined(separator: "、")
            html += "<tr><th scope=\"row\">\(HTML.escape(theme.name))</th><td>\(HTML.escape(theme.group))</td><td class=\"num\">\(theme.documents) / \(coding.documents.count)</td><td class=\"num share\">\(TallyChart.percent(coding.share(theme)))</td><td class=\"num\">\(theme.passages)</td><td class=\"num\">\(theme.occurrences)</td><td class=\"terms\">\(terms)</td></tr>"
        }
        return html + "</tbody></table></div>"
    }

    /// A heat map of rows × themes as an HTML table (it scrolls, keeps its
    /// header, and reads in a screen reader): a document row's shade is its
    /// passages (scaled to the most in a cell), a group's the share of its
    /// documents coded; each coded cell links to its evidence.
    static func heatMap(_ coding: Coding, view: Request, paths: PathDisplay, catalog: DocumentCatalog?) -> String {
        struct Row { var key: String, label: String, documents: Int, coded: [Int], passages: [Int] }
        var rows: [Row]
        if let grouping = view.grouping {
            rows = coding.groups(by: grouping).map {
                Row(key: $0.group, label: TallyPage.label($0.group, grouping: grouping, catalog: catalog), documents: $0.documents,
                    coded: $0.coded, passages: $0.cells.map(\.passages))
            }
        } else {
            rows = zip(coding.documents, coding.cells).map { document, cells in
                Row(key: document.path, label: document.title.isEmpty ? document.path : document.title, documents: 1,
                    coded: cells.map { $0.passages > 0 ? 1 : 0 }, passages: cells.map(\.passages))
            }
        }
        let total = rows.count
        if rows.count > maximumRows {
            rows = Array(rows.enumerated().sorted { ($0.element.coded.reduce(0, +), -$0.offset) > ($1.element.coded.reduce(0, +), -$1.offset) }
                .prefix(maximumRows).sorted { $0.offset < $1.offset }.map(\.element))
        }
        let highest = Double(rows.flatMap(\.passages).max() ?? 0)
        var html = "<div class=\"table-scroll heat-scroll\"><table class=\"heat-table\" id=\"code-matrix\"><thead><tr><th>\(view.grouping.map { g in TallyPage.groupingLabels.first { $0.0 == g }?.1 ?? g.rawValue } ?? "文件")</th>"
        if view.grouping != nil { html += "<th class=\"num\">文件数</th>" }
        for theme in coding.themes { html += "<th class=\"theme\" title=\"\(HTML.escape(theme.group))\">\(HTML.escape(theme.name))</th>" }
        html += "</tr></thead><tbody>"
        for row in rows {
            html += "<tr><th scope=\"row\" title=\"\(HTML.escape(row.key))\">\(HTML.escape(row.label.isEmpty ? "（未注明）" : row.label))</th>"
            if view.grouping != nil { html += "<td class=\"num\">\(row.documents)</td>" }
            for (t, theme) in coding.themes.enumerated() {
                let weight = view.grouping != nil ? (row.documents == 0 ? 0 : Double(row.coded[t]) / Double(row.documents))
                    : (highest > 0 ? Double(row.passages[t]) / highest : 0)
                let text = view.grouping != nil ? "\(row.coded[t])/\(row.documents)" : String(row.passages[t])
                // A shade of eight (classes, not inline styles, which the page's content policy refuses).
                let level = max(1, min(shades, Int((weight * Double(shades)).rounded(.up))))
                let light = level > shades / 2 + 1 ? " light" : ""
                if row.passages[t] > 0 {
                    let link = "/code" + view.parameters.setting("theme", theme.name).setting("row", row.key).encoded + "#evidence"
                    let tip = "\(theme.name) · \(row.label)：\(row.passages[t]) 条段落" + (view.grouping != nil ? "，\(row.coded[t]) / \(row.documents) 个文件" : "")
                    html += "<td class=\"cell h\(level)\(light)\"><a href=\"\(HTML.escape(link))\" title=\"\(HTML.escape(tip))\">\(text)</a></td>"
                } else {
                    html += "<td class=\"cell empty\">·</td>"
                }
            }
            html += "</tr>"
        }
        html += "</tbody></table></div>"
        if total > rows.count {
            html += "<p class=\"note\">图中为编码主题最多的 \(rows.count) 行（共 \(total) 行）；下载的矩阵含全部文件。</p>"
        } else {
            html += "<p class=\"note\">\(view.grouping != nil ? "格中为该组提及主题的文件数 / 该组文件数，颜色越深比例越高。" : "格中为编码的段落数，颜色越深段落越多。")点击一格查看依据段落。</p>"
        }
        return html
    }

    /// Themes × themes: documents coded for both (the diagonal: for the theme).
    static func cooccurrence(_ coding: Coding) -> String {
        var html = "<h2>主题共现</h2><div class=\"table-scroll\"><table class=\"tally cooccurrence\" id=\"code-cooccurrence\"><thead><tr><th></th>"
        for theme in coding.themes { html += "<th class=\"theme\">\(HTML.escape(theme.name))</th>" }
        html += "</tr></thead><tbody>"
        for (a, theme) in coding.themes.enumerated() {
            html += "<tr><th scope=\"row\">\(HTML.escape(theme.name))</th>"
            for b in coding.themes.indices {
                html += a == b ? "<td class=\"num diagonal\">(\(coding.cooccurrence[a][a]))</td>" : "<td class=\"num\">\(coding.cooccurrence[a][b])</td>"
            }
            html += "</tr>"
        }
        return html + "</tbody></table></div><p class=\"note\">同时提及两个主题的文件数；对角线为提及该主题的文件数。</p>"
    }

    /// The passages a cell counts, with the matches marked, each linked to its place in its document.
    static func evidenceList(_ evidence: [Evidence], theme: String, row: String, view: Request, catalog: DocumentCatalog?) -> String {
        let label = view.grouping.map { TallyPage.label(row, grouping: $0, catalog: catalog) } ?? (evidence.first?.hit.document.title ?? row)
        var html = "<section class=\"evidence\" id=\"evidence\"><h2>依据段落：\(HTML.escape(theme)) · \(HTML.escape(label))（<span id=\"evidence-count\">\(evidence.count)</span> 条）</h2><ol class=\"hits\">"
        for item in evidence {
            let hit = item.hit
            let link = "/documents/\(DocumentID.of(path: hit.document.path))#L\(hit.passage.line)"
            html += "<li class=\"hit\"><div class=\"hit-head\"><a class=\"title\" href=\"\(HTML.escape(link))\">\(HTML.escape(hit.document.title))</a>"
            html += "<span class=\"where\">\(HTML.escape(hit.passage.section.isEmpty ? "" : hit.passage.section + " · "))第 \(hit.passage.line) 行\(hit.page.map { " · 第 \($0) 页" } ?? "")</span></div>"
            html += "<p class=\"text\">\(Pages.passage(hit))</p><p class=\"terms\">检索式：\(HTML.escape(item.terms.joined(separator: "；")))</p></li>"
        }
        return html + "</ol></section>"
    }
}
