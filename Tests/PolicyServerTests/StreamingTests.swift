import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import PolicyServer

/// A streamed download that fails midway must not look complete: over a real
/// connection the chunked body ends without its last (empty) chunk.
@Suite struct StreamingTests {
    struct Midway: Error {}

    /// The raw bytes of an answer to GET `path`, read until the server closes;
    /// `received` is called once, when the first bytes of a body have arrived.
    static func raw(port: Int, path: String, received: () -> Void = {}) throws -> String {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Midway() }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw Midway() }
        let request = "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
        _ = request.withCString { send(fd, $0, strlen($0), 0) }
        var timeout = timeval(tv_sec: 60, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var bytes: [UInt8] = []
        var told = false
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n <= 0 { break }
            bytes += buffer[0..<n]
            if !told, bytes.count > 4096 { told = true; received() }
            // A complete chunked body ends so: stop reading a kept-alive connection.
            if bytes.count >= 5, Array(bytes.suffix(5)) == Array("0\r\n\r\n".utf8) { break }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test func aFailureMidwayEndsTheConnectionWithoutTheLastChunk() async throws {
        let router = Router(context: BasicRequestContext.self)
        let piece = String(repeating: "数据交易,", count: 20_000)
        // The failure comes once the client holds the first bytes: a failure
        // before anything left the server would close the connection with the
        // head still queued, and prove nothing about a download that fails midway.
        let clientHasBytes = DispatchSemaphore(value: 0)
        router.get("/fails") { _, _ in
            Response(status: .ok, body: Export.streamed({ sink in
                for _ in 0..<5 { try sink.write(piece) }
                _ = clientHasBytes.wait(timeout: .now() + 30)
                throw Midway()
            }))
        }
        router.get("/works") { _, _ in
            Response(status: .ok, body: Export.streamed({ sink in
                for _ in 0..<5 { try sink.write(piece) }
            }))
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            let port = try #require(client.port)
            let failed = try Self.raw(port: port, path: "/fails") { clientHasBytes.signal() }
            #expect(failed.lowercased().contains("transfer-encoding: chunked"))
            #expect(failed.contains("数据交易"))
            #expect(!failed.hasSuffix("0\r\n\r\n"))
            let complete = try Self.raw(port: port, path: "/works")
            #expect(complete.hasSuffix("0\r\n\r\n"))
            #expect(complete.components(separatedBy: "数据交易").count - 1 == 5 * 20_000)
        }
    }

    @Test func exportsBeyondTheLimitAreRefused() throws {
        let fixture = try ServerFixture()
        for _ in 0..<fixture.service.limits.exports { try fixture.service.beginExport() }
        #expect(throws: ServerError.self) { try fixture.service.beginExport() }
        fixture.service.endExport()
        try fixture.service.beginExport()
    }
}
