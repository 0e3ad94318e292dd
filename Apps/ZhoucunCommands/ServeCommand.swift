import ArgumentParser
import Foundation
import GazetteStore
import ModuleSpine
import ModuleSpineCLI
import OfficeAccounts
import ZhoucunWeb

/// `zhoucun serve`: the office's web page over the store, until Ctrl-C.
struct ServeCommand: StoreCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the office's web page (in Chinese) over the store: documents, bodies and people, each module's ledgers and reports.",
        discussion: """
            Every page asks its visitor to sign in with an account of the store (`zhoucun users add`); there is no default account. \
            Every page is also JSON at its own path with `Accept: application/json`; the routes are described at /api/openapi.json.
            """
    )
    @Option(help: "The address to listen on (this machine only, unless told otherwise).") var host = "127.0.0.1"
    @Option(help: "The port (0: any free port, printed).") var port = 8080
    @Flag(help: "Open the read pages to visitors who have not signed in (an intranet's choice); writes still need an account.") var publicRead = false
    @Flag(help: "The server is reached through a TLS proxy (nginx): session cookies are Secure, origins https://.") var behindTLS = false
    @Option(help: "Hours a session lasts without a request.") var sessionIdleHours: Double = Sessions.defaultIdle / 3600
    @OptionGroup var store: StoreOptions

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port \(port): a port is 0 to 65535") }
        guard sessionIdleHours > 0, sessionIdleHours <= 24 * 30 else { throw ValidationError("--session-idle-hours \(sessionIdleHours): give more than 0 and at most 720 hours") }
    }

    func run(in store: Store) throws {
        let database = try store.existing(concurrentReads: true)
        let context = store.context
        let (host, port, modules, path) = (self.host, self.port, store.modules, store.path)
        let environment = ProcessEnvironment.current
        let access = Access(publicRead: publicRead, behindTLS: behindTLS, idle: sessionIdleHours * 3600, bcryptCost: Passwords.cost(environment))
        let output = Invocation.output
        let publicRead = self.publicRead
        try Blocking.run {
            let site = try await OfficeSite(database: database, modules: modules, context: context, access: access, environment: environment)
            try await site.serve(host: host, port: port) { address in
                output("serving \(path) on \(address)\(publicRead ? " (read pages open to all)" : "") — Ctrl-C stops\n")
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
