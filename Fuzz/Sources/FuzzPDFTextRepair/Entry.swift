import FuzzSupport

/// The executable's entry (see `runFuzzer`).
@_cdecl("FuzzPDFTextRepair_main")
func entry(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv) { fuzzPDFTextRepair($0, $1) }
}
