/// The open headings above a line: a stack ordered by rank, growing a
/// ``SectionTree`` as headings open.
struct SectionPath {
    private var stack: [(heading: SectionHeading, node: Int32)] = []
    private(set) var tree = SectionTree()

    /// Opens `heading`, closing every open heading of the same or a lower level.
    ///
    /// A numbered heading written with `#` marks also closes the open Markdown
    /// headings without numbering of as many marks or more: `# 一、总体要求`
    /// after `## 目 录` is not part of the table of contents. Numbered headings
    /// still open under it stay open, as their numbering says where they end.
    mutating func open(_ heading: SectionHeading) {
        while let last = stack.last, last.heading.rank >= heading.rank { stack.removeLast() }
        if heading.isNumbered, heading.markdownLevel > 0 {
            while let last = stack.last, !last.heading.isNumbered, last.heading.markdownLevel >= heading.markdownLevel {
                stack.removeLast()
            }
        }
        let node = Int32(tree.nodes.count)
        tree.nodes.append(.init(parent: stack.last?.node ?? -1, label: heading.label))
        stack.append((heading, node))
    }

    /// The innermost open heading's node, or -1.
    var current: Int32 { stack.last?.node ?? -1 }

    var isEmpty: Bool { stack.isEmpty }

    /// The path as shown to users, such as `第一章 总则 > 第三条`.
    var description: String { tree.path(of: Int(current)) }
}
