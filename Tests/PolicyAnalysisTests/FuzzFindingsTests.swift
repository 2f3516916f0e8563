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

    /// FuzzDOCXExtractor's hang: a deflated part whose stream does not end
    /// within the archive, which ZIPFoundation's Linux reading inflated
    /// forever at the end of the file; and the same made by hand from a valid
    /// document, its stream cut short.
    @Test(.timeLimit(.minutes(1)))
    func aDeflateStreamThatNeverEndsIsAnErrorNotAHang() throws {
        let found = Array(Data(base64Encoded: Self.neverEnding, options: .ignoreUnknownCharacters)!)
        #expect(throws: ExtractionError.self) { try DOCXExtractor.extract(Array(found.dropFirst())) }
        // A valid document whose document.xml stream loses its last half
        // (its sizes still say the whole): damaged, said in one line.
        let bytes = try DOCXFixture(paragraphs: (1...40).map { .init(text: "第\($0)条 推进政府数据开放共享，促进数据交易。") }).bytes()
        let start = try #require(DOCXExtractor.dataOffset(of: "word/document.xml", in: bytes))
        var cut = bytes
        for i in (start + 40)..<min(cut.count, start + 400) { cut[i] = 0 }
        #expect(try DOCXExtractor.extract(bytes).text.contains("第40条"))
        #expect(throws: ExtractionError.self) { try DOCXExtractor.extract(cut) }
    }

    static let neverEnding = """
        AFBLAwQUAAAACADyaYJd5rh0a1wAAABiAAAAEwAAAFtDb250ZW50X1R5cGVzXS54bWwVzE0KgCAQQOGrhPsca9EiSi/RBUSmH8pR
        nCHq9tny8cGb3BOv5sbCR6JZddooZ6flzchNFeJZ7SJ5BOCwY/SsU0aqsqYSvdQsG2QfTr8h9MYMEBIJkrTyPxTYD1BLAwQUAAAA
        CADyaYJdcrsKt/AEAADjCgAAEQAAAHdvcmQvZG9jdW1lbnQueG1svVbbTiJZFP0VwruNdtIzHaL22zx3MjMfwGCNmsglBa3jGxdp
        CgqEGaEUKAVRENsGRRCwAP2Yrn1O1ZO/MPtwavCWTiZMMi9FUXXO2nuvtdc+tfjhD8+GbVMQA+s+75J94c283SZ43b6Vde/qkv3X
        X36ae2//sLy45VzxuT95BG/Qhuu9AefWkn0tGPQ7HY6Ae03wuAJvfH7Bi+9+94keVxD/iquOLZ+44hd9biEQQDjPhuPt/PwPDo9r
        3WtnkL/5VrbZr59dRHaZoDsDfpdbWLL7RSEgiJuCfTm4HtwQnDaInYF6BadnJD8ge0VdOyUHe3DbgcwVLYygnSf1COmEH0YSreTo
        eY9eHUOl/TBKLDoQepldxcnV/6+irgcCnwTRaTPrBTK45DFJ7p42FQ5P1OhswKKwimT/AzwbxooriIy8nV/4cW7+3dz8+++j+D9O
        cPw/B7c3BNuWc9O1gTrbHXwZf8kjLf/PBBP1K0cg+S7NfraiZ3eoGoZBZJoGD23UM5CM6oMmURPmvvosw0wSdQHNemgqMsnd0eIO
        A2zdPoxS+l0JYzERa02aT/H1Ux11TYO9Y8hEjVD0WygyWy36IPQtFH6WVaVLEiG4vzBDZageQbIyGzJq/A5uu1iGcd01C+MX8mAM
        0jyBUYbslmgiZYZlGi/jYnJwyQk16wq0eq93YakQ68FdihE0SJKbPiugWSejKt7A8AT6R3hjxtMk1sMbGpIxOm0mEJOWBvR2RKQs
        vZBfJiMpT5+gYHAfxRDQv4ahhluQfdpO4T2+QpGsjedlciYbvZgZ3tW1FKTDmDPLMLvzlE1cTxrHWKw+SNPSMaYBWcy/yJnRhzWa
        q5KvyWlb0H5RH8jkrxZkJRrBiMNpsS/ShnAXK9XH9zTXeIoA6Q4pRCY41kNEMPN90i6/phQSccwH1xvXfaNzYrVvrgp7YdZzmPmR
        TFv7pJOfvc+0FFNH6oFWRw6NRlMfpuEuBq0UKDuzYdJSCxJp3i3PtBvWYLcMZ5bESD6zq9LCVoZ+bcqn9baqIW8st1YRoreM/Jss
        Fst8i7RcFYn6hd600Se4BYVjHu7k4U7W7w/NoqprddTU6HWQGTPaAOmzNQWwbdTGo/kzWYhrrPxW8Rn5jQLRlInVZcAh1S4bB3FE
        IMnkM09K+xCrsTKVW77FvMjRzvDRXBgxESfKiE1WdB3OHn0sTY2kD8d881R7jgIpBS7rRBkz3GPpP0yRBDPhq2FmSHGzdG00JCR0
        NmRruPavcXxaBjstQkh+HYvPe2x3bHqmrhoi++fMqBPbIEFPtxA1DXKB9q45ZQtIGeTL6CHm3UkALiOTd1ib1sBj4NhHXzI4hOgM
        sTsm7qyjaNhfOKunLKNu2G5oUHN4ROIJxDcrB1CezLndBsh542Rshiq4xRgn0GSQjtNucWYZoFRijXyV5ic0O0qwqFNtNjQOgl1s
        xv80jtJM4Enjo0WMfgOqUU4ito55WIVYHyIF2PkCcpVNzcwlP6SwAxte1Dpi1IbFUlZiRrk8J+UaRrHAuU43YWSJzbOQjOed0cEe
        L9CzsFlsc//hXOcJsGKzkj5W6blmKnszc4gfCezMVeIonM3v21h3b88FBJfoXrOZAQAAAAAAAAlgOKNQwtmP9KJ3cT3u4m1gHh5Z
        J5sS14fsNPjel0ZAcAc/ivyLhn9UOh4/WJf/BlBLAQIUAxQAAAAIAPJpgl3muHRrXAAAAGIAAAATAAAAAAAAAAAAAACAAQAAAABb
        Q29udGVudF9UeXBlc10ueG1sUEsBAhQDFAAAAAgA8mmCXXK7CrfwBAAA4woAABEAAAAAAAAAAAAAAIABjQAAAHdvcmQvZG9jdW1l
        bnQueG1sUEsFBgAAAAACAAIAgAAAAKwFAAAAAA==

        """

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
