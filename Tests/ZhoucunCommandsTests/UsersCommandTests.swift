import Foundation
import Testing
import CommandTestSupport
import TestSupport

/// `zhoucun users`: accounts made, listed, changed and disabled from the command line, each
/// change logged under who made it, no password ever taken from an argument or printed.
@Suite struct UsersCommandTests {
    static let environment = ["ZHOUCUN_BCRYPT_COST": "4"]
    static let password = "春眠不觉晓处处闻啼鸟"

    static func users(_ arguments: [String], db: String, input: [String] = []) throws -> CLI.Result {
        try CLI.run(["users"] + arguments + ["--db", db], environment: environment, input: input)
    }

    @Test("users add takes the password from standard input, users list shows roles by their labels and never a hash")
    func addAndList() throws {
        let db = try CLI.seededDatabasePath()
        let added = try Self.users(["add", "张敏", "--unit", "区生态环境分局", "--role", "pollution", "--role", "查阅", "--password-stdin", "--by", "管理员甲"],
                                   db: db, input: [Self.password])
        #expect(added.status == 0, "\(added.stderr)")
        #expect(added.stdout == "account 张敏 opened: 查阅、重污染天气应急经办\n")
        let list = try Self.users(["list", "--format", "json"], db: db)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        #expect(rows.count == 1)
        #expect(rows.first?["roles"] as? [String] == ["pollution", "read"])
        #expect(rows.first?["unit"] as? String == "区生态环境分局")
        #expect(!list.stdout.contains("$2"), "no bcrypt hash")
        let log = try CLI.run(["log", "--module", "accounts", "--format", "json", "--db", db])
        #expect(log.stdout.contains("\"by\" : \"管理员甲\""))
        #expect(!log.stdout.contains(Self.password))
        #expect(!log.stdout.contains("$2"))
    }

    @Test("users add refuses a short password, an unknown role, a second account of one name and a missing password, writing nothing")
    func refusals() throws {
        let db = try CLI.seededDatabasePath()
        let short = try Self.users(["add", "张敏", "--role", "read", "--password-stdin"], db: db, input: ["123"])
        #expect(short.status == 1)
        #expect(short.stderr.contains("the password is 3 characters long; it needs at least 10"))
        let role = try Self.users(["add", "张敏", "--role", "boss", "--password-stdin"], db: db, input: [Self.password])
        #expect(role.status == 1)
        #expect(role.stderr.contains("no role is called boss; the roles are read (查阅)"))
        let noInput = try Self.users(["add", "张敏", "--role", "read", "--password-stdin"], db: db)
        #expect(noInput.stderr.contains("standard input holds no password line"))
        // Not a terminal and no --password-stdin: nowhere to ask.
        let noTerminal = try Self.users(["add", "张敏", "--role", "read"], db: db, input: [Self.password])
        #expect(noTerminal.status == 1)
        #expect(noTerminal.stderr.contains("give --password-stdin"))
        let empty = try Self.users(["list", "--format", "json"], db: db)
        #expect((try JSONSerialization.jsonObject(with: Data(empty.stdout.utf8)) as? [Any])?.isEmpty == true)

        #expect(try Self.users(["add", "张敏", "--role", "read", "--password-stdin"], db: db, input: [Self.password]).status == 0)
        let twice = try Self.users(["add", "张敏", "--role", "read", "--password-stdin"], db: db, input: [Self.password])
        #expect(twice.stderr.contains("there is an account 张敏 already"))
    }

    @Test("users roles adds and removes, never to none; users disable and users password are logged with the reason")
    func rolesDisableAndPassword() throws {
        let db = try CLI.seededDatabasePath()
        #expect(try Self.users(["add", "张敏", "--role", "read", "--password-stdin"], db: db, input: [Self.password]).status == 0)
        let changed = try Self.users(["roles", "张敏", "--add", "名册", "--add", "documents", "--remove", "read"], db: db)
        #expect(changed.stdout == "张敏: 名册、文件\n")
        let none = try Self.users(["roles", "张敏", "--remove", "名册", "--remove", "documents"], db: db)
        #expect(none.status == 1)
        #expect(none.stderr.contains("would keep no role"))
        let password = try Self.users(["password", "张敏", "--password-stdin"], db: db, input: ["夜来风雨声花落知多少"])
        #expect(password.stdout == "password of 张敏 set; its sessions ended\n")
        #expect(try Self.users(["disable", "张敏", "--reason", "调离本单位"], db: db).status == 0)
        let again = try Self.users(["disable", "张敏", "--reason", "调离本单位"], db: db)
        #expect(again.stderr.contains("张敏 is disabled already"))
        let list = try Self.users(["list"], db: db)
        #expect(list.stdout.contains("disabled 20"))
        let log = try CLI.run(["log", "--module", "accounts", "--db", db])
        for action in ["account-add", "account-roles", "account-password", "account-disable"] { #expect(log.stdout.contains(action), "\(action)") }
        #expect(log.stdout.contains("调离本单位"))
    }
}
