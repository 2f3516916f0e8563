/// Writes a segment file's frame: header, 8-byte aligned sections with their
/// CRC-32, the section directory and the footer (``IndexFormat``).
struct SectionedFileWriter {
    private let sink: FileSink
    private var directory: [(section: IndexFormat.Section, offset: Int, length: Int, crc: UInt32)] = []
    private var current: (section: IndexFormat.Section, offset: Int, crc: CRC32)?

    init(sink: FileSink) { self.sink = sink }

    /// Writes the header; `id` is the segment's 32 hex digits.
    mutating func writeHeader(id: String) throws {
        var header = ByteWriter()
        header.writeBytes(IndexFormat.headerMagic)
        header.write(IndexFormat.version)
        header.writeBytes(IndexFormat.segmentIDBytes(id))
        header.writeBytes(repeatElement(0, count: IndexFormat.headerLength - header.count))
        try sink.write(header.bytes)
    }

    mutating func beginSection(_ section: IndexFormat.Section) throws {
        let padding = (8 - sink.offset % 8) % 8
        if padding > 0 { try sink.write([UInt8](repeating: 0, count: padding)) }
        current = (section, sink.offset, CRC32())
    }

    mutating func append(_ bytes: UnsafeRawBufferPointer) throws {
        current!.crc.update(bytes)
        try sink.write(bytes)
    }

    mutating func append(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try append($0) }
    }

    mutating func endSection() throws {
        let open = current!
        directory.append((open.section, open.offset, sink.offset - open.offset, open.crc.value))
        current = nil
    }

    mutating func section(_ section: IndexFormat.Section, _ bytes: UnsafeRawBufferPointer) throws {
        try beginSection(section)
        try append(bytes)
        try endSection()
    }

    mutating func section(_ section: IndexFormat.Section, _ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try self.section(section, $0) }
    }

    /// Writes the directory and footer, then syncs and closes the file.
    mutating func finish() throws {
        let padding = (8 - sink.offset % 8) % 8
        if padding > 0 { try sink.write([UInt8](repeating: 0, count: padding)) }
        var table = ByteWriter()
        table.write(UInt32(directory.count))
        for entry in directory {
            table.write(entry.section.rawValue)
            table.write(UInt64(entry.offset))
            table.write(UInt64(entry.length))
            table.write(entry.crc)
        }
        let tableOffset = sink.offset
        try sink.write(table.bytes)
        var footer = ByteWriter()
        footer.write(UInt64(tableOffset))
        footer.write(UInt64(table.count))
        footer.write(table.bytes.withUnsafeBytes { CRC32.checksum($0) })
        footer.writeBytes(IndexFormat.footerMagic)
        try sink.write(footer.bytes)
        try sink.close()
    }
}
