import ArgumentParser
import GazetteStore
import ModuleSpine
import ModuleSpineCLI
import OfficeAccounts
import ZhoucunWeb

/// `zhoucun users`: the accounts that sign in to the web page, and their roles.
struct UsersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "users",
        abstract: "The web page's accounts: add, list, change roles, disable, set a password.",
        discussion: """
            Roles: read (查阅), a clerk's role per module (pollution, aml, land, bankruptcy, incentives: its ledgers), \
            tasks (督办), roster (名册), documents (文件), admin (管理员). There is no default account. A password is read from the \
            terminal without echo, or from the first line of standard input with --password-stdin; never from an argument.
            """,
        subcommands: [Add.self, List.self, Roles.self, Disable.self, Password.self]
    )

    /// `--password-stdin`, else the terminal (asked twice), else refused.
    struct PasswordInput: ParsableArguments {
        @Flag(help: "Read the password from the first line of standard input (for scripts).") var passwordStdin = false

        func read(for name: String) throws -> String {
            let input = Invocation.input
            if passwordStdin {
                guard let line = input.line(), !line.isEmpty else { throw AccountError("--password-stdin: standard input holds no password line") }
                return line
            }
            guard input.isTerminal else {
                throw AccountError("no terminal to ask the password on: give --password-stdin and the password on standard input")
            }
            Invocation.error("Password for \(name): ")
            let first = input.line(echo: false) ?? ""
            Invocation.error("Again: ")
            guard input.line(echo: false) == first else { throw AccountError("the two passwords differ; nothing was changed") }
            return first
        }
    }

    struct Add: StoreWriteCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Open an account, with its unit and roles.")
        @Argument(help: "The account's name, as it signs in and as the log names it (张敏).") var name: String
        @Option(help: "The unit the person works for (区生态环境分局).") var unit: String?
        @Option(name: .customLong("role"), help: "A role, by code or label (repeat for several).") var roles: [String] = []
        @OptionGroup var password: PasswordInput
        @OptionGroup var writer: WriterOptions
        @OptionGroup var store: StoreOptions

        func run(in store: Store) throws {
            let known = OfficeAccounts.Roles(for: store.modules)
            let roles = try self.roles.map(known.role)
            let secret = try password.read(for: name)
            let cost = Passwords.cost(ProcessEnvironment.current)
            let account = try store.write { try AccountRecords.add(name: name, unit: unit, roles: roles, password: secret, cost: cost, by: store.context, in: $0) }
            Console.print("account \(account.name) opened: " + known.labels(account.roles).joined(separator: "、"))
        }
    }

    struct List: StoreListCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "Every account with its unit, roles and state.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: FormatOptions

        func rows(in store: Store) throws -> [AccountRow] {
            let known = OfficeAccounts.Roles(for: store.modules)
            return try store.read { try AccountRecords.list(in: $0) }.map { AccountRow(account: $0, labels: known.labels($0.roles)) }
        }
    }

    struct Roles: StoreWriteCommand {
        static let configuration = CommandConfiguration(commandName: "roles", abstract: "Give an account roles, or take them away.")
        @Argument(help: "The account.") var name: String
        @Option(help: "A role to give (repeat for several).") var add: [String] = []
        @Option(help: "A role to take away (repeat for several).") var remove: [String] = []
        @OptionGroup var writer: WriterOptions
        @OptionGroup var store: StoreOptions

        func run(in store: Store) throws {
            let known = OfficeAccounts.Roles(for: store.modules)
            let (adding, removing) = (try add.map(known.role), try remove.map(known.role))
            let account = try store.write { try AccountRecords.changeRoles(name, adding: adding, removing: removing, by: store.context, in: $0) }
            Console.print("\(account.name): " + known.labels(account.roles).joined(separator: "、"))
        }
    }

    struct Disable: StoreWriteCommand {
        static let configuration = CommandConfiguration(commandName: "disable", abstract: "Disable an account and end its sessions; its history stays.")
        @Argument(help: "The account.") var name: String
        @Option(help: "Why (kept in the log).") var reason: String
        @OptionGroup var writer: WriterOptions
        @OptionGroup var store: StoreOptions

        func run(in store: Store) throws {
            try store.write { try AccountRecords.disable(name, reason: reason, by: store.context, in: $0) }
            Console.print("account \(name) disabled; its sessions ended")
        }
    }

    struct Password: StoreWriteCommand {
        static let configuration = CommandConfiguration(commandName: "password", abstract: "Set an account's password; its sessions end.")
        @Argument(help: "The account.") var name: String
        @OptionGroup var password: PasswordInput
        @OptionGroup var writer: WriterOptions
        @OptionGroup var store: StoreOptions

        func run(in store: Store) throws {
            let secret = try password.read(for: name)
            let cost = Passwords.cost(ProcessEnvironment.current)
            try store.write { try AccountRecords.setPassword(name, to: secret, cost: cost, by: store.context, in: $0) }
            Console.print("password of \(name) set; its sessions ended")
        }
    }
}

/// An account as `users list` prints it: never its password's hash.
struct AccountRow: Tabular, Encodable {
    var name: String
    var unit: String?
    var roles: [String]
    var roleLabels: [String]
    var createdAt: String
    var disabledAt: String?

    init(account: Account, labels: [String]) {
        (name, unit, roles, roleLabels, createdAt, disabledAt) = (account.name, account.unit, account.roles, labels, account.createdAt, account.disabledAt)
    }

    static let columns: [OutputColumn<AccountRow>] = [
        OutputColumn("name") { $0.name }, OutputColumn("unit") { $0.unit ?? "" },
        OutputColumn("roles") { $0.roleLabels.joined(separator: "、") },
        OutputColumn("state") { $0.disabledAt.map { "disabled \($0)" } ?? "active" },
        OutputColumn("created") { $0.createdAt },
    ]
}
