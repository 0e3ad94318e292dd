import Foundation
import GazetteModel
import GazetteStore
import GRDB

/// A signed-in visitor: the account, and the token every form of theirs carries (CSRF).
public struct Session: Sendable, Equatable {
    /// SHA-256 of the cookie's token: the store never holds a token that would sign anyone in.
    public var tokenHash: String
    public var account: Account
    public var csrfToken: String
    public var lastSeen: Int64
}

/// Sessions kept in the store, so that a restart signs no one out.
public enum Sessions {
    /// How long a session lasts without a request: 8 hours, unless the server is told otherwise.
    public static let defaultIdle: TimeInterval = 8 * 3600
    /// A session's last use is written at most this often: a write at every page would drop the
    /// server's kept pages each time (they are kept until the store changes).
    public static let touchInterval: Int64 = 300

    /// A new session for `account`: a new token (never one the visitor brought: no fixation).
    public static func begin(for account: Account, at now: Date, in db: Database) throws -> (token: String, session: Session) {
        let token = randomToken()
        let session = Session(tokenHash: hash(token), account: account, csrfToken: randomToken(), lastSeen: seconds(now))
        try db.execute(sql: "INSERT INTO session (token_hash, account_id, csrf_token, started, last_seen) VALUES (?, ?, ?, ?, ?)",
                       arguments: [session.tokenHash, account.id, session.csrfToken, session.lastSeen, session.lastSeen])
        return (token, session)
    }

    /// The live session of a token: not ended, used within `idle`, its account enabled.
    public static func find(token: String, at now: Date, idle: TimeInterval, in db: Database) throws -> Session? {
        guard token.count == 64, token.allSatisfy(\.isHexDigit) else { return nil }
        let hash = hash(token)
        guard let row = try Row.fetchOne(db, sql: """
            SELECT s.csrf_token, s.last_seen, a.name FROM session s JOIN account a ON a.id = s.account_id
            WHERE s.token_hash = ? AND s.ended IS NULL AND a.disabled_at IS NULL AND s.last_seen >= ?
            """, arguments: [hash, seconds(now) - Int64(idle)]) else { return nil }
        guard let account = try AccountRecords.find(row["name"], in: db) else { return nil }
        return Session(tokenHash: hash, account: account, csrfToken: row["csrf_token"], lastSeen: row["last_seen"])
    }

    /// The store's key of a token.
    public static func hash(_ token: String) -> String { SHA256.hex(Array(token.utf8)) }

    /// Whether a session found earlier is still within its idle time now.
    public static func isLive(_ session: Session, at now: Date, idle: TimeInterval) -> Bool {
        seconds(now) - session.lastSeen <= Int64(idle)
    }

    /// Whether the session's last use should be written now (see `touchInterval`).
    public static func needsTouch(_ session: Session, at now: Date) -> Bool {
        seconds(now) - session.lastSeen >= touchInterval
    }

    public static func touch(_ session: Session, at now: Date, in db: Database) throws {
        try db.execute(sql: "UPDATE session SET last_seen = ? WHERE token_hash = ?", arguments: [seconds(now), session.tokenHash])
    }

    /// Signs out: the session ends, logged under its account.
    public static func end(_ session: Session, by context: OperationContext, in db: Database) throws {
        try db.execute(sql: "UPDATE session SET ended = ? WHERE token_hash = ? AND ended IS NULL", arguments: [seconds(context.now), session.tokenHash])
        try WriteLog.append(LogEntry(context.acting(as: session.account.name), action: "sign-out", module: AccountRecords.module,
                                     record: "account \(session.account.id) (\(session.account.name))", before: nil, after: nil, reason: "signed out"), in: db)
    }

    static func endAll(of accountId: Int64, at now: Date, in db: Database) throws {
        try db.execute(sql: "UPDATE session SET ended = ? WHERE account_id = ? AND ended IS NULL", arguments: [seconds(now), accountId])
    }

    /// 32 random bytes from the system's generator, in hex.
    public static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: .min ... .max, using: &generator)) }.joined()
    }

    /// Two tokens compared in time that does not depend on where they differ.
    public static func same(_ left: String, _ right: String) -> Bool {
        let a = Array(left.utf8), b = Array(right.utf8)
        guard a.count == b.count else { return false }
        return zip(a, b).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }

    static func seconds(_ date: Date) -> Int64 { Int64(date.timeIntervalSince1970.rounded(.down)) }
}

