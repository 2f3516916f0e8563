import PolicyAnalysis
import PolicySearch

extension Pages {
    /// A document's citations on its page: what it cites (each cited title or
    /// number once, linked to its document when the corpus holds it, with
    /// links to the lines that cite it) and the documents that cite it (each
    /// linked to its first citing line).
    static func citations(_ view: DocumentView) -> String {
        guard !view.cites.isEmpty || !view.citedBy.isEmpty else { return "" }
        var html = "<section class=\"citations\" aria-label=\"引用\">"
        // Each cited node once, in the order first cited.
        var order: [String] = []
        var byTarget: [String: [CitationPassage]] = [:]
        for passage in view.cites {
            let key = passage.target.kind == .document ? "d:" + passage.target.path : "x:" + passage.target.title
            if byTarget[key] == nil { order.append(key) }
            byTarget[key, default: []].append(passage)
        }
        if !order.isEmpty {
            let resolved = order.filter { $0.hasPrefix("d:") }.count
            html += "<details class=\"cites\" open><summary>本文件引用 <strong id=\"cites-count\">\(order.count)</strong> 项"
            html += "（其中 \(resolved) 项在语料库中）</summary><ul>"
            for key in order {
                let passages = byTarget[key]!
                let target = passages[0].target
                let shown = target.kind == .document ? target.title
                    : passages[0].kind == .title ? "《\(target.title)》" : target.title
                let name = target.kind == .document
                    ? "<a class=\"cited\" href=\"/documents/\(DocumentID.of(path: target.path))\" title=\"\(HTML.escape(passages[0].resolution))\">\(HTML.escape(shown))</a>"
                    : "<span class=\"cited external\">\(HTML.escape(shown))</span>"
                let articles = Set(passages.map(\.article).filter { !$0.isEmpty }).sorted()
                let lines = passages.prefix(8).map { "<a href=\"#L\($0.line)\">\($0.line)</a>" }.joined(separator: " ")
                html += "<li>\(name)"
                if !articles.isEmpty { html += " <span class=\"articles\">\(HTML.escape(articles.prefix(6).joined(separator: "、")))</span>" }
                html += " <span class=\"lines\">第 \(lines)\(passages.count > 8 ? " …" : "") 行</span></li>"
            }
            html += "</ul></details>"
        }
        if !view.citedBy.isEmpty {
            html += "<details class=\"cited-by\" open><summary>被 <strong id=\"cited-by-count\">\(view.citedBy.count)</strong> 个文件引用</summary><ul>"
            for citing in view.citedBy {
                let node = citing.document
                let facts = [node.date, node.fields["issuer"] ?? "", node.fields["region"] ?? ""].filter { !$0.isEmpty }
                let line = citing.passages.first.map { "#L\($0.line)" } ?? ""
                html += "<li><a class=\"citing\" href=\"/documents/\(DocumentID.of(path: node.path))\(line)\">\(HTML.escape(node.title))</a>"
                if !facts.isEmpty { html += " <span class=\"facts\">\(HTML.escape(facts.joined(separator: " · ")))</span>" }
                html += " <span class=\"lines\">\(citing.passages.count) 处</span></li>"
            }
            html += "</ul></details>"
        }
        return html + "</section>"
    }
}
