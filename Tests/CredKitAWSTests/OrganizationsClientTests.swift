import CredKitAWS
import CredKitTestSupport
import Foundation
import Testing

/// `ListAccounts` against a loopback server answering as AWS Organizations does (moto cannot make
/// twenty thousand accounts quickly); the answers use the member names of botocore's `Account` shape.
@Suite("Organizations ListAccounts: pages and limits")
struct OrganizationsClientTests {
    /// Serves `total` accounts in pages of `page`, the last `bad` of them with a malformed Id;
    /// prints the port, then the number of requests when stdin closes.
    static let stub = #"""
    import json, sys, threading, botocore.session
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
    total, page, bad = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    model = botocore.session.get_session().get_service_model("organizations")
    members = set(model.shape_for("Account").members)
    assert {"Id", "Arn", "Email", "Name", "Status", "State", "JoinedMethod", "JoinedTimestamp"} <= members
    assert set(model.operation_model("ListAccounts").output_shape.members) == {"Accounts", "NextToken"}
    seen = []
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args): pass
        def do_POST(self):
            body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
            assert self.headers["X-Amz-Target"] == "AWSOrganizationsV20161128.ListAccounts"
            seen.append(body)
            start = int(body.get("NextToken", "0"))
            accounts = []
            for n in range(start, min(total, start + page)):
                account = "%012d" % (100000000000 + n) if n < total - bad else "12345"
                accounts.append({"Id": account, "Arn": f"arn:aws:organizations::111111111111:account/o-exampleorgid/{account}",
                                 "Email": f"a{n}@corp.test", "Name": f"account-{n}", "Status": "ACTIVE",
                                 "State": "SUSPENDED" if n == 1 else "ACTIVE", "JoinedMethod": "CREATED", "JoinedTimestamp": 1.7e9})
            answer = {"Accounts": accounts}
            if start + page < total:
                answer["NextToken"] = str(start + page)
            data = json.dumps(answer).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/x-amz-json-1.1")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    print(server.server_address[1], flush=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    sys.stdin.read()
    print(len(seen), flush=True)
    """#

    /// The stub server with this test's script.
    final class Stub: @unchecked Sendable {
        let server: PythonStubServer
        var port: Int { server.port }

        init(total: Int, page: Int, bad: Int = 0) throws {
            server = try PythonStubServer(script: OrganizationsClientTests.stub, arguments: [String(total), String(page), String(bad)])
        }

        /// Stops the stub and returns how many requests it saw.
        func finish() -> Int { server.finish() }
    }

    static func client(_ stub: Stub) -> OrganizationsClient {
        var configuration = AWSClientConfiguration(
            credentials: AWSCredentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "secret", source: "test"),
            region: "us-east-1", endpointURL: URL(string: "http://127.0.0.1:\(stub.port)/"))
        configuration.timeout = 600
        return OrganizationsClient(configuration: configuration)
    }

    @Test func readsEveryPageWithStates() async throws {
        let stub = try Stub(total: 45, page: 20)
        let accounts = try await Self.client(stub).listAccounts()
        #expect(stub.finish() == 3)
        #expect(accounts.count == 45)
        #expect(accounts.first == OrganizationAccount(id: "100000000000", name: "account-0", state: "ACTIVE"))
        #expect(accounts[1].state == "SUSPENDED" && !accounts[1].isActive, "State wins over the older Status")
    }

    @Test func takesTheMaximumAndStopsOnePast() async throws {
        let atLimit = try Stub(total: OrganizationsClient.maximumAccounts, page: 5_000)
        #expect(try await Self.client(atLimit).listAccounts().count == OrganizationsClient.maximumAccounts)
        _ = atLimit.finish()
        let onePast = try Stub(total: OrganizationsClient.maximumAccounts + 1, page: 5_000)
        let error = await #expect(throws: AWSError.self) { try await Self.client(onePast).listAccounts() }
        #expect(error?.reason.contains("more than \(OrganizationsClient.maximumAccounts) accounts (maximumAccounts)") == true)
        #expect(onePast.finish() == 5)
    }

    @Test func refusesAnAccountWithoutATwelveDigitID() async throws {
        let stub = try Stub(total: 3, page: 20, bad: 1)
        let error = await #expect(throws: AWSError.self) { try await Self.client(stub).listAccounts() }
        #expect(error?.reason == "ListAccounts: an account without a 12-digit Id")
        _ = stub.finish()
    }

    @Test func aServerThatPagesForeverIsCutOffAtTheLimit() async throws {
        let stub = try Stub(total: 1_000_000_000, page: 7_000)
        let error = await #expect(throws: AWSError.self) { try await Self.client(stub).listAccounts() }
        #expect(error?.reason.contains("(maximumAccounts)") == true)
        #expect(stub.finish() == 3, "checked page by page: stops at the page that passes the limit")
    }

    /// The global endpoint of each partition, as botocore's endpoints.json gives it
    /// (`partitionEndpoint` with its `credentialScope`).
    @Test(arguments: [("eu-west-1", "https://organizations.us-east-1.amazonaws.com/", "us-east-1"),
                      ("cn-north-1", "https://organizations.cn-northwest-1.amazonaws.com.cn/", "cn-northwest-1"),
                      ("us-gov-east-1", "https://organizations.us-gov-west-1.amazonaws.com/", "us-gov-west-1")])
    func endpointIsThePartitionsGlobalOne(_ region: String, _ url: String, _ signingRegion: String) {
        let configuration = AWSClientConfiguration(
            credentials: AWSCredentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "secret", source: "test"), region: region)
        let endpoint = configuration.endpoint(for: .organizations)
        #expect(endpoint.url.absoluteString == url)
        #expect(endpoint.signingRegion == signingRegion)
        #expect(OrganizationsClient(configuration: configuration).json.targetPrefix == "AWSOrganizationsV20161128")
    }
}
