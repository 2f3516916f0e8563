import Foundation
import Hummingbird
import PolicyIndex
import PolicySearch

/// `/tally`: several queries counted by region, year, type, issuer, level or
/// document, as `policy-search tally` counts them, as a table and an SVG
/// chart; each count links to the passages it counts, and the table downloads
/// (`format=`) as `tally -o` writes it.
enum TallyPage {
    /// What a tally asks for, all of it in the URL: `q` once per query (or
    /// one query a line), `by`, and the filters of the search page.
    struct Request: Sendable {
        static let maximumQueries = 20

        var texts: [String]
        var grouping: Tally.Grouping
        var filters: [(field: String, value: String)] { filtering.filters }
        /// The filters, read as the search page reads them.
        private var filtering: SearchRequest

        init(_ parameters: QueryParameters, limits: ServerLimits) throws {
            texts = parameters.all("q").flatMap { $0.split(whereSeparator: \.isNewline) }
                .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            guard texts.count <= Self.maximumQueries else { throw ServerError(400, "at most \(Self.maximumQueries) queries at once") }
            filtering = try SearchRequest(QueryParameters(pairs: parameters.pairs.filter { SearchRequest.filterFields.contains($0.name) }
                .map { ($0.name, $0.value) }), limits: limits, defaultLimit: 1)
            guard texts.reduce(0, { $0 + $1.count }) + filtering.filters.reduce(0, { $0 + $1.value.count }) <= limits.queryLength else {
                throw ServerError(400, "the queries are longer than \(limits.queryLength) characters")
            }
            let byName = parameters["by"] ?? "region"
            guard let grouping = Tally.Grouping(rawValue: byName) else {
                throw ServerError(400, "by must be one of " + Tally.Grouping.allCases.map(\.rawValue).joined(separator: ", "))
            }
            self.grouping = grouping
        }

        /// The queries, each with the filters of the URL.
        func queries() throws -> [Query] {
            let filters = try filtering.urlFilters()
            return try texts.map { text in
                var query = try QueryParser.parse(text)
                query.filters += filters
                return query
            }
        }
    }

    static let groupingLabels: [(Tally.Grouping, String)] = [(.region, "地区"), (.year, "年份"), (.type, "类型"),
                                                              (.issuer, "发文机关"), (.level, "层级"), (.document, "文件")]

    static func response(_ request: Hummingbird.Request, service: SearchService) throws -> Response {
        let parameters = QueryParameters(request.uri.query)
        let view = try Request(parameters, limits: service.limits)
        guard !view.texts.isEmpty else {
            if parameters["format"] != nil { throw ServerError(400, "give at least one query: ?q=…") }
            return PolicyServer.html(page(view, parameters: parameters, tally: nil, catalog: nil))
        }
        let queries: [Query]
        do { queries = try view.queries() } catch { throw PageError(query: "", error: error) }
        let tally = try service.index.tally(queries, by: view.grouping)
        if let name = parameters["format"] {
            if name == "json" {
                var response = PolicyServer.json(tally.json + "\n")
                response.headers[.contentDisposition] = PolicyServer.attachment("tally.json")
                return response
            }
            guard let format = TableFormat(rawValue: name), Export.formats.contains(format) else {
                throw ServerError(400, "format must be csv, xlsx, tsv, md or json")
            }
            return Export.table(named: "tally", format: format) { sink in
                var rows = tally.tableRows.makeIterator()
                _ = try TableWriter.write(columns: tally.tableColumns, rows: { rows.next() }, format: format, to: &sink)
            }
        }
        let catalog = try service.catalog(service.index.snapshot)
        return PolicyServer.html(page(view, parameters: parameters, tally: tally, catalog: catalog))
    }

    /// The label of a group ("" is a group whose metadata does not say).
    static func label(_ group: String, grouping: Tally.Grouping, catalog: DocumentCatalog?) -> String {
        if group.isEmpty { return "（未注明）" }
        if grouping == .document, let entry = catalog?.entry(id: DocumentID.of(path: group)) { return entry.title }
        return group
    }

    /// The passages behind a count: the search of the query in the group.
    static func link(_ row: Tally.Row, query: Int, view: Request, tally: Tally, isTotal: Bool) -> String? {
        var parameters = QueryParameters(pairs: [("q", view.texts[query])] + view.filters.map { ($0.field, $0.value) })
        if isTotal { return "/search" + parameters.encoded }
        guard !row.group.isEmpty else { return nil }
        switch view.grouping {
        case .document:
            return "/documents/\(DocumentID.of(path: row.group))" + QueryParameters(pairs: [("q", view.texts[query])]).encoded
        case .year:
            parameters = parameters.setting("year", row.group)
        default:
            parameters = parameters.setting(view.grouping.rawValue, row.group)
        }
        return "/search" + parameters.encoded
    }

