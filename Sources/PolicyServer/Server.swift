import Foundation
import Hummingbird
import NIOCore
import PolicySearch

/// The web app: `buildRouter` gives the routes (tests drive it with
/// HummingbirdTesting), `makeApplication` a server bound to an address.
public enum PolicyServer {
    public typealias Context = BasicRequestContext

    /// Every route, behind the security headers, the error pages, the token
    /// check (when a token is set) and the reload check.
    public static func buildRouter(service: SearchService, token: String? = nil) -> Router<Context> {
        let router = Router(context: Context.self)
        router.add(middleware: SecurityHeaders())
        router.add(middleware: ErrorPages())
        if let token { router.add(middleware: TokenCheck(token: token)) }
        router.add(middleware: Reload(service: service))

        router.get("/") { request, _ in try await offload { try searchPage(request, service: service) } }
        router.get("/search") { request, _ in try await offload { try searchPage(request, service: service) } }
        router.get("/documents/:id") { request, context in
            let id = try context.parameters.require("id")
            return try await offload { try documentPage(id: id, request: request, service: service) }
        }
        router.get("/documents/:id/file") { _, context in
            let id = try context.parameters.require("id")
            return try await offload { try fileDownload(id: id, service: service) }
        }
        router.get("/export") { request, _ in try await offload { try Export.response(request, service: service) } }
        router.get("/kwic") { request, _ in try await offload { try ConcordancePage.response(request, service: service) } }
        router.get("/tally") { request, _ in try await offload { try TallyPage.response(request, service: service) } }
        router.get("/code") { request, _ in try await offload { try CodebookPage.response(request, service: service) } }
        router.get("/api/search") { request, _ in try await offload { try API.search(request, service: service) } }
        router.get("/api/documents/:id") { _, context in
            let id = try context.parameters.require("id")
            return try await offload { try API.document(id: id, service: service) }
        }
        router.get("/api/tally") { request, _ in try await offload { try API.tally(request, service: service) } }
        router.get("/static/app.css") { _, _ in asset(Assets.stylesheet, type: "text/css; charset=utf-8") }
        router.get("/static/app.js") { _, _ in asset(Assets.javascript, type: "text/javascript; charset=utf-8") }
        return router
    }

    /// A server of the routes on `host`:`port`; `ready` hears the URL once it listens.
    public static func makeApplication(service: SearchService, host: String, port: Int, token: String?,
                                       ready: @escaping @Sendable (String) -> Void) -> some ApplicationProtocol {
        let router = buildRouter(service: service, token: token)
        // Hummingbird logs each start at info level: one line of ours is enough.
        if getenv("LOG_LEVEL") == nil { setenv("LOG_LEVEL", "warning", 1) }
        return Application(router: router, configuration: .init(address: .hostname(host, port: port), serverName: nil),
                           onServerRunning: { channel in
                               let bound = channel.localAddress?.port ?? port
                               let shown = host.contains(":") ? "[\(host)]" : host
                               ready("http://\(shown):\(bound)/")
                           })
    }

