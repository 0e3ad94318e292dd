import Foundation

/// One entry of a corpus's `golden.json`: what a careful reader finds in one file.
public struct GoldenFile: Decodable, Sendable {
    public struct Document: Decodable, Sendable {
        public var number: String?
        public var title: String?
        public var issuer: String?
        public var date: String?
    }

    public struct Body: Decodable, Sendable {
        public var name: String
        /// (name, role) in printed order.
        public var members: [[String]]
        public var truncated: Bool?
    }

    public var file: String
    public var documents: [Document]
    public var bodies: [Body]?
}

/// A corpus: a folder with `texts/` and `golden.json`.
public struct Corpus: Sendable {
    public var folder: URL
    public var entries: [GoldenFile]

    public init(folder: URL) throws {
        self.folder = folder
        let data = try Data(contentsOf: folder.appendingPathComponent("golden.json"))
        entries = try JSONDecoder().decode([GoldenFile].self, from: data)
    }

    public func text(_ entry: GoldenFile) -> URL {
        folder.appendingPathComponent("texts").appendingPathComponent(entry.file)
    }
}
