import Foundation

/// Reads legacy Word (.doc) and WPS Office (.wps) files by having LibreOffice
/// convert them to .docx (`soffice --headless --convert-to docx`) in a
/// temporary folder, then reading that (``DOCXExtractor``), so that heading
/// styles and list numbering survive.
///
/// Without LibreOffice such files are skipped with a message saying how to
/// enable them. Each conversion uses its own LibreOffice profile, so that it
/// neither waits for nor disturbs a LibreOffice the user has open; conversions
/// run one at a time.
public enum LegacyOfficeConverter {
    static let timeout = 180.0
    private static let lock = NSLock()

    /// The LibreOffice program, if installed.
    public static var soffice: String? {
        ExternalProcess.find("soffice") ?? ExternalProcess.find("libreoffice")
            ?? ["/usr/lib/libreoffice/program/soffice", "/opt/libreoffice/program/soffice",
                "/Applications/LibreOffice.app/Contents/MacOS/soffice"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    public static let howToEnable = "install LibreOffice (apt-get install libreoffice-writer-nogui) to index .doc and .wps files"

    public static func extract(path: String) throws -> ExtractedDocument {
        guard let soffice else {
            throw ExtractionError("is a legacy Word or WPS document, and LibreOffice is not installed: \(howToEnable)")
        }
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let run: ExternalProcess.Result
        do {
            lock.lock()
            defer { lock.unlock() }
            run = try ExternalProcess.run(soffice, [
                "-env:UserInstallation=file://" + folder.path + "/profile", "--headless", "--norestore", "--nolockcheck",
                "--convert-to", "docx:MS Word 2007 XML", "--outdir", folder.path + "/out", path,
            ], timeout: timeout, environment: ["HOME": folder.path])
        }
        if run.timedOut { throw ExtractionError("is a legacy Office file that LibreOffice could not convert within \(Int(timeout)) s") }
        let converted = (try? FileManager.default.contentsOfDirectory(atPath: folder.path + "/out"))?
            .first { $0.lowercased().hasSuffix(".docx") }
        guard let converted, let bytes = try? FileReader.bytes(atPath: folder.path + "/out/" + converted), !bytes.isEmpty else {
            let said = run.stderr.split(whereSeparator: \.isNewline).map(String.init)
                .filter { !$0.contains("javaldx") && !$0.isEmpty }.last ?? ""
            throw ExtractionError("is a legacy Office file that LibreOffice could not convert to text"
                + (said.isEmpty ? "" : " (\(said))") + ": damaged, password-protected, or libreoffice-writer is not installed")
        }
        var document = try DOCXExtractor.extract(bytes)
        document.encoding = "DOC via LibreOffice"
        return document
    }
}
