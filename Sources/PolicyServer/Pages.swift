import Foundation
import PolicyIndex
import PolicySearch

/// The server-rendered pages, in Chinese; they work without JavaScript.
enum Pages {
    /// The search page: the box, totals, facets, hits (or documents) and paging.
    static func search(_ request: SearchRequest, parameters: QueryParameters, results: SearchResults?, paths: PathDisplay?) -> String {
        let hidden = request.filters.map { ($0.field, $0.value) } + (request.byDocument ? [("mode", "documents")] : [])
        guard let results, paths != nil else {
            let body = """
                <section class="intro">
                <h1>政策文件全文检索</h1>
                <p>每个词按字面匹配（如同 Ctrl-F），自动折叠全角/半角与繁简体。多个词须同时出现在一段中。</p>
                <ul class="syntax">
                <li><code>数据 安全</code> 两个词都出现</li>
                <li><code>数据 -试点</code> 排除“试点”</li>
                <li><code>"大数据 交易所"</code> 精确短语</li>
                <li><code>交易 OR 流通</code> 任一</li>
                <li><code>数据 NEAR/5 安全</code> 同一段内相距不超过 5 个字</li>
                <li><code>数据 SENTENCE 安全</code> 同一句内</li>
                <li><code>数据 ARTICLE 安全</code> 同一条（第X条或编号标题）内</li>
                <li><code>region:贵州 year:2016..2017 type:通知</code> 按元数据筛选</li>
                </ul>
                </section>
                """
            return HTML.page(title: "政策检索", hidden: hidden, body: body, bodyClass: "home")
        }
        var body = views(.passages, parameters: parameters)
        // Totals and the mode switch.
        let base = parameters.setting("page", nil)
        let hitsMode = base.setting("mode", nil)
        let docsMode = base.setting("mode", "documents")
        body += """
            <div class="summary" id="summary">
            <p class="totals"><strong id="total-hits">\(results.total)</strong> 条段落\(distinctNote(results))，<strong id="total-documents">\(results.documents)</strong> 个文件</p>
            <nav class="modes" aria-label="显示方式">
            <a href="/search\(hitsMode.encoded)"\(request.byDocument ? "" : " aria-current=\"page\"")>按段落</a>
            <a href="/search\(docsMode.encoded)"\(request.byDocument ? " aria-current=\"page\"" : "")>按文件</a>
            </nav>
            <a class="download" href="/export\(base.setting("mode", nil).setting("format", "csv").encoded)">下载 CSV</a>
            <a class="download" href="/export\(base.setting("mode", nil).setting("format", "xlsx").encoded)">下载 Excel</a>
            </div>
            """
        if results.total == 0 {
            body += "<p class=\"empty\">没有找到匹配的段落。</p>"
            if let suggestion = results.suggestion {
                let looser = QueryParameters(pairs: [("q", suggestion.query.description)])
                body += "<p class=\"suggestion\">试试更宽松的检索：<a href=\"/search\(looser.encoded)\">\(HTML.escape(suggestion.query.description))</a>（\(suggestion.total) 条段落）</p>"
            }
        }
        body += "<div class=\"layout\">"
        body += facets(results.facets, request: request, parameters: base)
        body += "<section class=\"results\" aria-label=\"结果\">"
        let query = QueryParameters(pairs: [("q", results.query.description)])
        if request.byDocument {
            body += "<ol class=\"documents\" start=\"\(results.offset + 1)\">"
            for group in results.groups {
                let link = "/documents/\(group.entry.id)\(query.encoded)"
                body += "<li class=\"result document-result\">"
                body += "<h2><a class=\"open\" href=\"\(HTML.escape(link))\">\(HTML.escape(group.entry.title))</a> <span class=\"count\">\(group.hitCount) 处命中</span></h2>"
                body += metadata(group.entry.fields)
                for hit in group.best {
                    body += "<p class=\"passage\"><a class=\"line\" href=\"\(HTML.escape(link))#L\(hit.passage.line)\">第 \(hit.passage.line) 行</a> \(passage(hit))</p>"
                }
                body += "</li>"
            }
            body += "</ol>"
        } else {
            body += "<ol class=\"hits\" start=\"\(results.offset + 1)\">"
            for hit in results.hits {
                let id = DocumentID.of(path: hit.document.path)
                let link = "/documents/\(id)\(query.encoded)#L\(hit.passage.line)"
                let page = hit.page.map { " · 第 \($0) 页" } ?? ""
                body += "<li class=\"result\">"
                body += "<h2><a class=\"open\" href=\"\(HTML.escape(link))\">\(HTML.escape(hit.document.title))</a></h2>"
                body += metadata(hit.document.fields)
                if !hit.passage.section.isEmpty { body += "<p class=\"section\">\(HTML.escape(hit.passage.section))</p>" }
                body += "<p class=\"passage\">\(passage(hit))</p>"
                if let opening = hit.opensSection {
                    let first = String(opening.first.prefix(60)) + (opening.first.count > 60 ? "…" : "")
                    body += "<p class=\"opens\">本节 \(opening.passages) 段（至第 \(opening.endLine) 行）：\(HTML.escape(first))</p>"
                }
                body += identical(hit, query: query)
                body += "<p class=\"where\"><span class=\"file\">\(HTML.escape(hit.document.path)):\(hit.passage.line)\(page)</span> <span class=\"score\">得分 \(FixedDecimal.string(hit.score, digits: 3))</span></p>"
                body += "</li>"
            }
            body += "</ol>"
        }
        body += paging(request: request, results: results, parameters: base)
        body += "</section></div>"
        return HTML.page(title: "\(request.text) - 政策检索", query: request.text, hidden: hidden, body: body, bodyClass: "search-page")
    }

