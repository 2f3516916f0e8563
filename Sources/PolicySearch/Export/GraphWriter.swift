import Foundation
import PolicyAnalysis

/// Writes a ``CitationGraph`` for network tools: GEXF (Gephi, with dates so
/// that its timeline shows the diffusion), GraphML (networkx, yEd, Cytoscape)
/// or a CSV of edges; the format from the file's extension. Atomically, as
/// every export: a failed write leaves the previous file as it was.
public enum GraphWriter {
    public enum Format: String, CaseIterable, Sendable {
        case gexf, graphml, csv

        /// The format a file's extension names, if any.
        public init?(path: String) { self.init(rawValue: (path as NSString).pathExtension.lowercased()) }
    }

    /// The node attributes, in both XML formats.
    static let nodeAttributes = ["kind", "file", "issuer", "region", "level", "type", "date", "number"]
    /// The columns of the edge list.
    public static let edgeColumns = ["source", "source_title", "target", "target_title", "target_kind", "count", "date",
                                     "line", "cited", "text"]

    /// Writes `graph` to `path` in `format`.
    public static func write(_ graph: CitationGraph, format: Format, paths: PathDisplay, to path: String) throws {
        if format == .csv {
            var iterator = try edgeRows(graph, paths: paths).makeIterator()
            _ = try TableWriter.write(columns: edgeColumns, rows: { iterator.next() }, format: .csv, to: path)
            return
        }
        var file = try OutputFile(path: path)
        do {
            // A passage that cannot be read (a damaged index) fails the export: no file that looks whole.
            try file.write(format == .gexf ? gexf(graph, paths: paths) : graphML(graph, paths: paths))
            try file.commit()
        } catch {
            file.discard()
            throw error
        }
    }

    /// A node's id in the XML formats: its file for a document, else its kind and text.
    static func id(_ node: CitationNetwork.Node) -> String {
        node.kind == .document ? node.path : (node.citedAs == .number ? "number:" : "title:") + node.title
    }

    /// A node's attribute values, in the order of ``nodeAttributes``.
    static func attributes(_ node: CitationNetwork.Node, paths: PathDisplay) -> [String] {
        let kind = node.kind == .document ? "document" : node.citedAs == .number ? "external number" : "external title"
        return [kind, node.kind == .document ? paths.show(node.path) : "", node.fields["issuer"] ?? "", node.fields["region"] ?? "",
                node.fields["level"] ?? "", node.fields["type"] ?? "", node.kind == .document ? node.date : "",
                node.kind == .document ? (node.fields["number"] ?? node.numbers.first ?? "") : node.numbers.first ?? ""]
    }

    /// A node's label: its title (《》 around an external title).
    static func label(_ node: CitationNetwork.Node) -> String {
        node.kind == .external && node.citedAs == .title ? "《\(node.title)》" : node.title
    }

