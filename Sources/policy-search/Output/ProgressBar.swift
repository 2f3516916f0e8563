import Foundation
import PolicyIndex

/// A progress bar for long builds, on standard error when it is a terminal:
/// files, megabytes, rate and time left, redrawn at most ten times a second.
final class ProgressBar {
    private let started = Date()
    private var lastDrawn = Date.distantPast
    private let width = 24
    private(set) var drawn = false

    /// Whether a bar can be shown: standard error is a terminal.
    static var isAvailable: Bool { isatty(STDERR_FILENO) != 0 }

    func update(_ progress: BuildProgress) {
        let now = Date()
        let finished = progress.filesDone == progress.filesTotal
        guard finished || now.timeIntervalSince(lastDrawn) >= 0.1 else { return }
        lastDrawn = now
        drawn = true
        FileHandle.standardError.write(Data(("\r" + Self.line(progress, elapsed: now.timeIntervalSince(started), width: width) + "\u{1B}[K").utf8))
    }

    /// Clears the bar's line.
    func finish() {
        if drawn { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }

    /// The bar's text, such as `[#########               ] 1234/3869 files  23.4/68.5 MB  12.3 MB/s  3 s left`.
    static func line(_ progress: BuildProgress, elapsed: Double, width: Int) -> String {
        let fraction = progress.bytesTotal > 0 ? Double(progress.bytesDone) / Double(progress.bytesTotal)
            : Double(progress.filesDone) / Double(max(1, progress.filesTotal))
        let filled = min(width, Int((fraction * Double(width)).rounded(.down)))
        let bar = "[" + String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled) + "]"
        let done = Double(progress.bytesDone) / 1e6
        let total = Double(progress.bytesTotal) / 1e6
        let rate = elapsed > 0 ? done / elapsed : 0
        let left = rate > 0 ? Int(((total - done) / rate).rounded(.up)) : 0
        return "\(bar) \(progress.filesDone)/\(progress.filesTotal) files  \(String(format: "%.1f/%.1f", done, total)) MB  "
            + "\(String(format: "%.1f", rate)) MB/s  \(left) s left"
    }
}
