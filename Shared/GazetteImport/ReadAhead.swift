import AkomaNtoso
import Foundation
import GazetteModel

/// What the reading thread hands to the writing one, file after file, in order.
enum ReadEvent: Sendable {
    /// A file read, fingerprinted and recognised, with its bytes as imported (kept in the store);
    /// its issue, documents and end follow. `recognised` is false for a file imported with
    /// `--force` in which no 公文 was found.
    case file(sha256: String, format: String, recognised: Bool, warnings: [String], bytes: [UInt8])
    case issue(GazetteIssue)
    case document(OfficialDocument)
    case end(danglingReferences: [String], draftNamespace: String?)
    /// The file was refused. Before `.file` when it could not even be read.
    case failed(any Error)
}

/// Reads the files on a thread of its own while the caller writes what was read before: parsing
/// and mapping documents (about a third of an import) run on the second core.
///
/// The buffer holds a few events, so memory stays that of one document at a time, as in the
/// streaming reader; the reader never touches the store, so every transaction stays the caller's.
final class ReadAhead: @unchecked Sendable {
    private let condition = NSCondition()
    private var buffer: [ReadEvent] = []
    private var cancelled = false
    private let capacity: Int

    init(paths: [String], importer: Importer, capacity: Int = 8) {
        self.capacity = capacity
        let thread = Thread { [self] in read(paths, importer) }
        // As much stack as the main thread has: the mapper recurses over the element tree.
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// The next event; blocks until the reader has one.
    func next() -> ReadEvent {
        condition.lock()
        defer { condition.unlock() }
        while buffer.isEmpty { condition.wait() }
        let event = buffer.removeFirst()
        condition.broadcast()
        return event
    }

    /// Stops the reader at its next event; what it had read is dropped.
    func cancel() {
        condition.lock()
        cancelled = true
        buffer.removeAll()
        condition.broadcast()
        condition.unlock()
    }

    /// False once cancelled: the reader stops.
    private func put(_ event: ReadEvent) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while buffer.count >= capacity && !cancelled { condition.wait() }
        guard !cancelled else { return false }
        buffer.append(event)
        condition.broadcast()
        return true
    }

    private struct Cancelled: Error {}

    private func read(_ paths: [String], _ importer: Importer) {
        for path in paths {
            do {
                let bytes = try Importer.readFile(path, maximumSize: importer.maximumFileSize)
                let converted = try Importer.akomaNtoso(from: bytes, file: path, force: importer.force)
                guard put(.file(sha256: SHA256.hex(bytes), format: converted.format.rawValue, recognised: converted.recognised,
                                warnings: converted.warnings, bytes: bytes)) else { return }
                let report = try AkomaNtosoReader(units: importer.units).read(bytes: converted.xml, file: path, onIssue: { issue in
                    guard put(.issue(issue)) else { throw Cancelled() }
                }, onDocument: { document in
                    guard put(.document(document)) else { throw Cancelled() }
                })
                guard put(.end(danglingReferences: report.danglingReferences, draftNamespace: report.draftNamespace)) else { return }
            } catch is Cancelled {
                return
            } catch {
                // The writer decides: a refused file stops the import, unless it was imported before.
                guard put(.failed(error)) else { return }
            }
        }
    }
}
