import FuzzSupport

/// The executable's entry (see `runFuzzer`).
@_cdecl("FuzzQueryParser_main")
func entry(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv) { fuzzQueryParser($0, $1) }
}
