import Foundation
import Hummingbird
import PolicyIndex
import PolicySearch

/// `/kwic`: the keyword-in-context lines of a query, as `policy-search kwic`
/// gives them: aligned on the match, sorted by rank, left or right context,
/// optionally widened to whole words; a page of lines at a time, and every
/// line as a download (`format=`) in the columns of `kwic -o`.
enum ConcordancePage {
    static let linesPerPage = 200
    static let widths = 1...200

    /// What a KWIC view asks for, all of it in the URL.
    struct Request: Sendable {
        var search: SearchRequest
        var width: Int
        var order: ConcordanceLine.Order
        var widensToWords: Bool
        var page: Int

        init(_ parameters: QueryParameters, limits: ServerLimits) throws {
            // The query and its filters are read as the search page reads them;
            // the page is counted in lines here, not in hits.
            search = try SearchRequest(parameters.setting("page", nil).setting("limit", nil).setting("offset", nil),
                                       limits: limits, defaultLimit: 1)
            let widthText = parameters["width"] ?? "20"
            guard let width = Int(widthText), ConcordancePage.widths.contains(width) else {
                throw ServerError(400, "width must be a number of characters between \(ConcordancePage.widths.lowerBound) and \(ConcordancePage.widths.upperBound)")
            }
            self.width = width
            let orderText = parameters["sort"] ?? "rank"
            guard let order = ConcordanceLine.Order(rawValue: orderText) else {
                throw ServerError(400, "sort must be rank, left or right")
            }
            self.order = order
            widensToWords = ["1", "on", "true"].contains(parameters["words"] ?? "")
            let pageText = parameters["page"] ?? "1"
            guard let page = Int(pageText), page >= 1, page < 1_000_000 else { throw ServerError(400, "page must be a number, 1 or more") }
            self.page = page
        }
    }

    static func response(_ request: Hummingbird.Request, service: SearchService) throws -> Response {
        let parameters = QueryParameters(request.uri.query)
        let view = try Request(parameters, limits: service.limits)
        if view.search.isEmpty {
            return PolicyServer.html(page(view, parameters: parameters, lines: nil, paths: nil))
        }
        let query: Query
        do { query = try view.search.query() } catch { throw PageError(query: view.search.text, error: error) }
        if let name = parameters["format"] {
            guard let format = TableFormat(rawValue: name), Export.formats.contains(format) else {
                throw ServerError(400, "format must be csv, xlsx, jsonl, tsv or md")
            }
            return try download(query, view: view, format: format, service: service)
        }
        // Sorting needs every line; the export slots bound how many such
        // searches run at once.
        try service.beginExport()
        defer { service.endExport() }
        let lines = try service.index.concordance(of: query, width: view.width, order: view.order,
                                                  widensToWords: view.widensToWords)
        return PolicyServer.html(page(view, parameters: parameters, lines: lines, paths: service.paths(service.index.snapshot)))
    }

    /// Every line, in the page's order, as `kwic -o` writes it.
    static func download(_ query: Query, view: Request, format: TableFormat, service: SearchService) throws -> Response {
        try service.beginExport()
        let index = service.index
        let paths = service.paths(index.snapshot)
        return Export.table(named: "kwic", format: format, finally: { service.endExport() }) { sink in
            let lines = try index.concordance(of: query, width: view.width, order: view.order, widensToWords: view.widensToWords)
            var iterator = lines.makeIterator()
            _ = try TableWriter.write(columns: ConcordanceLine.exportColumns, rows: { iterator.next()?.exportRow(paths: paths) },
                                      format: format, to: &sink)
        }
    }