    /// The views of one query.
    enum View { case passages, concordance, tally }

    /// Tabs to the views of the same query and filters: the hits, the KWIC
    /// lines and the tally (the page, mode and format stay behind).
    static func views(_ current: View, parameters: QueryParameters) -> String {
        let kept = QueryParameters(pairs: parameters.pairs.filter { pair in
            pair.name == "q" || SearchRequest.filterFields.contains(pair.name)
        }.map { ($0.name, $0.value) })
        // The tally takes one query a line; the other views take the first.
        let single = kept.setting("q", kept["q"].map { $0.split(whereSeparator: \.isNewline).first.map(String.init) ?? "" })
        let tabs: [(View, String, String)] = [(.passages, "/search\(single.encoded)", "检索结果"),
                                              (.concordance, "/kwic\(single.encoded)", "索引行 KWIC"),
                                              (.tally, "/tally\(kept.encoded)", "统计与图表")]
        return "<nav class=\"views\" aria-label=\"视图\">" + tabs.map { view, link, label in
            "<a href=\"\(HTML.escape(link))\"\(view == current ? " aria-current=\"page\"" : "")>\(label)</a>"
        }.joined() + "</nav>"
    }

    /// The filters of a view's form: hidden inputs that keep them, and a line
    /// that shows them.
    static func filterFields(_ filters: [(field: String, value: String)]) -> (inputs: String, line: String) {
        let inputs = HTML.hiddenInputs(filters.map { ($0.field, $0.value) })
        let line = filters.isEmpty ? ""
            : "<p class=\"filters-line\">筛选：" + filters.map { HTML.escape("\($0.field):\($0.value)") }.joined(separator: " · ") + "</p>"
        return (inputs, line)
    }

    /// "（其中 M 条不重复）" when identical passages were collapsed.
    static func distinctNote(_ results: SearchResults) -> String {
        guard let distinct = results.distinctTexts, distinct < results.total else { return "" }
        return "（<span id=\"distinct-texts\">\(distinct)</span> 条不重复）"
    }

    /// The other places of a hit's text, which the page collapsed into it.
    static func identical(_ hit: Hit, query: QueryParameters) -> String {
        guard !hit.identical.isEmpty else { return "" }
        let links = hit.identical.prefix(20).map { place in
            let link = "/documents/\(DocumentID.of(path: place.path))\(query.encoded)#L\(place.line)"
            return "<a href=\"\(HTML.escape(link))\" title=\"\(HTML.escape(place.title))\">\(HTML.escape(place.path)):\(place.line)</a>"
        }
        let more = hit.identical.count > 20 ? " …" : ""
        return "<details class=\"identical\"><summary>另有 \(hit.identical.count) 处相同段落</summary><p>\(links.joined(separator: " · "))\(more)</p></details>"
    }

    /// A hit's passage, its matches marked (a Markdown heading without its `#`).
    static func passage(_ hit: Hit) -> String {
        let (_, text, marks) = headingMarker(hit.passage.text, hit.highlights)
        return HTML.marked(text, marks)
    }

    /// issuer · date · number · type.
    static func metadata(_ fields: [String: String]) -> String {
        let parts = ["issuer", "date", "number", "type", "region"].compactMap { fields[$0] }.filter { !$0.isEmpty }
        guard !parts.isEmpty else { return "" }
        return "<p class=\"meta\">" + parts.map(HTML.escape).joined(separator: " · ") + "</p>"
    }

    /// The facet lists: a value links to the search with its filter added,
    /// or, when it is the filter in force, removed.
    static func facets(_ facets: FacetCounts, request: SearchRequest, parameters: QueryParameters) -> String {
        var html = "<aside class=\"facets\" aria-label=\"筛选\">"
        for facet in Facet.allCases {
            let values = facets.counts[facet] ?? []
            let current = parameters[facet.rawValue]
            guard !values.isEmpty || current != nil else { continue }
            html += "<section class=\"facet\" data-facet=\"\(facet.rawValue)\"><h3>\(facet.label)</h3><ul>"
            if let current, !values.contains(where: { $0.value == current }) {
                html += "<li class=\"active\"><a href=\"/search\(parameters.setting(facet.rawValue, nil).encoded)\" title=\"取消筛选\">\(HTML.escape(current)) ✕</a></li>"
            }
            for (value, documents) in values.prefix(15) {
                let active = current == value
                let target = parameters.setting(facet.rawValue, active ? nil : value)
                html += "<li\(active ? " class=\"active\"" : "")><a href=\"/search\(target.encoded)\"\(active ? " title=\"取消筛选\"" : "")><span class=\"value\">\(HTML.escape(value))</span> <span class=\"n\">\(documents)</span>\(active ? " ✕" : "")</a></li>"
            }
            html += "</ul></section>"
        }
        return html + "</aside>"
    }

    static func paging(request: SearchRequest, results: SearchResults, parameters: QueryParameters) -> String {
        let count = request.byDocument ? results.documents : results.total
        let pages = max(1, (count + request.limit - 1) / request.limit)
        let page = request.offset / request.limit + 1
        guard pages > 1 else { return "" }
        var html = "<nav class=\"paging\" aria-label=\"分页\">"
        if page > 1 { html += "<a rel=\"prev\" href=\"/search\(parameters.setting("page", String(page - 1)).encoded)\">上一页</a>" }
        html += "<span>第 \(page) / \(pages) 页</span>"
        if page < pages { html += "<a rel=\"next\" href=\"/search\(parameters.setting("page", String(page + 1)).encoded)\">下一页</a>" }
        return html + "</nav>"
    }

    /// A whole document: metadata, outline, paragraphs with line anchors, its
    /// hits marked with links to the next and previous.
    static func document(_ view: DocumentView, queryText: String) -> String {
        let query = QueryParameters(pairs: [("q", queryText)])
        let hitLines = view.paragraphs.filter(\.isHit).map(\.line)
        var body = "<article class=\"document\">"
        body += "<nav class=\"crumbs\">"
        if !queryText.isEmpty { body += "<a id=\"back\" href=\"/search\(query.encoded)\">← 返回结果</a>" }
        body += "<a href=\"/documents/\(view.entry.id)/file\">下载原文件</a></nav>"
        body += "<h1>\(HTML.escape(view.document.title))</h1>"
        body += "<dl class=\"fields\">"
        let labels = [("issuer", "发文机关"), ("date", "日期"), ("number", "文号"), ("type", "类型"), ("region", "地区"), ("level", "层级")]
        for (field, label) in labels {
            if let value = view.document.fields[field], !value.isEmpty {
                body += "<dt>\(label)</dt><dd>\(HTML.escape(value))</dd>"
            }
        }
        body += "<dt>文件</dt><dd>\(HTML.escape(view.document.path))</dd></dl>"
        if !queryText.isEmpty {
            body += "<p class=\"hit-summary\">检索 <strong>\(HTML.escape(queryText))</strong>：本文件 <strong id=\"hit-count\">\(hitLines.count)</strong> 处命中"
            if let first = hitLines.first { body += " · <a href=\"#L\(first)\">第一处</a>" }
            body += "</p>"
        }
        // The outline: each heading links to the first paragraph under it.
        let paths = view.document.sections.paths
        if !paths.isEmpty {
            body += "<nav class=\"outline\" aria-label=\"目录\"><h2>目录</h2><ul>"
            for (node, path) in paths.enumerated() {
                guard let paragraph = view.paragraphs.first(where: { $0.section == path || $0.section.hasPrefix(path + " > ") }) else { continue }
                var depth = 0
                var parent = Int(view.document.sections.nodes[node].parent)
                while parent >= 0, depth < 6 { depth += 1; parent = Int(view.document.sections.nodes[parent].parent) }
                body += "<li class=\"depth\(depth)\"><a href=\"#L\(paragraph.line)\">\(HTML.escape(view.document.sections.nodes[node].label))</a></li>"
            }
            body += "</ul></nav>"
        }
        body += citations(view)
        body += "<div class=\"text\">"
        var hitNumber = 0
        var seenLines = Set<Int>()
        var shownPage: Int?
        for paragraph in view.paragraphs {
            let pageNumber = view.document.page(ofLine: paragraph.line)
            if let pageNumber, pageNumber != shownPage {
                body += "<div class=\"page-break\" id=\"page\(pageNumber)\">第 \(pageNumber) 页</div>"
                shownPage = pageNumber
            }
            let page = pageNumber.map { " title=\"第 \($0) 页\"" } ?? ""
            let anchor = seenLines.insert(paragraph.line).inserted ? " id=\"L\(paragraph.line)\"" : ""
            if paragraph.isHit {
                let previous = hitNumber > 0 ? "<a class=\"prev-hit\" href=\"#L\(hitLines[hitNumber - 1])\" title=\"上一处命中 (p)\">↑</a>" : ""
                let next = hitNumber + 1 < hitLines.count ? "<a class=\"next-hit\" href=\"#L\(hitLines[hitNumber + 1])\" title=\"下一处命中 (n)\">↓</a>" : ""
                let (level, text, marks) = headingMarker(paragraph.text, paragraph.highlights)
                let kind = level > 0 ? " heading h\(min(level, 4))" : ""
                body += "<p class=\"para hit\(kind)\"\(anchor) data-hit=\"\(hitNumber)\"><a class=\"ln\" href=\"#L\(paragraph.line)\"\(page)>\(paragraph.line)</a>\(HTML.marked(text, marks))<span class=\"hit-nav\">\(previous)\(next)</span></p>"
                hitNumber += 1
            } else {
                let (level, text, _) = headingMarker(paragraph.text, [])
                let kind = level > 0 ? " heading h\(min(level, 4))" : ""
                body += "<p class=\"para\(kind)\"\(anchor)><a class=\"ln\" href=\"#L\(paragraph.line)\"\(page)>\(paragraph.line)</a>\(HTML.escape(text))</p>"
            }
        }
        body += "</div></article>"
        return HTML.page(title: "\(view.document.title) - 政策检索", query: queryText, body: body, bodyClass: "document-page")
    }

    /// A Markdown heading's level and its text without the `#` marks (the
    /// highlights moved with it); level 0 and the text as is for a paragraph.
    static func headingMarker(_ text: String, _ marks: [Range<Int>]) -> (Int, String, [Range<Int>]) {
        let scalars = Array(text.unicodeScalars)
        var level = 0
        while level < scalars.count, scalars[level] == "#" { level += 1 }
        guard (1...6).contains(level), level < scalars.count, scalars[level] == " " else { return (0, text, marks) }
        var cut = level
        while cut < scalars.count, scalars[cut] == " " { cut += 1 }
        let moved = marks.compactMap { mark -> Range<Int>? in
            let lower = max(0, mark.lowerBound - cut), upper = mark.upperBound - cut
            return upper > lower ? lower..<upper : nil
        }
        return (level, String(String.UnicodeScalarView(scalars[cut...])), moved)
    }

    /// An error page: the status and the one-line message.
    static func error(status: Int, message: String, query: String = "") -> String {
        let heading = switch status {
        case 400: "检索式有误"
        case 401: "需要访问令牌"
        case 404: "找不到该页面或文件"
        case 503: "服务繁忙"
        default: "出错了"
        }
        let body = "<section class=\"error\"><h1>\(heading)</h1><p class=\"message\">\(HTML.escape(message))</p><p><a href=\"/\">返回首页</a></p></section>"
        return HTML.page(title: "\(heading) - 政策检索", query: query, body: body, bodyClass: "error-page")
    }
}
