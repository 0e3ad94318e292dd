import Foundation
import GRDB
import Testing
import GazetteModel
import TestSupport
@testable import GazetteStore

@Suite("The store")
struct StoreTests {
    @Test("WAL, foreign keys, and the shared schema on a fresh file")
    func fresh() throws {
        let database = try Fixtures.database()
        let (journal, foreignKeys, hasTable) = try database.writer.read { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Bool.fetchOne(db, sql: "PRAGMA foreign_keys"), try db.tableExists("membership"))
        }
        #expect(journal == "wal")
        #expect(foreignKeys == true)
        #expect(hasTable)
    }

    @Test("Opening an up-to-date store and reading it writes nothing: the file keeps every byte")
    func readsDoNotWrite() throws {
        let path = try Fixtures.seededDatabase().path!
        // The store above is closed by now: its WAL is folded into the file and removed.
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        do {
            let database = try GazetteDatabase(path: path, migrations: [])
            let documents = try database.writer.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM document") }
            #expect((documents ?? 0) > 0)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
    }

    @Test("A database written by a newer schema is refused with a clear message, and left alone")
    func newerSchema() throws {
        let path = try Fixtures.temporaryFolder().appendingPathComponent("newer.sqlite").path
        let future = MigrationSet(owner: "future") { migrator in
            migrator.registerMigration("future.v1") { db in try db.execute(sql: "CREATE TABLE future_table (id INTEGER)") }
        }
        _ = try GazetteDatabase(path: path, migrations: [future])
        #expect {
            _ = try GazetteDatabase(path: path, migrations: [])
        } throws: { error in
            String(describing: error).contains("newer zhoucun") && String(describing: error).contains("future.v1")
        }
        // Opening with the migrations it knows still works.
        _ = try GazetteDatabase(path: path, migrations: [future])
    }

    @Test("Documents keep their versions; an identical one is unchanged")
    func versions() throws {
        let database = try Fixtures.database()
        var document = OfficialDocument(number: "周政办字〔2020〕39号", title: "某通知", date: "2020-10-17",
                                        body: [Section(number: SectionNumber(level: 1, label: "一"), heading: "总则", blocks: [.paragraph(Paragraph(text: "原文。"))])])
        let first = try database.writer.write { try DocumentStore.store(document, issueId: nil, source: nil, at: Fixtures.context.timestamp, in: $0) }
        let same = try database.writer.write { try DocumentStore.store(document, issueId: nil, source: nil, at: Fixtures.context.timestamp, in: $0) }
        #expect(same == .unchanged(id: first.documentId))
        document.body[0].blocks = [.paragraph(Paragraph(text: "新文。"))]
        let second = try database.writer.write { try DocumentStore.store(document, issueId: nil, source: nil, at: Fixtures.context.timestamp, in: $0) }
        guard case .updated(_, let version, _) = second else { Issue.record("expected a new version"); return }
        #expect(version == 2)
        let found = try #require(try database.writer.read { try DocumentQueries.find("周政办字[2020]39号", in: $0) })
        #expect(found.document.body[0].text.contains("新文"))
        #expect(try database.writer.read { try DocumentQueries.versions(of: "周政办字〔2020〕39号", in: $0) }.count == 2)
    }
}
