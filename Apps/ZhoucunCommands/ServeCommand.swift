import ArgumentParser
import Foundation
import GazetteStore
import ModuleSpine
import ModuleSpineCLI
import ZhoucunWeb

/// `zhoucun serve`: the office's web page over the store, until Ctrl-C.
struct ServeCommand: StoreCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the office's web page (in Chinese) over the store: documents, bodies and people, each module's ledgers and reports.",
        discussion: "Every page is also JSON at its own path with `Accept: application/json`; the routes are described at /api/openapi.json."
    )
    @Option(help: "The address to listen on.") var host = "127.0.0.1"
    @Option(help: "The port (0: any free port, printed).") var port = 8080
    @OptionGroup var store: StoreOptions

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port \(port): a port is 0 to 65535") }
    }

    func run(in store: Store) throws {
        let database = try store.existing(concurrentReads: true)
        let context = store.context
        let (host, port, modules, path) = (self.host, self.port, store.modules, store.path)
        let environment = ProcessEnvironment.current
        let output = Invocation.output
        try Blocking.run {
            let site = try await OfficeSite(database: database, modules: modules, context: context, environment: environment)
            try await site.serve(host: host, port: port) { address in
                output("serving \(path) on \(address) — Ctrl-C stops\n")
                fflush(nil)
            }
        }
    }
}

/// Runs async work from a synchronous command and waits for it.
enum Blocking {
    final class Outcome: @unchecked Sendable {
        var error: (any Error)?
    }

    static func run(_ work: @escaping @Sendable () async throws -> Void) throws {
        let done = DispatchSemaphore(value: 0)
        let outcome = Outcome()
        Task {
            do { try await work() } catch { outcome.error = error }
            done.signal()
        }
        done.wait()
        if let error = outcome.error { throw error }
    }
}
