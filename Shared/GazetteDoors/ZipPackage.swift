import Foundation
import ZIPFoundation

/// A zip container (OFD, DOCX), read from a private temporary copy and never unpacked to disk.
/// Each entry is capped, and so is the total: a zip bomb stops at the cap, whatever its headers
/// claim.
struct ZipPackage {
    let archive: Archive
    let file: String
    static let entryLimit = 64 << 20
    static let totalLimit = 256 << 20
    private var extracted = 0

    init(_ bytes: [UInt8], file: String) throws {
        self.file = file
        // ZIPFoundation's in-memory archive traps on an entry that points past the end of the data
        // (found by the fuzzer); its file-backed one reports it. The copy is unlinked once open.
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("zhoucun-\(UUID().uuidString).zip")
        do {
            try Data(bytes).write(to: copy, options: .atomic)
            defer { try? FileManager.default.removeItem(at: copy) }
            archive = try Archive(url: copy, accessMode: .read)
        } catch {
            throw DoorError(file: file, message: "not a readable zip archive: \(error)")
        }
    }

    /// Entry names as stored, folders left out.
    var paths: [String] { archive.compactMap { $0.type == .file ? $0.path : nil } }

    /// The entry at a path (`/Doc_0/Document.xml` and `Doc_0/Document.xml` alike; case ignored,
    /// as some writers vary it), or nil.
    func entry(_ path: String) -> Entry? {
        let wanted = Self.normal(path)
        return archive.first { Self.normal($0.path).caseInsensitiveCompare(wanted) == .orderedSame }
    }

    mutating func bytes(_ path: String) throws -> [UInt8] {
        guard let entry = entry(path) else {
            throw DoorError(file: file, part: path, message: "the package has no such entry")
        }
        guard entry.uncompressedSize <= Self.entryLimit else {
            throw DoorError(file: file, part: path, message: "the entry is \(entry.uncompressedSize) bytes unpacked, over the limit of \(Self.entryLimit)")
        }
        var result: [UInt8] = []
        var read = extracted
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                read += chunk.count
                // Headers can lie about sizes: count what actually comes out.
                if read > Self.totalLimit || result.count + chunk.count > Self.entryLimit { throw ZipLimit() }
                result += chunk
            }
        } catch is ZipLimit {
            throw DoorError(file: file, part: path, message: "unpacks to more than the limit (\(Self.entryLimit) bytes an entry, \(Self.totalLimit) in all): refused as a zip bomb")
        } catch {
            throw DoorError(file: file, part: path, message: "cannot unpack the entry: \(error)")
        }
        extracted = read
        return result
    }

    private struct ZipLimit: Error {}

    /// A location inside the package, resolved against the part that names it: `../` may not
    /// climb out of the package.
    func resolve(_ location: String, from base: String) throws -> String {
        let trimmed = location.trimmingCharacters(in: .whitespacesAndNewlines)
        var parts: [Substring] = trimmed.hasPrefix("/") ? [] : base.split(separator: "/").dropLast()
        for component in trimmed.split(separator: "/") {
            switch component {
            case ".": continue
            case "..":
                guard !parts.isEmpty else {
                    throw DoorError(file: file, part: base, message: "the location \(location) climbs out of the package")
                }
                parts.removeLast()
            default: parts.append(component)
            }
        }
        return parts.joined(separator: "/")
    }

    static func normal(_ path: String) -> String {
        var path = path.replacingOccurrences(of: "\\", with: "/")
        while path.hasPrefix("/") { path.removeFirst() }
        return path
    }
}