    static func gexf(_ graph: CitationGraph, paths: PathDisplay) throws -> String {
        let network = graph.network
        var xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <gexf xmlns="http://gexf.net/1.3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" version="1.3">
              <meta><creator>policy-search</creator><description>citations among policy documents</description></meta>
              <graph defaultedgetype="directed" mode="dynamic" timeformat="date">
                <attributes class="node" mode="static">

            """
        for (index, name) in nodeAttributes.enumerated() {
            xml += "      <attribute id=\"\(index)\" title=\"\(name)\" type=\"string\"/>\n"
        }
        xml += """
                </attributes>
                <attributes class="edge" mode="static">
                  <attribute id="count" title="count" type="integer"/>
                  <attribute id="line" title="line" type="integer"/>
                  <attribute id="text" title="text" type="string"/>
                </attributes>
                <nodes>

            """
        for index in graph.nodes {
            let node = network.nodes[index]
            // A document enters the timeline on its date; what it cites is there from the start.
            let start = node.kind == .document && isDate(node.date) ? " start=\"\(node.date)\"" : ""
            xml += "      <node id=\"\(XLSXWriter.escape(id(node)))\" label=\"\(XLSXWriter.escape(label(node)))\"\(start)><attvalues>"
            for (attribute, value) in attributes(node, paths: paths).enumerated() where !value.isEmpty {
                xml += "<attvalue for=\"\(attribute)\" value=\"\(XLSXWriter.escape(value))\"/>"
            }
            xml += "</attvalues></node>\n"
        }
        xml += "    </nodes>\n    <edges>\n"
        for (number, edge) in graph.edges.enumerated() {
            let citing = network.nodes[edge.citing]
            let start = isDate(citing.date) ? " start=\"\(citing.date)\"" : ""
            xml += "      <edge id=\"\(number)\" source=\"\(XLSXWriter.escape(id(citing)))\" target=\"\(XLSXWriter.escape(id(network.nodes[edge.cited])))\" weight=\"\(edge.count)\"\(start)><attvalues>"
            xml += "<attvalue for=\"count\" value=\"\(edge.count)\"/>"
            let passage = try firstPassage(edge.first, network)
            xml += "<attvalue for=\"line\" value=\"\(passage.line)\"/><attvalue for=\"text\" value=\"\(XLSXWriter.escape(passage.text))\"/>"
            xml += "</attvalues></edge>\n"
        }
        xml += "    </edges>\n  </graph>\n</gexf>\n"
        return xml
    }

    static func graphML(_ graph: CitationGraph, paths: PathDisplay) throws -> String {
        let network = graph.network
        var xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
              <key id="label" for="node" attr.name="label" attr.type="string"/>

            """
        for name in nodeAttributes {
            xml += "  <key id=\"\(name)\" for=\"node\" attr.name=\"\(name)\" attr.type=\"string\"/>\n"
        }
        xml += """
              <key id="count" for="edge" attr.name="count" attr.type="int"/>
              <key id="line" for="edge" attr.name="line" attr.type="int"/>
              <key id="text" for="edge" attr.name="text" attr.type="string"/>
              <graph id="citations" edgedefault="directed">

            """
        for index in graph.nodes {
            let node = network.nodes[index]
            xml += "    <node id=\"\(XLSXWriter.escape(id(node)))\"><data key=\"label\">\(XLSXWriter.escape(label(node)))</data>"
            for (name, value) in zip(nodeAttributes, attributes(node, paths: paths)) where !value.isEmpty {
                xml += "<data key=\"\(name)\">\(XLSXWriter.escape(value))</data>"
            }
            xml += "</node>\n"
        }
        for edge in graph.edges {
            xml += "    <edge source=\"\(XLSXWriter.escape(id(network.nodes[edge.citing])))\" target=\"\(XLSXWriter.escape(id(network.nodes[edge.cited])))\"><data key=\"count\">\(edge.count)</data>"
            let passage = try firstPassage(edge.first, network)
            xml += "<data key=\"line\">\(passage.line)</data><data key=\"text\">\(XLSXWriter.escape(passage.text))</data>"
            xml += "</edge>\n"
        }
        xml += "  </graph>\n</graphml>\n"
        return xml
    }

    static func edgeRows(_ graph: CitationGraph, paths: PathDisplay) throws -> [[String]] {
        let network = graph.network
        return try graph.edges.map { edge in
            let citing = network.nodes[edge.citing]
            let cited = network.nodes[edge.cited]
            let passage = try firstPassage(edge.first, network)
            return [paths.show(citing.path), citing.title,
                    cited.kind == .document ? paths.show(cited.path) : id(cited), label(cited), attributes(cited, paths: paths)[0],
                    String(edge.count), citing.date, String(passage.line), network.references[edge.first].citation.target,
                    passage.text]
        }
    }

    /// The passage of a reference (its citing document's).
    static func firstPassage(_ reference: Int, _ network: CitationNetwork) throws -> (line: Int, text: String) {
        let found = network.references[reference]
        let citing = network.nodes[found.citing]
        let segment = network.reader.segments[citing.segment]
        return (segment.line(ofPassage: found.passage), try segment.text(ofPassage: found.passage))
    }

    /// Whether a text is a date as GEXF's `timeformat="date"` reads one (YYYY-MM-DD).
    static func isDate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        return parts.count == 3 && parts.map(\.count) == [4, 2, 2] && parts.allSatisfy { $0.allSatisfy(\.isASCII) && Int($0) != nil }
    }
}
