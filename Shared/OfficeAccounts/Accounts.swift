import Foundation
import GazetteStore
import GRDB
import HummingbirdBcrypt

/// One account of the office: who signs in to the web page, for which unit, with which roles.
public struct Account: Codable, Sendable, Equatable {
    public var id: Int64
    public var name: String
    public var unit: String?
    /// Role codes, sorted.
    public var roles: [String]
    public var createdAt: String
    public var disabledAt: String?

    public var isDisabled: Bool { disabledAt != nil }
    public func holds(_ role: Role) -> Bool { roles.contains(role.code) }
}

/// Passwords: bcrypt (salted, slow by design), never stored or logged as typed.
public enum Passwords {
    /// bcrypt's cost (2^cost rounds): 12 unless `$ZHOUCUN_BCRYPT_COST` says otherwise (4 to 31:
    /// a test makes its accounts at 4). A hash carries its cost, so a changed cost never locks
    /// anyone out.
    public static func cost(_ environment: [String: String]) -> UInt8 {
        environment["ZHOUCUN_BCRYPT_COST"].flatMap(UInt8.init).map { min(max($0, 4), 31) } ?? 12
    }

    /// At least 10 characters, not the account's name.
    public static func check(_ password: String, for name: String) throws {
        guard password.count >= 10 else { throw AccountError("the password is \(password.count) characters long; it needs at least 10") }
        guard password != name else { throw AccountError("the password is the account's name") }
        // bcrypt reads 72 bytes and stops at a NUL: a longer password would be only partly checked.
        guard password.utf8.count <= 72, !password.utf8.contains(0) else { throw AccountError("the password is longer than bcrypt's 72 bytes, or holds a NUL") }
    }

    public static func hash(_ password: String, cost: UInt8) -> String {
        Bcrypt.hash(password, cost: cost)
    }

    public static func verify(_ password: String, against hash: String) -> Bool {
        Bcrypt.verify(password, hash: hash)
    }
}

/// The accounts in the store, each change logged under the person who makes it.
public enum AccountRecords {
    static let module = "accounts"

    public static func add(name: String, unit: String?, roles: [Role], password: String, cost: UInt8,
                           by context: OperationContext, in db: Database) throws -> Account {
        let name = try checkedName(name)
        guard try find(name, in: db) == nil else { throw AccountError("there is an account \(name) already") }
        guard !roles.isEmpty else { throw AccountError("give the account at least one role (--role)") }
        try Passwords.check(password, for: name)
        try db.execute(sql: "INSERT INTO account (name, unit, password_hash, created_at) VALUES (?, ?, ?, ?)",
                       arguments: [name, unit, Passwords.hash(password, cost: cost), context.timestamp])
        let id = db.lastInsertedRowID
        for role in roles { try db.execute(sql: "INSERT OR IGNORE INTO account_role (account_id, role) VALUES (?, ?)", arguments: [id, role.code]) }
        let account = try require(name, in: db)
        try WriteLog.append(LogEntry(context, action: "account-add", module: module, record: "account \(id) (\(name))", before: nil,
                                     after: describe(account), reason: "new account"), in: db)
        return account
    }

    public static func list(in db: Database) throws -> [Account] {
        try Row.fetchAll(db, sql: selectSQL + " ORDER BY a.name").map(account)
    }

    public static func find(_ name: String, in db: Database) throws -> Account? {
        try Row.fetchOne(db, sql: selectSQL + " WHERE a.name = ?", arguments: [name.trimmingCharacters(in: .whitespaces)]).map(account)
    }

    public static func require(_ name: String, in db: Database) throws -> Account {
        guard let account = try find(name, in: db) else { throw AccountError("there is no account \(name); `zhoucun users list` lists them") }
        return account
    }

    public static func changeRoles(_ name: String, adding: [Role], removing: [Role], by context: OperationContext, in db: Database) throws -> Account {
        let before = try require(name, in: db)
        guard !adding.isEmpty || !removing.isEmpty else { throw AccountError("say which roles to --add or --remove") }
        for role in adding { try db.execute(sql: "INSERT OR IGNORE INTO account_role (account_id, role) VALUES (?, ?)", arguments: [before.id, role.code]) }
        for role in removing { try db.execute(sql: "DELETE FROM account_role WHERE account_id = ? AND role = ?", arguments: [before.id, role.code]) }
        let after = try require(name, in: db)
        guard !after.roles.isEmpty else { throw AccountError("\(name) would keep no role; disable the account instead (`users disable`)") }
        try WriteLog.append(LogEntry(context, action: "account-roles", module: module, record: "account \(before.id) (\(name))",
                                     before: describe(before), after: describe(after), reason: "roles changed"), in: db)
        return after
    }

    /// Disables an account and ends its sessions; its history stays.
    public static func disable(_ name: String, reason: String, by context: OperationContext, in db: Database) throws {
        let account = try require(name, in: db)
        guard !account.isDisabled else { throw AccountError("\(name) is disabled already (since \(account.disabledAt ?? ""))") }
        guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else { throw AccountError("--reason is blank: say why the account is disabled") }
        try db.execute(sql: "UPDATE account SET disabled_at = ? WHERE id = ?", arguments: [context.timestamp, account.id])
        try Sessions.endAll(of: account.id, at: context.now, in: db)
        try WriteLog.append(LogEntry(context, action: "account-disable", module: module, record: "account \(account.id) (\(name))",
                                     before: describe(account), after: "disabled", reason: reason), in: db)
    }

    /// A new password; the account's sessions end, so that whoever knew the old one is out.
    public static func setPassword(_ name: String, to password: String, cost: UInt8, by context: OperationContext, in db: Database) throws {
        let account = try require(name, in: db)
        try Passwords.check(password, for: account.name)
        try db.execute(sql: "UPDATE account SET password_hash = ? WHERE id = ?", arguments: [Passwords.hash(password, cost: cost), account.id])
        try Sessions.endAll(of: account.id, at: context.now, in: db)
        try WriteLog.append(LogEntry(context, action: "account-password", module: module, record: "account \(account.id) (\(name))",
                                     before: nil, after: nil, reason: "password set"), in: db)
    }

    static func passwordHash(of id: Int64, in db: Database) throws -> String? {
        try String.fetchOne(db, sql: "SELECT password_hash FROM account WHERE id = ?", arguments: [id])
    }

    static func checkedName(_ name: String) throws -> String {
        let name = name.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.count <= 64, !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw AccountError("an account's name is 1 to 64 characters, none of them a control character")
        }
        return name
    }

    static let selectSQL = """
        SELECT a.id, a.name, a.unit, a.created_at, a.disabled_at,
               (SELECT json_group_array(role) FROM (SELECT role FROM account_role WHERE account_id = a.id ORDER BY role)) AS roles
        FROM account a
        """

    static func account(_ row: Row) throws -> Account {
        let roles = try JSONDecoder().decode([String].self, from: Data((row["roles"] as String? ?? "[]").utf8))
        return Account(id: row["id"], name: row["name"], unit: row["unit"], roles: roles, createdAt: row["created_at"], disabledAt: row["disabled_at"])
    }

    static func describe(_ account: Account) -> String {
        "roles " + account.roles.joined(separator: ",") + (account.unit.map { ", unit \($0)" } ?? "")
    }
}
