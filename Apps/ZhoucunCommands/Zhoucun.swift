import ArgumentParser
#if canImport(Glibc)
@preconcurrency import Glibc
#endif
import Foundation
import GRDB
import GazetteModel
import GazetteStore
import ModuleSpine
import ModuleSpineCLI
import ZhoucunModules
import XMLCore

/// `zhoucun`: the gazette of 周村区 as data, rosters and rules.
public struct Zhoucun: ParsableCommand {
    public static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "zhoucun",
            abstract: "The Zhoucun district gazette (淄博市周村区人民政府公报) as documents, shared rosters and rules with their clauses.",
            version: "0.1.0",
            subcommands: [
                ImportCommand.self, DocsCommand.self, LogCommand.self, ExportCommand.self, GazetteCommand.self, RosterCommand.self, UnitsCommand.self,
                ParamsCommand.self, CalendarCommand.self, ConfigCommand.self, OverviewCommand.self, DemoCommand.self, ServeCommand.self, UsersCommand.self,
                TasksCommand.self,
            ],
            groupedSubcommands: [CommandGroup(name: "Policy modules", subcommands: ModuleRegistry.commands)]
        )
    }

    public init() {}

    /// Parses and runs a command line in this process, with its environment and where its text
    /// goes: the executable's `main` gives the process's own; a test gives buffers. Our own errors
    /// print as `zhoucun: error: …` with exit code 1; argument errors and help as ArgumentParser
    /// words them. The exit code is returned, never exited with.
    public static func run(_ arguments: [String], environment: [String: String] = ProcessInfo.processInfo.environment,
                           output: TextSink = .standardOutput, error: TextSink = .standardError) -> Int32 {
        ProcessEnvironment.$current.withValue(environment) {
            Invocation.$context.withValue(OperationContext.from(environment: environment)) {
                Invocation.$output.withValue(output) {
                    Invocation.$error.withValue(error) { run(arguments) }
                }
            }
        }
    }

    static func run(_ arguments: [String]) -> Int32 {
        do {
            try execute(arguments)
            try flushOutput()
            return 0
        } catch let error as any ReportableError {
            Console.warn("zhoucun: error: \(error)")
        } catch let error as DecodingError {
            // A record the store holds that this zhoucun cannot read: a damaged store.
            Console.warn("zhoucun: error: the store holds a record that cannot be read (damaged, or written by another program): \(decodingDescription(error))")
        } catch let error as DatabaseError {
            // The store failed under a command (a full disk, a file another program locked).
            Console.warn("zhoucun: error: the database: \(error.message ?? error.description)")
        } catch {
            if let reason = typedValueReason(fullMessage(for: error)) ?? negativeValueReason(fullMessage(for: error), arguments) {
                Console.warn("zhoucun: error: \(reason)")
                return 64
            }
            // As ArgumentParser's own `exit(withError:)`: help on the output, an error on the error stream.
            let code = exitCode(for: error)
            let sink = code == .success ? Invocation.output : Invocation.error
            let text = fullMessage(for: error, columns: sink.columns)
            if !text.isEmpty { sink(text + "\n") }
            return code.rawValue
        }
        return 1
    }

    /// `--amount -5` reads to the parser as an option without its value: said as what it is.
    static func negativeValueReason(_ message: String, _ arguments: [String]) -> String? {
        guard let match = message.firstMatch(of: /Missing value for '(--[a-z0-9-]+)/), let index = arguments.firstIndex(of: String(match.1)),
              index + 1 < arguments.count, arguments[index + 1].wholeMatch(of: /-[0-9][0-9.,]*/) != nil else { return nil }
        return "\(match.1) \(arguments[index + 1]): a negative number is not an amount or a count here; to take back an entry, void it (`… void ID --reason …`)"
    }

    /// The argument parser says only that a value is invalid: for a date or an amount, the
    /// reason (`--date 2026-02-30: 2026年2月没有30日`) and the forms accepted.
    static func typedValueReason(_ message: String) -> String? {
        guard let match = message.firstMatch(of: /The value '(.+)' is invalid for '([^']+)'/) else { return nil }
        // `--date <date>` is named by its flag, an argument `<date>` by its name.
        let named = String(match.2)
        let value = String(match.1), option = named.hasPrefix("--") ? String(named.prefix { $0 != " " }) : named.trimmingCharacters(in: CharacterSet(charactersIn: "<>"))
        let digits = value.unicodeScalars.filter { ("0"..."9").contains($0) || (0xFF10...0xFF19).contains($0.value) }.count
        guard digits > 0 else { return nil }
        let looksLikeDate = value.contains("年") || value.contains("/") || value.filter({ $0 == "-" }).count == 2 || (digits == 8 && value.count == 8)
        guard looksLikeDate else { return TypedValue.amount(value).failure.map { "\(option) \($0)" } }
        return TypedValue.date(value).failure.map { "\(option) \($0)" }
    }
}

extension Result {
    var failure: Failure? { if case .failure(let error) = self { error } else { nil } }
}

/// Where a record could not be decoded, in words.
func decodingDescription(_ error: DecodingError) -> String {
    switch error {
    case .dataCorrupted(let context), .keyNotFound(_, let context), .typeMismatch(_, let context), .valueNotFound(_, let context):
        let path = context.codingPath.map(\.stringValue).joined(separator: ".")
        return (path.isEmpty ? "" : "at \(path): ") + context.debugDescription
    @unknown default:
        return "\(error)"
    }
}

/// Whether a write to standard output failed on the way (its error indicator).
enum StandardOutput {
    static var failed: Bool { ferror(stdout) != 0 }
}

/// The output could not be written (a full disk, a closed pipe): said, with a non-zero exit, so
/// that `zhoucun export … > backup.xml` never leaves a cut file behind a success.
struct OutputError: ReportableError {
    var reason: String
    var description: String { "cannot write the output: \(reason)" }
}

extension Zhoucun {
    /// Every command prints through the C library's buffered standard output: what is left is
    /// written here, and any write that failed on the way is an error.
    static func flushOutput() throws {
        if fflush(nil) != 0 || StandardOutput.failed {
            throw OutputError(reason: String(cString: strerror(errno == 0 ? EIO : errno)))
        }
    }

    /// Parses a command line and runs it; a store command gets the store at its `--db` with
    /// every module of `ModuleRegistry`. Errors are thrown, not printed.
    /// A write runs as the person `--by` names, else the invocation's.
    public static func execute(_ arguments: [String]) throws {
        var command = try parseAsRoot(arguments)
        guard let storeCommand = command as? any StoreCommand else { return try command.run() }
        let context = Invocation.context.acting(as: (command as? any StoreWriteCommand)?.writer.by)
        try Invocation.$context.withValue(context) {
            try storeCommand.run(in: Store(path: storeCommand.store.path, modules: ModuleRegistry.all, context: context))
        }
    }
}

// XMLCore stands apart from the model (no Foundation there); its errors print the same way.
extension XMLReadError: ReportableError {}

extension ModuleRegistry {
    /// Each module's command group, as its `CLI/` folder contributes it.
    public static var commands: [any ParsableCommand.Type] {
        all.compactMap { ($0 as? any CommandLineModule.Type)?.command }
    }
}
