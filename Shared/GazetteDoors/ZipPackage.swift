import Foundation
import ZIPFoundation

/// A zip container (OFD, DOCX), read from a private temporary copy and never unpacked to disk.
/// Each entry is capped, and so is the total: a zip bomb stops at the cap, whatever its headers
/// claim.
struct ZipPackage {
    let archive: Archive
    let file: String
    /// The package's own size: no entry is packed into more.
    let size: Int
    static let entryLimit = 64 << 20
    static let totalLimit = 256 << 20
    private var extracted = 0

    init(_ bytes: [UInt8], file: String) throws {
        self.file = file
        size = bytes.count
        // ZIPFoundation's in-memory archive traps on an entry that points past the end of the data
        // (found by the fuzzer); its file-backed one reports it. The copy is unlinked once open.
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("zhoucun-\(UUID().uuidString).zip")
        do {
            try Data(bytes).write(to: copy, options: .atomic)
        } catch {
            throw DoorError(file: file, message: "cannot make the private copy it is read from in \(copy.deletingLastPathComponent().path) (set $TMPDIR to a folder with room): \(error.localizedDescription)")
        }
        defer { try? FileManager.default.removeItem(at: copy) }
        // ZIPFoundation leaves encrypted entries out of the archive, as if they were not there.
        if let locked = Self.encryptedEntry(in: bytes) {
            throw DoorError(file: file, part: locked, message: "the entry is encrypted (the package has a password): save the document again without one")
        }
        do {
            archive = try Archive(url: copy, accessMode: .read)
        } catch {
            throw DoorError(file: file, message: "not a readable zip archive: \(error)")
        }
        // Two entries under one name: which one a reader takes is anyone's guess.
        var seen = Set<String>()
        for entry in archive where !seen.insert(Self.normal(entry.path).lowercased()).inserted {
            throw DoorError(file: file, part: entry.path, message: "the package holds two entries under this name; it is not a package as written")
        }
    }

    /// The name of the first entry whose central directory record sets the encryption flag
    /// (general purpose bit 0, APPNOTE 4.4.4), read from the end of central directory record.
    static func encryptedEntry(in bytes: [UInt8]) -> String? {
        func u16(_ at: Int) -> Int { at + 2 <= bytes.count ? Int(bytes[at]) | Int(bytes[at + 1]) << 8 : 0 }
        func u32(_ at: Int) -> Int { at + 4 <= bytes.count ? u16(at) | u16(at + 2) << 16 : 0 }
        // The end record is in the last 22 bytes plus a comment of at most 65,535.
        guard bytes.count >= 22 else { return nil }
        var end = bytes.count - 22
        let lowest = max(0, bytes.count - 22 - 65_535)
        while end >= lowest, u32(end) != 0x0605_4B50 { end -= 1 }
        guard end >= lowest else { return nil }
        var at = u32(end + 16)
        for _ in 0 ..< u16(end + 10) {
            guard at + 46 <= bytes.count, u32(at) == 0x0201_4B50 else { return nil }
            let nameLength = u16(at + 28)
            if u16(at + 8) & 1 != 0 {
                return String(decoding: bytes[(at + 46) ..< min(bytes.count, at + 46 + nameLength)], as: UTF8.self)
            }
            at += 46 + nameLength + u16(at + 30) + u16(at + 32)
        }
        return nil
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
        // A header that claims more packed bytes than the package holds would have the reader
        // inflate nothing, chunk after chunk (found by the fuzzer).
        guard entry.compressedSize <= Int64(size) else {
            throw DoorError(file: file, part: path, message: "the entry claims \(entry.compressedSize) packed bytes in a package of \(size)")
        }
        guard entry.uncompressedSize <= Self.entryLimit else {
            throw DoorError(file: file, part: path, message: "the entry is \(entry.uncompressedSize) bytes unpacked, over the limit of \(Self.entryLimit)")
        }
        // ZIPFoundation inflates until the stream ends: a stream cut short makes it wait for bytes
        // that never come (found by the fuzzer). It unpacks on a thread of its own, given time in
        // proportion to the entry; one that does not end is refused, and the package dropped.
        let unpacking = Unpacking()
        let limit = Self.entryLimit, total = Self.totalLimit, before = extracted
        // The archive and the entry go to that thread alone; this one only waits.
        nonisolated(unsafe) let archive = self.archive
        nonisolated(unsafe) let packed = entry
        let thread = Thread {
            var result: [UInt8] = []
            var read = before
            do {
                _ = try archive.extract(packed, skipCRC32: false) { chunk in
                    read += chunk.count
                    // Headers can lie about sizes: count what actually comes out.
                    if read > total || result.count + chunk.count > limit { throw ZipLimit() }
                    result += chunk
                }
                unpacking.finish(.success((result, read)))
            } catch {
                unpacking.finish(.failure(error))
            }
        }
        thread.start()
        guard let outcome = unpacking.wait(seconds: 5 + Double(entry.compressedSize) / 1_000_000) else {
            throw DoorError(file: file, part: path, message: "the entry does not unpack: its packed data ends before its stream does")
        }
        let result: [UInt8], read: Int
        do {
            (result, read) = try outcome.get()
        } catch is ZipLimit {
            throw DoorError(file: file, part: path, message: "unpacks to more than the limit (\(Self.entryLimit) bytes an entry, \(Self.totalLimit) in all): refused as a zip bomb")
        } catch {
            throw DoorError(file: file, part: path, message: "cannot unpack the entry: \(error)")
        }
        extracted = read
        // What came out must be what was packed: the entry's CRC-32 (ZIPFoundation's consumer
        // reader leaves it unchecked).
        let checksum = Data(result).crc32(checksum: 0)
        guard checksum == entry.checksum else {
            throw DoorError(file: file, part: path, message: String(format: "the entry is damaged: its CRC-32 is %08X, its header says %08X", checksum, entry.checksum))
        }
        return result
    }

    private struct ZipLimit: Error {}

    /// What the unpacking thread hands back, once.
    private final class Unpacking: @unchecked Sendable {
        private let condition = NSCondition()
        private var outcome: Result<([UInt8], Int), any Error>?

        func finish(_ result: Result<([UInt8], Int), any Error>) {
            condition.lock()
            outcome = result
            condition.signal()
            condition.unlock()
        }

        func wait(seconds: Double) -> Result<([UInt8], Int), any Error>? {
            condition.lock()
            defer { condition.unlock() }
            let deadline = Date(timeIntervalSinceNow: seconds)
            while outcome == nil, condition.wait(until: deadline) {}
            return outcome
        }
    }

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