    /// The page: the form, the count, the aligned lines and paging.
    static func page(_ view: Request, parameters: QueryParameters, lines: [ConcordanceLine]?, paths: PathDisplay?) -> String {
        let base = parameters.setting("page", nil).setting("format", nil)
        var body = Pages.views(.concordance, parameters: base)
        body += form(view)
        guard let lines, let paths else {
            body += "<p class=\"intro-line\">输入检索式，查看每一处命中及其上下文（关键词居中对齐，可按左文或右文排序）。</p>"
            return HTML.page(title: "索引行 - 政策检索", query: "", body: body, bodyClass: "kwic-page")
        }
        let pages = max(1, (lines.count + linesPerPage - 1) / linesPerPage)
        let page = min(view.page, pages)
        let shown = lines.dropFirst((page - 1) * linesPerPage).prefix(linesPerPage)
        let documents = Set(lines.map(\.hit.document.path)).count
        body += "<div class=\"summary\"><p class=\"totals\"><strong id=\"total-lines\">\(lines.count)</strong> 行，<strong id=\"total-documents\">\(documents)</strong> 个文件</p>"
        for (format, label) in [("csv", "下载 CSV"), ("xlsx", "下载 Excel"), ("jsonl", "下载 JSON Lines")] {
            body += "<a class=\"download\" href=\"/kwic\(base.setting("format", format).encoded)\">\(label)</a>"
        }
        body += "</div>"
        if lines.isEmpty { body += "<p class=\"empty\">没有找到匹配的段落。</p>" }
        let query = QueryParameters(pairs: [("q", view.search.text)])
        body += "<div class=\"kwic-scroll\"><table class=\"kwic\"><thead><tr><th class=\"n\">#</th><th class=\"left\">左文</th><th class=\"match\">命中</th><th class=\"right\">右文</th><th class=\"source\">出处</th></tr></thead><tbody>"
        for (number, line) in zip(((page - 1) * linesPerPage + 1)..., shown) {
            let link = "/documents/\(DocumentID.of(path: line.hit.document.path))\(query.encoded)#L\(line.hit.passage.line)"
            let place = "\(paths.show(line.hit.document.path)):\(line.hit.passage.line)" + (line.hit.page.map { " · 第 \($0) 页" } ?? "")
            body += "<tr class=\"result\"><td class=\"n\">\(number)</td><td class=\"left\">\(HTML.escape(line.left))</td>"
            body += "<td class=\"match\"><mark>\(HTML.escape(line.match))</mark></td><td class=\"right\">\(HTML.escape(line.right))</td>"
            body += "<td class=\"source\"><a class=\"open\" href=\"\(HTML.escape(link))\" title=\"\(HTML.escape(place))\">\(HTML.escape(line.hit.document.title))</a></td></tr>"
        }
        body += "</tbody></table></div>"
        if pages > 1 {
            body += "<nav class=\"paging\" aria-label=\"分页\">"
            if page > 1 { body += "<a rel=\"prev\" href=\"/kwic\(base.setting("page", String(page - 1)).encoded)\">上一页</a>" }
            body += "<span>第 \(page) / \(pages) 页</span>"
            if page < pages { body += "<a rel=\"next\" href=\"/kwic\(base.setting("page", String(page + 1)).encoded)\">下一页</a>" }
            body += "</nav>"
        }
        return HTML.page(title: "\(view.search.text) - 索引行 - 政策检索", query: "", body: body, bodyClass: "kwic-page")
    }

    /// The KWIC form: the query, the filters in force, width, order and words.
    static func form(_ view: Request) -> String {
        var html = "<form class=\"view-form\" action=\"/kwic\" method=\"get\">"
        html += "<label class=\"wide\">检索式 <input id=\"view-q\" type=\"search\" name=\"q\" value=\"\(HTML.escape(view.search.text))\" maxlength=\"1000\"></label>"
        let filters = Pages.filterFields(view.search.filters)
        html += filters.inputs
        html += "<label>上下文（字） <input type=\"number\" name=\"width\" min=\"\(widths.lowerBound)\" max=\"\(widths.upperBound)\" value=\"\(view.width)\"></label>"
        html += "<label>排序 <select name=\"sort\">"
        for (order, label) in [(ConcordanceLine.Order.rank, "按相关度"), (.left, "按左文"), (.right, "按右文")] {
            html += "<option value=\"\(order.rawValue)\"\(order == view.order ? " selected" : "")>\(label)</option>"
        }
        html += "</select></label>"
        html += "<label><input type=\"checkbox\" name=\"words\" value=\"1\"\(view.widensToWords ? " checked" : "")> 扩展到整词</label>"
        html += "<button type=\"submit\">显示</button></form>"
        return html + filters.line
    }
}
