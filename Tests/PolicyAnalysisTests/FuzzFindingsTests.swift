import Foundation
import Testing
@testable import PolicyAnalysis

/// Inputs the fuzz targets (`Fuzz/`) found to trap, as regression tests: each
/// must now give text or an error.
@Suite("Fuzz findings")
struct FuzzFindingsTests {
    /// The offsets of a ZIP's central directory records (little-endian
    /// signature 0x02014B50), in `bytes`.
    static func centralRecords(_ bytes: [UInt8]) -> [Int] {
        (0..<(bytes.count - 46)).filter { bytes[$0...].starts(with: [0x50, 0x4B, 0x01, 0x02]) }
    }

    static func document() throws -> [UInt8] {
        try DOCXFixture(paragraphs: [.init(text: "关于促进大数据发展的通知", style: "Title"), .init(text: "推进政府数据开放共享。")]).bytes()
    }

    /// FuzzDOCXExtractor's first find: a central directory record whose local
    /// header offset points past the end of the file made ZIPFoundation's
    /// in-memory archive trap (a range with reversed bounds) instead of failing.
    @Test(arguments: [0x0000_FFFF, 0x7FFF_FFFF, 0xFFFF_FFFE])
    func aLocalHeaderOffsetPastTheEndIsAnErrorNotATrap(offset: UInt32) throws {
        var bytes = try Self.document()
        #expect(try DOCXExtractor.extract(bytes).text.contains("推进政府数据开放共享"))
        for record in Self.centralRecords(bytes) {
            for k in 0..<4 { bytes[record + 42 + k] = UInt8((offset >> UInt32(8 * k)) & 0xFF) }
        }
        #expect(throws: ExtractionError.self) { try DOCXExtractor.extract(bytes) }
    }

    /// The same, with the central directory itself said to start past the end.
    @Test func aCentralDirectoryPastTheEndIsAnErrorNotATrap() throws {
        var bytes = try Self.document()
        let end = try #require((0...(bytes.count - 22)).reversed().first { bytes[$0...].starts(with: [0x50, 0x4B, 0x05, 0x06]) })
        for k in 0..<4 { bytes[end + 16 + k] = 0xF0 }
        #expect(throws: ExtractionError.self) { try DOCXExtractor.extract(bytes) }
    }

    /// The fuzzer's own input, as it found it (its first byte picked the
    /// whole-archive mode of the target).
    @Test func theFuzzersFirstDOCXFindIsAnError() throws {
        let found = Array(Data(base64Encoded: Self.firstFind)!)
        #expect(throws: ExtractionError.self) { try DOCXExtractor.extract(Array(found.dropFirst())) }
    }

    static let firstFind = """
        AFBLAwQUAAAACADyaYJd5rh0a1wAAABiAAAAEwAAAFtDb250ZW50X1R5cGVzXS54bWwVzE0KgCAQQOGrhPsca9EiSi/RBUSmH8pR
        nCHq9tny8cGb3BOv5sbCR6JZddooZ6flzchNFeJZ7SJ5BOCwY/SsU0aqsqYSvdQsG2QfTr8h9MYMEBIJkrTyPxTYD1BLAwQUAAAA
        CADyaYJdcrsKt/AEAADjCgAAEQAAAHdvcmQvZG9jdW1lbnQueG1svVbbTiJZFP0VwruNdtIzHaL22zx3MjMfwGCNmsglBa3jGxdp
        CgqEGaEUKAVRENsGRRCwAP2Yrn1O1ZO/MPtwavCWTiZMMi9FUXXO2nuvtdc+tfjhD8+GbVMQA+s+75J94c283SZ43b6Vde/qkv3X
        X36ae2//sLy45VzxuT95BG/Qhuu9AefWkn0tGPQ7HY6Ae03wuAJvfH7Bi+9+94keVxD/iquOLZ+44hd9biEQQDjPhuPt/PwPDo9r
        3WtnkL/5VrbZr59dRHaZoDsDfpdbWLL7RSEgiJuCfTm4HtwQnDaInYF6BadnJD8ge0VdOyUHe3DbgcwVLYygnSf1COmEH0YSreTo
        eY9eHUOl/TBKLDoQepldxcnV/6+irgcCnwTRaTPrBTK45DFJ7p42FQ5P1OhswKKwimT/AzwbxooriIy8nV/4cW7+3dz8+++j+D9O
        cPw/B7c3BNuWc9O1gTrbHXwZf8kjLf/PBBP1K0cg+S7NfraiZ3eoGoZBZJoGD23UM5CM6oMmURPmvvosw0wSdQHNemgqMsnd0eIO
        A2zdPoxS+l0JYzERa02aT/H1Ux11TYO9Y8hEjVD0W5wh6vbZ8vHBm9wTr+bGwkeiWXXaKGen5c3ITRXiWe0ieQTgsGP00Se4BYVj
        Hu7k4U7W7w/NoqprddTU6HWQGTPaAOmzNQWwbdTGo/kzWYhrrPxW8Rn5jQLRlInVZcAh1S4bB3FEIMnkM09K+xCrsTKVW77FvMjR
        zvDRXBgxESfKiE1WdB3OHn0sTY2kD8d881R7jgIpBS7rRBkz3GPpP0yRBDPhq2FmSHGzdG00JCR0NmRruPavcXxaBjstQkh+HYvP
        e2x3bHqmrhoi++fMqBPbIEFPtxA1DXKB9q45ZQtIGeTL6CHm3UkALiOTd1ib1sBj4NhHXzI4hOgMsTsm7qyjaNhfOKunLKNu2G5o
        UHN4ROIJxDcrB1CezLndBsh542Rshiq4xRgn0GSQjtNucWYZoFRijXyV5ic0O0qwqFNtNjQOgl1sxv80jtJM4Enjo0WMfgOqUU4i
        to55WIVYHyIF2PkCcpVNzcwlP6SwA14b1Dpi1IbFUlZiRrk8J+UaRrHAuU43YWSJzbOQjOed0cEeL9CzsFlsc//hXOcJsGKzkj5W
        6blmKnszc4gfCezMVeIonM3v21h3b88FBJfoXrOZlRiOHIrpXV5gOKNQwtmP9KJ3cT3u4m1gHh5ZJ5sS14fsNPjel0ZAcAc/ivyL
        hn9UOh4/WJf/BlBLAQIUAxQAAAAIAPJpgl3muHRrXAAAAGIAAAATAAAAAAAAAAAAAACAAQAAAABbQ29udGVudF9UeXBlc10ueG1s
        UEsBAhQDFAAAAAgA8mmCXXK7CrfwBAAA4woAABEAAAAAAAAAAAAAAIABjQAAAHdvcmQvZG9jdW1lbnQueG1sUEsFBgAAAAACAAIA
        gAAAAKwFAAAAAA==
        """.replacingOccurrences(of: "\n", with: "").replacingOccurrences(of: " ", with: "")
}
