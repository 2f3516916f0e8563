import FuzzSupport

/// The executable's entry (see `runFuzzer`).
@_cdecl("FuzzDOCXExtractor_main")
func entry(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv) { fuzzDOCXExtractor($0, $1) }
}
