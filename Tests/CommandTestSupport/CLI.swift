import Foundation
import ModuleSpineCLI
import TestSupport
import ZhoucunCommands

/// Runs `zhoucun` command lines: in this process by default (the same parsing, store, context
/// and exit code as the binary, its text collected), or through the built binary where the real
/// process is what is tested (start-up, a closed or full output, another OS user).
public enum CLI {
    public struct Result: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    /// The `zhoucun` executable built beside the test bundle.
    public static var binary: URL {
        let directory = Bundle.main.bundleURL.pathExtension == "xctest"
            ? Bundle.main.bundleURL.deletingLastPathComponent() : Bundle.main.bundleURL
        return directory.appendingPathComponent("zhoucun")
    }

    /// Runs a command line in process, with the test process's environment (but `$ZHOUCUN_DB`)
    /// and `environment` over it; `input` is what it reads as its standard input, a line each.
    @discardableResult
    public static func run(_ arguments: [String], environment: [String: String] = [:], input: [String] = []) throws -> Result {
        let output = TextBuffer(), error = TextBuffer()
        let status = Invocation.$input.withValue(.lines(input)) {
            Zhoucun.run(arguments, environment: merged(environment), output: output.sink, error: error.sink)
        }
        return Result(status: status, stdout: output.text, stderr: error.text)
    }

    static func merged(_ environment: [String: String]) -> [String: String] {
        var merged = ProcessInfo.processInfo.environment
        merged.removeValue(forKey: "ZHOUCUN_DB")
        for (key, value) in environment { merged[key] = value }
        return merged
    }

    /// Runs the binary (or `executable`); with `standardOutput`, its output goes to that file (`/dev/full`) instead.
    @discardableResult
    public static func process(_ arguments: [String], environment: [String: String] = [:], standardOutput: String? = nil,
                               executable: String? = nil) throws -> Result {
        let process = Process()
        process.executableURL = executable.map { URL(fileURLWithPath: $0) } ?? binary
        process.arguments = arguments
        process.environment = merged(environment)
        let out = Pipe()
        let err = Pipe()
        if let standardOutput {
            process.standardOutput = FileHandle(forWritingAtPath: standardOutput)
        } else {
            process.standardOutput = out
        }
        process.standardError = err
        try process.run()
        if standardOutput != nil { try out.fileHandleForWriting.close() }
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// A fresh database path with the sample issue imported through the command line.
    public static func seededDatabasePath(environment: [String: String] = [:]) throws -> String {
        let path = try Fixtures.temporaryFolder().appendingPathComponent("cli.sqlite").path
        let result = try run(["import", Fixtures.seedText.path, "--db", path], environment: environment)
        guard result.status == 0 else { throw CLIError(result: result) }
        return path
    }

    /// JSON output parsed.
    public static func json(_ arguments: [String]) throws -> Any {
        let result = try run(arguments)
        guard result.status == 0 else { throw CLIError(result: result) }
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
    }

    public struct CLIError: Error, CustomStringConvertible {
        public var result: Result
        public init(result: Result) { self.result = result }
        public var description: String { "exit \(result.status): \(result.stderr)" }
    }
}

