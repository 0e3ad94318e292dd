import ArgumentParser
import Foundation
import GazetteStore

/// `--db PATH`, else `$ZHOUCUN_DB`, else `$XDG_DATA_HOME/zhoucun/zhoucun.sqlite`
/// (`~/.local/share/zhoucun/zhoucun.sqlite` when XDG_DATA_HOME is unset).
public struct StoreOptions: ParsableArguments, Sendable {
    @Option(name: .long, help: "The database file (default: $ZHOUCUN_DB, else $XDG_DATA_HOME/zhoucun/zhoucun.sqlite).")
    public var db: String?

    public init() {}

    public var path: String {
        Self.resolve(db, environment: ProcessInfo.processInfo.environment)
    }

    /// Whether the store was named (`--db` or `$ZHOUCUN_DB`), not left to the default.
    public var isGiven: Bool {
        db?.isEmpty == false || ProcessInfo.processInfo.environment["ZHOUCUN_DB"]?.isEmpty == false
    }

    public static func resolve(_ db: String?, environment: [String: String]) -> String {
        if let db, !db.isEmpty { return db }
        if let path = environment["ZHOUCUN_DB"], !path.isEmpty { return path }
        let data = environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.local/share"
        return data + "/zhoucun/zhoucun.sqlite"
    }
}

/// `--format table|json|csv`, for every list command.
public struct FormatOptions: ParsableArguments, Sendable {
    @Option(name: .long, help: "Output format: table, json or csv.")
    public var format: OutputFormat = .table

    public init() {}
}