    /// Runs blocking work (searches, reading documents) on a dispatch thread,
    /// so that a long query does not hold one of Swift's few cooperative threads.
    static func offload<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
        }
    }

    static func documentPage(id: String, request: Request, service: SearchService) throws -> Response {
        let parameters = QueryParameters(request.uri.query)
        let text = parameters["q"] ?? ""
        guard text.count <= service.limits.queryLength else { throw ServerError(400, "the query is longer than \(service.limits.queryLength) characters") }
        let query: Query?
        do { query = text.trimmingCharacters(in: .whitespaces).isEmpty ? nil : try QueryParser.parse(text) } catch {
            throw PageError(query: text, error: error)
        }
        return html(Pages.document(try service.document(id: id, query: query), queryText: text))
    }

    static func searchPage(_ request: Request, service: SearchService) throws -> Response {
        let parameters = QueryParameters(request.uri.query)
        let search = try SearchRequest(parameters, limits: service.limits, defaultLimit: 20)
        guard search.limit <= 100 else { throw ServerError(400, "a page shows at most 100 results") }
        if search.isEmpty { return html(Pages.search(search, parameters: parameters, results: nil, paths: nil)) }
        let query: Query
        do { query = try search.query() } catch { throw PageError(query: search.text, error: error) }
        let results = try service.search(search, query: query)
        return html(Pages.search(search, parameters: parameters, results: results, paths: service.paths(service.index.snapshot)))
    }

    static func fileDownload(id: String, service: SearchService) throws -> Response {
        let (path, name) = try service.file(id: id)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ServerError(404, "the original file is no longer in the corpus")
        }
        let type = switch (name as NSString).pathExtension.lowercased() {
        case "md": "text/markdown; charset=utf-8"
        case "txt": "text/plain; charset=utf-8"
        case "pdf": "application/pdf"
        case "html", "htm": "application/octet-stream"  // never rendered as a page of this site
        case "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        default: "application/octet-stream"
        }
        var headers = HTTPFields()
        headers[.contentType] = type
        headers[.contentDisposition] = attachment(name)
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// `attachment; filename="…"; filename*=UTF-8''…`, ASCII-safe.
    static func attachment(_ name: String) -> String {
        let ascii = String(name.unicodeScalars.map { $0.isASCII && $0 != "\"" && $0 != "\\" && $0.value >= 0x20 ? Character($0) : "_" })
        return "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(QueryParameters.encode(name))"
    }

    static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func json(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func asset(_ text: String, type: String) -> Response {
        Response(status: .ok, headers: [.contentType: type, .cacheControl: "no-cache"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}

/// An error on a page, with the query to show back in the box.
struct PageError: Error {
    var query: String
    var error: Error
}

/// The Content-Security-Policy and friends on every answer.
struct SecurityHeaders: RouterMiddleware {
    typealias Context = PolicyServer.Context
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.init("Content-Security-Policy")!] = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
        response.headers[.init("X-Content-Type-Options")!] = "nosniff"
        response.headers[.init("Referrer-Policy")!] = "no-referrer"
        response.headers[.init("X-Frame-Options")!] = "DENY"
        return response
    }
}

/// Errors as answers: JSON `{"error"}` under /api, an HTML page elsewhere;
/// never a trace. A bad query is 400, an unknown route or id 404.
struct ErrorPages: RouterMiddleware {
    typealias Context = PolicyServer.Context
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let isAPI = request.uri.path.hasPrefix("/api/")
        func answer(_ status: Int, _ message: String, query: String = "") -> Response {
            let code = HTTPResponse.Status(code: status)
            if isAPI {
                var object = JSONLine()
                object.field("error", message)
                return PolicyServer.json(object.line, status: code)
            }
            return PolicyServer.html(Pages.error(status: status, message: message, query: query), status: code)
        }
        func classify(_ error: Error, query: String) -> Response {
            switch error {
            case let error as PageError: return classify(error.error, query: error.query)
            case let error as ServerError: return answer(error.status, error.message, query: query)
            case let error as QueryError: return answer(400, error.description, query: query)
            case let error as HTTPError:
                return answer(Int(error.status.code), error.status == .notFound ? "no such page" : error.status.reasonPhrase, query: query)
            case let error as CustomStringConvertible:
                let line = error.description.split(separator: "\n").first.map(String.init) ?? "internal error"
                return answer(500, line, query: query)
            default: return answer(500, "internal error", query: query)
            }
        }
        do {
            return try await next(request, context)
        } catch {
            return classify(error, query: "")
        }
    }
}

/// Checks the access token (beyond loopback): `Authorization: Bearer …`, the
/// cookie, or `?token=` once, which sets the cookie.
struct TokenCheck: RouterMiddleware {
    typealias Context = PolicyServer.Context
    static let cookie = "policy_search_token"
    let token: String

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if let authorization = request.headers[.authorization], authorization.hasPrefix("Bearer "),
           Self.equal(String(authorization.dropFirst(7)), token) {
            return try await next(request, context)
        }
        for header in request.headers[values: .cookie] {
            for item in header.split(separator: ";") {
                let pair = item.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
                if pair.count == 2, pair[0] == Self.cookie, Self.equal(String(pair[1]), token) {
                    return try await next(request, context)
                }
            }
        }
        let parameters = QueryParameters(request.uri.query)
        if let given = parameters["token"], Self.equal(given, token) {
            // Once: the cookie is set and the token leaves the address bar.
            let rest = QueryParameters(pairs: parameters.pairs.filter { $0.name != "token" }.map { ($0.name, $0.value) })
            var headers = HTTPFields()
            headers[.location] = request.uri.path + rest.encoded
            headers[.setCookie] = "\(Self.cookie)=\(token); HttpOnly; SameSite=Strict; Path=/"
            return Response(status: .seeOther, headers: headers)
        }
        throw ServerError(401, "an access token is needed: open the address with ?token=… or send Authorization: Bearer …")
    }

    /// Compares in time that depends on the lengths only.
    static func equal(_ given: String, _ expected: String) -> Bool {
        let a = Array(given.utf8), b = Array(expected.utf8)
        var difference = UInt8(a.count == b.count ? 0 : 1)
        for i in 0..<b.count { difference |= (i < a.count ? a[i] : 0) ^ b[i] }
        return difference == 0
    }
}

/// Serves a newly committed generation without a restart.
struct Reload: RouterMiddleware {
    typealias Context = PolicyServer.Context
    let service: SearchService
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        service.reloadIfDue()
        return try await next(request, context)
    }
}
