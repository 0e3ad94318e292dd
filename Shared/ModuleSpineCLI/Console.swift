#if canImport(Glibc)
@preconcurrency import Glibc
#endif
import Foundation
import GazetteStore

/// Where a command's text goes: the process's standard output or error, or a buffer (a command
/// run in process by a test or a server).
public struct TextSink: Sendable {
    private let write: @Sendable (String) -> Void
    /// Whether a person watches it (progress lines are drawn only then).
    public let isTerminal: Bool
    /// The width help text is wrapped to; nil for the terminal's own.
    public let columns: Int?

    public init(isTerminal: Bool = false, columns: Int? = 80, write: @escaping @Sendable (String) -> Void) {
        self.write = write
        self.isTerminal = isTerminal
        self.columns = columns
    }

    public func callAsFunction(_ text: String) { write(text) }

    /// The C library's buffered standard output: `Zhoucun` flushes it at the end and reports a
    /// write that failed on the way (a full disk, a closed pipe).
    public static let standardOutput = TextSink(isTerminal: isatty(STDOUT_FILENO) == 1, columns: nil) { fputs($0, stdout) }
    public static let standardError = TextSink(isTerminal: isatty(STDERR_FILENO) == 1, columns: nil) {
        FileHandle.standardError.write(Data($0.utf8))
    }
}

/// A buffer a command's text is collected in.
public final class TextBuffer: @unchecked Sendable {
    private let lock = NSLock()
    private var collected = ""

    public init() {}

    public var text: String { lock.withLock { collected } }

    public var sink: TextSink { TextSink { [self] text in lock.withLock { collected += text } } }
}

/// One run of a command: who acts and when, and where its text goes. The executable sets it from
/// the process; a test or a server sets its own for each command it runs in process.
public enum Invocation {
    @TaskLocal public static var context = OperationContext.from(environment: ProcessInfo.processInfo.environment)
    @TaskLocal public static var output = TextSink.standardOutput
    @TaskLocal public static var error = TextSink.standardError
}

/// What commands print, to the invocation's output and error.
public enum Console {
    public static func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
        Invocation.output(items.map { "\($0)" }.joined(separator: separator) + terminator)
    }

    /// A line on the error stream: a warning, a note on what was made.
    public static func warn(_ line: String) {
        Invocation.error(line + "\n")
    }
}
