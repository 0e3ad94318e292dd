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

/// Where a command reads lines from: the process's standard input, or given lines (a test).
public struct TextSource: Sendable {
    private let read: @Sendable (_ echo: Bool) -> String?
    /// Whether a person types it: a password is then asked for, without echo.
    public let isTerminal: Bool

    public init(isTerminal: Bool = false, read: @escaping @Sendable (_ echo: Bool) -> String?) {
        self.read = read
        self.isTerminal = isTerminal
    }

    /// One line, without its line break; nil at the end.
    public func line(echo: Bool = true) -> String? { read(echo) }

    public static let standardInput = TextSource(isTerminal: isatty(STDIN_FILENO) == 1) { echo in
        guard !echo, isatty(STDIN_FILENO) == 1 else { return readLine(strippingNewline: true) }
        // What is typed is not shown: the terminal's echo is off while the line is read.
        var saved = termios()
        tcgetattr(STDIN_FILENO, &saved)
        var silent = saved
        silent.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent)
        defer {
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved)
            FileHandle.standardError.write(Data("\n".utf8))
        }
        return readLine(strippingNewline: true)
    }

    /// The given lines, one a call.
    public static func lines(_ lines: [String]) -> TextSource {
        let buffer = LineBuffer(lines)
        return TextSource { _ in buffer.next() }
    }

    private final class LineBuffer: @unchecked Sendable {
        private let lock = NSLock()
        private var lines: [String]
        init(_ lines: [String]) { self.lines = lines }
        func next() -> String? { lock.withLock { lines.isEmpty ? nil : lines.removeFirst() } }
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
    @TaskLocal public static var input = TextSource.standardInput
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
