import Foundation

/// What an account may do. The store keeps a role's code; pages and messages show its label.
public struct Role: Hashable, Sendable, Codable {
    public var code: String
    public var label: String

    public init(code: String, label: String) {
        self.code = code
        self.label = label
    }

    /// 查阅: every page, nothing written.
    public static let read = Role(code: "read", label: "查阅")
    /// 督办: the supervision ledger's writes: progress, ends, extensions, a leader's instructions.
    public static let tasks = Role(code: "tasks", label: "督办")
    /// 名册: roster changes, unit aliases, merges and splits of people.
    public static let roster = Role(code: "roster", label: "名册")
    /// 文件: imports, withdrawals and restorations of documents.
    public static let documents = Role(code: "documents", label: "文件")
    /// 管理员: accounts.
    public static let admin = Role(code: "admin", label: "管理员")
}

/// The roles of this build: the five of the office, and a clerk's role per policy module (its
/// ledgers), which the composition supplies by the modules' ids and titles.
public struct Roles: Sendable {
    public let all: [Role]

    public init(modules: [(id: String, title: String)]) {
        all = [.read] + modules.map { Role(code: $0.id, label: "\($0.title)经办") } + [.tasks, .roster, .documents, .admin]
    }

    /// A role by its code (`pollution`) or its label (`查阅`).
    public func role(_ text: String) throws -> Role {
        let text = text.trimmingCharacters(in: .whitespaces)
        guard let role = all.first(where: { $0.code == text || $0.label == text }) else {
            throw AccountError("no role is called \(text); the roles are " + all.map { "\($0.code) (\($0.label))" }.joined(separator: ", "))
        }
        return role
    }

    public func label(_ code: String) -> String {
        all.first { $0.code == code }?.label ?? code
    }

    /// The labels of these codes, in the order of `all` (查阅 first, 管理员 last).
    public func labels(_ codes: [String]) -> [String] {
        let rank = Dictionary(uniqueKeysWithValues: all.enumerated().map { ($1.code, $0) })
        return codes.sorted { (rank[$0] ?? .max, $0) < (rank[$1] ?? .max, $1) }.map(label)
    }
}