    static func page(_ view: Request, parameters: QueryParameters, tally: Tally?, catalog: DocumentCatalog?) -> String {
        let base = parameters.setting("format", nil)
        var body = Pages.views(.tally, parameters: QueryParameters(pairs: [("q", view.texts.joined(separator: "\n"))]
            + view.filters.map { ($0.field, $0.value) }))
        body += form(view)
        guard let tally else {
            body += "<p class=\"intro-line\">每行一个检索式，按地区、年份、类型、发文机关、层级或文件统计：多少个文件提及（占该组文件的比例），多少条段落。点击数字查看这些段落。</p>"
            return HTML.page(title: "统计 - 政策检索", body: body, bodyClass: "tally-page")
        }
        let groupLabel = groupingLabels.first { $0.0 == view.grouping }?.1 ?? view.grouping.rawValue
        body += "<div class=\"summary\"><p class=\"totals\">按<strong>\(groupLabel)</strong>统计 <strong id=\"total-groups\">\(tally.rows.count)</strong> 组，共 <strong>\(tally.total.documents)</strong> 个文件</p>"
        for (format, label) in [("csv", "下载 CSV"), ("xlsx", "下载 Excel"), ("json", "下载 JSON")] {
            body += "<a class=\"download\" href=\"/tally\(base.setting("format", format).encoded)\">\(label)</a>"
        }
        body += "</div>"
        let name = { (group: String) in label(group, grouping: view.grouping, catalog: catalog) }
        body += "<figure class=\"chart-box\">"
        body += TallyChart.svg(tally, label: name) { row, query in link(row, query: query, view: view, tally: tally, isTotal: false) }
        let note = tally.rows.count > TallyChart.maximumGroups ? "图中为文件最多的 \(TallyChart.maximumGroups) 组；下表列出全部 \(tally.rows.count) 组。" : ""
        body += "<figcaption>\(tally.queries.count == 1 ? "条形：该组中含命中的文件所占比例。" : "颜色越深，该组中含命中的文件比例越高（最深为图中最高的 \(TallyChart.percent(TallyChart.highestShare(tally)))）。")\(note)点击查看段落。</figcaption></figure>"
        body += table(tally, view: view, label: name)
        return HTML.page(title: "统计 - 政策检索", body: body, bodyClass: "tally-page")
    }

    /// The table: a row per group (the total last), for each query the
    /// documents with a hit, their share and the passages.
    static func table(_ tally: Tally, view: Request, label: (String) -> String) -> String {
        var html = "<div class=\"table-scroll\"><table class=\"tally\" id=\"tally\"><thead><tr><th rowspan=\"2\">分组</th><th rowspan=\"2\" class=\"num\">文件数</th>"
        for query in tally.queries { html += "<th colspan=\"3\" class=\"query\">\(HTML.escape(query.description))</th>" }
        html += "</tr><tr>"
        for _ in tally.queries { html += "<th class=\"num\">文件</th><th class=\"num\">比例</th><th class=\"num\">段落</th>" }
        html += "</tr></thead><tbody>"
        for (row, isTotal) in tally.rows.map({ ($0, false) }) + [(tally.total, true)] {
            html += "<tr\(isTotal ? " class=\"total\"" : "")><th scope=\"row\">\(isTotal ? "全部" : HTML.escape(label(row.group)))</th><td class=\"num\">\(row.documents)</td>"
            for (j, cell) in row.cells.enumerated() {
                let documents: String
                if cell.documents > 0, let link = link(row, query: j, view: view, tally: tally, isTotal: isTotal) {
                    documents = "<a href=\"\(HTML.escape(link))\">\(cell.documents)</a>"
                } else {
                    documents = String(cell.documents)
                }
                html += "<td class=\"num\" data-query=\"\(j)\">\(documents)</td><td class=\"num share\">\(TallyChart.percent(Tally.share(cell, of: row)))</td><td class=\"num\">\(cell.passages)</td>"
            }
            html += "</tr>"
        }
        return html + "</tbody></table></div>"
    }

    static func form(_ view: Request) -> String {
        var html = "<form class=\"view-form\" action=\"/tally\" method=\"get\">"
        html += "<label class=\"wide\">检索式（每行一个）<textarea id=\"view-q\" name=\"q\" rows=\"\(max(3, min(8, view.texts.count + 1)))\" maxlength=\"1000\">\(HTML.escape(view.texts.joined(separator: "\n")))</textarea></label>"
        let filters = Pages.filterFields(view.filters)
        html += filters.inputs
        html += "<label>分组 <select name=\"by\">"
        for (grouping, label) in groupingLabels {
            html += "<option value=\"\(grouping.rawValue)\"\(grouping == view.grouping ? " selected" : "")>\(label)</option>"
        }
        html += "</select></label><button type=\"submit\">统计</button></form>"
        return html + filters.line
    }
}