/// Signing in: the password checked against its bcrypt hash, failures counted per name whether or
/// not the account exists (so the answer never tells), and a name locked for a while after too
/// many. Every failure and every lock is logged.
public enum SignIn {
    /// This many failures for one name within `window` lock it for `lock`.
    public static let maximumFailures = 5
    public static let window: TimeInterval = 15 * 60
    public static let lock: TimeInterval = 15 * 60

    public enum Outcome: Sendable, Equatable {
        case signedIn(Account)
        /// A wrong name or password, or a disabled account: the visitor is told only that.
        case refused
        /// Too many failures for this name: refused whatever the password, until `until`.
        case locked(until: Date)
    }

    /// A hash of the same cost as the accounts', checked when the name is unknown, so that an
    /// unknown name takes as long to refuse as a wrong password.
    static func decoy(cost: UInt8) -> String {
        decoyLock.withLock {
            if let hash = decoys[cost] { return hash }
            let hash = Passwords.hash(Sessions.randomToken(), cost: cost)
            decoys[cost] = hash
            return hash
        }
    }

    private static let decoyLock = NSLock()
    nonisolated(unsafe) private static var decoys: [UInt8: String] = [:]

    public static func attempt(name: String, password: String, cost: UInt8, by context: OperationContext, in db: Database) throws -> Outcome {
        let name = String(name.trimmingCharacters(in: .whitespaces).prefix(64))
        let now = Sessions.seconds(context.now)
        // Failures too old to lock anyone are forgotten: the table holds the last half hour's.
        try db.execute(sql: "DELETE FROM login_failure WHERE at <= ?", arguments: [now - Int64(window + lock)])
        let recent = try Int64.fetchAll(db, sql: "SELECT at FROM login_failure WHERE name = ? AND at > ? ORDER BY at",
                                        arguments: [name, now - Int64(window + lock)])
        if let until = lockedUntil(recent, now: now) { return .locked(until: Date(timeIntervalSince1970: TimeInterval(until))) }

        let account = try AccountRecords.find(name, in: db)
        let hash = try account.flatMap { try AccountRecords.passwordHash(of: $0.id, in: db) } ?? decoy(cost: cost)
        let matches = Passwords.verify(password, against: hash)
        if let account, matches, !account.isDisabled {
            try WriteLog.append(LogEntry(context.acting(as: account.name), action: "sign-in", module: AccountRecords.module,
                                         record: "account \(account.id) (\(account.name))", before: nil, after: nil, reason: "signed in"), in: db)
            return .signedIn(account)
        }
        try db.execute(sql: "INSERT INTO login_failure (name, at) VALUES (?, ?)", arguments: [name, now])
        let why = account == nil ? "no such account" : account!.isDisabled ? "the account is disabled" : "wrong password"
        try WriteLog.append(LogEntry(context, action: "sign-in-failed", module: AccountRecords.module, record: "account name \(name)",
                                     before: nil, after: nil, reason: why), in: db)
        if let until = lockedUntil(recent + [now], now: now) {
            try WriteLog.append(LogEntry(context, action: "sign-in-locked", module: AccountRecords.module, record: "account name \(name)",
                                         before: nil, after: nil, reason: "\(maximumFailures) failures within \(Int(window / 60)) minutes: locked for \(Int(lock / 60)) minutes"), in: db)
            return .locked(until: Date(timeIntervalSince1970: TimeInterval(until)))
        }
        return .refused
    }

    /// When a lock from these failure times ends, if one holds now: `maximumFailures` of them
    /// within `window` lock the name for `lock` after the last of them.
    static func lockedUntil(_ failures: [Int64], now: Int64) -> Int64? {
        guard failures.count >= maximumFailures else { return nil }
        for end in stride(from: failures.count - 1, through: maximumFailures - 1, by: -1) {
            let start = failures[end - maximumFailures + 1]
            if failures[end] - start <= Int64(window) {
                let until = failures[end] + Int64(lock)
                return until > now ? until : nil
            }
        }
        return nil
    }
}
