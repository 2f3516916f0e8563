import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import PolicySearch
import TestSupport

@testable import PolicyServer

/// A small corpus in a temporary folder, its index, and the web app's routes over it.
final class ServerFixture: @unchecked Sendable {
    let folder = TemporaryFolder("policy-server-tests")
    let index: SearchIndex
    let service: SearchService

    static let hostileTitle = #"恶意标题<script>alert(1)</script>"#
    static let hostileText = #"数据交易 <script>alert(1)</script> 与 "><img src=x onerror=alert(1)> 的测试。"#

    init(token: String? = nil) throws {
        folder.write("corpus/guizhou.md", """
            ---
            title: 贵州省大数据发展行动计划
            issuer: 贵州省人民政府
            region: 贵州
            level: 省级
            date: 2016-03-15
            number: 黔府发〔2016〕8号
            type: 行动计划
            ---
            # 贵州省大数据发展行动计划

            一、发展基础

            建设贵阳大数据交易所，推进数据交易平台建设。

            二、主要任务

            推动数据交易规范发展，完善数据安全保障。

            加快数据交易市场培育，数据交易额稳步增长。

            """)
        folder.write("corpus/beijing.md", """
            ---
            title: 北京市大数据实施方案
            issuer: 北京市人民政府
            region: 北京
            level: 省级
            date: 2017-05-01
            type: 实施方案
            ---
            # 北京市大数据实施方案

            探索数据交易机制，发展数据服务业。

            """)
        folder.write("corpus/national.md", """
            ---
            title: 促进大数据发展行动纲要
            issuer: 国务院
            region: 全国
            level: 国家级
            date: 2015-08-31
            type: 纲要
            ---
            # 促进大数据发展行动纲要

            引导培育大数据交易市场，开展面向应用的数据交易市场试点。

            """)
        folder.write("corpus/citing.md", """
            ---
            title: 北京市公共数据条例
            region: 北京
            date: 2021-01-01
            ---
            # 北京市公共数据条例

            根据《促进大数据发展行动纲要》（国发〔2015〕50号）和《<script>alert(2)</script>办法》，制定本条例。

            """)
        folder.write("corpus/hostile.md", """
            ---
            title: \(Self.hostileTitle)
            issuer: '"><img src=x onerror=alert(1)>'
            region: 贵州
            date: 2018-01-01
            type: 通知
            ---
            \(Self.hostileText)

            """)
        index = try SearchIndex.open(SearchIndex.Configuration(index: folder.file("index"), corpus: folder.file("corpus")))
        var limits = ServerLimits()
        limits.reloadInterval = .zero
        service = SearchService(index: index, limits: limits)
        self.token = token
    }

    let token: String?

    var app: some ApplicationProtocol { Application(router: PolicyServer.buildRouter(service: service, token: token)) }

    /// Runs `body` with a client of the routes.
    func test<R: Sendable>(_ body: @Sendable (any TestClientProtocol) async throws -> R) async throws -> R {
        try await app.test(.router, body)
    }

    /// The id of the document at a corpus-relative path.
    static func id(_ path: String) -> String { DocumentID.of(path: path) }
}

/// `?q=…&…` with each value percent-encoded.
func query(_ pairs: (String, String)...) -> String {
    QueryParameters(pairs: pairs).encoded
}

extension TestResponse {
    var text: String { String(buffer: body) }
    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
    }
}
