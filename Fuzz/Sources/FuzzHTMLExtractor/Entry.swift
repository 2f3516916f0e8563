import FuzzSupport

/// The executable's entry (see `runFuzzer`).
@_cdecl("FuzzHTMLExtractor_main")
func entry(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv) { fuzzHTMLExtractor($0, $1) }
}
