import Foundation
import GazetteModel

/// Who acts, and when, for one operation. The edge makes it (the command line from `--by` and the
/// environment, the web page from the account that signed in); every write takes it, and nothing
/// below it reads the user, the clock or the time zone of the process.
public struct OperationContext: Sendable {
    /// The person who acts, as the write log names them.
    public var actor: String
    /// Where they act from: the log marks each write with it.
    public var channel: Channel
    /// The office's time zone: times are written in it with their offset, and days are counted in it.
    public var timeZone: TimeZone
    private let clock: @Sendable () -> Date

    public init(actor: String, channel: Channel = .commandLine, timeZone: TimeZone = OfficeClock.defaultTimeZone,
                clock: @escaping @Sendable () -> Date = { Date() }) {
        self.actor = actor
        self.channel = channel
        self.timeZone = timeZone
        self.clock = clock
    }

    /// The context of a process: `by`, else `$ZHOUCUN_USER`, else the OS user; the time zone
    /// `$ZHOUCUN_TIMEZONE`, else Asia/Shanghai.
    public static func from(environment: [String: String], by: String? = nil) -> OperationContext {
        let actor = [by, environment["ZHOUCUN_USER"], environment["USER"]].lazy.compactMap { $0 }
            .first { !$0.trimmingCharacters(in: .whitespaces).isEmpty } ?? NSUserName()
        return OperationContext(actor: actor, timeZone: OfficeClock.timeZone(environment))
    }

    /// The same context, acting as someone else (`--by`).
    public func acting(as person: String?) -> OperationContext {
        guard let person, !person.trimmingCharacters(in: .whitespaces).isEmpty else { return self }
        var context = self
        context.actor = person
        return context
    }

    /// The same context, for an account signed in to the web page: the log names the account.
    public func onWebPage(as account: String) -> OperationContext {
        var context = self
        context.actor = account
        context.channel = .webPage
        return context
    }

    /// Now, as an instant.
    public var now: Date { clock() }

    /// Today in the office's time zone.
    public var today: CivilDate { OfficeClock.day(of: now, in: timeZone) }

    /// Now, as the store writes it (`2026-12-02T09:30:00+08:00`).
    public var timestamp: String { OfficeClock.string(now, in: timeZone) }
}

/// Where a write comes from. A write from the command line names whoever `--by` or
/// `$ZHOUCUN_USER` says (or the OS user); one from the web page, the account signed in.
public enum Channel: String, Codable, Sendable {
    /// 命令行
    case commandLine = "cli"
    /// 网页
    case webPage = "web"

    public var label: String {
        switch self {
        case .commandLine: "命令行"
        case .webPage: "网页"
        }
    }
}

/// The environment of the process, or of the one invocation running in it (a command run in
/// process by a test or a server sets its own): read only at the edge.
public enum ProcessEnvironment {
    @TaskLocal public static var current: [String: String] = ProcessInfo.processInfo.environment
}
