import ArgumentParser
import Foundation
import GRDB
import GazetteStore
import ModuleSpine

/// `--db PATH`, else `$ZHOUCUN_DB`, else `$XDG_DATA_HOME/zhoucun/zhoucun.sqlite`
/// (`~/.local/share/zhoucun/zhoucun.sqlite` when XDG_DATA_HOME is unset).
public struct StoreOptions: ParsableArguments, Sendable {
    @Option(name: .long, help: "The database file (default: $ZHOUCUN_DB, else $XDG_DATA_HOME/zhoucun/zhoucun.sqlite).")
    public var db: String?

    public init() {}

    public var path: String {
        Self.resolve(db, environment: ProcessEnvironment.current)
    }

    /// The working-day calendar: the shipped years, `$ZHOUCUN_CALENDAR`'s, and those imported
    /// into the store (when there is one).
    public func calendar() throws -> WorkingDayCalendar {
        var calendar = try WorkingDayCalendar.standard()
        if FileManager.default.fileExists(atPath: path) {
            // Read as it is, without the migrations a store opening runs: only these two tables matter.
            var configuration = Configuration()
            configuration.readonly = true
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            try queue.read { try calendar.load(from: $0) }
        }
        return calendar
    }

    /// Whether the store was named (`--db` or `$ZHOUCUN_DB`), not left to the default.
    public var isGiven: Bool {
        db?.isEmpty == false || ProcessEnvironment.current["ZHOUCUN_DB"]?.isEmpty == false
    }

    public static func resolve(_ db: String?, environment: [String: String]) -> String {
        if let db, !db.isEmpty { return db }
        if let path = environment["ZHOUCUN_DB"], !path.isEmpty { return path }
        let data = environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.local/share"
        return data + "/zhoucun/zhoucun.sqlite"
    }
}

/// `--format table|json|csv`, for every list command; `--excel` for CSV that Excel opens right.
public struct FormatOptions: ParsableArguments, Sendable {
    @Option(name: .long, help: "Output format: table, json or csv.")
    public var format: OutputFormat = .table
    @Flag(help: "With --format csv: start with a UTF-8 byte order mark, so that Excel reads the Chinese right.")
    public var excel = false
    @Flag(help: "With --format csv: values that begin with =, +, -, @ or a tab as they are (by default they are written after a ', so that a spreadsheet shows them and runs no formula).")
    public var raw = false

    public init() {}

    public func validate() throws {
        if excel && format != .csv { throw ValidationError("--excel goes with --format csv") }
        if raw && format != .csv { throw ValidationError("--raw goes with --format csv") }
    }

    /// What the excel mark adds before CSV.
    var prefix: String { excel && format == .csv ? "\u{FEFF}" : "" }

    public func render<Row: Tabular>(_ rows: [Row]) throws -> String {
        prefix + (try Output.render(rows, as: format, raw: raw))
    }

    public func renderOne<Row: Tabular>(_ row: Row) throws -> String {
        prefix + (try Output.renderOne(row, as: format, raw: raw))
    }
}
