import Foundation

/// The district's towns and sub-districts (镇、街道), from reference data with its source
/// (`Data/towns.csv`): every town a clerk types is one of them, by its full name or its short form.
public struct Towns: Sendable {
    public struct Town: Sendable, Equatable {
        public var name: String
        /// `镇`, `街道`, or `开发区` for the development zone that takes the towns' tasks.
        public var kind: String
        public var short: String?
        public var code: String?
    }

    public let towns: [Town]

    /// The towns of 周村区, as shipped.
    public static let standard: Towns = {
        guard let url = Bundle.module.url(forResource: "towns", withExtension: "csv"),
              let text = try? String(contentsOf: url, encoding: .utf8),
              let table = try? CSVTable(text: text, file: "towns.csv", columns: [.init("name"), .init("kind"), .init("short"), .init("code"), .init("source")], comments: true)
        else { return Towns(towns: []) }
        return Towns(towns: table.rows.compactMap { row in
            row.value("name").map { Town(name: $0, kind: row.value("kind") ?? "", short: row.value("short").flatMap { $0.isEmpty ? nil : $0 },
                                         code: row.value("code").flatMap { $0.isEmpty ? nil : $0 }) }
        })
    }()

    /// A town as typed (`南郊镇`, `南郊 镇`, `南郊`): its full name, and a note when a short form was
    /// read as it (`南郊 read as 南郊镇`); else why it is none, with the towns there are.
    public func resolve(_ typed: String) -> Result<(name: String, note: String?), TypedError> {
        let key = Normalize.key(typed)
        if let town = towns.first(where: { $0.name == key }) { return .success((town.name, nil)) }
        if let town = towns.first(where: { $0.short == key || $0.name == key + "街道" || $0.name == key + "镇" }) {
            return .success((town.name, "\(typed) read as \(town.name)"))
        }
        return .failure(TypedError("\(typed) is not a town or sub-district of 周村区 (its 镇、街道: \(towns.map(\.name).joined(separator: "、")))"))
    }
}
