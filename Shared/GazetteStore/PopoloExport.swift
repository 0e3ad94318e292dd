import Foundation
import GRDB
import GazetteModel

/// The rosters as Popolo JSON (persons, organizations, memberships, posts), each with its sources.
public struct Popolo: Codable, Sendable {
    public struct Source: Codable, Sendable, Equatable { public var note: String }
    public struct OtherName: Codable, Sendable, Equatable { public var name: String; public var note: String? }

    public struct Person: Codable, Sendable {
        public var id: String
        public var name: String
        public var other_names: [OtherName]
        public var sources: [Source]
    }

    public struct Organization: Codable, Sendable {
        public var id: String
        public var name: String
        public var classification: String?
        public var other_names: [OtherName]
        public var founding_date: String?
        public var sources: [Source]
    }

    public struct Membership: Codable, Sendable {
        public var id: String
        public var person_id: String
        public var organization_id: String
        public var post_id: String
        public var role: String
        public var label: String
        public var on_behalf_of_id: String?
        public var start_date: String?
        public var end_date: String?
        public var sources: [Source]
    }

    public struct Post: Codable, Sendable {
        public var id: String
        public var label: String
        public var role: String
        public var organization_id: String
    }

    public var persons: [Person] = []
    public var organizations: [Organization] = []
    public var memberships: [Membership] = []
    public var posts: [Post] = []

    /// The bodies that exist on a day and the seats in force then (every one when `on` is nil:
    /// the memberships carry their dates).
    public static func export(from db: Database, on: String? = nil) throws -> Popolo {
        var popolo = Popolo()
        let sourcesByPerson = Dictionary(grouping: try Row.fetchAll(db, sql: """
            SELECT DISTINCT m.person_id, m.citation FROM membership m JOIN document d ON d.id = m.document_id AND d.is_current = 1
            """), by: { $0["person_id"] as Int64 })
        for row in try Row.fetchAll(db, sql: "SELECT id, name FROM person ORDER BY id") {
            let id: Int64 = row["id"]
            let otherNames = try String.fetchAll(db, sql: "SELECT name FROM person_name WHERE person_id = ?", arguments: [id])
            popolo.persons.append(Person(id: "person/\(id)", name: row["name"], other_names: otherNames.map { OtherName(name: $0, note: nil) },
                                         sources: (sourcesByPerson[id] ?? []).map { Source(note: $0["citation"]) }))
        }
        for row in try Row.fetchAll(db, sql: "SELECT id, name, classification FROM organization ORDER BY id") {
            let id: Int64 = row["id"]
            let otherNames = try Row.fetchAll(db, sql: "SELECT name, source FROM organization_name WHERE organization_id = ?", arguments: [id])
            popolo.organizations.append(Organization(
                id: "organization/\(id)", name: row["name"], classification: row["classification"],
                other_names: otherNames.map { OtherName(name: $0["name"], note: $0["source"]) }, founding_date: nil, sources: []
            ))
        }
        for row in try Row.fetchAll(db, sql: """
            SELECT b.id, b.name, b.kind, b.citation, d.date FROM body b LEFT JOIN document d ON d.id = b.document_id
            WHERE \(RosterQueries.bodyInForce)\(RosterQueries.exists(on)) ORDER BY b.id
            """, arguments: ["on": on]) {
            popolo.organizations.append(Organization(
                id: "body/\(row["id"] as Int64)", name: row["name"], classification: row["kind"], other_names: [],
                founding_date: row["date"], sources: (row["citation"] as String?).map { [Source(note: $0)] } ?? []
            ))
        }
        var postIds = Set<String>()
        for row in try Row.fetchAll(db, sql: """
            SELECT m.id, m.person_id, m.body_id, m.role_label, m.role_code, m.unit_id, m.start_date, m.end_date, m.citation
            FROM membership m JOIN document d ON d.id = m.document_id AND d.is_current = 1
            JOIN body b ON b.id = m.body_id WHERE 1\(RosterQueries.inForce(on))\(RosterQueries.exists(on)) ORDER BY m.body_id, m.ord
            """, arguments: ["on": on]) {
            let bodyId: Int64 = row["body_id"]
            let code: String = row["role_code"]
            let postId = "body/\(bodyId)/post/\(code)"
            if postIds.insert(postId).inserted {
                popolo.posts.append(Post(id: postId, label: row["role_label"], role: code, organization_id: "body/\(bodyId)"))
            }
            popolo.memberships.append(Membership(
                id: "membership/\(row["id"] as Int64)", person_id: "person/\(row["person_id"] as Int64)",
                organization_id: "body/\(bodyId)", post_id: postId, role: code, label: row["role_label"],
                on_behalf_of_id: (row["unit_id"] as Int64?).map { "organization/\($0)" },
                start_date: row["start_date"], end_date: row["end_date"], sources: [Source(note: row["citation"])]
            ))
        }
        return popolo
    }

    /// People and bodies as a Graphviz graph: an edge per seat, labelled with the role.
    public static func dot(from db: Database, on: String? = nil) throws -> String {
        var lines = ["graph rosters {", "  graph [rankdir=LR, fontname=\"Noto Sans CJK SC\"];",
                     "  node [fontname=\"Noto Sans CJK SC\"];", "  edge [fontname=\"Noto Sans CJK SC\", fontsize=10];"]
        for row in try Row.fetchAll(db, sql: "SELECT b.id, b.name FROM body b WHERE \(RosterQueries.bodyInForce)\(RosterQueries.exists(on)) ORDER BY b.id",
                                    arguments: ["on": on]) {
            lines.append("  b\(row["id"] as Int64) [shape=box, style=filled, fillcolor=\"#dde8f5\", label=\(quoted(row["name"]))];")
        }
        let seats = try Row.fetchAll(db, sql: """
            SELECT DISTINCT p.id, p.name, m.body_id, m.role_label FROM membership m JOIN person p ON p.id = m.person_id
            JOIN document d ON d.id = m.document_id AND d.is_current = 1
            JOIN body b ON b.id = m.body_id WHERE 1\(RosterQueries.inForce(on))\(RosterQueries.exists(on)) ORDER BY p.id, m.body_id
            """, arguments: ["on": on])
        var people = Set<Int64>()
        for row in seats where people.insert(row["id"]).inserted {
            lines.append("  p\(row["id"] as Int64) [shape=ellipse, label=\(quoted(row["name"]))];")
        }
        for row in seats {
            lines.append("  p\(row["id"] as Int64) -- b\(row["body_id"] as Int64) [label=\(quoted(row["role_label"]))];")
        }
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
