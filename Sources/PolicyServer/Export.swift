import Foundation
import Hummingbird
import NIOCore
import PolicyIndex
import PolicySearch

/// `/export`: every hit of a query as a download, the same bytes as
/// `policy-search export`, streamed: a thread writes the table in pieces that
/// the response sends on, a few pieces ahead at most, so memory does not grow
/// with the number of hits. A failure midway ends the connection before the
/// last chunk of the chunked encoding: the download is visibly incomplete.
enum Export {
    static let formats: [TableFormat] = [.csv, .xlsx, .jsonl, .tsv, .md]

    static func response(_ request: Request, service: SearchService) throws -> Response {
        let parameters = QueryParameters(request.uri.query)
        let search = try SearchRequest(parameters, limits: service.limits, defaultLimit: 10)
        let query = try search.query()
        let name = parameters["format"] ?? "csv"
        guard let format = TableFormat(rawValue: name), formats.contains(format) else {
            throw ServerError(400, "format must be csv, xlsx, jsonl, tsv or md")
        }
        try service.beginExport()
        let snapshot = service.index.snapshot
        let paths = service.paths(snapshot)
        return table(named: "hits", format: format, finally: { service.endExport() }) { sink in
            try snapshot.withSearcher { searcher in
                let result = try searcher.search(query, options: SearchOptions(limit: nil))
                _ = try ExportRows.withRows(of: result, searcher: searcher, paths: paths) { rows in
                    try TableWriter.write(columns: Hit.exportColumns, rows: rows, format: format, to: &sink)
                }
            }
        }
    }

    /// A download named `name`.`format` whose table `write` produces on a
    /// thread of its own (``streamed(_:finally:)``).
    static func table(named name: String, format: TableFormat, finally: @escaping @Sendable () -> Void = {},
                      _ write: @escaping @Sendable (inout PipeSink) throws -> Void) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = format.mediaType
        headers[.contentDisposition] = PolicyServer.attachment("\(name).\(format.rawValue)")
        return Response(status: .ok, headers: headers, body: streamed(write, finally: finally))
    }

    /// A body that `produce` writes on a thread of its own, sent on as it
    /// comes; an error that `produce` throws ends the connection before the
    /// body's end. `finally` runs once the body is over, either way.
    static func streamed(_ produce: @escaping @Sendable (inout PipeSink) throws -> Void,
                         finally: @escaping @Sendable () -> Void = {}) -> ResponseBody {
        let pipe = ChunkPipe()
        let thread = Thread {
            do {
                var sink = PipeSink(pipe: pipe)
                try produce(&sink)
                try sink.flush()
                pipe.finish(nil)
            } catch {
                pipe.finish(error)
            }
        }
        thread.stackSize = 8 << 20
        thread.start()
        return ResponseBody { writer in
            defer { finally() }
            do {
                for try await chunk in pipe.stream {
                    try await writer.write(chunk)
                    pipe.taken()
                }
            } catch {
                pipe.cancel()
                throw error
            }
            try await writer.finish(nil)
        }
    }
}

/// Pieces of bytes from a writing thread to the response: the thread waits
/// while `capacity` pieces are unsent; a cancelled pipe stops the thread.
final class ChunkPipe: @unchecked Sendable {
    static let capacity = 4
    let stream: AsyncThrowingStream<ByteBuffer, Error>
    private let continuation: AsyncThrowingStream<ByteBuffer, Error>.Continuation
    private let space = DispatchSemaphore(value: ChunkPipe.capacity)
    private let lock = NSLock()
    private var cancelled = false

    struct Cancelled: Error {}

    init() {
        (stream, continuation) = AsyncThrowingStream.makeStream(of: ByteBuffer.self)
        continuation.onTermination = { [weak self] _ in self?.cancel() }
    }

    /// Sends a piece (on the writing thread), waiting for room.
    func send(_ bytes: [UInt8]) throws {
        space.wait()
        lock.lock()
        let stop = cancelled
        lock.unlock()
        if stop { throw Cancelled() }
        continuation.yield(ByteBuffer(bytes: bytes))
    }

    /// A piece was sent on: room for another.
    func taken() { space.signal() }

    func finish(_ error: Error?) {
        if let error { continuation.finish(throwing: error) } else { continuation.finish() }
    }

    func cancel() {
        lock.lock()
        let first = !cancelled
        cancelled = true
        lock.unlock()
        if first { for _ in 0...ChunkPipe.capacity { space.signal() } }
    }
}

/// A ``ByteSink`` that sends pieces of 64 KiB down a ``ChunkPipe``.
struct PipeSink: ByteSink {
    let pipe: ChunkPipe
    private var buffer: [UInt8] = []

    init(pipe: ChunkPipe) { self.pipe = pipe }

    mutating func write(_ bytes: UnsafeRawBufferPointer) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 16 { try flush() }
    }

    mutating func flush() throws {
        guard !buffer.isEmpty else { return }
        try pipe.send(buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}
